package jirasim

import (
	"errors"
	"net/url"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

func TestClockVisibility(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(3), authOpts(model.Cloud))
	if st := call(t, hs, model.Cloud, "/rest/api/2/issue/FUT-1", nil, nil); st != 404 {
		t.Errorf("future issue GET: status %d, want 404", st)
	}
	if keys := cloudKeys(t, hs, "project = FUT", 10); len(keys) != 0 {
		t.Errorf("future issue in search: %v", keys)
	}
	// Histories after the clock are invisible too.
	sim.SetNow(tStart.Add(30 * time.Hour))
	var b changelogBean
	call(t, hs, model.Cloud, "/rest/api/2/issue/ABC-1/changelog", nil, &b)
	if b.Total != 29 {
		t.Errorf("ABC-1 changelog total at +30h = %d, want 29", b.Total)
	}
	var is struct{ Fields map[string]any }
	call(t, hs, model.Cloud, "/rest/api/2/issue/ABC-1", url.Values{"fields": {"labels,comment,updated"}}, &is)
	if l := is.Fields["labels"].([]any); len(l) != 1 || l[0] != "l28" {
		t.Errorf("labels as of +30h = %v, want [l28]", l)
	}
	sim.SetNow(tEnd)
	sim.Advance(72 * time.Hour)
	var p searchPage
	call(t, hs, model.Cloud, "/rest/api/2/search/jql", url.Values{"jql": {"project = FUT"}, "fields": {"updated"}}, &p)
	if len(p.Issues) != 1 {
		t.Fatalf("after Advance, FUT-1 not visible: %+v", p)
	}
	up, err := time.Parse(jiraTimeLayout, p.Issues[0].Fields["updated"].(string))
	if err != nil || !up.Equal(tEnd.Add(48*time.Hour)) {
		t.Errorf("FUT-1 updated = %v (%v)", up, err)
	}
	if !sim.Now().Equal(tEnd.Add(72 * time.Hour)) {
		t.Errorf("Now = %v", sim.Now())
	}
}

func TestAddCommentBumpsUpdated(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(3), authOpts(model.Server))
	at := tEnd.Add(-time.Minute)
	if err := sim.AddComment("ABC-3", "acc-eng", "[~pat] can you look?", at); err != nil {
		t.Fatal(err)
	}
	jql := `updated >= "2026/11/20 06:59"` // 11:59Z is 06:59 EST
	if keys := serverKeys(t, hs, jql, 10); len(keys) != 1 || keys[0] != "ABC-3" {
		t.Errorf("%s = %v, want [ABC-3]", jql, keys)
	}
	var cp struct {
		Total    int
		Comments []map[string]any
	}
	call(t, hs, model.Server, "/rest/api/2/issue/ABC-3/comment", nil, &cp)
	if cp.Total != 1 || cp.Comments[0]["body"] != "[~pat] can you look?" {
		t.Errorf("comments = %+v", cp)
	}
	c := sim.Dataset().Comments["20003"]
	if len(c) != 1 || len(c[0].Mentions) != 1 || c[0].Mentions[0] != "acc-pm" {
		t.Errorf("stored comment %+v, want a mention of acc-pm", c)
	}
	// A comment in the future stays hidden until the clock gets there.
	if err := sim.AddComment("ABC-3", "acc-eng", "later", tEnd.Add(time.Hour)); err != nil {
		t.Fatal(err)
	}
	call(t, hs, model.Server, "/rest/api/2/issue/ABC-3/comment", nil, &cp)
	if cp.Total != 1 {
		t.Errorf("future comment visible: total %d", cp.Total)
	}
	if got := len(sim.AsOfNow().Comments["20003"]); got != 1 {
		t.Errorf("AsOfNow has %d comments, want 1", got)
	}
	if err := sim.AddComment("NOPE-1", "acc-eng", "x", at); !errors.Is(err, ErrNoIssue) {
		t.Errorf("AddComment on unknown issue: %v", err)
	}
}

func TestAddHistoryAndWorklog(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(3), authOpts(model.Cloud))
	at := tEnd.Add(-2 * time.Hour)
	h := model.History{AuthorID: "acc-pm", Created: at, Items: []model.HistoryItem{{Field: "Flagged", FieldType: "custom", ToString: "Impediment"}}}
	if err := sim.AddHistory("ABC-3", h); err != nil {
		t.Fatal(err)
	}
	if err := sim.AddWorklog("ABC-3", model.Worklog{AuthorID: "acc-pm", Started: at, Seconds: 3600}); err != nil {
		t.Fatal(err)
	}
	var b changelogBean
	call(t, hs, model.Cloud, "/rest/api/2/issue/ABC-3/changelog", nil, &b)
	var w struct{ Total int }
	call(t, hs, model.Cloud, "/rest/api/2/issue/ABC-3/worklog", nil, &w)
	var is struct{ Fields map[string]any }
	call(t, hs, model.Cloud, "/rest/api/2/issue/ABC-3", url.Values{"fields": {"updated"}}, &is)
	up, _ := time.Parse(jiraTimeLayout, is.Fields["updated"].(string))
	if b.Total != 1 || w.Total != 1 || !up.Equal(at.Add(time.Hour)) {
		t.Errorf("changelog %d worklogs %d updated %v", b.Total, w.Total, up)
	}
}

func TestDeleteIssue(t *testing.T) {
	for _, f := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(f), func(t *testing.T) {
			sim, hs := startSim(t, tinyDataset(3), authOpts(f))
			if err := sim.DeleteIssue("ABC-2"); err != nil {
				t.Fatal(err)
			}
			if st := call(t, hs, f, "/rest/api/2/issue/ABC-2", nil, nil); st != 404 {
				t.Errorf("GET deleted: %d", st)
			}
			if st := call(t, hs, f, "/rest/api/2/issue/20002", nil, nil); st != 404 {
				t.Errorf("GET deleted by id: %d", st)
			}
			var keys []string
			if f == model.Cloud {
				keys = cloudKeys(t, hs, "project = ABC", 100)
			} else {
				keys = serverKeys(t, hs, "project = ABC", 100)
			}
			if !equal(keys, []string{"ABC-1", "ABC-3"}) {
				t.Errorf("search after delete = %v", keys)
			}
			if len(sim.Dataset().Issues) != 4 {
				t.Errorf("Dataset still has %d issues", len(sim.Dataset().Issues))
			}
			if err := sim.DeleteIssue("ABC-2"); !errors.Is(err, ErrNoIssue) {
				t.Errorf("second delete: %v", err)
			}
		})
	}
}

func TestMoveIssue(t *testing.T) {
	sim, hs := startSim(t, tinyDataset(3), authOpts(model.Cloud))
	newKey, err := sim.MoveIssue("ABC-1", "AB2_X")
	if err != nil {
		t.Fatal(err)
	}
	if newKey != "AB2_X-8" {
		t.Errorf("new key %s, want AB2_X-8", newKey)
	}
	for _, k := range []string{"ABC-1", newKey, "20001"} {
		var is struct {
			ID, Key string
			Fields  map[string]any
		}
		if st := call(t, hs, model.Cloud, "/rest/api/2/issue/"+k, url.Values{"fields": {"project"}}, &is); st != 200 || is.ID != "20001" || is.Key != newKey {
			t.Errorf("GET %s: %d %s %s", k, st, is.ID, is.Key)
		}
		if p := is.Fields["project"].(map[string]any); p["key"] != "AB2_X" {
			t.Errorf("project after move = %v", p["key"])
		}
	}
	if keys := cloudKeys(t, hs, "project = ABC", 100); !equal(keys, []string{"ABC-2", "ABC-3"}) {
		t.Errorf("ABC after move = %v", keys)
	}
	var b changelogBean
	call(t, hs, model.Cloud, "/rest/api/2/issue/"+newKey+"/changelog", url.Values{"startAt": {"130"}}, &b)
	if b.Total != 131 || len(b.Values) != 1 {
		t.Errorf("move not in changelog: total %d", b.Total)
	}
	// Before the move, the issue is shown with its old key.
	sim.SetNow(sim.Now().Add(-time.Minute))
	var is struct{ Key string }
	call(t, hs, model.Cloud, "/rest/api/2/issue/20001", nil, &is)
	if is.Key != "ABC-1" {
		t.Errorf("key before the move = %s", is.Key)
	}
	if _, err := sim.MoveIssue("ABC-2", "NOPE"); err == nil {
		t.Errorf("move to unknown project succeeded")
	}
}
