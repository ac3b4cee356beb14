package analysis

import (
	"cmp"
	"math"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

func TestAttribute(t *testing.T) {
	base := time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)
	at := func(h, m int) int64 {
		return base.Add(time.Duration(h)*time.Hour + time.Duration(m)*time.Minute).UnixNano()
	}
	comment := func(h, m int, size int32) sEvent {
		return sEvent{end: at(h, m), kind: kindComment, size: size, cat: catAnswering}
	}
	worklog := func(h, m int, d time.Duration) sEvent {
		return sEvent{end: at(h, m), dur: int64(d), kind: kindWorklog, cat: catDiscovery}
	}
	tests := []struct {
		name string
		evs  []sEvent
		want [numCats]time.Duration
	}{
		{"one comment", []sEvent{comment(10, 0, 0)}, cats(catAnswering, 2*time.Minute)},
		{"compose rate", []sEvent{comment(10, 0, 400)}, cats(catAnswering, 12*time.Minute)},
		{"cap", []sEvent{comment(10, 0, 10000)}, cats(catAnswering, 45*time.Minute)},
		{"gap within idle_gap counts", []sEvent{comment(10, 0, 0), comment(10, 10, 0)}, cats(catAnswering, 12*time.Minute)},
		{"gap beyond idle_gap does not", []sEvent{comment(10, 0, 0), comment(10, 20, 0)}, cats(catAnswering, 4*time.Minute)},
		{"overlap counts once", []sEvent{comment(10, 0, 0), comment(10, 1, 0)}, cats(catAnswering, 3*time.Minute)},
		{"gap goes to the span after", []sEvent{comment(10, 0, 0), {end: at(10, 10), kind: kindEdit, cat: catRefinement}},
			[numCats]time.Duration{catAnswering: 2 * time.Minute, catRefinement: 10 * time.Minute}},
		{"worklog hides the span inside it", []sEvent{worklog(11, 0, time.Hour), comment(10, 30, 0)}, cats(catDiscovery, time.Hour)},
		{"worklog wins the overlap", []sEvent{worklog(11, 0, time.Hour), {end: at(10, 2), kind: kindEdit, text: true, size: 200, cat: catAuthoring}},
			[numCats]time.Duration{catDiscovery: time.Hour, catAuthoring: 6 * time.Minute}},
		{"gap after a worklog", []sEvent{worklog(11, 0, time.Hour), comment(11, 5, 0)},
			[numCats]time.Duration{catDiscovery: time.Hour, catAnswering: 5 * time.Minute}},
		// A long draft saved at 10:00 (09:15–10:00) with a quick
		// transition at 09:50 inside it: the union is 45 minutes, none
		// lost before the short span.
		{"short span inside a long one", []sEvent{{end: at(9, 50), kind: kindTransition, cat: catRefinement}, comment(10, 0, 10000)},
			[numCats]time.Duration{catRefinement: 30 * time.Second, catAnswering: 44*time.Minute + 30*time.Second}},
		{"short span inside a long one, out of order", []sEvent{comment(10, 0, 10000), {end: at(9, 50), kind: kindTransition, cat: catRefinement}},
			[numCats]time.Duration{catRefinement: 30 * time.Second, catAnswering: 44*time.Minute + 30*time.Second}},
	}
	tm := SpecTimeModel()
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var got [numCats]time.Duration
			var bufs spanBufs
			last := int64(0)
			attribute(tc.evs, nil, tm, tm.ComposeRate, tm.IdleGap, &bufs, func(sg span) {
				s, e, cat := sg.s, sg.e, sg.cat
				if s < last {
					t.Errorf("segment [%d, %d) overlaps the one before", s, e)
				}
				last = e
				got[cat] += time.Duration(e - s)
			})
			if got != tc.want {
				t.Errorf("got %v, want %v", got, tc.want)
			}
		})
	}
}

func cats(c Category, d time.Duration) [numCats]time.Duration {
	var out [numCats]time.Duration
	out[c] = d
	return out
}

func TestWorklogLoggedBeforeItsEnd(t *testing.T) {
	// Started 16:30 for an hour but logged at 16:40: Jira's "started = now"
	// default; the span is moved to 15:40–16:40, inside working hours.
	b := newBuilder(t, mustLoc(t, "Europe/Berlin"))
	b.issue("DISC-1", "Idea", "pm", "2026-06-01 10:00")
	b.worklog("DISC-1", "pm", "2026-11-24 16:30", 3600, "2026-11-24 16:40")
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	pm := r.People[0]
	if pm.Hours.Discovery != 1 || *pm.AfterHoursShare != 0 || *pm.DiscoveryShare != 1 {
		t.Errorf("hours %+v, after hours %v: want 1 h of discovery inside working hours", pm.Hours, *pm.AfterHoursShare)
	}
}

// TestHoursRange pins the parameters of SPEC §6.5's range: low is a fast
// writer with short pauses (compose_rate 150, idle_gap 10 min), high a
// slow writer with long pauses (compose_rate 20, idle_gap 30 min). Each day
// tells one parameter apart; the minutes are worked out in the comments
// (a comment is 2 min + size / rate, ending at its timestamp).
func TestHoursRange(t *testing.T) {
	b := newBuilder(t, mustLoc(t, "Europe/Berlin"))
	b.issue("ABC-1", "Story", "pm", "2026-06-01 10:00")
	// Mon: 300 characters alone: 9.5 min at 40 a minute, 4 at 150, 17 at 20.
	b.comment("ABC-1", "pm", "2026-11-23 10:00", strings.Repeat("x", 300))
	// Tue: two 2-character comments 14 min apart: the gap between them is
	// about 11.95 min, bridged by idle_gap 15 and 30, not by 10.
	b.comment("ABC-1", "pm", "2026-11-24 10:00", "ok")
	b.comment("ABC-1", "pm", "2026-11-24 10:14", "ok")
	// Wed: 32 min apart: a gap of 29.9 min with the slow writer's 2.1 min
	// comment, bridged by idle_gap 30 only.
	b.comment("ABC-1", "pm", "2026-11-25 10:00", "ok")
	b.comment("ABC-1", "pm", "2026-11-25 10:32", "ok")
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	pm := r.People[0]
	tests := []struct {
		name string
		got  float64
		min  float64
	}{
		// 9.5 + (2.05 + 11.95 + 2.05) + (2.05 + 2.05) = 29.65 min
		{"default (40 a minute, 15 min)", pm.Hours.StoryWriting, 29.65},
		// 4 + 2 × 2.0133 + 2 × 2.0133 = 12.05 min
		{"low (150 a minute, 10 min)", pm.HoursRange.Low.StoryWriting, 4 + 4*(2+2.0/150)},
		// 17 + (2.1 + 11.9 + 2.1) + (2.1 + 29.9 + 2.1) = 67.2 min
		{"high (20 a minute, 30 min)", pm.HoursRange.High.StoryWriting, 67.2},
	}
	for _, tc := range tests {
		if want := math.Round(tc.min/60*100) / 100; math.Abs(tc.got-want) > 1e-9 {
			t.Errorf("%s: %.2f h, want %.2f h (%.2f min)", tc.name, tc.got, want, tc.min)
		}
	}
}

func TestEventSizes(t *testing.T) {
	b := newBuilder(t, time.UTC)
	desc := string(make([]rune, 100))
	b.issue("ABC-1", "Story", "pm", "2026-11-02 10:00", func(is *model.Issue) { is.Description, is.DescriptionSize = desc, 100 })
	b.issue("ABC-2", "Story", "pm", "2026-11-02 10:00", func(is *model.Issue) { is.Description, is.DescriptionSize = desc, 100 })
	b.hist("ABC-2", "pm", "2026-11-03 10:00", item("Description", string(make([]rune, 40)), desc))
	b.hist("ABC-2", "pm", "2026-11-04 10:00", item("summary", "Old", "Summary of ABC-2"))
	edit := &model.History{Items: []model.HistoryItem{
		item("description", string(make([]rune, 40)), desc),                                  // 60
		item("Summary", "abcd", "ab"),                                                        // 2
		{Field: "Acceptance Criteria", FieldID: "customfield_10020", ToString: "0123456789"}, // 10
		{Field: "Environment", ToString: "linux"},                                            // 5
		item("priority", "Low", "Highest"),                                                   // not text
	}}
	a := &eventReader{act: b.act, fields: fieldKinds{}, pp: newPeople(b.act.People)}
	tests := []struct {
		name string
		is   *model.Issue
		ev   event
		want int
	}{
		{"create without changes: current text", &b.act.Issues[0], event{kind: kindCreate}, len("Summary of ABC-1") + 100},
		{"create: text as first saved", &b.act.Issues[1], event{kind: kindCreate}, 3 + 40},
		{"edit: sum of text changes", &b.act.Issues[0], a.historyEvent(edit), 77},
		{"comment: body", &b.act.Issues[0], event{kind: kindComment, c: &model.Comment{Body: "héllo"}}, 5},
	}
	for _, tc := range tests {
		if got := a.eventSize(tc.is, &tc.ev); got != tc.want {
			t.Errorf("%s: size %d, want %d", tc.name, got, tc.want)
		}
	}
	if ev := a.historyEvent(edit); !ev.text || ev.kind != kindEdit {
		t.Errorf("edit event %+v: want a text edit", ev)
	}
}

// TestAttributeCountsTheUnion checks attribute against the plain reading
// of SPEC §6.3 on random events: the counted time is the union of the
// spans plus every gap of at most idle_gap between them, and the
// stretches never overlap.
func TestAttributeCountsTheUnion(t *testing.T) {
	tm := SpecTimeModel()
	idle := tm.IdleGap
	for seed := uint64(1); seed <= 300; seed++ {
		rng := rand.New(rand.NewPCG(seed, 1))
		var evs []sEvent
		for range 1 + rng.IntN(40) {
			ev := sEvent{end: rng.Int64N(int64(8 * time.Hour)), kind: Kind(rng.IntN(5)), text: rng.IntN(2) == 0,
				size: int32(rng.IntN(3000)), cat: Category(rng.IntN(int(numCats)))}
			if ev.kind == kindWorklog {
				ev.dur = rng.Int64N(int64(90 * time.Minute))
			}
			evs = append(evs, ev)
		}
		var bufs spanBufs
		spans := spans(evs, tm, tm.ComposeRate, nil)
		slices.SortFunc(spans, func(x, y span) int { return cmp.Compare(x.s, y.s) })
		var want int64
		var blockEnd int64 = math.MinInt64
		for _, sp := range spans {
			switch {
			case blockEnd == math.MinInt64:
				want += sp.e - sp.s
				blockEnd = sp.e
			case sp.s <= blockEnd:
				want += max(0, sp.e-blockEnd)
				blockEnd = max(blockEnd, sp.e)
			default:
				if gap := sp.s - blockEnd; gap <= int64(idle) {
					want += gap
				}
				want += sp.e - sp.s
				blockEnd = sp.e
			}
		}
		var got, last int64 = 0, math.MinInt64
		attribute(evs, nil, tm, tm.ComposeRate, idle, &bufs, func(sg span) {
			s, e := sg.s, sg.e
			if s < last {
				t.Errorf("seed %d: stretch [%d, %d) overlaps the one before", seed, s, e)
			}
			last = e
			got += e - s
		})
		if got != want {
			t.Errorf("seed %d: counted %v, the union with short gaps is %v", seed, time.Duration(got), time.Duration(want))
		}
	}
}
