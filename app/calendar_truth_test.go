package app

import (
	"context"
	"math"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/calendar"
	"github.com/roleload/roleload/internal/simenv"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// TestCalendarGroundTruth is issue 10's ground truth: in the "meetings"
// scenario the PM does her discovery in interviews and research sessions
// that Jira never sees. Without the calendar the analysis must not call
// discovery squeezed as a fact it can judge (it is tripped or unknown);
// with it, the discovery share is within 0.05 of the simulator's truth,
// the verdict equals the truth's, meeting hours are within 10%, and the
// decoys (declined, cancelled, free, all-day) count for nothing.
func TestCalendarGroundTruth(t *testing.T) {
	for _, flavor := range []model.Flavor{model.Cloud, model.Server} {
		t.Run(string(flavor), func(t *testing.T) {
			ctx := context.Background()
			sim, err := simenv.New("meetings", flavor, 1)
			if err != nil {
				t.Fatal(err)
			}
			truth, calTruth, ok := scenario.CombinedTruth(sim.Dataset)
			if !ok {
				t.Fatal("the meetings scenario has no calendar truth")
			}
			if calTruth.Decoys == 0 {
				t.Fatal("the scenario's calendar has no decoys: the test would not see them counted")
			}
			hs := httptest.NewServer(sim.Server)
			defer hs.Close()
			db := filepath.Join(t.TempDir(), "r.db")
			cfg, err := sim.Config(hs.URL, db, "test.yaml")
			if err != nil {
				t.Fatal(err)
			}
			if len(cfg.Calendars) == 0 {
				t.Fatal("the simulator's config names no calendar")
			}
			st, err := store.Open(ctx, db)
			if err != nil {
				t.Fatal(err)
			}
			defer st.Close()
			collect(t, cfg, st)
			team := &cfg.Teams[0]
			w := Window{AsOf: truth.AsOf, Now: cfg.Clock()(), Weeks: truth.Weeks}

			// Jira alone: the calendar is configured but not yet loaded.
			jiraOnly, err := Analyze(ctx, st, cfg, team, w)
			if err != nil {
				t.Fatal(err)
			}
			if s := signalOf(t, jiraOnly, "discovery_squeezed"); s.Known && !s.Tripped {
				t.Errorf("Jira alone: discovery_squeezed is ok at %v; the PM's discovery is invisible there", deref(s.Value))
			}

			sums, err := calendar.Collect(ctx, st, calendar.CollectOptions{Feeds: cfg.Calendars, Settings: cfg.Calendar, Now: cfg.Clock()})
			if err != nil {
				t.Fatalf("calendar collect: %v (%v)", err, sums)
			}
			combined, err := Analyze(ctx, st, cfg, team, w)
			if err != nil {
				t.Fatal(err)
			}
			pm := personOf(t, combined, truth.PM)
			if pm.DiscoveryShare == nil || math.Abs(*pm.DiscoveryShare-truth.DiscoveryShare) > 0.05 {
				t.Errorf("discovery share with the calendar %v, truth %.3f (want within 0.05)", deref(pm.DiscoveryShare), truth.DiscoveryShare)
			}
			if combined.Verdict.Level != truth.Verdict {
				t.Errorf("verdict with the calendar %s, truth %s", combined.Verdict.Level, truth.Verdict)
			}
			if s := signalOf(t, combined, "discovery_squeezed"); !s.Known {
				t.Errorf("discovery_squeezed still unknown with a loaded calendar: %v", s.Why)
			}
			if want := calTruth.MeetingHours; math.Abs(pm.MeetingHours-want) > 0.1*want {
				t.Errorf("meeting hours %.1f, truth %.1f (want within 10%%)", pm.MeetingHours, want)
			}
			if cal := pm.HoursBySource.Calendar; math.Abs(cal.Discovery-calTruth.DiscoveryHours) > 0.1*calTruth.DiscoveryHours+0.5 {
				t.Errorf("calendar discovery hours %.1f, truth %.1f", cal.Discovery, calTruth.DiscoveryHours)
			}
			t.Logf("%s: Jira alone share %v; with calendar share %.3f (truth %.3f), meetings %.1f h (truth %.1f), verdict %s (truth %s), %d decoys",
				flavor, deref(personOf(t, jiraOnly, truth.PM).DiscoveryShare), deref(pm.DiscoveryShare), truth.DiscoveryShare,
				pm.MeetingHours, calTruth.MeetingHours, combined.Verdict.Level, truth.Verdict, calTruth.Decoys)
		})
	}
}

func signalOf(t *testing.T, r *analysis.Result, name string) analysis.Signal {
	t.Helper()
	for _, s := range r.Verdict.Signals {
		if s.Name == name {
			return s
		}
	}
	t.Fatalf("no signal %s in %+v", name, r.Verdict.Signals)
	return analysis.Signal{}
}

func personOf(t *testing.T, r *analysis.Result, id string) analysis.PersonHours {
	t.Helper()
	for _, p := range r.People {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("no person %s in the result", id)
	return analysis.PersonHours{}
}

func deref(v *float64) any {
	if v == nil {
		return nil
	}
	return *v
}
