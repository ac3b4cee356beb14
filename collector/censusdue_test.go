package collector_test

import (
	"bytes"
	"context"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// TestCensusDue: with census_every 1h the census runs on the first run,
// not 59 minutes later (Jira's clock), and again exactly an hour after the
// last one; with census_every 0 on every run.
func TestCensusDue(t *testing.T) {
	for _, tc := range []struct {
		every time.Duration
		steps []time.Duration // clock advance before each further run
		ran   []bool          // whether the census ran on it
	}{
		{time.Hour, []time.Duration{59 * time.Minute, time.Minute, 30 * time.Minute}, []bool{false, true, false}},
		// Jira's clock going back (a server clock corrected) does not skip it.
		{0, []time.Duration{time.Minute, -30 * time.Second}, []bool{true, true}},
	} {
		t.Run(tc.every.String(), func(t *testing.T) {
			e := newEnv(t, "load", model.Cloud, 30)
			e.extra = func(j *config.Jira) { j.CensusEvery = config.Duration(tc.every) }
			e.run()
			last := censusMark(t, e)
			if last.IsZero() {
				t.Fatal("no census on the first run")
			}
			for i, d := range tc.steps {
				e.sim.Advance(d)
				e.run()
				now := censusMark(t, e)
				if ran := !now.Equal(last); ran != tc.ran[i] {
					t.Errorf("run %d (+%v): census ran %v, want %v (mark %v, before %v)", i+2, d, ran, tc.ran[i], now, last)
				}
				last = now
			}
		})
	}
}

func censusMark(t *testing.T, e *env) time.Time {
	t.Helper()
	st, err := e.st.SyncState(context.Background(), "census")
	must(t, err)
	return st.Watermark
}

// TestCensusLogsChanges: the census says what it changed, and says
// nothing when nothing changed.
func TestCensusLogsChanges(t *testing.T) {
	e := newEnv(t, "load", model.Cloud, 30)
	e.extra = func(j *config.Jira) { j.CensusEvery = 0 }
	var buf bytes.Buffer
	run := func() {
		t.Helper()
		buf.Reset()
		o := e.options()
		o.Logger = slog.New(slog.NewTextHandler(&buf, nil))
		if _, err := collector.Run(context.Background(), e.st, o); err != nil {
			t.Fatal(err)
		}
	}
	run()
	e.sim.Advance(time.Minute)
	run()
	if strings.Contains(buf.String(), "msg=census") {
		t.Errorf("census logged with nothing changed:\n%s", buf.String())
	}
	ds := e.sim.AsOfNow()
	must(t, e.sim.DeleteIssue(ds.Issues[3].Key))
	e.sim.Advance(time.Minute)
	run()
	if !strings.Contains(buf.String(), "msg=census") || !strings.Contains(buf.String(), "deleted=1") {
		t.Errorf("census did not log the deletion:\n%s", buf.String())
	}
	e.checkComplete()
}

// TestCensusRefetchesStale: issues the store holds older than Jira shows
// (a pass missed their update) are fetched again by the census, 50 ids a
// query, counted in the run's summary and stored whole.
func TestCensusRefetchesStale(t *testing.T) {
	const stale = 55
	e := newEnv(t, "load", model.Server, 80)
	e.extra = func(j *config.Jira) { j.CensusEvery = 0 }
	ds := e.sim.AsOfNow()
	var b store.Batch
	for i, is := range ds.Issues {
		u := is.Updated
		if i < stale {
			u = u.Add(-time.Hour)
		}
		b.Issues = append(b.Issues, store.IssueData{Issue: model.Issue{ID: is.ID, Key: is.Key,
			ProjectKey: store.ProjectOf(is.Key), Created: is.Created, Updated: u}})
	}
	now := e.sim.Now()
	must(t, e.st.SaveBatch(context.Background(), b, &store.SyncState{Source: "issues", Watermark: now, UpdatedAt: now}))
	sum := e.run()
	if sum.Issues != stale {
		t.Errorf("census refetched %d issues, want %d", sum.Issues, stale)
	}
	got, err := e.st.LoadActivity(context.Background(), projectsOf(e.ds))
	must(t, err)
	want := map[string]model.Issue{}
	for _, is := range ds.Issues[:stale] {
		want[is.ID] = is
	}
	n := 0
	for _, is := range got.Issues {
		if w, ok := want[is.ID]; ok {
			n++
			if !is.Updated.Equal(w.Updated.Truncate(time.Millisecond)) || is.Summary != w.Summary {
				t.Errorf("%s stored as updated %v summary %q, want %v %q", is.Key, is.Updated, is.Summary, w.Updated, w.Summary)
			}
		}
	}
	if n != stale {
		t.Errorf("%d of the %d stale issues stored", n, stale)
	}
}

// TestOverlapCatchesLateUpdates: an update Jira shows with a time just
// before the last run's watermark (its index lagged) is still fetched: the
// next pass starts overlap (2 min) before the watermark, not after it.
func TestOverlapCatchesLateUpdates(t *testing.T) {
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			e := newEnv(t, "load", fl, 30)
			e.extra = func(j *config.Jira) { j.CensusEvery = config.Duration(1000 * time.Hour) }
			e.run()
			mark := e.sim.Now()
			e.sim.Advance(10 * time.Minute)
			ds := e.sim.AsOfNow()
			must(t, e.sim.AddComment(ds.Issues[4].Key, ds.People[0].ID, "indexed late", mark.Add(-time.Minute)))
			e.run()
			e.checkComplete()
		})
	}
}

// TestSummaryWatermark: a run reports the watermark its pass committed.
func TestSummaryWatermark(t *testing.T) {
	e := newEnv(t, "load", model.Cloud, 30)
	sum := e.run()
	st, err := e.st.SyncState(context.Background(), "issues")
	must(t, err)
	if sum.Watermark.IsZero() || !sum.Watermark.Equal(st.Watermark) {
		t.Errorf("summary watermark %v, store %v", sum.Watermark, st.Watermark)
	}
}
