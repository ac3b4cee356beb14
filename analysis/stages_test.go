package analysis

import (
	"errors"
	"slices"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

// The stage tests feed each stage of Analyze hand-made inputs and check its
// own output: no store, no config file.

func TestNewFrame(t *testing.T) {
	loc := mustLoc(t, "Europe/Berlin")
	team := testTeam(loc)
	asOf := time.Date(2026, 11, 27, 12, 0, 0, 0, loc) // a Friday
	tests := []struct {
		name             string
		now              time.Time
		weeks, hw        int
		first, winFrom   string
		chartWeeks       int
		cutoffBeforeDayE bool
	}{
		{"4 weeks, 12 chart weeks", time.Time{}, 4, 12, "2026-09-07", "2026-10-31", 12, false},
		{"window longer than the chart", time.Time{}, 8, 2, "2026-10-03", "2026-10-03", 2, false},
		{"now inside as-of cuts reading", time.Date(2026, 11, 27, 10, 0, 0, 0, loc), 1, 1, "2026-11-21", "2026-11-21", 1, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFrame(team, asOf, tc.now, tc.weeks, tc.hw)
			if got := f.cal.days[0].date; got != tc.first {
				t.Errorf("calendar starts %s, want %s", got, tc.first)
			}
			if got := f.cal.days[f.winDay].date; got != tc.winFrom {
				t.Errorf("window starts %s, want %s", got, tc.winFrom)
			}
			if got := f.cal.days[len(f.cal.days)-1].date; got != "2026-11-27" {
				t.Errorf("calendar ends %s, want 2026-11-27", got)
			}
			if len(f.weekDays) != tc.chartWeeks || f.cal.days[max(0, f.weekDays[len(f.weekDays)-1])].date != "2026-11-23" {
				t.Errorf("chart weeks %v, want %d ending with the week of 2026-11-23", f.weekDays, tc.chartWeeks)
			}
			if got := f.cutoff < f.cal.end(); got != tc.cutoffBeforeDayE {
				t.Errorf("cutoff before the end of as-of: %v, want %v", got, tc.cutoffBeforeDayE)
			}
		})
	}
}

func TestCastPeople(t *testing.T) {
	people := newBuilder(t, time.UTC).act.People
	tests := []struct {
		name          string
		pms, pos, eng []string
		bots          []string
		wantSubjects  []string
		wantProduct   []string
		wantErr       error
	}{
		{"PM only: the PM is the subject", []string{"paula"}, nil, nil, nil, []string{"pm"}, []string{"pm"}, nil},
		{"with a PO the PO is the subject", []string{"pm"}, []string{"Otto PO"}, nil, nil, []string{"po"}, []string{"pm", "po"}, nil},
		{"listed as PM and PO: a PM", []string{"pm"}, []string{"paula@example.com"}, nil, nil, []string{"pm"}, []string{"pm"}, nil},
		{"unknown PM", []string{"nobody"}, nil, nil, nil, nil, nil, ErrPMNotFound},
		{"unknown PO", []string{"pm"}, []string{"nobody"}, nil, nil, nil, nil, ErrPONotFound},
		{"a listed bot is a bot, not an engineer", []string{"pm"}, nil, []string{"e1"}, []string{"e1"}, []string{"pm"}, []string{"pm"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			team := Team{Name: "t", ProductManagers: tc.pms, ProductOwners: tc.pos, Engineers: tc.eng}
			c, err := castPeople(people, team, tc.bots)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("error %v, want %v", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			ids := func(is []int32) []string {
				var out []string
				for _, i := range is {
					out = append(out, c.pp.list[i].ID)
				}
				return out
			}
			if got := ids(c.subjects); !slices.Equal(got, tc.wantSubjects) {
				t.Errorf("subjects %v, want %v", got, tc.wantSubjects)
			}
			if got := ids(c.product()); !slices.Equal(got, tc.wantProduct) {
				t.Errorf("product people %v, want %v", got, tc.wantProduct)
			}
		})
	}
}

func TestCollectEvents(t *testing.T) {
	b := newBuilder(t, time.UTC)
	b.issue("ABC-1", "Story", "pm", "2026-11-02 10:00")
	b.comment("ABC-1", "e1", "2026-11-03 10:00", "Is this in scope?")
	b.comment("ABC-1", "pm", "2026-11-03 11:00", "yes")
	b.hist("ABC-1", "pm", "2026-11-03 12:00", item("priority", "Low", "High"))
	b.issue("DISC-1", "Idea", "pm", "2026-11-04 10:00")
	b.worklog("DISC-1", "pm", "2026-11-05 10:00", 1800, "2026-11-05 10:30")
	b.issue("ABC-2", "Story", "bot", "2026-11-05 10:00")
	b.comment("ABC-2", "bot", "2026-11-05 11:00", "automated?")
	b.issue("XYZ-1", "Task", "e2", "2026-11-05 10:00")  // outside the team
	b.issue("ABC-3", "Story", "e1", "2026-12-01 10:00") // after as-of
	team := testTeam(time.UTC)
	f := newFrame(team, time.Date(2026, 11, 27, 0, 0, 0, 0, time.UTC), time.Time{}, 4, 12)
	c, err := castPeople(b.act.People, team, nil)
	if err != nil {
		t.Fatal(err)
	}
	col := collectEvents(b.act, f, c.pp, classifyIssues(b.act.Issues, team), newRequestRules(team))

	type pe struct {
		kind Kind
		cat  Category
	}
	var got []pe
	for _, e := range col.product {
		got = append(got, pe{e.kind, e.cat})
	}
	want := []pe{{kindCreate, catAuthoring}, {kindComment, catAnswering}, {kindEdit, catRefinement},
		{kindCreate, catDiscovery}, {kindWorklog, catDiscovery}}
	if !slices.Equal(got, want) {
		t.Errorf("product events %v, want %v", got, want)
	}
	// ABC-1: create, 3 events; DISC-1: create, worklog; XYZ-1 is no team
	// issue and its author no PM; bots and the future issue do not count.
	if col.windowEvents != 6 {
		t.Errorf("window events %d, want 6", col.windowEvents)
	}
	if len(col.requests) != 1 || col.requests[0].rule != ruleQuestion || col.requests[0].answered == 0 {
		t.Errorf("requests %+v, want one question, answered", col.requests)
	}
	if col.createdByPM != 1 { // ABC-1; DISC-1 is no delivery story
		t.Errorf("stories created by the PM in the window: %d, want 1", col.createdByPM)
	}
	if e1 := c.pp.lookup("e1"); !col.engineers[e1] {
		t.Errorf("e1 is not marked active")
	}
}

func TestDetectRequests(t *testing.T) {
	type ev struct {
		who, at, body string
		items         []model.HistoryItem
	}
	tests := []struct {
		name string
		evs  []ev
		want []string // rule/answered-by per request
	}{
		{"question answered by the PM", []ev{{"e1", "2026-11-03 10:00", "why?", nil}, {"pm", "2026-11-03 11:00", "because", nil}},
			[]string{"question/pm"}},
		{"open request absorbs further asks", []ev{{"e1", "2026-11-03 10:00", "why?", nil}, {"e2", "2026-11-03 10:05", "and?", nil}},
			[]string{"question/-"}},
		{"waiting status then answer then label",
			[]ev{{"e1", "2026-11-03 10:00", "", []model.HistoryItem{item("status", "To Do", "Needs Info")}},
				{"pm", "2026-11-03 12:00", "", []model.HistoryItem{item("status", "Needs Info", "To Do")}},
				{"e2", "2026-11-04 12:00", "", []model.HistoryItem{item("labels", "", "needs-info")}}},
			[]string{"waiting_status/pm", "input_label/-"}},
		{"a PM's question opens nothing", []ev{{"pm", "2026-11-03 10:00", "why?", nil}}, nil},
		{"before the range: keeps the issue busy, not counted", []ev{{"e1", "2026-08-03 10:00", "why?", nil}, {"e1", "2026-11-03 10:00", "why?", nil}}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newBuilder(t, time.UTC)
			b.issue("ABC-1", "Story", "pm", "2026-06-01 10:00")
			for _, e := range tc.evs {
				if e.items != nil {
					b.hist("ABC-1", e.who, e.at, e.items...)
				} else {
					b.comment("ABC-1", e.who, e.at, e.body)
				}
			}
			team := testTeam(time.UTC)
			c, err := castPeople(b.act.People, team, nil)
			if err != nil {
				t.Fatal(err)
			}
			rd := &eventReader{act: b.act, pp: c.pp, fields: fieldKinds{}}
			rr := newRequestRules(team)
			rr.pp, rr.fields = c.pp, rd.fields
			is := &b.act.Issues[0]
			from := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC).UnixNano()
			cutoff := time.Date(2026, 11, 28, 0, 0, 0, 0, time.UTC).UnixNano()
			reqs := detectRequests(&rr, 0, is, b.act.Histories[is.ID], rd.issueEvents(is, nil), from, cutoff, nil)
			var got []string
			for _, r := range reqs {
				by := "-"
				if r.answered != 0 {
					by = c.pp.list[r.answeredBy].ID
				}
				got = append(got, ruleNames[r.rule]+"/"+by)
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("requests %v, want %v", got, tc.want)
			}
		})
	}
}

func TestTimeModelStage(t *testing.T) {
	loc := time.UTC
	team := testTeam(loc)
	f := newFrame(team, time.Date(2026, 11, 27, 0, 0, 0, 0, loc), time.Time{}, 1, 1) // 2026-11-21 .. 27
	tm := SpecTimeModel()
	at := func(d, h, m int) int64 { return time.Date(2026, 11, d, h, m, 0, 0, loc).UnixNano() }
	tests := []struct {
		name    string
		evs     []sEvent
		day     int // calendar day index to check
		want    [numCats]time.Duration
		outside time.Duration
		active  []int
	}{
		{"two people apart", []sEvent{{end: at(24, 10, 0), person: 0, kind: kindComment, cat: catAnswering},
			{end: at(24, 10, 0), person: 1, kind: kindCreate, cat: catDiscovery}}, 3,
			cats(catAnswering, 2*time.Minute), 0, []int{3}},
		{"evening work is outside working hours", []sEvent{{end: at(25, 20, 0), person: 0, kind: kindCreate, cat: catOther}}, 4,
			cats(catOther, 5*time.Minute), 5 * time.Minute, []int{4}},
		{"worklog across midnight splits by day", []sEvent{{end: at(26, 0, 30), dur: int64(time.Hour), person: 0, kind: kindWorklog, cat: catAuthoring}}, 5,
			cats(catAuthoring, 30*time.Minute), 30 * time.Minute, []int{5}},
		{"before the calendar: dropped", []sEvent{{end: at(10, 10, 0), person: 0, kind: kindCreate, cat: catOther}}, 0,
			[numCats]time.Duration{}, 0, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			pts := timeModel(tc.evs, []int32{0}, nil, f.cal, f.winStart, tm)
			pt := pts[0]
			var got [numCats]time.Duration
			for c := range numCats {
				got[c] = time.Duration(pt.est[tc.day][c])
			}
			if got != tc.want {
				t.Errorf("day %d: %v, want %v", tc.day, got, tc.want)
			}
			if o := time.Duration(pt.outside[tc.day]); o != tc.outside {
				t.Errorf("outside working hours %v, want %v", o, tc.outside)
			}
			var active []int
			for i, a := range pt.active {
				if a {
					active = append(active, i)
				}
			}
			if !slices.Equal(active, tc.active) {
				t.Errorf("active days %v, want %v", active, tc.active)
			}
		})
	}
}

func TestJudge(t *testing.T) {
	th := SpecThresholds()
	ptr := func(v float64) *float64 { return &v }
	mk := func(daily float64, requesters int, p50 *float64, unanswered int, sw, disc float64, po bool) *measures {
		m := &measures{weeks: 1, po: po, subjectName: "the PM (Paula PM)", result: &Result{Reliable: true,
			InputRequests:       InputRequests{DailyShare: daily, Requesters: requesters, ResponseHoursP50: p50, Unanswered: unanswered},
			ReadyBacklogSprints: ptr(2)}}
		m.subject.est[catAuthoring], m.subject.est[catDiscovery] = sw, disc
		return m
	}
	tests := []struct {
		name    string
		m       *measures
		level   string
		tripped []string
	}{
		{"quiet", mk(0.2, 3, ptr(2), 0, 5, 5, false), LevelOK, nil},
		{"daily alone: watch", mk(0.9, 3, ptr(2), 0, 5, 5, false), LevelWatch, []string{"daily_inputs"}},
		{"daily from one engineer does not trip", mk(0.9, 1, ptr(2), 0, 5, 5, false), LevelOK, nil},
		{"daily and two others: hire_po", mk(0.9, 3, ptr(9), 0, 20, 1, false), LevelHirePO,
			[]string{"daily_inputs", "slow_answers", "po_work_heavy", "discovery_squeezed"}},
		{"with a PO the PM's split is not judged", mk(0.9, 3, ptr(2), 0, 20, 1, true), LevelWatch, []string{"daily_inputs"}},
		{"no answered request: slow_answers cannot trip", mk(0.9, 3, nil, 4, 5, 5, false), LevelWatch, []string{"daily_inputs", "unanswered"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			v := judge(tc.m, th)
			var tripped []string
			for _, s := range v.Signals {
				if s.Tripped {
					tripped = append(tripped, s.Name)
				}
			}
			if v.Level != tc.level || !slices.Equal(tripped, tc.tripped) {
				t.Errorf("level %s, tripped %v; want %s, %v", v.Level, tripped, tc.level, tc.tripped)
			}
			if len(v.Reasons) != len(tripped) {
				t.Errorf("%d reasons for %d tripped signals", len(v.Reasons), len(tripped))
			}
		})
	}
}

func TestMeasure(t *testing.T) {
	loc := time.UTC
	team := testTeam(loc)
	f := newFrame(team, time.Date(2026, 11, 27, 0, 0, 0, 0, loc), time.Time{}, 1, 1) // window 2026-11-21 .. 27
	b := newBuilder(t, loc)
	b.issue("ABC-1", "Story", "pm", "2026-11-02 10:00")
	c, err := castPeople(b.act.People, team, nil)
	if err != nil {
		t.Fatal(err)
	}
	pm, e1 := c.pp.lookup("pm"), c.pp.lookup("e1")
	h := func(d, hh int) int64 { return time.Date(2026, 11, d, hh, 0, 0, 0, loc).UnixNano() }
	n := len(f.cal.days)
	pt := &personTime{person: pm, est: make(dayCats, n), low: make(dayCats, n), high: make(dayCats, n),
		outside: make([]int64, n), meetings: make([]int64, n), active: make([]bool, n), events: 4}
	pt.est[3][catAuthoring] = int64(3 * time.Hour) // Tuesday
	pt.est[3][catDiscovery] = int64(time.Hour)
	pt.outside[3] = int64(time.Hour)
	pt.active[3], pt.active[4] = true, true
	tests := []struct {
		name               string
		reqs               []request
		wantTotal, wantDay int
		wantP50            *float64
		wantUnanswered     int
	}{
		{"no requests", nil, 0, 0, nil, 0},
		{"one answered after two working hours", []request{{issue: 0, requester: e1, opened: h(24, 10), answered: h(24, 12), answeredBy: pm}},
			1, 1, ptrTo(2), 0},
		{"one open for three working days", []request{{issue: 0, requester: e1, opened: h(23, 10), answeredBy: -1}}, 1, 1, nil, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			col := collected{requests: tc.reqs, backlog: newBacklog(f, nil), engineers: []bool{}}
			m := measure(f, c, col, map[int32]*personTime{pm: pt}, sources{}, b.act, 16)
			r := m.result
			ir := r.InputRequests
			if ir.Total != tc.wantTotal || ir.DaysWithRequests != tc.wantDay || ir.Unanswered != tc.wantUnanswered ||
				(ir.ResponseHoursP50 == nil) != (tc.wantP50 == nil) || tc.wantP50 != nil && *ir.ResponseHoursP50 != *tc.wantP50 {
				t.Errorf("requests %+v", ir)
			}
			if ir.WorkingDays != 5 || r.Window.From != "2026-11-21" {
				t.Errorf("window %+v, %d working days", r.Window, ir.WorkingDays)
			}
			p := r.People[0]
			if p.Hours.Authoring != 3 || p.Hours.Discovery != 1 || *p.DiscoveryShare != 0.25 || *p.AfterHoursShare != 0.25 || p.StoryWritingHoursPerWeek != 3 {
				t.Errorf("person %+v", p)
			}
			if r.Coverage.PMActiveDayShare != 0.4 || m.subject.est.total() != 4 {
				t.Errorf("coverage %+v, subject hours %v", r.Coverage, m.subject.est.total())
			}
		})
	}
}

func ptrTo(v float64) *float64 { return &v }

func TestFindSources(t *testing.T) {
	loc := time.UTC
	tests := []struct {
		name            string
		build           func(b *builder)
		cals            []Calendar
		discovery, rdy  bool
		calendarPersons int
	}{
		{"nothing", func(b *builder) { b.issue("ABC-1", "Story", "pm", "2026-11-02 10:00") }, nil, false, false, 0},
		{"open idea from long ago", func(b *builder) { b.issue("DISC-1", "Idea", "pm", "2024-01-02 10:00") }, nil, true, false, 0},
		{"idea resolved before the 26 weeks", func(b *builder) {
			b.issue("DISC-1", "Idea", "pm", "2024-01-02 10:00", func(is *model.Issue) { is.Resolved = time.Date(2025, 1, 1, 0, 0, 0, 0, loc) })
		}, nil, false, false, 0},
		{"ready status only in a changelog", func(b *builder) {
			b.issue("ABC-1", "Story", "pm", "2026-11-02 10:00")
			b.hist("ABC-1", "e1", "2026-11-03 10:00", item("status", "Ready for Dev", "Done"))
		}, nil, false, true, 0},
		{"calendars by any identifier; unknown person left out", func(b *builder) { b.issue("ABC-1", "Story", "pm", "2026-11-02 10:00") },
			[]Calendar{{Person: "paula@example.com"}, {Person: "Otto PO"}, {Person: "nobody"}}, false, false, 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newBuilder(t, loc)
			tc.build(b)
			team := testTeam(loc)
			f := newFrame(team, time.Date(2026, 11, 27, 0, 0, 0, 0, loc), time.Time{}, 4, 12)
			pp := newPeople(b.act.People)
			s := findSources(b.act, classifyIssues(b.act.Issues, team), f, pp, tc.cals)
			if s.discoveryIssues != tc.discovery || s.readyStatus != tc.rdy || len(s.calendars) != tc.calendarPersons {
				t.Errorf("sources %+v; want discovery %v, ready %v, %d calendars", s, tc.discovery, tc.rdy, tc.calendarPersons)
			}
		})
	}
}
