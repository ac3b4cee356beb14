package scenario

import (
	"testing"

	"github.com/roleload/roleload/model"
)

// In the "meetings" scenario Jira alone shows no discovery (a false
// discovery_squeezed); with the calendar the PM's discovery is visible.
func TestMeetingsScenarioTruth(t *testing.T) {
	for _, f := range []model.Flavor{model.Cloud, model.Server} {
		for seed := int64(1); seed <= 2; seed++ {
			ds := mustScenario(t, "meetings", Options{Seed: seed, Flavor: f})
			jira := ds.Truth
			if jira.Hours["discovery"] != 0 || !contains(jira.Signals, "discovery_squeezed") {
				t.Errorf("%s/%d: Jira-only truth %v %v: want no discovery, squeezed", f, seed, jira.Hours, jira.Signals)
			}
			comb, ct, ok := CombinedTruth(ds)
			if !ok {
				t.Fatal("no combined truth")
			}
			if comb.DiscoveryShare < 0.3 || contains(comb.Signals, "discovery_squeezed") || ct.MeetingHours <= 0 || ct.Decoys == 0 {
				t.Errorf("%s/%d: combined share %.2f signals %v calendar %+v", f, seed, comb.DiscoveryShare, comb.Signals, ct)
			}
			if comb.Hours["discovery"] < ct.DiscoveryHours-0.01 || comb.Verdict == "" {
				t.Errorf("%s/%d: combined %v verdict %q", f, seed, comb.Hours, comb.Verdict)
			}
			t.Logf("%s/%d: share %.2f verdict %s (jira-only %s) calendar %+v", f, seed, comb.DiscoveryShare, comb.Verdict, jira.Verdict, ct)
		}
	}
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
