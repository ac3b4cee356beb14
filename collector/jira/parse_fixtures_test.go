package jira

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"
)

func cloudFieldMap(t *testing.T) FieldMap {
	t.Helper()
	var fs []Field
	decode(t, "fields", readFixture(t, "cloud_v3_fields_story_point_estimate_and_sprint.json"), &fs)
	fm, _ := FindFields(fs)
	return fm
}

func TestFixtureFields(t *testing.T) {
	fm := cloudFieldMap(t)
	if fm.StoryPoints != "customfield_10016" || fm.Sprint != "customfield_10020" || fm.EpicLink == "" {
		t.Errorf("cloud field map %+v", fm)
	}
	for _, name := range []string{"atlassian_spec_v3_fields.json", "gojira_mock_fields.json"} {
		var fs []Field
		decode(t, name, readFixture(t, name), &fs)
		if len(fs) == 0 || fs[0].ID == "" {
			t.Errorf("%s: %+v", name, fs)
		}
	}
	for _, d := range csvData(t, "server_v2_fields.raw.csv") {
		var f Field
		decode(t, "server_v2_fields", d, &f)
		if !f.Custom || f.Schema.Custom == "" {
			t.Errorf("server field %+v", f)
		}
	}
}

func TestFixtureCloudIssueEE19(t *testing.T) {
	b := readFixture(t, "cloud_v2_agile_issue_EE-19_changelog_and_mention.json")
	var is Issue
	decode(t, "EE-19", b, &is)
	p, err := ParseIssue(&is, cloudFieldMap(t))
	if err != nil {
		t.Fatal(err)
	}
	g := generic(t, b).(map[string]any)
	checkHistories(t, "EE-19", is.Changelog.Histories, g["changelog"].(map[string]any)["histories"].([]any))
	if p.Issue.Key != "EE-19" || p.Issue.ProjectKey != "EE" || p.Issue.ChangelogTotal != 17 || p.Issue.StatusCategory != "done" {
		t.Errorf("issue %+v", p.Issue)
	}
	if p.Issue.Created.IsZero() || p.Issue.Updated.Before(p.Issue.Created) {
		t.Errorf("times %v %v", p.Issue.Created, p.Issue.Updated)
	}
	if p.Comments == nil || p.Comments.Total != 1 || len(p.Comments.Comments) != 1 {
		t.Fatalf("comments %+v", p.Comments)
	}
	c, err := p.Comments.Comments[0].Model(is.ID, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(c.Mentions, []string{"5e9711ba34f7b90c0fbc37d3"}) || c.AuthorID != "5ecfbd0aaa47a00c1997ea8e" || c.BodySize == 0 {
		t.Errorf("comment %+v", c)
	}
	if p.Worklogs == nil || p.Worklogs.Total != 0 || p.Worklogs.MaxResults != 20 {
		t.Errorf("worklogs %+v", p.Worklogs)
	}
	for _, sp := range p.Sprints {
		if sp.ID == 0 || sp.Name == "" {
			t.Errorf("sprint %+v", sp)
		}
	}
	if len(p.Sprints) != len(p.Issue.SprintIDs) {
		t.Errorf("sprints %v vs ids %v", p.Sprints, p.Issue.SprintIDs)
	}
}

func TestFixtureChangelogValues(t *testing.T) {
	b := readFixture(t, "cloud_v3_issue_13383_changelog_values.json")
	var hs []History
	decode(t, "13383", b, &hs)
	checkHistories(t, "13383", hs, generic(t, b).([]any))
	rows := csvData(t, "cloud_v3_issue_changelog_values.raw.csv")
	all := slices.Clone(hs)
	for i, d := range rows {
		var h History
		decode(t, "changelog csv", d, &h)
		checkHistories(t, "changelog csv row "+h.ID, []History{h}, []any{generic(t, d)})
		if i == 0 && h.Created.IsZero() {
			t.Error("no created")
		}
		all = append(all, h)
	}
	if len(rows) != 279 {
		t.Errorf("%d changelog rows, want 279", len(rows))
	}
	var withID, withoutID, sprintLists, mentions int
	for _, h := range all {
		for _, it := range h.Items {
			if it.FieldID != "" {
				withID++
			} else {
				withoutID++
			}
			if it.Field == "Sprint" && strings.Contains(string(it.To), ",") {
				ids, err := SprintIDList(string(it.To))
				if err != nil || len(ids) < 2 {
					t.Errorf("sprint list %q: %v %v", it.To, ids, err)
				}
				sprintLists++
			}
			if len(Mentions(string(it.ToString), nil)) > 0 {
				mentions++
			}
		}
	}
	if withID == 0 || withoutID == 0 || sprintLists == 0 || mentions == 0 {
		t.Errorf("items with fieldId %d, without %d, sprint lists %d, mentions %d: want each > 0", withID, withoutID, sprintLists, mentions)
	}
	var page ChangelogPage
	b = readFixture(t, "atlassian_spec_v3_issue_changelog_page.json")
	decode(t, "changelog page", b, &page)
	checkHistories(t, "changelog page", page.Values, generic(t, b).(map[string]any)["values"].([]any))
	if page.Total == 0 || page.IsLast == nil {
		t.Errorf("page %+v", page)
	}
	// The bulk fetch example writes created as epoch milliseconds.
	var bulk struct {
		IssueChangeLogs []struct {
			ChangeHistories []History `json:"changeHistories"`
		} `json:"issueChangeLogs"`
	}
	decode(t, "bulkfetch", readFixture(t, "atlassian_spec_v3_changelog_bulkfetch_response.json"), &bulk)
	if h := bulk.IssueChangeLogs[0].ChangeHistories[0]; h.Created.Year() < 2000 {
		t.Errorf("epoch created %v", h.Created)
	}
}

func TestFixtureIssueDumps(t *testing.T) {
	fm := cloudFieldMap(t)
	for _, name := range []string{"cloud_agile_board_issues_expand_changelog.raw.csv", "server_agile_board_issues_expand_changelog.raw.csv"} {
		rows := csvData(t, name)
		for _, d := range rows {
			var is Issue
			decode(t, name, d, &is)
			p, err := ParseIssue(&is, fm)
			if err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			g := generic(t, d).(map[string]any)
			checkHistories(t, name+" "+is.Key, is.Changelog.Histories, g["changelog"].(map[string]any)["histories"].([]any))
			f := g["fields"].(map[string]any)
			if p.Issue.Summary != f["summary"] || p.Issue.Key == "" || p.Issue.ProjectKey == "" || p.Issue.Created.IsZero() {
				t.Errorf("%s %s: %+v", name, is.Key, p.Issue)
			}
			// The raw copy is every field but those stored apart, less
			// only the links.
			var raw map[string]any
			if err := json.Unmarshal(p.Raw, &raw); err != nil {
				t.Fatalf("%s %s: raw: %v", name, is.Key, err)
			}
			delete(f, "description")
			delete(f, "comment")
			delete(f, "worklog")
			if want := withoutLinks(f); !reflect.DeepEqual(raw, want) {
				t.Errorf("%s %s: raw fields differ from Jira's, less links:\n got %v\nwant %v", name, is.Key, raw, want)
			}
			if strings.HasPrefix(name, "server") && p.Issue.ReporterID != "" && p.People[0].Key == "" {
				t.Errorf("%s %s: server users keep name/key: %+v", name, is.Key, p.People[0])
			}
		}
		if len(rows) < 20 {
			t.Errorf("%s: %d rows", name, len(rows))
		}
	}
	b := readFixture(t, "server_v2_agile_issue_changelog.json")
	var is Issue
	decode(t, "server issue", b, &is)
	if _, err := ParseIssue(&is, FieldMap{}); err != nil {
		t.Fatal(err)
	}
	checkHistories(t, "server issue", is.Changelog.Histories, generic(t, b).(map[string]any)["changelog"].(map[string]any)["histories"].([]any))
}

func TestFixtureADF(t *testing.T) {
	b := readFixture(t, "cloud_adf_document_with_mention.json")
	text, err := BodyText(json.RawMessage(b))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			if x["type"] == "mention" {
				ids = append(ids, x["attrs"].(map[string]any)["id"].(string))
			}
			for _, c := range x {
				walk(c)
			}
		case []any:
			for _, c := range x {
				walk(c)
			}
		}
	}
	walk(generic(t, b))
	if len(ids) == 0 || !slices.Equal(Mentions(text, nil), ids) {
		t.Errorf("mentions %v, ADF has %v; text %q", Mentions(text, nil), ids, text)
	}
	// v3 issues: ADF descriptions and comment pages.
	b = readFixture(t, "cloud_v3_issues_adf_expand_changelog.json")
	var issues []Issue
	decode(t, "v3 issues", b, &issues)
	for i := range issues {
		p, err := ParseIssue(&issues[i], FieldMap{})
		if err != nil {
			t.Fatal(err)
		}
		if raw := issues[i].Fields["description"]; len(raw) > 0 && raw[0] == '{' && p.Issue.Description == "" {
			t.Errorf("%s: ADF description flattened to nothing", issues[i].Key)
		}
		if p.Comments != nil {
			for _, c := range p.Comments.Comments {
				if _, err := c.Model(issues[i].ID, nil); err != nil {
					t.Error(err)
				}
			}
		}
	}
	var cp CommentPage
	decode(t, "comments page", readFixture(t, "atlassian_spec_v3_issue_comments_page.json"), &cp)
	for _, c := range cp.Comments {
		m, err := c.Model("1", nil)
		if err != nil || m.Body == "" || m.Created.IsZero() {
			t.Errorf("ADF comment %+v: %v", m, err)
		}
	}
}

func TestFixtureWorklogsSprintsUsers(t *testing.T) {
	var ws []Worklog
	decode(t, "worklogs", readFixture(t, "cloud_v2_issue_worklogs_values.json"), &ws)
	for _, d := range csvData(t, "cloud_v2_worklogs.raw.csv") {
		var w Worklog
		decode(t, "worklog csv", d, &w)
		ws = append(ws, w)
	}
	var wp WorklogPage
	decode(t, "worklog page", readFixture(t, "atlassian_spec_v3_issue_worklogs_page.json"), &wp)
	ws = append(ws, wp.Worklogs...)
	for _, w := range ws {
		m := w.Model("1")
		if m.ID == "" || m.Seconds <= 0 || m.Started.IsZero() || m.AuthorID == "" {
			t.Errorf("worklog %+v", m)
		}
	}
	var sps []Sprint
	decode(t, "sprints", readFixture(t, "cloud_agile_board_sprints_values.json"), &sps)
	for _, d := range csvData(t, "cloud_agile_sprints.raw.csv") {
		var sp Sprint
		decode(t, "sprint csv", d, &sp)
		sps = append(sps, sp)
	}
	for _, name := range []string{"gojira_mock_agile_board_sprints_page.json", "atlassian_spec_agile_board_sprints_page.json"} {
		var p AgilePage[Sprint]
		decode(t, name, readFixture(t, name), &p)
		sps = append(sps, p.Values...)
	}
	for _, sp := range sps {
		m := sp.Model(8)
		if m.ID == 0 || m.Name == "" || m.BoardID == 0 || (m.State != "future" && m.Start.IsZero()) {
			t.Errorf("sprint %+v", m)
		}
	}
	var boards AgilePage[Board]
	decode(t, "boards", readFixture(t, "gojira_mock_agile_boards_page.json"), &boards)
	if len(boards.Values) == 0 || boards.Values[0].ID == 0 {
		t.Errorf("boards %+v", boards)
	}
	types := map[string]bool{}
	for _, d := range csvData(t, "cloud_v2_users.raw.csv") {
		var u User
		decode(t, "users", d, &u)
		if u.ID() == "" || u.AccountType == "" {
			t.Errorf("user %+v", u)
		}
		types[u.AccountType] = true
	}
	if !types["app"] || !types["atlassian"] {
		t.Errorf("account types %v", types)
	}
	for _, name := range []string{"atlassian_spec_v3_search_jql_GET_response.json", "atlassian_spec_v3_search_legacy_GET_response.json",
		"atlassian_spec_agile_board_issues_page.json", "gojira_mock_agile_sprint_issues_page.json"} {
		var p SearchPage
		decode(t, name, readFixture(t, name), &p)
		if len(p.Issues) == 0 {
			t.Errorf("%s: no issues", name)
		}
		for i := range p.Issues {
			if _, err := ParseIssue(&p.Issues[i], FieldMap{Sprint: "sprint", Flagged: "flagged"}); err != nil {
				t.Errorf("%s: %v", name, err)
			}
		}
	}
}

func TestSprintString(t *testing.T) {
	s := "com.atlassian.greenhopper.service.sprint.Sprint@1bf75fd[id=38,rapidViewId=1,state=CLOSED,name=Sprint 1, the hard one,goal=Sprint 1 goal,startDate=2016-06-06T21:30:53.537+10:00,endDate=2016-06-20T21:30:00.000+10:00,completeDate=<null>,sequence=1]"
	sp, err := ParseSprintString(s)
	if err != nil {
		t.Fatal(err)
	}
	want := time.Date(2016, 6, 6, 11, 30, 53, 537e6, time.UTC)
	if sp.ID != 38 || sp.BoardID != 1 || sp.State != "closed" || sp.Name != "Sprint 1, the hard one" || !sp.StartDate.Equal(want) || !sp.CompleteDate.IsZero() {
		t.Errorf("%+v", sp)
	}
	sps, err := ParseSprintField(json.RawMessage(`["` + s + `", null]`))
	if err != nil || len(sps) != 1 {
		t.Errorf("%v %v", sps, err)
	}
}
