package collector_test

import (
	"context"
	"testing"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
)

// heaviest returns the key of the issue with most histories.
func (e *env) heaviest() model.Issue {
	ds := e.sim.AsOfNow()
	best := ds.Issues[0]
	for _, is := range ds.Issues {
		if len(ds.Histories[is.ID]) > len(ds.Histories[best.ID]) {
			best = is
		}
	}
	return best
}

func TestIncremental(t *testing.T) {
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			e := newEnv(t, "load", fl, 300)
			e.extra = func(j *config.Jira) { j.CensusEvery = config.Duration(24 * time.Hour) }
			first := e.run()
			e.checkComplete()

			// Nothing changed: a second run costs a fixed handful of requests.
			e.sim.Advance(10 * time.Minute)
			e.sim.ResetRequests()
			idle := e.run()
			e.checkComplete()
			if got := len(e.sim.Requests()); got != idle.Requests {
				t.Errorf("server saw %d requests, collector counted %d", got, idle.Requests)
			}
			if idle.Requests > 8 {
				t.Errorf("idle run: %d requests, want at most 8 (first run: %d)", idle.Requests, first.Requests)
			}

			// Three issues change: one comment, one history on the heaviest
			// issue (on Cloud its older histories are stored: no changelog
			// paging), one worklog.
			ds := e.sim.AsOfNow()
			heavy := e.heaviest()
			author := ds.People[0].ID
			e.sim.Advance(10 * time.Minute)
			now := e.sim.Now()
			must(t, e.sim.AddComment(ds.Issues[1].Key, author, "a new comment [~accountid:"+author+"]", now.Add(-time.Minute)))
			must(t, e.sim.AddHistory(heavy.Key, model.History{AuthorID: author, Created: now.Add(-2 * time.Minute),
				Items: []model.HistoryItem{{Field: "labels", FieldType: "jira", FieldID: "labels", ToString: "needs-info"}}}))
			must(t, e.sim.AddWorklog(ds.Issues[2].Key, model.Worklog{AuthorID: author, Started: now.Add(-time.Hour), Seconds: 1800, Created: now}))
			e.sim.ResetRequests()
			changed := e.run()
			e.checkComplete()
			if changed.Issues > 6 {
				t.Errorf("changed run saved %d issues, want the 3 changed (plus overlap)", changed.Issues)
			}
			if got := len(e.sim.Requests()); got != changed.Requests {
				t.Errorf("server saw %d requests, collector counted %d", got, changed.Requests)
			}
			if changed.Requests > idle.Requests+3 {
				t.Errorf("changed run: %d requests, idle %d: requests must grow with what changed", changed.Requests, idle.Requests)
			}
			// Server/DC embeds the oldest 100 histories: a new one on a long
			// changelog needs the issue's full changelog (one request).
			for _, r := range e.sim.Requests() {
				if fl == model.Cloud && (r.Path == "/rest/api/2/issue/"+heavy.ID+"/changelog" || r.Path == "/rest/api/2/issue/"+heavy.ID) {
					t.Errorf("refetched the stored changelog of %s: %s", heavy.Key, r.Path)
				}
			}
			t.Logf("first %d, idle %d, changed %d requests", first.Requests, idle.Requests, changed.Requests)
		})
	}
}

func TestMovedAndDeleted(t *testing.T) {
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			e := newEnv(t, "load", fl, 120)
			e.run()
			ds := e.sim.AsOfNow()
			var victim, mover model.Issue
			for _, is := range ds.Issues {
				switch {
				case is.ProjectKey == ds.Projects[0].Key && mover.ID == "":
					mover = is
				case victim.ID == "":
					victim = is
				}
			}
			e.sim.Advance(5 * time.Minute)
			must(t, e.sim.DeleteIssue(victim.Key))
			newKey, err := e.sim.MoveIssue(mover.Key, ds.Projects[1].Key)
			must(t, err)
			sum := e.run()
			e.checkComplete()
			if sum.Deleted != 1 {
				t.Errorf("deleted %d, want 1", sum.Deleted)
			}
			refs, err := e.st.IssueRefs(context.Background(), projectsOf(e.ds))
			must(t, err)
			if r := refs[mover.ID]; r.Key != newKey || r.Deleted {
				t.Errorf("moved issue %s: stored %+v, want key %s", mover.ID, r, newKey)
			}
			if r, ok := refs[victim.ID]; !ok || !r.Deleted {
				t.Errorf("deleted issue %s: stored %+v (kept %v), want kept and marked deleted", victim.Key, r, ok)
			}
			st, err := e.st.Status(context.Background())
			must(t, err)
			if st.Deleted != 1 {
				t.Errorf("status deleted %d, want 1", st.Deleted)
			}
		})
	}
}

func must(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}
