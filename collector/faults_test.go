package collector_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/jirasim"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/store"
)

func TestFaults(t *testing.T) {
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			e := newEnv(t, "load", fl, 300)
			// Small pages: many requests, so that 10% of them is many faults.
			e.extra = func(j *config.Jira) { j.PageSize = 10 }
			e.sim.SetFaults(jirasim.Faults{Rate: 0.1, Seed: 42, SlowDelay: 20 * time.Millisecond})
			sum := e.run()
			// Then the kinds that broke bodies or took their time.
			e.sim.SetFaults(jirasim.Faults{Rate: 0.1, Seed: 7, SlowDelay: 20 * time.Millisecond,
				Kinds: []jirasim.FaultKind{jirasim.FaultTruncated, jirasim.FaultSlow}})
			e.sim.Advance(time.Hour)
			ds := e.sim.AsOfNow()
			for _, is := range ds.Issues[:200] {
				must(t, e.sim.AddComment(is.Key, ds.People[1].ID, "more", e.sim.Now()))
			}
			sum2 := e.run()
			e.sim.SetFaults(jirasim.Faults{})
			e.checkComplete()
			faults := map[string]int{}
			for _, r := range e.sim.Requests() {
				if r.Fault != "" {
					faults[r.Fault]++
				}
			}
			n := 0
			for _, c := range faults {
				n += c
			}
			if len(faults) < 4 || n < 5 {
				t.Fatalf("faults injected %v, want several of most kinds", faults)
			}
			t.Logf("faults survived %v; %s; %s", faults, sum, sum2)
		})
	}
}

// failedRun runs and checks that the run failed with want, printed as one
// line, recorded as failed, and moved no watermark.
func (e *env) failedRun(opts collector.Options, want error) error {
	t := e.t
	t.Helper()
	ctx := context.Background()
	before, err := e.st.SyncState(ctx, "issues")
	must(t, err)
	_, err = collector.Run(ctx, e.st, opts)
	if err == nil {
		t.Fatal("run succeeded, want an error")
	}
	if !errors.Is(err, want) {
		t.Errorf("error %v: not %v", err, want)
	}
	var je *collector.Error
	if !errors.As(err, &je) {
		t.Errorf("error %T is not a *collector.Error", err)
	}
	if strings.Contains(err.Error(), "\n") || strings.Contains(err.Error(), opts.Jira.Token) && opts.Jira.Token != "" {
		t.Errorf("message must be one line without the token: %q", err)
	}
	after, err2 := e.st.SyncState(ctx, "issues")
	must(t, err2)
	if !after.Watermark.Equal(before.Watermark) {
		t.Errorf("watermark moved from %v to %v", before.Watermark, after.Watermark)
	}
	runs, err2 := e.st.LastRuns(ctx, 1)
	must(t, err2)
	if len(runs) != 1 || runs[0].Status != store.RunFailed || runs[0].Error == "" {
		t.Errorf("last run %+v, want failed with the error", runs)
	}
	t.Logf("%v", err)
	return err
}

func TestBadInput(t *testing.T) {
	for _, fl := range flavors {
		t.Run(string(fl), func(t *testing.T) {
			e := newEnv(t, "calm", fl, 0)
			o := e.options()
			o.Jira.Token = "not-the-token-42"
			e.failedRun(o, collector.ErrAuth)

			o = e.options()
			o.Jira.URL = "http://127.0.0.1:1"
			e.failedRun(o, collector.ErrUnreachable)

			o = e.options()
			o.Jira.URL = e.http.URL + "/nope"
			e.failedRun(o, collector.ErrNotFound)

			o = e.options()
			o.Jira.Projects = []string{"NOPE"}
			e.failedRun(o, collector.ErrBadRequest)

			e.sim.SetFaults(jirasim.Faults{Rate: 1, Kinds: []jirasim.FaultKind{jirasim.FaultInternal}})
			err := e.failedRun(e.options(), collector.ErrServer)
			var je *collector.Error
			if errors.As(err, &je) && je.Attempts != e.options().Jira.MaxRetries+1 {
				t.Errorf("attempts %d, want %d", je.Attempts, e.options().Jira.MaxRetries+1)
			}
			st, err := e.st.Status(context.Background())
			must(t, err)
			if st.Issues != 0 || st.LastSync != nil {
				t.Errorf("status after failed runs: %+v", st)
			}

			// A run that fails midway keeps what it committed, moves no
			// watermark, and the next run completes it.
			e.sim.SetFaults(jirasim.Faults{})
			e.run()
			e.sim.Advance(time.Hour)
			ds := e.sim.AsOfNow()
			for _, is := range ds.Issues[:5] {
				must(t, e.sim.AddComment(is.Key, ds.People[0].ID, "late", e.sim.Now()))
			}
			e.sim.SetFaults(jirasim.Faults{Rate: 1, Kinds: []jirasim.FaultKind{jirasim.FaultUnavailable}, RetryAfter: time.Second})
			e.failedRun(e.options(), collector.ErrServer)
			e.sim.SetFaults(jirasim.Faults{})
			e.run()
			e.checkComplete()
		})
	}
}

// TestTimeZones puts the Jira user in America/New_York and syncs across
// local midnight and the 2026-11-01 fall-back, with no overlap: the JQL
// dates must be written in the user's zone and never after the watermark.
func TestTimeZones(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	must(t, err)
	cases := []struct {
		name  string
		first time.Time // clock of the first run
		step  time.Duration
	}{
		{"midnight", time.Date(2026, 11, 10, 23, 59, 50, 0, ny), 70 * time.Second},
		{"fall-back EDT to EST", time.Date(2026, 11, 1, 1, 40, 0, 0, ny), 30 * time.Minute},       // 01:40 EDT -> 01:10 EST
		{"fall-back inside EST", time.Date(2026, 11, 1, 5, 50, 0, 0, time.UTC), 20 * time.Minute}, // 01:50 EDT -> 01:10 EST
	}
	for _, fl := range flavors {
		for _, c := range cases {
			t.Run(string(fl)+"/"+c.name, func(t *testing.T) {
				ds, err := scenario.Load("calm", scenario.Options{Seed: 3, Flavor: fl})
				must(t, err)
				for i := range ds.People {
					if ds.People[i].ID == ds.APIUser {
						ds.People[i].TimeZone = "America/New_York"
					}
				}
				e := newEnvDS(t, ds, fl, jirasim.Options{Now: c.first})
				e.extra = func(j *config.Jira) { j.Overlap = 0; j.CensusEvery = config.Duration(1000 * time.Hour) }
				e.run()
				e.checkComplete()
				e.sim.Advance(c.step)
				now := e.sim.Now()
				issues := e.sim.AsOfNow().Issues
				// Activity a few seconds after the first run's clock.
				must(t, e.sim.AddComment(issues[0].Key, ds.People[0].ID, "just after", c.first.Add(5*time.Second)))
				must(t, e.sim.AddComment(issues[1].Key, ds.People[0].ID, "now", now))
				e.run()
				e.checkComplete()
			})
		}
	}
}
