package scenario

import (
	"reflect"
	"slices"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

// Extreme habits must still give data that keeps every invariant and
// every request of the truth: a habit changes how the PM's time is spent,
// never whether the data holds together.
func TestHabitsKeepInvariants(t *testing.T) {
	extremes := []Habits{
		{ComposeRate: 15, Pauses: 3, PauseMinutes: [2]float64{5, 40}, SaveEvery: 5, OffJira: 0.3, TaskGap: [2]float64{0, 5}},
		{ComposeRate: 120, PauseMinutes: [2]float64{5, 5}, OffJira: 1, TaskGap: [2]float64{60, 120}},
		{ComposeRate: 25, Pauses: 1, PauseMinutes: [2]float64{30, 40}, TaskGap: [2]float64{2, 10}},
	}
	for seed := range int64(6) {
		extremes = append(extremes, DrawHabits(seed+1))
	}
	for i, h := range extremes {
		for _, name := range []string{"overloaded", "coping", "calm"} {
			ds := mustScenario(t, name, Options{Seed: int64(i + 1), Flavor: flavors[i%2], Habits: &h})
			t.Run(name, func(t *testing.T) {
				checkInvariants(t, ds, flavors[i%2])
				checkRequests(t, ds, name, flavors[i%2])
				if !reflect.DeepEqual(ds.Truth.Habits, h) {
					t.Errorf("truth habits %+v, want %+v", ds.Truth.Habits, h)
				}
			})
		}
	}
}

func TestHabitsValidated(t *testing.T) {
	for _, h := range []Habits{
		{},
		{ComposeRate: 40, Pauses: -1},
		{ComposeRate: 40, PauseMinutes: [2]float64{20, 10}},
		{ComposeRate: 40, SaveEvery: -5},
		{ComposeRate: 40, OffJira: 1.5},
		{ComposeRate: 40, TaskGap: [2]float64{30, 10}},
	} {
		if _, err := Load("calm", Options{Seed: 1, Habits: &h}); err == nil {
			t.Errorf("habits %+v accepted", h)
		}
	}
}

// Each habit must show in the data the way it is meant to, or the
// accuracy measured over habits measures nothing.
func TestHabitsShowInTheData(t *testing.T) {
	base := Habits{ComposeRate: 40, PauseMinutes: [2]float64{20, 30}, TaskGap: [2]float64{25, 25}}
	run := func(change func(*Habits)) *Dataset {
		h := base
		change(&h)
		return mustScenario(t, "calm", Options{Seed: 5, Habits: &h})
	}
	ref := run(func(*Habits) {})
	tr := ref.Truth

	slow := run(func(h *Habits) { h.ComposeRate = 20 }).Truth
	if sw := slow.Hours["authoring"]; sw < 1.5*tr.Hours["authoring"] {
		t.Errorf("half the pace: authoring %.1f h, at the model's pace %.1f h", sw, tr.Hours["authoring"])
	}

	// Pauses split tasks: more spans than tasks, none shorter than nothing.
	paused := run(func(h *Habits) { h.Pauses = 2 }).Truth
	if len(paused.Spans) <= len(tr.Spans)+50 {
		t.Errorf("pauses: %d spans, %d without", len(paused.Spans), len(tr.Spans))
	}

	saves := func(ds *Dataset) int {
		n := 0
		for _, is := range ds.Issues {
			for _, h := range ds.Histories[is.ID] {
				if h.AuthorID == ds.Truth.PM && slices.ContainsFunc(h.Items, func(it model.HistoryItem) bool { return it.Field == "description" }) {
					n++
				}
			}
		}
		return n
	}
	if often, once := saves(run(func(h *Habits) { h.SaveEvery = 5 })), saves(ref); often < 2*once {
		t.Errorf("saving every 5 minutes: %d description saves, saving once %d", often, once)
	}

	// Pasted drafts: the same text in far less Jira time.
	pasted := run(func(h *Habits) { h.OffJira = 1 }).Truth
	if a := pasted.Hours["authoring"]; a > 0.3*tr.Hours["authoring"] {
		t.Errorf("everything pasted: authoring %.1f h, written in Jira %.1f h", a, tr.Hours["authoring"])
	}

	// Gaps: no two tasks closer than the shortest gap the person keeps.
	close := run(func(h *Habits) { h.TaskGap = [2]float64{3, 8} }).Truth
	if g := minTaskGap(close); g < 3*time.Minute-time.Second {
		t.Errorf("tasks %v apart, habit at least 3 min", g)
	}
	if g := minTaskGap(close); g >= 15*time.Minute {
		t.Errorf("short gaps habit: tasks never closer than %v", g)
	}
	if g := minTaskGap(tr); g < 25*time.Minute-time.Second {
		t.Errorf("tasks %v apart, habit 25 min", g)
	}
}

// minTaskGap is the shortest time between two of the PM's tasks on the
// same day, for a PM who never pauses inside a task.
func minTaskGap(tr *Truth) time.Duration {
	spans := slices.Clone(tr.Spans)
	slices.SortFunc(spans, func(a, b TrueSpan) int { return a.Start.Compare(b.Start) })
	gap := time.Duration(1 << 62)
	for i := 1; i < len(spans); i++ {
		if d := spans[i].Start.Sub(spans[i-1].End); d < 12*time.Hour {
			gap = min(gap, d)
		}
	}
	return gap
}
