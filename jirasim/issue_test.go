package jirasim

import (
	"net/url"
	"strconv"
	"testing"
	"time"

	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

type changelogBean struct {
	Self, NextPage      string
	MaxResults, StartAt int
	Total               int
	IsLast              bool
	Values              []struct{ ID, Created string }
	ErrorMessages       []string
}

// histIDs lists history ids of an embedded changelog, in order.
func histIDs(p searchPage) (ids []string, total int) {
	cl := p.Issues[0].Changelog
	for _, h := range cl.Histories {
		ids = append(ids, h.ID)
	}
	return ids, cl.Total
}

func TestEmbeddedChangelogTruncation(t *testing.T) {
	tests := []struct {
		flavor      model.Flavor
		path        string
		first, last string // ids at both ends of the embedded page
	}{
		// Cloud embeds the 100 newest, newest first.
		{model.Cloud, "/rest/api/2/search/jql", "100129", "100030"},
		// Server/DC embeds the first 100, oldest first.
		{model.Server, "/rest/api/2/search", "100000", "100099"},
	}
	for _, tc := range tests {
		t.Run(string(tc.flavor), func(t *testing.T) {
			_, hs := startSim(t, tinyDataset(3), authOpts(tc.flavor))
			var p searchPage
			q := url.Values{"jql": {"key = ABC-1"}, "expand": {"changelog"}, "fields": {"summary"}}
			if st := call(t, hs, tc.flavor, tc.path, q, &p); st != 200 {
				t.Fatalf("status %d", st)
			}
			ids, total := histIDs(p)
			if total != 130 || len(ids) != 100 || ids[0] != tc.first || ids[99] != tc.last {
				t.Errorf("got %d histories of total %d, %s..%s; want 100 of 130, %s..%s", len(ids), total, ids[0], ids[len(ids)-1], tc.first, tc.last)
			}
			if cl := p.Issues[0].Changelog; cl.MaxResults != 100 || cl.StartAt != 0 {
				t.Errorf("changelog startAt/maxResults = %d/%d", cl.StartAt, cl.MaxResults)
			}
		})
	}
}

func TestServerIssueExpandChangelogIsComplete(t *testing.T) {
	_, hs := startSim(t, tinyDataset(3), authOpts(model.Server))
	var is struct {
		Key       string
		Changelog struct {
			Total     int
			Histories []struct{ ID string }
		}
		Fields map[string]any
	}
	call(t, hs, model.Server, "/rest/api/2/issue/ABC-1", url.Values{"expand": {"changelog"}}, &is)
	h := is.Changelog.Histories
	if is.Changelog.Total != 130 || len(h) != 130 || h[0].ID != "100000" || h[129].ID != "100129" {
		t.Errorf("Server issue changelog: %d of %d, want all 130 oldest first", len(h), is.Changelog.Total)
	}
	if _, ok := is.Fields["comment"]; !ok {
		t.Errorf("GET issue default fields must be *all (comment missing)")
	}
}

func TestCloudChangelogEndpointPaging(t *testing.T) {
	_, hs := startSim(t, tinyDataset(3), Options{Flavor: model.Cloud, Email: testEmail, Token: testToken, ChangelogPageMax: 40})
	var ids []string
	startAt := 0
	for pages := 0; ; pages++ {
		var b changelogBean
		q := url.Values{"startAt": {strconv.Itoa(startAt)}, "maxResults": {"100"}}
		if st := call(t, hs, model.Cloud, "/rest/api/2/issue/ABC-1/changelog", q, &b); st != 200 {
			t.Fatalf("status %d", st)
		}
		if b.MaxResults != 40 || b.Total != 130 || b.StartAt != startAt {
			t.Fatalf("page %d: maxResults %d total %d startAt %d", pages, b.MaxResults, b.Total, b.StartAt)
		}
		for _, v := range b.Values {
			ids = append(ids, v.ID)
		}
		if b.IsLast {
			if b.NextPage != "" || pages != 3 {
				t.Errorf("last page %d has nextPage %q", pages, b.NextPage)
			}
			break
		}
		if b.NextPage == "" {
			t.Fatalf("page %d: not last but no nextPage", pages)
		}
		startAt += len(b.Values)
	}
	if len(ids) != 130 || ids[0] != "100000" || ids[129] != "100129" {
		t.Errorf("paged %d histories %s..%s, want 130 oldest first", len(ids), ids[0], ids[len(ids)-1])
	}
}

func TestCommentAndWorklogPaging(t *testing.T) {
	tests := []struct {
		flavor     model.Flavor
		path, list string
		maxParam   string
		wantPage   int
		total      int
	}{
		{model.Cloud, "/comment", "comments", "7", 7, 30},
		{model.Server, "/comment", "comments", "1000", 50, 30},
		{model.Cloud, "/worklog", "worklogs", "1000", 20, 25},
		{model.Server, "/worklog", "worklogs", "6", 6, 25},
	}
	for _, tc := range tests {
		t.Run(string(tc.flavor)+tc.path, func(t *testing.T) {
			_, hs := startSim(t, tinyDataset(3), authOpts(tc.flavor))
			seen := map[string]bool{}
			for startAt := 0; ; {
				var p map[string]any
				q := url.Values{"startAt": {strconv.Itoa(startAt)}, "maxResults": {tc.maxParam}, "orderBy": {"created"}}
				if tc.path == "/worklog" {
					q.Del("orderBy")
				}
				if st := call(t, hs, tc.flavor, "/rest/api/2/issue/ABC-1"+tc.path, q, &p); st != 200 {
					t.Fatalf("status %d: %v", st, p)
				}
				if int(p["maxResults"].(float64)) != min(tc.wantPage, 1000) || int(p["total"].(float64)) != tc.total {
					t.Fatalf("maxResults %v total %v, want %d %d", p["maxResults"], p["total"], tc.wantPage, tc.total)
				}
				items := p[tc.list].([]any)
				for _, it := range items {
					seen[it.(map[string]any)["id"].(string)] = true
				}
				startAt += len(items)
				if len(items) == 0 || startAt >= tc.total {
					break
				}
			}
			if len(seen) != tc.total {
				t.Errorf("paged %d distinct, want %d", len(seen), tc.total)
			}
		})
	}
}

func TestEmbeddedCommentsAndWorklogs(t *testing.T) {
	_, hs := startSim(t, tinyDataset(3), authOpts(model.Cloud))
	var p searchPage
	call(t, hs, model.Cloud, "/rest/api/2/search/jql", url.Values{"jql": {"key = ABC-1"}, "fields": {"comment,worklog"}}, &p)
	c := p.Issues[0].Fields["comment"].(map[string]any)
	w := p.Issues[0].Fields["worklog"].(map[string]any)
	if len(c["comments"].([]any)) != 20 || c["total"].(float64) != 30 {
		t.Errorf("embedded comments %d of %v, want 20 of 30", len(c["comments"].([]any)), c["total"])
	}
	if len(w["worklogs"].([]any)) != 20 || w["total"].(float64) != 25 || w["maxResults"].(float64) != 20 {
		t.Errorf("embedded worklogs %d of %v (max %v), want 20 of 25 (max 20)", len(w["worklogs"].([]any)), w["total"], w["maxResults"])
	}
	body := c["comments"].([]any)[0].(map[string]any)["body"].(string)
	if body != "[~accountid:acc-pm] question 0?" {
		t.Errorf("comment body %q", body)
	}
}

func TestUsersPerFlavor(t *testing.T) {
	for _, f := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(f), func(t *testing.T) {
			_, hs := startSim(t, tinyDataset(3), authOpts(f))
			var is struct{ Fields map[string]any }
			call(t, hs, f, "/rest/api/2/issue/ABC-2", url.Values{"fields": {"assignee"}}, &is)
			a := is.Fields["assignee"].(map[string]any)
			_, hasName := a["name"]
			if (a["accountId"] == "acc-eng") != (f == model.Cloud) || hasName != (f == model.Server) {
				t.Errorf("assignee %v", a)
			}
			q := url.Values{"accountId": {"acc-bot"}}
			if f == model.Server {
				q = url.Values{"username": {"bot"}}
			}
			var u map[string]any
			if st := call(t, hs, f, "/rest/api/2/user", q, &u); st != 200 || u["displayName"] != "Roleload Bot" {
				t.Errorf("user lookup: %d %v", st, u)
			}
			if f == model.Cloud && u["accountType"] != "app" {
				t.Errorf("bot accountType = %v, want app", u["accountType"])
			}
		})
	}
}

func TestTimesRenderedInAPIUserZone(t *testing.T) {
	_, hs := startSim(t, tinyDataset(3), authOpts(model.Cloud))
	var is struct{ Fields map[string]any }
	call(t, hs, model.Cloud, "/rest/api/2/issue/ABC-2", url.Values{"fields": {"created,updated"}}, &is)
	// Oct 1 14:00Z is EDT (-0400); Nov 10 15:00Z is EST (-0500).
	if is.Fields["created"] != "2026-10-01T10:00:00.000-0400" || is.Fields["updated"] != "2026-11-10T10:00:00.000-0500" {
		t.Errorf("created %v updated %v", is.Fields["created"], is.Fields["updated"])
	}
}

func TestFieldsAndAgile(t *testing.T) {
	ds := tinyDataset(3)
	ds.Boards = []scenario.Board{{ID: 8, Name: "ABC board", ProjectKey: "ABC", Type: "scrum"}}
	ds.Sprints = []model.Sprint{
		{ID: 38, BoardID: 8, Name: "ABC Sprint 1", State: "closed", Start: tStart, End: tStart.Add(14 * 24 * time.Hour), Complete: tStart.Add(14 * 24 * time.Hour)},
		{ID: 39, BoardID: 8, Name: "ABC Sprint 2", State: "active", Start: tEnd.Add(-24 * time.Hour), End: tEnd.Add(13 * 24 * time.Hour)},
	}
	ds.Issues[0].SprintIDs = []int64{38, 39}
	pts := 3.0
	ds.Issues[0].StoryPoints = &pts
	ds.Issues[1].ParentKey = "AB2_X-7"
	ds.Issues[3].Type = "Epic" // AB2_X-7
	tests := []struct {
		flavor                   model.Flavor
		points, sprint, epicLink string
		sprintIsString           bool
	}{
		{model.Cloud, "customfield_10016", "customfield_10020", "customfield_10014", false},
		{model.Server, "customfield_10002", "customfield_10004", "customfield_10008", true},
	}
	for _, tc := range tests {
		t.Run(string(tc.flavor), func(t *testing.T) {
			_, hs := startSim(t, ds, authOpts(tc.flavor))
			var fields []map[string]any
			call(t, hs, tc.flavor, "/rest/api/2/field", nil, &fields)
			names := map[string]string{}
			for _, f := range fields {
				names[f["id"].(string)] = f["name"].(string)
			}
			if names[tc.sprint] != "Sprint" || names[tc.points] == "" {
				t.Errorf("fields: sprint %q points %q", names[tc.sprint], names[tc.points])
			}
			var is struct{ Fields map[string]any }
			call(t, hs, tc.flavor, "/rest/api/2/issue/ABC-1", nil, &is)
			if is.Fields[tc.points] != 3.0 {
				t.Errorf("story points = %v", is.Fields[tc.points])
			}
			sp := is.Fields[tc.sprint].([]any)
			if _, isStr := sp[0].(string); len(sp) != 2 || isStr != tc.sprintIsString {
				t.Errorf("sprint field = %v", sp)
			}
			var child struct{ Fields map[string]any }
			call(t, hs, tc.flavor, "/rest/api/2/issue/ABC-2", nil, &child)
			_, hasParent := child.Fields["parent"]
			if child.Fields[tc.epicLink] != "AB2_X-7" || hasParent != (tc.flavor == model.Cloud) {
				t.Errorf("epic link %v, parent %v", child.Fields[tc.epicLink], child.Fields["parent"])
			}
			var page struct {
				IsLast bool
				Values []map[string]any
			}
			call(t, hs, tc.flavor, "/rest/agile/1.0/board/8/sprint", nil, &page)
			if !page.IsLast || len(page.Values) != 2 || page.Values[0]["state"] != "closed" || page.Values[1]["state"] != "active" ||
				page.Values[0]["startDate"] != "2026-10-01T12:00:00.000Z" {
				t.Errorf("sprints page = %+v", page)
			}
			var boards struct{ Values []map[string]any }
			call(t, hs, tc.flavor, "/rest/agile/1.0/board", url.Values{"projectKeyOrId": {"ABC"}}, &boards)
			if len(boards.Values) != 1 {
				t.Errorf("boards = %v", boards.Values)
			}
		})
	}
}
