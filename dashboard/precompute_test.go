package dashboard

import (
	"context"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/store"
)

// newOrgHandler serves the organisation's store with another handler,
// without a password.
func newOrgHandler(t *testing.T, o *org) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(New(o.cfg, o.st, "", func() time.Time { return o.now }, nil))
	t.Cleanup(srv.Close)
	return srv
}

// After Precompute the front page, the teams' pages of the last complete
// week, their people and downloads need no store: it is closed here.
func TestPrecomputedPagesNeedNoStore(t *testing.T) {
	o := newOrg(t, "")
	if err := o.h.Precompute(context.Background()); err != nil {
		t.Fatal(err)
	}
	if n := o.h.built.Load(); n != int64(len(o.cfg.Teams)) {
		t.Errorf("%d teams analysed, want %d", n, len(o.cfg.Teams))
	}
	pm := o.cfg.Teams[3].ProductManagers[0]
	if err := o.st.Close(); err != nil {
		t.Fatal(err)
	}
	before := o.h.built.Load()
	for _, path := range []string{"/", "/?sort=-after_hours", "/overview.csv", "/compare/teams.svg", "/team/checkout", "/team/checkout/csv/signals.csv",
		"/team/checkout/chart/time-split.svg", "/team/checkout/person/" + pm, "/team/checkout/person/" + pm + "/timeline.svg"} {
		if code, body, _ := get(t, o.srv.URL+path, ""); code != 200 {
			t.Errorf("GET %s with the store closed: %d %.100s", path, code, body)
		}
	}
	if n := o.h.built.Load(); n != before {
		t.Errorf("%d analyses built from the store after Precompute, want none", n-before)
	}
}

// While a collect runs (slowly: every Jira answer takes 150 ms), the
// pages answer at once from what was computed before it; once it has
// finished, the next visit has the pages computed again in the
// background.
func TestPagesDuringACollect(t *testing.T) {
	o := newOrg(t, "")
	if err := o.h.Precompute(context.Background()); err != nil {
		t.Fatal(err)
	}
	first := o.h.snap.Load().run
	o.sim.Server.SetFaults(jirasim.Faults{Rate: 1, Kinds: []jirasim.FaultKind{jirasim.FaultSlow}, SlowDelay: 150 * time.Millisecond})
	done := make(chan error, 1)
	go func() {
		_, err := collector.Run(context.Background(), o.st, collector.Options{Jira: o.cfg.Jira})
		done <- err
	}()
	deadline := time.Now().Add(20 * time.Second)
	for {
		runs, err := o.st.LastRuns(context.Background(), 1)
		if err == nil && len(runs) == 1 && runs[0].ID != first && runs[0].Status == store.RunRunning {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the collect never showed as running")
		}
		time.Sleep(5 * time.Millisecond)
	}
	pm := o.cfg.Teams[3].ProductManagers[0]
	for _, path := range []string{"/", "/team/checkout", "/team/checkout/person/" + pm, "/overview.csv"} {
		start := time.Now()
		code, _, _ := get(t, o.srv.URL+path, "")
		if took := time.Since(start); code != 200 || took > 200*time.Millisecond {
			t.Errorf("GET %s during a collect: %d in %v, want 200 within 200 ms", path, code, took)
		}
	}
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	runs, err := o.st.LastRuns(context.Background(), 1)
	if err != nil || runs[0].Status != store.RunOK {
		t.Fatalf("the collect: %v %v", runs, err)
	}
	o.h.checked.Store(0) // the last look was during the collect
	get(t, o.srv.URL+"/", "")
	for o.h.snap.Load().run != runs[0].ID {
		if time.Now().After(deadline.Add(30 * time.Second)) {
			t.Fatalf("the pages were not computed again after the collect (run %d, want %d)", o.h.snap.Load().run, runs[0].ID)
		}
		time.Sleep(20 * time.Millisecond)
	}
}
