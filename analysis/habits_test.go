package analysis_test

import (
	"math"
	"testing"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/jirasim/scenario"
)

// TestAccuracyOverVariedHabits measures what SPEC §6.5 claims of the time
// model on people who do not work the way it assumes: simulated PMs of
// varied habits (scenario.DrawHabits: pace, pauses, saves, drafts pasted
// from elsewhere, gaps between tasks) in the three truth scenarios. The
// spec says the default figure is within 30% of the true Jira-visible time
// for only about half of them, the low-high range contains it for nearly
// all, and the discovery share is within about 0.02 on average.
//
// Measured when this test was written: 45% within 30%, the range around
// 97%, the share off by 0.017 (over 300 people: 52%, 95%, 0.018). Pace
// decides nearly alone whether the default is within 30%: it is for
// almost everyone writing 25-60 characters a minute and almost no one
// above 60, so the share within 30% depends on how many fast writers a
// population has.
//
// The assertions pin what this test measures (seeds 1-60, so the figures
// are deterministic), within a margin of a few people: measured on
// 2026-12-04, 27 of 60 within 30% (45%), the range containing the truth
// for 58 of 60 (97%; 2 above it, 0 below), the discovery share off by
// 0.017 on average and the geometric mean factor of error 1.36. A change
// of the time model that moves any of them further than the margins below
// must update these figures on purpose. Run with -v to read each person's
// habits and error.
func TestAccuracyOverVariedHabits(t *testing.T) {
	const people = 60
	names := []string{"overloaded", "coping", "calm"}
	var within30, inRange, under, over int
	var shareErr, logErr float64
	for i := range people {
		seed := int64(i + 1)
		h := scenario.DrawHabits(seed)
		ds, err := scenario.Load(names[i%len(names)], scenario.Options{Seed: seed, Habits: &h})
		if err != nil {
			t.Fatal(err)
		}
		r, err := analysis.Analyze(simInput(t, ds))
		if err != nil {
			t.Fatal(err)
		}
		tr := ds.Truth
		pm := personOf(t, r, tr.PM)
		truth := tr.Hours["story_writing"] + tr.Hours["discovery"]
		got := pm.Hours.StoryWriting + pm.Hours.Discovery
		low := pm.HoursRange.Low.StoryWriting + pm.HoursRange.Low.Discovery
		high := pm.HoursRange.High.StoryWriting + pm.HoursRange.High.Discovery
		if truth <= 0 || got <= 0 {
			t.Fatalf("person %d: %.1f h, truth %.1f h", seed, got, truth)
		}
		if math.Abs(got-truth) <= 0.3*truth {
			within30++
		}
		switch {
		case truth < low:
			under++ // slower to show in Jira than even the slow writer
		case truth > high:
			over++
		default:
			inRange++
		}
		shareErr += math.Abs(deref(pm.DiscoveryShare) - tr.DiscoveryShare)
		logErr += math.Abs(math.Log(got / truth))
		t.Logf("person %2d %-10s pace %5.1f pauses %.2f/h %2.0f-%2.0f min save every %4.1f min pasted %.2f gap %2.0f-%3.0f min: "+
			"%6.1f h [%6.1f, %6.1f], truth %6.1f h (%+4.0f%%); share %.2f, truth %.2f",
			seed, names[i%len(names)], h.ComposeRate, h.Pauses, h.PauseMinutes[0], h.PauseMinutes[1], h.SaveEvery, h.OffJira,
			h.TaskGap[0], h.TaskGap[1], got, low, high, truth, 100*(got/truth-1), deref(pm.DiscoveryShare), tr.DiscoveryShare)
	}
	n := float64(people)
	t.Logf("SPEC §6.5 over %d people: default within 30%% of the truth %.0f%% (spec: about half), range contains it %.0f%% "+
		"(spec: nearly all; truth above the range %d, below %d), discovery share mean absolute error %.3f (spec: about 0.02), "+
		"geometric mean factor of error %.2f",
		people, 100*float64(within30)/n, 100*float64(inRange)/n, over, under, shareErr/n, math.Exp(logErr/n))
	pins := []struct {
		what           string
		got, want, tol float64
	}{
		{"people within 30% of the truth", float64(within30), 27, 3},
		{"people whose truth is inside the range", float64(inRange), 58, 2},
		{"people whose truth is above the range", float64(over), 2, 2},
		{"discovery share mean absolute error", shareErr / n, 0.017, 0.004},
		{"geometric mean factor of error", math.Exp(logErr / n), 1.36, 0.05},
	}
	for _, p := range pins {
		if math.Abs(p.got-p.want) > p.tol {
			t.Errorf("%s: %.3f, measured %.3f (margin %.3f)", p.what, p.got, p.want, p.tol)
		}
	}
}

func personOf(t *testing.T, r *analysis.Result, id string) analysis.PersonHours {
	t.Helper()
	for _, p := range r.People {
		if p.ID == id {
			return p
		}
	}
	t.Fatalf("PM %s not among %d people", id, len(r.People))
	return analysis.PersonHours{}
}
