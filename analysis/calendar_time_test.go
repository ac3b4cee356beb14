package analysis

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"
)

// TestTimeModelWithCalendar feeds the time stage Jira events and
// hand-built calendar occurrences on one day and checks SPEC §6.3's order:
// calendar discovery/story writing first (over worklogs too), Jira spans
// fill the rest, gaps go to the category and source of the span after
// them, meetings neither bridge nor break a gap.
func TestTimeModelWithCalendar(t *testing.T) {
	loc := time.UTC
	f := newFrame(testTeam(loc), time.Date(2026, 11, 27, 0, 0, 0, 0, loc), time.Time{}, 1, 1)
	tm := SpecTimeModel()
	const day = 3 // 2026-11-24
	at := func(h, m int) time.Time { return time.Date(2026, 11, 24, h, m, 0, 0, loc) }
	ns := func(h, m int) int64 { return at(h, m).UnixNano() }
	comment := func(h, m int) sEvent { return sEvent{end: ns(h, m), kind: kindComment, cat: catAnswering, issue: 0} }
	occ := func(h1, m1, h2, m2 int, cat string) CalendarOccurrence {
		return CalendarOccurrence{Start: at(h1, m1), End: at(h2, m2), Category: cat, Title: cat}
	}
	type want struct {
		jira, cal [numCats]time.Duration
		meetings  time.Duration
	}
	tests := []struct {
		name string
		evs  []sEvent
		occ  []CalendarOccurrence
		want want
	}{
		{"interview over a comment written during it", []sEvent{comment(10, 30)},
			[]CalendarOccurrence{occ(10, 0, 11, 0, "discovery")},
			want{cal: cats(catDiscovery, time.Hour)}},
		{"interview over the end of a worklog", []sEvent{{end: ns(11, 0), dur: int64(time.Hour), kind: kindWorklog, cat: catAuthoring}},
			[]CalendarOccurrence{occ(10, 30, 11, 30, "discovery")},
			want{jira: cats(catAuthoring, 30*time.Minute), cal: cats(catDiscovery, time.Hour)}},
		{"calendar story writing is refinement", nil,
			[]CalendarOccurrence{occ(10, 0, 10, 45, "story_writing")},
			want{cal: cats(catRefinement, 45*time.Minute)}},
		{"a meeting between two spans does not bridge them", []sEvent{comment(10, 0), comment(10, 40)},
			[]CalendarOccurrence{occ(10, 0, 10, 30, "other")},
			want{jira: cats(catAnswering, 4*time.Minute), meetings: 30 * time.Minute}},
		{"a meeting inside a short gap does not break it", []sEvent{comment(10, 0), comment(10, 12)},
			[]CalendarOccurrence{occ(10, 2, 10, 5, "other")},
			want{jira: cats(catAnswering, 14*time.Minute), meetings: 3 * time.Minute}},
		{"overlapping meetings count once", nil,
			[]CalendarOccurrence{occ(10, 0, 11, 0, "other"), occ(10, 30, 11, 30, "other")},
			want{meetings: 90 * time.Minute}},
		{"a gap before Jira work is Jira time", []sEvent{comment(11, 12)},
			[]CalendarOccurrence{occ(10, 0, 11, 0, "discovery")},
			want{jira: cats(catAnswering, 12*time.Minute), cal: cats(catDiscovery, time.Hour)}},
		{"a gap before a calendar block is calendar time", []sEvent{comment(9, 50)},
			[]CalendarOccurrence{occ(10, 0, 11, 0, "discovery")},
			want{jira: cats(catAnswering, 2*time.Minute), cal: cats(catDiscovery, 70*time.Minute)}},
		{"overlapping calendar blocks count once", nil,
			[]CalendarOccurrence{occ(10, 0, 11, 0, "discovery"), occ(10, 30, 11, 30, "story_writing")},
			want{cal: [numCats]time.Duration{catDiscovery: time.Hour, catRefinement: 30 * time.Minute}}},
		{"nothing after the cutoff", nil,
			[]CalendarOccurrence{{Start: time.Date(2026, 11, 28, 10, 0, 0, 0, loc), End: time.Date(2026, 11, 28, 11, 0, 0, 0, loc), Category: "discovery"}},
			want{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			cals := newCalendarSpans(map[int32][]CalendarOccurrence{0: tc.occ}, f.cutoff)
			pt := timeModel(tc.evs, []int32{0}, cals, f.cal, f.winStart, tm)[0]
			var got want
			for c := range numCats {
				var calPart int64
				if pt.cal != nil {
					calPart = pt.cal[day][c]
				}
				got.cal[c] = time.Duration(calPart)
				got.jira[c] = time.Duration(pt.est[day][c] - calPart)
				if lo := time.Duration(pt.low[day][c]); lo > got.jira[c] {
					t.Errorf("low Jira part %v above the estimate's %v", lo, got.jira[c])
				}
			}
			got.meetings = time.Duration(pt.meetings[day])
			if got != tc.want {
				t.Errorf("got jira %v calendar %v meetings %v;\nwant jira %v calendar %v meetings %v",
					got.jira, got.cal, got.meetings, tc.want.jira, tc.want.cal, tc.want.meetings)
			}
			if got.meetings > 0 && pt.est[day][catOther] != 0 {
				t.Errorf("meetings leaked into other: %v", time.Duration(pt.est[day][catOther]))
			}
		})
	}
}

// TestCalendarHoursInResult runs a PM with a calendar through Analyze: the
// JSON splits hours by source, meetings stay out of hours.other, the range
// adds the calendar part to both ends, the shares use combined hours and
// the timeline shows each block's source and issues.
func TestCalendarHoursInResult(t *testing.T) {
	b := newBuilder(t, time.UTC)
	b.issue("ABC-1", "Story", "pm", "2026-06-01 10:00")
	b.comment("ABC-1", "pm", "2026-11-24 10:00", strings.Repeat("x", 400)) // 09:48–10:00 answering
	in := input(b, testTeam(time.UTC), "2026-11-27")
	in.Calendars = []Calendar{{Person: "paula@example.com", Occurrences: []CalendarOccurrence{
		{Start: b.at("2026-11-24 10:05"), End: b.at("2026-11-24 11:05"), Category: "discovery", Title: "Customer interview", UID: "a"},
		{Start: b.at("2026-11-24 14:00"), End: b.at("2026-11-24 14:30"), Category: "other", Title: "1:1", UID: "b"},
		{Start: b.at("2026-11-24 18:00"), End: b.at("2026-11-24 19:00"), Category: "story_writing", Title: "Refinement", UID: "c"},
	}}}
	r := analyze(t, in)
	pm := r.People[0]
	js, _ := json.Marshal(pm)
	var doc map[string]any
	if err := json.Unmarshal(js, &doc); err != nil {
		t.Fatal(err)
	}
	wantSrc := `{"calendar":{"discovery":1.08,"other":0.5,"story_writing":1},"jira":{"discovery":0,"other":0,"story_writing":0.2}}`
	if got, _ := json.Marshal(doc["hours_by_source"]); string(got) != wantSrc {
		t.Errorf("hours_by_source %s, want %s", got, wantSrc)
	}
	if doc["meeting_hours"] != 0.5 || pm.Hours.Other != 0 {
		t.Errorf("meeting hours %v, other %v: want 0.5 and 0", doc["meeting_hours"], pm.Hours.Other)
	}
	if pm.Hours.Discovery != 1.08 || pm.Hours.StoryWriting != 1.2 || pm.Hours.Refinement != 1 {
		t.Errorf("hours %+v: want combined discovery 1.08, story writing 1.2 (1 h refinement)", pm.Hours)
	}
	if pm.HoursRange.Low.Discovery != 1.08 || pm.HoursRange.High.Discovery != 1.08 || pm.HoursRange.Low.StoryWriting < 1 {
		t.Errorf("range %+v: the calendar part belongs to both ends", pm.HoursRange)
	}
	// 18:00–19:00 is after hours: a third of 2.28 hours.
	if pm.AfterHoursShare == nil || *pm.AfterHoursShare != 0.44 {
		t.Errorf("after-hours share %v, want 0.44 (1 h of 2.28 h)", pm.AfterHoursShare)
	}
	var blocks []string
	for _, tb := range r.Timeline {
		blocks = append(blocks, fmt.Sprintf("%s %s-%s %s/%s %v", tb.PersonID, tb.Start.Format("15:04"), tb.End.Format("15:04"), tb.Category, tb.Source, tb.Issues))
	}
	want := []string{
		"pm 09:48-10:00 story_writing/jira [ABC-1]",
		"pm 10:00-11:05 discovery/calendar []",
		"pm 14:00-14:30 other/calendar []", // the meeting: on the timeline, outside the split
		"pm 18:00-19:00 story_writing/calendar []",
	}
	if fmt.Sprint(blocks) != fmt.Sprint(want) {
		t.Errorf("timeline\n%s\nwant\n%s", strings.Join(blocks, "\n"), strings.Join(want, "\n"))
	}
	last := r.Weekly[len(r.Weekly)-1]
	if last.CalendarHours.Discovery != 1.08 || last.MeetingHours != 0.5 {
		t.Errorf("week %s: calendar hours %+v, meetings %v", last.Week, last.CalendarHours, last.MeetingHours)
	}
}
