package store_test

import (
	"context"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// The census diff is computed in SQL from what the census saw: every
// case the collector acts on, and nothing outside the projects.
func TestDiffCensus(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "db.sqlite"))
	issue := func(id, key string, upd time.Time) store.IssueData {
		return store.IssueData{Issue: model.Issue{ID: id, Key: key, ProjectKey: store.ProjectOf(key), Created: t0, Updated: upd}}
	}
	must(t, st.SaveBatch(ctx, store.Batch{Issues: []store.IssueData{
		issue("1", "ABC-1", t0),                // seen as is
		issue("2", "ABC-2", t0),                // gone from Jira
		issue("3", "ABC-3", t0),                // deleted earlier, back now
		issue("4", "ABC-4", t0),                // moved to DEF-9
		issue("5", "ABC-5", t0),                // updated in Jira since
		issue("6", "XYZ-6", t0),                // outside the projects: left alone
		issue("8", "XYZ-8", t0),                // stored outside, now seen inside
		issue("9", "ABC-9", t0.Add(time.Hour)), // the store is newer: not stale
	}}, nil))
	must(t, st.ApplyCensus(ctx, store.Census{Deleted: []string{"3"}}))

	must(t, st.StartCensus(ctx))
	must(t, st.AddCensusSeen(ctx, []store.SeenIssue{
		{ID: "1", Key: "ABC-1", Updated: t0},
		{ID: "3", Key: "ABC-3", Updated: t0},
		{ID: "4", Key: "DEF-9", Updated: t0},
	}))
	must(t, st.AddCensusSeen(ctx, []store.SeenIssue{
		// Jira's times carry microseconds nowhere, but the store keeps
		// milliseconds: the same time is not "newer".
		{ID: "5", Key: "ABC-5", Updated: t0.Add(time.Second)},
		{ID: "7", Key: "ABC-7", Updated: t0}, // a pass missed it
		{ID: "8", Key: "ABC-8", Updated: t0},
		{ID: "9", Key: "ABC-9", Updated: t0.Add(time.Hour + 400*time.Microsecond)},
	}))
	d, err := st.DiffCensus(ctx, []string{"ABC", "DEF"})
	must(t, err)
	want := store.CensusDiff{
		Census: store.Census{Deleted: []string{"2"}, Restored: []string{"3"}, Moved: map[string]string{"4": "DEF-9"}},
		Stale:  []string{"5", "7", "8"},
		Seen:   7,
	}
	if !reflect.DeepEqual(d, want) {
		t.Errorf("diff\n got %+v\nwant %+v", d, want)
	}

	// Applying it forgets what the census saw.
	must(t, st.ApplyCensus(ctx, d.Census))
	d, err = st.DiffCensus(ctx, []string{"ABC", "DEF"})
	must(t, err)
	if d.Seen != 0 {
		t.Errorf("after ApplyCensus, %d seen issues kept", d.Seen)
	}
}
