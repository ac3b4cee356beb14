package analysis_test

import (
	"math"
	"testing"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/jirasim"
)

// TestAccuracyOverVariedHabits measures what SPEC §6.5 claims of the time
// model on people who do not work the way it assumes: simulated PMs of
// varied habits (jirasim.DrawHabits: pace, pauses, saves, drafts pasted
// from elsewhere, gaps between tasks) in the three truth scenarios. The
// spec says the default figure is within 30% of the true Jira-visible time
// for about 60% of people, the low-high range contains it for about 75%,
// and the discovery share is off by about 0.03 on average.
//
// Measured when this test was written: 45% within 30%, the range around
// 97%, the share off by 0.017 (over 300 people: 52%, 95%, 0.018). Pace
// decides nearly alone whether the default is within 30%: it is for
// almost everyone writing 25-60 characters a minute and almost no one
// above 60, so the 60% of the spec holds or not depending on how many
// fast writers a population has.
//
// The bounds asserted are loose on purpose: they catch a broken model (a
// wrong unit, a lost category, a range that no longer brackets anything),
// not a change of a few points. The measured figures are logged; run with
// -v to read them and each person's habits and error.
func TestAccuracyOverVariedHabits(t *testing.T) {
	const people = 60
	names := []string{"overloaded", "coping", "calm"}
	var within30, inRange, under, over int
	var shareErr, logErr float64
	for i := range people {
		seed := int64(i + 1)
		h := jirasim.DrawHabits(seed)
		ds, err := jirasim.Scenario(names[i%len(names)], jirasim.ScenarioOptions{Seed: seed, Habits: &h})
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
	t.Logf("SPEC §6.5 over %d people: default within 30%% of the truth %.0f%% (spec: about 60%%), range contains it %.0f%% "+
		"(spec: about 75%%; truth above the range %d, below %d), discovery share mean absolute error %.3f (spec: about 0.03), "+
		"geometric mean factor of error %.2f",
		people, 100*float64(within30)/n, 100*float64(inRange)/n, over, under, shareErr/n, math.Exp(logErr/n))
	if float64(within30)/n < 0.4 {
		t.Errorf("default within 30%% for %d of %d people, want at least 40%%", within30, people)
	}
	if float64(inRange)/n < 0.55 {
		t.Errorf("range contains the truth for %d of %d people, want at least 55%%", inRange, people)
	}
	if shareErr/n > 0.06 {
		t.Errorf("discovery share off by %.3f on average, want at most 0.06", shareErr/n)
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
