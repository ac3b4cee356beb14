package collector_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// The census asks for keys and updated only, in the large pages Jira
// gives such searches: 10,000 issues cost 2 requests on Cloud (5000 a
// page) and 10 on Server/DC (1000 a page).
func TestCensusUsesLargePages(t *testing.T) {
	if testing.Short() {
		t.Skip("10,000 issues")
	}
	for _, tc := range []struct {
		flavor model.Flavor
		max    int
	}{{model.Cloud, 2}, {model.Server, 10}} {
		t.Run(string(tc.flavor), func(t *testing.T) {
			e := newEnv(t, "load", tc.flavor, 10000-3) // the scenario adds 3 edge cases
			e.extra = func(j *config.Jira) { j.CensusEvery = 0 }
			ds := e.sim.AsOfNow()
			if len(ds.Issues) != 10000 {
				t.Fatalf("dataset has %d issues", len(ds.Issues))
			}
			// The store already holds every issue as Jira shows it, and the
			// pass is up to date: the run is the census alone.
			var b store.Batch
			for _, is := range ds.Issues {
				b.Issues = append(b.Issues, store.IssueData{Issue: model.Issue{ID: is.ID, Key: is.Key,
					ProjectKey: store.ProjectOf(is.Key), Created: is.Created, Updated: is.Updated}})
			}
			now := e.sim.Now()
			must(t, e.st.SaveBatch(context.Background(), b, &store.SyncState{Source: "issues", Watermark: now, UpdatedAt: now}))
			e.sim.ResetRequests()
			sum := e.run()

			census := 0
			for _, r := range e.sim.Requests() {
				if strings.HasPrefix(r.Path, "/rest/api/2/search") && !strings.Contains(r.Query, "changelog") {
					census++
				}
			}
			if census == 0 || census > tc.max {
				t.Errorf("census of %d issues took %d search requests, want 1..%d", len(ds.Issues), census, tc.max)
			}
			if sum.Issues != 0 || sum.Deleted != 0 {
				t.Errorf("census saved %d issues and deleted %d, want none", sum.Issues, sum.Deleted)
			}
			t.Logf("%s: census of %d issues: %d requests (run: %d)", tc.flavor, len(ds.Issues), census, sum.Requests)
		})
	}
}

// A full pass into a store that already holds the scope (its watermark
// lost) does not skip the census: what Jira deleted meanwhile is found.
func TestFullPassIntoAHeldStoreRunsTheCensus(t *testing.T) {
	e := newEnv(t, "load", model.Cloud, 60)
	e.extra = func(j *config.Jira) { j.CensusEvery = config.Duration(24 * time.Hour) }
	e.run()
	ds := e.sim.AsOfNow()
	victim := ds.Issues[len(ds.Issues)/2]
	must(t, e.sim.DeleteIssue(victim.Key))
	must(t, e.st.SaveBatch(context.Background(), store.Batch{}, &store.SyncState{Source: "issues"}))
	sum := e.run()
	e.checkComplete()
	if sum.Deleted != 1 {
		t.Errorf("deleted %d, want 1 (%s)", sum.Deleted, victim.Key)
	}
	refs, err := e.st.IssueRefs(context.Background(), projectsOf(e.ds))
	must(t, err)
	if r := refs[victim.ID]; !r.Deleted {
		t.Errorf("%s stored as %+v, want marked deleted", victim.Key, r)
	}
}
