package main

import (
	"bytes"
	"context"
	"encoding/json"
	simscenario "github.com/roleload/roleload/jirasim/scenario"
	"math"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/internal/simenv"
	"github.com/roleload/roleload/model"
)

// simEnv is a simulated Jira over real HTTP with a roleload.yaml for it.
type simEnv struct {
	sim    *simenv.Sim
	url    string
	config string
	dir    string
}

func startSim(t *testing.T, scenario string, flavor model.Flavor) *simEnv {
	t.Helper()
	sim, err := simenv.New(scenario, flavor, 1)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Server)
	t.Cleanup(hs.Close)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "roleload.yaml")
	yaml := sim.ConfigYAML(hs.URL, filepath.Join(dir, "roleload.db")) + "reports:\n  dir: " + filepath.Join(dir, "reports") + "\n"
	if err := os.WriteFile(cfg, []byte(yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	return &simEnv{sim: sim, url: hs.URL, config: cfg, dir: dir}
}

func (s *simEnv) getenv(k string) string {
	if k == s.sim.TokenEnv {
		return s.sim.Token
	}
	return ""
}

// roleload runs the program as a user would and returns stdout, stderr and the exit code.
func (s *simEnv) roleload(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), append(args, "--config", s.config), &out, &errb, s.getenv)
	return out.String(), errb.String(), code
}

func (s *simEnv) mustRun(t *testing.T, args ...string) string {
	t.Helper()
	out, errOut, code := s.roleload(t, args...)
	if code != 0 {
		t.Fatalf("roleload %s: exit %d: %s", strings.Join(args, " "), code, errOut)
	}
	return out
}

// TestGroundTruth is the product's promise: from Jira and the PM's
// calendar, over HTTP, through collect and analyze, recover what really
// happened in each scenario and flavor. The simulator's config names the
// PM's calendar, so the truth is the combined one (SPEC §6.3).
func TestGroundTruth(t *testing.T) {
	for _, scenario := range []string{"overloaded", "coping", "calm"} {
		for _, flavor := range []model.Flavor{model.Cloud, model.Server} {
			t.Run(scenario+"/"+string(flavor), func(t *testing.T) {
				t.Parallel()
				s := startSim(t, scenario, flavor)
				truth, _, ok := simscenario.CombinedTruth(s.sim.Dataset)
				if !ok {
					t.Fatalf("scenario %s has no calendar truth", scenario)
				}
				s.mustRun(t, "collect")
				out := s.mustRun(t, "analyze", "--team", s.sim.Dataset.Team.Name, "--as-of", truth.AsOf.Format("2006-01-02"),
					"--weeks", strconv.Itoa(truth.Weeks), "--format", "json")
				var r analysis.Result
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatalf("analyze json: %v\n%s", err, out)
				}
				pm := findPerson(t, &r, truth.PM)
				if pm.DiscoveryShare == nil || math.Abs(*pm.DiscoveryShare-truth.DiscoveryShare) > 0.05 {
					t.Errorf("discovery share = %v, truth %.3f (within 0.05)", deref(pm.DiscoveryShare), truth.DiscoveryShare)
				}
				within(t, "story-writing hours", pm.Hours.StoryWriting, truth.Hours["story_writing"], 0.2)
				within(t, "discovery hours", pm.Hours.Discovery, truth.Hours["discovery"], 0.2)
				wantTotal := 0
				for _, q := range truth.InputRequests {
					if !q.Opened.Before(truth.WindowFrom) && q.Opened.Before(truth.AsOf.AddDate(0, 0, 1)) {
						wantTotal++
					}
				}
				if r.InputRequests.Total != wantTotal {
					t.Errorf("input requests = %d, truth %d", r.InputRequests.Total, wantTotal)
				}
				if r.InputRequests.DaysWithRequests != truth.DaysWithRequests || r.Window.WorkingDays != truth.WorkingDays {
					t.Errorf("days with requests = %d of %d, truth %d of %d", r.InputRequests.DaysWithRequests, r.Window.WorkingDays, truth.DaysWithRequests, truth.WorkingDays)
				}
				if r.Verdict.Level != truth.Verdict {
					t.Errorf("verdict = %s, truth %s; signals %+v, truth tripped %v", r.Verdict.Level, truth.Verdict, signalSummary(r.Verdict.Signals), truth.Signals)
				}
			})
		}
	}
}

func findPerson(t *testing.T, r *analysis.Result, id string) analysis.PersonHours {
	t.Helper()
	for _, p := range r.People {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("PM %s not in people %+v", id, r.People)
	return analysis.PersonHours{}
}

func within(t *testing.T, what string, got, want, tol float64) {
	t.Helper()
	if want == 0 && got == 0 {
		return
	}
	if math.Abs(got-want) > tol*want {
		t.Errorf("%s = %.1f, truth %.1f (within %.0f%%)", what, got, want, tol*100)
	}
}

func deref(p *float64) any {
	if p == nil {
		return nil
	}
	return *p
}

func signalSummary(ss []analysis.Signal) []string {
	var out []string
	for _, s := range ss {
		if s.Tripped {
			out = append(out, s.Name)
		}
	}
	return out
}
