package analysis_test

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
)

// The week analysed by most boundary tests: Mon 2026-11-23 to Fri
// 2026-11-27, five working days (Weeks 1, as-of the Friday).
var week = []string{"2026-11-23", "2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27"}

// load describes one week of requests and PM activity that trips chosen
// signals and leaves the others off: the PM spends an hour on discovery
// (so discovery_squeezed stays off), no issue is in a ready status (so
// thin_backlog is unknown) and the PM writes far less than 12 hours.
type load struct {
	days       int  // request days, Monday onwards (one request a day at 10:00)
	requesters int  // engineers taking turns asking
	unanswered int  // extra requests opened Monday 09:30 and never answered
	slow       bool // answers 9 working hours later (next day 11:00) instead of 1 (11:00)
	afterHours bool // the PM also comments at 21:00 Monday to Thursday
}

func (l load) build(t *testing.T) *actBuilder {
	b := newActBuilder(t)
	b.issue("ABC-1", "pm", "2026-01-05 10:00") // the PM's own story, for after-hours comments
	b.issue("DISC-1", "pm", "2026-01-05 10:00")
	b.worklog("DISC-1", "pm", week[4]+" 13:00", time.Hour)
	for i := range l.days {
		key := fmt.Sprintf("ABC-%d", 100+i)
		b.request(key, fmt.Sprintf("e%d", i%l.requesters+1), week[i]+" 10:00")
		switch {
		case !l.slow:
			b.comment(key, "pm", week[i]+" 11:00", "the short one")
		case i+1 < len(week):
			b.comment(key, "pm", week[i+1]+" 11:00", "the short one")
		}
	}
	for i := range l.unanswered {
		b.request(fmt.Sprintf("ABC-%d", 200+i), "e1", week[0]+" 09:30")
	}
	if l.afterHours {
		for _, d := range week[:4] {
			b.comment("ABC-1", "pm", d+" 21:00", strings.Repeat("a late thought on the copy. ", 15))
		}
	}
	return b
}

// TestVerdictBoundaries: SPEC §6.6's verdict with 0 to 3 other signals
// against overwhelmed_min 1, 2 and 3, daily_inputs at, below and above its
// threshold, and with one or two requesters.
func TestVerdictBoundaries(t *testing.T) {
	tests := []struct {
		name      string
		l         load
		th        func(*signal.Thresholds)
		tripped   []string
		level     string
		dailyWant float64
	}{
		{"4 of 5 days, 2 engineers: daily at 0.8 trips alone", load{days: 4, requesters: 2}, nil,
			[]string{"daily_inputs"}, analysis.LevelWatch, 0.8},
		{"3 of 5 days: 0.6 below 0.8", load{days: 3, requesters: 2}, nil, []string{}, analysis.LevelOK, 0.6},
		{"5 of 5 days: 1.0 above 0.8", load{days: 5, requesters: 2}, nil, []string{"daily_inputs"}, analysis.LevelWatch, 1},
		{"0.8 with threshold 0.81: just below", load{days: 4, requesters: 2}, func(th *signal.Thresholds) { th.DailyInputs = 0.81 },
			[]string{}, analysis.LevelOK, 0.8},
		{"0.8 with threshold 0.79: just above", load{days: 4, requesters: 2}, func(th *signal.Thresholds) { th.DailyInputs = 0.79 },
			[]string{"daily_inputs"}, analysis.LevelWatch, 0.8},
		{"every day but 1 engineer: daily off", load{days: 5, requesters: 1, unanswered: 3, afterHours: true}, nil,
			[]string{"unanswered", "after_hours"}, analysis.LevelOK, 1},
		{"1 engineer, min requesters 1: daily trips", load{days: 5, requesters: 1},
			func(th *signal.Thresholds) { th.DailyInputsMinRequesters = 1 }, []string{"daily_inputs"}, analysis.LevelWatch, 1},
		{"2 engineers, min requesters 3: daily off", load{days: 5, requesters: 2},
			func(th *signal.Thresholds) { th.DailyInputsMinRequesters = 3 }, []string{}, analysis.LevelOK, 1},
		{"3 engineers, min requesters 3: daily trips", load{days: 5, requesters: 3},
			func(th *signal.Thresholds) { th.DailyInputsMinRequesters = 3 }, []string{"daily_inputs"}, analysis.LevelWatch, 1},
		{"1 other, overwhelmed_min 1: hire_po", load{days: 4, requesters: 2, unanswered: 3},
			func(th *signal.Thresholds) { th.OverwhelmedMin = 1 }, []string{"daily_inputs", "unanswered"}, analysis.LevelHirePO, 0.8},
		{"1 other, overwhelmed_min 2: watch", load{days: 4, requesters: 2, unanswered: 3}, nil,
			[]string{"daily_inputs", "unanswered"}, analysis.LevelWatch, 0.8},
		{"2 others, overwhelmed_min 2: hire_po", load{days: 4, requesters: 2, unanswered: 3, afterHours: true}, nil,
			[]string{"daily_inputs", "unanswered", "after_hours"}, analysis.LevelHirePO, 0.8},
		{"2 others, overwhelmed_min 3: watch", load{days: 4, requesters: 2, unanswered: 3, afterHours: true},
			func(th *signal.Thresholds) { th.OverwhelmedMin = 3 }, []string{"daily_inputs", "unanswered", "after_hours"}, analysis.LevelWatch, 0.8},
		{"3 others, overwhelmed_min 3: hire_po", load{days: 4, requesters: 2, unanswered: 3, afterHours: true, slow: true},
			func(th *signal.Thresholds) { th.OverwhelmedMin = 3 },
			[]string{"daily_inputs", "slow_answers", "unanswered", "after_hours"}, analysis.LevelHirePO, 0.8},
		{"3 others without daily inputs: ok", load{days: 3, requesters: 2, unanswered: 3, afterHours: true, slow: true}, nil,
			[]string{"slow_answers", "unanswered", "after_hours"}, analysis.LevelOK, 0.6},
		{"2 unanswered, threshold 3: off", load{days: 4, requesters: 2, unanswered: 2}, nil,
			[]string{"daily_inputs"}, analysis.LevelWatch, 0.8},
		{"4 unanswered, threshold 3: trips", load{days: 4, requesters: 2, unanswered: 4},
			func(th *signal.Thresholds) { th.OverwhelmedMin = 1 }, []string{"daily_inputs", "unanswered"}, analysis.LevelHirePO, 0.8},
		{"3 unanswered, threshold 4: off", load{days: 4, requesters: 2, unanswered: 3},
			func(th *signal.Thresholds) { th.OverwhelmedMin, th.Unanswered = 1, 4 }, []string{"daily_inputs"}, analysis.LevelWatch, 0.8},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := tc.l.build(t)
			th := defaults()
			if tc.th != nil {
				tc.th(&th)
			}
			r := analyzeAt(t, b, boundaryTeam(b), th, week[4], 1, "")
			ir := r.InputRequests
			if ir.WorkingDays != 5 || ir.DailyShare != tc.dailyWant {
				t.Errorf("daily share %v over %d working days, want %v over 5", ir.DailyShare, ir.WorkingDays, tc.dailyWant)
			}
			if got := trippedSignals(r); !slices.Equal(got, tc.tripped) || r.Verdict.Level != tc.level {
				t.Errorf("verdict %s tripped %v, want %s %v (requests %+v)", r.Verdict.Level, got, tc.level, tc.tripped, ir)
			}
			if s := signalOf(t, r, "unanswered"); *s.Value != float64(tc.l.unanswered) || s.Threshold != float64(th.Unanswered) {
				t.Errorf("unanswered signal %v / %v, want %d / %d", *s.Value, s.Threshold, tc.l.unanswered, th.Unanswered)
			}
			if s := signalOf(t, r, "daily_inputs"); s.Threshold != th.DailyInputs {
				t.Errorf("daily_inputs threshold %v, want %v", s.Threshold, th.DailyInputs)
			}
		})
	}
}

// TestUnansweredAfterWorkingHours: a request opened Thursday 10:00 and
// judged on the Tuesday after a weekend and a Monday holiday has waited
// 7 + 8 working hours by Tuesday 09:00. Unanswered means open more than
// unanswered_after (16) working hours.
func TestUnansweredAfterWorkingHours(t *testing.T) {
	tests := []struct {
		now        string
		th         float64 // unanswered_after; 0 is the default 16
		unanswered bool
	}{
		{"2026-11-24 09:54", 0, false}, // 15.9 h
		{"2026-11-24 10:00", 0, false}, // 16.0 h: not more than 16
		{"2026-11-24 10:06", 0, true},  // 16.1 h
		{"2026-11-23 18:00", 0, false}, // holiday: still 15 h
		{"2026-11-20 14:06", 12, true}, // 12.1 h with unanswered_after 12
		{"2026-11-20 14:00", 12, false},
	}
	for _, tc := range tests {
		t.Run(fmt.Sprintf("%s/%v", tc.now, tc.th), func(t *testing.T) {
			b := newActBuilder(t)
			b.request("ABC-7", "e1", "2026-11-19 10:00")
			team := boundaryTeam(b)
			team.Holidays["2026-11-23"] = true
			th := defaults()
			if tc.th != 0 {
				th.UnansweredAfter = tc.th
			}
			r := analyzeAt(t, b, team, th, tc.now[:10], 2, tc.now)
			want := 0
			if tc.unanswered {
				want = 1
			}
			if r.InputRequests.Unanswered != want || len(r.Requests) != 1 || r.Requests[0].Unanswered != tc.unanswered {
				t.Fatalf("unanswered %d, requests %+v; want unanswered %v", r.InputRequests.Unanswered, r.Requests, tc.unanswered)
			}
			if ev := r.Verdict.Evidence; tc.unanswered && (len(ev) != 1 || ev[0].Issue != "ABC-7" || ev[0].Answered != nil) {
				t.Errorf("evidence %+v, want the unanswered ABC-7", ev)
			}
		})
	}
}

// TestSlowAnswersBoundary: response_hours_p50 is the nearest-rank median
// of working hours; slow_answers trips when it is more than 8.
func TestSlowAnswersBoundary(t *testing.T) {
	tests := []struct {
		name    string
		answers []string // answer times for requests opened Mon 23, Tue 24, Wed 25 at 10:00
		p50     float64
		p90     float64
		tripped bool
	}{
		// 1 h, 8 h (Tue 10:00 -> Wed 10:00), 20 h is not possible in the week: use 15 h.
		{"p50 exactly 8", []string{"2026-11-23 11:00", "2026-11-25 10:00", "2026-11-27 09:00"}, 8, 15, false},
		{"p50 7.9", []string{"2026-11-23 11:00", "2026-11-25 09:54", "2026-11-27 09:00"}, 7.9, 15, false},
		{"p50 8.1", []string{"2026-11-23 11:00", "2026-11-25 10:06", "2026-11-27 09:00"}, 8.1, 15, true},
		{"two answers: lower one is p50", []string{"2026-11-24 10:06", "2026-11-25 10:30", ""}, 8.1, 8.5, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newActBuilder(t)
			for i, ans := range tc.answers {
				key := fmt.Sprintf("ABC-%d", 300+i)
				b.request(key, "e1", week[i]+" 10:00")
				if ans != "" {
					b.comment(key, "pm", ans, "answer")
				}
			}
			r := analyzeAt(t, b, boundaryTeam(b), defaults(), week[4], 1, "")
			ir := r.InputRequests
			if ir.ResponseHoursP50 == nil || *ir.ResponseHoursP50 != tc.p50 || ir.ResponseHoursP90 == nil || *ir.ResponseHoursP90 != tc.p90 {
				t.Fatalf("p50 %v p90 %v, want %v %v", deref(ir.ResponseHoursP50), deref(ir.ResponseHoursP90), tc.p50, tc.p90)
			}
			if s := signalOf(t, r, "slow_answers"); s.Tripped != tc.tripped || s.Threshold != 8 {
				t.Errorf("slow_answers %+v, want tripped %v at 8", s, tc.tripped)
			}
		})
	}
}

// TestTimeSignalBoundaries: po_work_heavy (>= 12 h a week),
// discovery_squeezed (< 0.2) and after_hours (> 0.2), at, just below and
// just above, on exact worklogs (a worklog is its own span).
func TestTimeSignalBoundaries(t *testing.T) {
	const h = time.Hour
	tests := []struct {
		name                 string
		delivery, disc, late time.Duration // PM worklogs: in hours on ABC, in hours on DISC, after hours on ABC
		weeks                int
		signal               string
		value                float64
		tripped              bool
	}{
		{"12 h a week", 12 * h, 0, 0, 1, "po_work_heavy", 12, true},
		{"11.9 h a week", 12*h - 6*time.Minute, 0, 0, 1, "po_work_heavy", 11.9, false},
		{"12.1 h a week", 12*h + 6*time.Minute, 0, 0, 1, "po_work_heavy", 12.1, true},
		{"24 h over 2 weeks", 24 * h, 0, 0, 2, "po_work_heavy", 12, true},
		{"23.8 h over 2 weeks", 24*h - 12*time.Minute, 0, 0, 2, "po_work_heavy", 11.9, false},
		{"discovery share 0.2", 8 * h, 2 * h, 0, 1, "discovery_squeezed", 0.2, false},
		{"discovery share 0.19", 8*h + 6*time.Minute, 2*h - 6*time.Minute, 0, 1, "discovery_squeezed", 0.19, true},
		{"discovery share 0.21", 8*h - 6*time.Minute, 2*h + 6*time.Minute, 0, 1, "discovery_squeezed", 0.21, false},
		{"after hours 0.2", 8 * h, 0, 2 * h, 1, "after_hours", 0.2, false},
		{"after hours 0.19", 8*h + 6*time.Minute, 0, 2*h - 6*time.Minute, 1, "after_hours", 0.19, false},
		{"after hours 0.21", 8*h - 6*time.Minute, 0, 2*h + 6*time.Minute, 1, "after_hours", 0.21, true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newActBuilder(t)
			b.issue("ABC-1", "e1", "2026-01-05 10:00")
			b.issue("DISC-1", "e1", "2026-01-05 10:00")
			days := week
			if tc.weeks == 2 {
				days = append([]string{"2026-11-16", "2026-11-17", "2026-11-18", "2026-11-19", "2026-11-20"}, week...)
			}
			spread(b, "ABC-1", days, tc.delivery)
			spread(b, "DISC-1", days, tc.disc)
			if tc.late > 0 {
				b.worklog("ABC-1", "pm", days[0]+" 18:00", tc.late)
			}
			r := analyzeAt(t, b, boundaryTeam(b), defaults(), week[4], tc.weeks, "")
			s := signalOf(t, r, tc.signal)
			if s.Value == nil || !near(*s.Value, tc.value) || s.Tripped != tc.tripped {
				t.Fatalf("%s value %v tripped %v, want %v tripped %v", tc.signal, deref(s.Value), s.Tripped, tc.value, tc.tripped)
			}
		})
	}
}

// spread logs d of the PM's work on key over days, at most 4 hours a day
// from 09:00 (13:00 for a second issue on the same day is not needed:
// discovery goes after the delivery block, see below).
func spread(b *actBuilder, key string, days []string, d time.Duration) {
	start := "09:00"
	if strings.HasPrefix(key, "DISC") {
		start = "14:00"
	}
	for _, day := range days {
		if d <= 0 {
			return
		}
		n := min(d, 2*time.Hour+59*time.Minute)
		b.worklog(key, "pm", day+" "+start, n)
		d -= n
	}
}

func near(a, b float64) bool { return a-b < 1e-9 && b-a < 1e-9 }

// TestCoverageBoundaries: Result.Reliable is false below 50% of working
// days with a PM event or above 30% unclassified events (SPEC §6.5).
func TestCoverageBoundaries(t *testing.T) {
	tests := []struct {
		name       string
		activeDays int // of 100 working days (20 weeks)
		other      int // of 100 PM events, on a project outside the team's
		reliable   bool
	}{
		{"49% active", 49, 0, false},
		{"50% active", 50, 0, true},
		{"51% active", 51, 0, true},
		{"29% unclassified", 100, 29, true},
		{"30% unclassified", 100, 30, true},
		{"31% unclassified", 100, 31, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := newActBuilder(t)
			b.issue("ABC-1", "e1", "2026-01-05 10:00")
			b.issue("ZZZ-1", "e1", "2026-01-05 10:00")
			d := b.at("2026-11-27 10:00")
			var days []string
			for len(days) < 100 {
				if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
					days = append(days, d.Format("2006-01-02"))
				}
				d = d.AddDate(0, 0, -1)
			}
			// 100 PM comments, over the first activeDays days; the first
			// `other` of them on ZZZ (no category).
			for i := range 100 {
				key := "ABC-1"
				if i < tc.other {
					key = "ZZZ-1"
				}
				day := days[i%tc.activeDays]
				b.comment(key, "pm", fmt.Sprintf("%s %02d:%02d", day, 9+i/tc.activeDays%8, 7*(i/tc.activeDays/8)), "noted")
			}
			r := analyzeAt(t, b, boundaryTeam(b), defaults(), week[4], 20, "")
			c := r.Coverage
			if r.Window.WorkingDays != 100 || !near(c.PMActiveDayShare, float64(tc.activeDays)/100) || !near(c.UnclassifiedShare, float64(tc.other)/100) {
				t.Fatalf("coverage %+v over %d working days, want %d%% active, %d%% unclassified", c, r.Window.WorkingDays, tc.activeDays, tc.other)
			}
			if r.Reliable != tc.reliable || c.Reliable() != tc.reliable {
				t.Errorf("reliable %v (coverage says %v), want %v", r.Reliable, c.Reliable(), tc.reliable)
			}
		})
	}
	t.Run("incomplete changelogs", func(t *testing.T) {
		b := newActBuilder(t)
		b.issue("ABC-1", "e1", "2026-01-05 10:00")
		for _, d := range week {
			b.comment("ABC-1", "pm", d+" 10:00", "noted")
		}
		b.act.ChangelogsComplete = false
		r := analyzeAt(t, b, boundaryTeam(b), defaults(), week[4], 1, "")
		if r.Reliable || r.Coverage.ChangelogsComplete {
			t.Errorf("reliable %v with incomplete changelogs (coverage %+v)", r.Reliable, r.Coverage)
		}
	})
}

// TestPOTeamVerdict: with a PO the verdict speaks of the PO and leaves out
// po_work_heavy and discovery_squeezed, even when the PM's figures would
// trip them; the PO's answers count.
func TestPOTeamVerdict(t *testing.T) {
	for _, withPO := range []bool{false, true} {
		t.Run(fmt.Sprint("po=", withPO), func(t *testing.T) {
			b := newActBuilder(t)
			b.issue("ABC-1", "e1", "2026-01-05 10:00")
			b.issue("DISC-1", "e1", "2026-01-05 10:00")
			answerer := "pm"
			if withPO {
				answerer = "po"
			}
			for i, d := range week[:4] {
				key := fmt.Sprintf("ABC-%d", 100+i)
				b.request(key, fmt.Sprintf("e%d", i%2+1), d+" 10:00")
				b.comment(key, answerer, d+" 11:00", "answer")
				// 3 h of story writing a day, a little discovery, and
				// after-hours work: po_work_heavy, discovery_squeezed and
				// after_hours trip for whoever does it.
				b.worklog("ABC-1", answerer, d+" 12:00", 3*time.Hour)
				b.worklog("DISC-1", answerer, d+" 15:30", 6*time.Minute)
				b.worklog("ABC-1", answerer, d+" 19:00", 2*time.Hour)
			}
			team := boundaryTeam(b)
			if withPO {
				team.ProductOwners = []string{"po"}
			}
			r := analyzeAt(t, b, team, defaults(), week[4], 1, "")
			wantNames := []string{"daily_inputs", "slow_answers", "unanswered", "po_work_heavy", "discovery_squeezed", "after_hours", "thin_backlog"}
			wantTripped := []string{"daily_inputs", "po_work_heavy", "discovery_squeezed", "after_hours"}
			subject := "pm"
			if withPO {
				wantNames = []string{"daily_inputs", "slow_answers", "unanswered", "after_hours", "thin_backlog"}
				wantTripped = []string{"daily_inputs", "after_hours"}
				subject = "po"
			}
			if got := signalNames(r); !slices.Equal(got, wantNames) {
				t.Errorf("signals %v, want %v", got, wantNames)
			}
			if got := trippedSignals(r); !slices.Equal(got, wantTripped) {
				t.Errorf("tripped %v, want %v", got, wantTripped)
			}
			// The PO team has only 1 other signal: watch, not hire_po.
			wantLevel := analysis.LevelHirePO
			if withPO {
				wantLevel = analysis.LevelWatch
			}
			if r.Verdict.Level != wantLevel || r.Verdict.Subject != subject {
				t.Errorf("verdict %s about %s, want %s about %s", r.Verdict.Level, r.Verdict.Subject, wantLevel, subject)
			}
			if p50 := r.InputRequests.ResponseHoursP50; p50 == nil || *p50 != 1 {
				t.Errorf("p50 %v, want 1 h (answered by %s)", deref(p50), answerer)
			}
			for _, rq := range r.Requests {
				if rq.AnsweredByID != answerer {
					t.Errorf("request on %s answered by %q, want %s", rq.IssueKey, rq.AnsweredByID, answerer)
				}
			}
		})
	}
}
