package analysis

import (
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/model"
)

// scenario: on each working day of the window (2026-11-02 to 11-27) the PM
// does two hours of discovery and writes a story, on which an engineer asks
// for input at 14:00 (askers engineers take turns), answered at 14:30 or
// never. ready stories sit in "Ready for Dev"; six were resolved since
// June, one per two weeks over the last twelve.
func scenario(t *testing.T, askers int, answered bool, ready int) *builder {
	b := newBuilder(t, mustLoc(t, "Europe/Berlin"))
	b.issue("DISC-1", "Idea", "pm", "2026-06-01 10:00")
	for i := range ready {
		b.issue(fmt.Sprintf("ABC-%d", 100+i), "Story", "e1", "2026-06-01 10:00", func(is *model.Issue) { is.Status = "Ready for Dev" })
	}
	for i := range 6 {
		res := time.Date(2026, 9, 10+14*i, 12, 0, 0, 0, b.loc)
		b.issue(fmt.Sprintf("ABC-%d", 200+i), "Story", "e1", "2026-06-01 10:00", func(is *model.Issue) { is.Resolved, is.Status = res, "Done" })
	}
	// The ready status occurs in the data even with no story ready now
	// (else thin_backlog is unknown, SPEC §6.6).
	b.hist("ABC-200", "e1", "2026-06-02 10:00", item("status", "To Do", "Ready for Dev"))
	b.hist("ABC-200", "e1", "2026-06-03 10:00", item("status", "Ready for Dev", "Done"))
	n := 0
	for d := b.at("2026-11-02 00:00"); !d.After(b.at("2026-11-27 00:00")); d = d.AddDate(0, 0, 1) {
		if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
			continue
		}
		day := d.Format(time.DateOnly)
		key := fmt.Sprintf("ABC-%d", n+1)
		b.worklog("DISC-1", "pm", day+" 09:00", 7200, day+" 11:05")
		b.issue(key, "Story", "pm", day+" 11:00")
		b.comment(key, []string{"e1", "e2"}[n%askers], day+" 14:00", "[~accountid:pm] which copy?", "pm")
		if answered {
			b.comment(key, "pm", day+" 14:30", "This one.")
		}
		n++
	}
	return b
}

func TestVerdictLevels(t *testing.T) {
	tests := []struct {
		name     string
		askers   int
		answered bool
		ready    int
		level    string
		tripped  []string
	}{
		{"one engineer asks daily", 1, true, 3, LevelOK, nil},
		{"two engineers ask daily, PM copes", 2, true, 3, LevelWatch, []string{"daily_inputs"}},
		{"daily inputs, unanswered, thin backlog", 2, false, 0, LevelHirePO, []string{"daily_inputs", "unanswered", "thin_backlog"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := scenario(t, tc.askers, tc.answered, tc.ready)
			r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
			var tripped []string
			for _, s := range r.Verdict.Signals {
				if s.Tripped {
					tripped = append(tripped, s.Name)
				}
			}
			if r.Verdict.Level != tc.level || fmt.Sprint(tripped) != fmt.Sprint(tc.tripped) {
				t.Fatalf("level %s, tripped %v; want %s, %v (signals %s)", r.Verdict.Level, tripped, tc.level, tc.tripped, signals(r))
			}
			if len(r.Verdict.Reasons) != len(tc.tripped) {
				t.Errorf("reasons %q: want one per tripped signal", r.Verdict.Reasons)
			}
			for _, s := range r.Verdict.Signals {
				if !slices.Contains(SignalNames, s.Name) {
					t.Errorf("signal %s is not in SignalNames", s.Name)
				}
			}
			if len(r.Verdict.Signals) != 7 || r.Verdict.Subject != "pm" || !r.Reliable {
				t.Errorf("%d signals, subject %s, reliable %v", len(r.Verdict.Signals), r.Verdict.Subject, r.Reliable)
			}
		})
	}
}

func signals(r *Result) string {
	var s []string
	for _, g := range r.Verdict.Signals {
		v := "null"
		if g.Value != nil {
			v = fmt.Sprint(*g.Value)
		}
		s = append(s, fmt.Sprintf("%s=%s", g.Name, v))
	}
	return strings.Join(s, " ")
}

func TestScenarioMeasures(t *testing.T) {
	b := scenario(t, 2, true, 3)
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	want := "Engineering asked for product input on 20 of 20 working days (2 engineers asked)."
	if len(r.Verdict.Reasons) != 1 || r.Verdict.Reasons[0] != want {
		t.Errorf("reasons %q, want %q", r.Verdict.Reasons, want)
	}
	ir := r.InputRequests
	if ir.Total != 20 || ir.DailyShare != 1 || ir.TopRequesterShare != 0.5 || *ir.ResponseHoursP50 != 0.5 || *ir.ResponseHoursP90 != 0.5 {
		t.Errorf("input requests %+v", ir)
	}
	pm := r.People[0]
	if pm.Hours.Discovery != 40 || *pm.AfterHoursShare != 0 || r.Coverage.PMActiveDayShare != 1 || r.Coverage.UnclassifiedShare != 0 {
		t.Errorf("pm %+v, coverage %+v", pm, r.Coverage)
	}
	if r.ReadyBacklogSprints == nil || *r.ReadyBacklogSprints != 3 || r.Context.SprintsUsed {
		t.Errorf("ready backlog %v sprints, want 3 two-week periods", r.ReadyBacklogSprints)
	}
	if r.Context.StoriesCreatedByPMPerWeek != 5 || r.Context.Engineers != 2 || r.Context.EngineersPerPM != 2 {
		t.Errorf("context %+v", r.Context)
	}
	if len(r.Weekly) != 12 || r.Weekly[11].Week != "2026-W48" || r.Weekly[11].Start != "2026-11-23" {
		t.Fatalf("weekly %+v", r.Weekly)
	}
	sum := 0
	for _, w := range r.Weekly[8:] {
		sum += w.Requests
		if w.Requests != 5 || w.DaysWithRequests != 5 || w.WorkingDays != 5 || w.Hours.Discovery != 10 {
			t.Errorf("week %+v", w)
		}
	}
	if sum != ir.Total || *r.Weekly[11].ReadyBacklogSprints != *r.ReadyBacklogSprints {
		t.Errorf("weekly figures disagree with the window's")
	}
}

func TestNowCutsTheWindow(t *testing.T) {
	b := scenario(t, 2, true, 3)
	in := input(b, testTeam(b.loc), "2026-11-27")
	in.Now = b.at("2026-11-27 14:15") // the last request is 15 minutes old
	r := analyze(t, in)
	last := r.Requests[len(r.Requests)-1]
	if last.Answered != "" || last.Unanswered || r.InputRequests.Unanswered != 0 {
		t.Errorf("last request %+v: want open, not yet unanswered", last)
	}
}

func TestSeveralPMs(t *testing.T) {
	b := scenario(t, 2, true, 3)
	team := testTeam(b.loc)
	team.ProductManagers = []string{"pm", "otto"} // Otto does nothing in Jira
	r := analyze(t, input(b, team, "2026-11-27"))
	if len(r.People) != 2 || r.People[1].Hours.Discovery != 0 || r.People[1].DiscoveryShare != nil {
		t.Errorf("people %+v", r.People)
	}
	if r.Coverage.PMActiveDayShare != 0 || r.Reliable {
		t.Errorf("coverage %+v, reliable %v: the idle PM makes the split unreliable", r.Coverage, r.Reliable)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		name   string
		change func(in *Input)
		want   error
		text   string
	}{
		{"no PM configured", func(in *Input) { in.Team.ProductManagers = nil }, ErrNoPM, "checkout"},
		{"PM not in Jira", func(in *Input) { in.Team.ProductManagers = []string{"nobody@example.com"} }, ErrPMNotFound, "nobody@example.com"},
		{"PO not in Jira", func(in *Input) { in.Team.ProductOwners = []string{"ghost"} }, ErrPONotFound, "ghost"},
		{"ambiguous PM", func(in *Input) {
			in.Activity.People = append(in.Activity.People, model.Person{ID: "pm2", DisplayName: "Paula PM"})
			in.Team.ProductManagers = []string{"paula pm"}
		}, ErrAmbiguousPerson, "paula pm"},
		{"window before any activity", func(in *Input) { in.AsOf = in.AsOf.AddDate(-1, 0, 0) }, ErrNoData, "checkout"},
		{"only bots in the window", func(in *Input) {
			in.Activity.Comments = nil
			in.Activity.Worklogs = nil
			for i := range in.Activity.Issues {
				in.Activity.Issues[i].CreatorID = "bot"
			}
		}, ErrNoData, "2026-10-31"},
		{"no activity", func(in *Input) { in.Activity = nil }, ErrNoData, ""},
		{"only other teams' activity", func(in *Input) {
			in.Team.DeliveryProjects = []string{"XYZ"}
			in.Team.Discovery = Discovery{IssueTypes: []string{}, Labels: []string{}}
			in.Team.ProductManagers = []string{"Otto PO"}
		}, ErrNoData, "checkout"},
		// The analysis fills no default: an input that leaves a parameter out is refused, by name.
		{"no time zone", func(in *Input) { in.Team.Location = nil }, ErrIncomplete, "team checkout: Team.Location: no time zone"},
		{"no working hours", func(in *Input) { in.Team.DayEnd = in.Team.DayStart }, ErrIncomplete, "team checkout: Team.DayStart 9h0m0s and DayEnd 9h0m0s"},
		{"no working day", func(in *Input) { in.Team.Weekdays = [7]bool{} }, ErrIncomplete, "team checkout: Team.Weekdays"},
		{"no off-day policy", func(in *Input) { in.Team.OffDayRequests = 0 }, ErrIncomplete, "team checkout: Team.OffDayRequests"},
		{"no window", func(in *Input) { in.Weeks = 0 }, ErrIncomplete, "team checkout: Weeks 0"},
		{"no chart weeks", func(in *Input) { in.HistoryWeeks = 0 }, ErrIncomplete, "team checkout: HistoryWeeks 0"},
		{"zero compose rate", func(in *Input) { in.TimeModel.ComposeRate = 0 }, ErrIncomplete, "team checkout: TimeModel.ComposeRate 0 is not positive"},
		{"zero idle gap", func(in *Input) { in.TimeModel.IdleGap = 0 }, ErrIncomplete, "team checkout: TimeModel.IdleGap 0s is not positive"},
		{"no time model", func(in *Input) { in.TimeModel = TimeModel{} }, ErrIncomplete, "team checkout: TimeModel.CreateMinutes 0 is not positive"},
		{"no thresholds", func(in *Input) { in.Thresholds = signal.Thresholds{} }, ErrIncomplete, "team checkout: Thresholds.SlowAnswers 0 is not positive"},
		{"zero unanswered count", func(in *Input) { in.Thresholds.Unanswered = 0 }, ErrIncomplete, "team checkout: Thresholds.Unanswered 0 is not positive"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := scenario(t, 2, true, 0)
			in := input(b, testTeam(b.loc), "2026-11-27")
			tc.change(&in)
			r, err := Analyze(in)
			if !errors.Is(err, tc.want) || r != nil || !strings.Contains(err.Error(), tc.text) || strings.Contains(err.Error(), "\n") {
				t.Fatalf("got %v, %v; want %v naming %q", r, err, tc.want, tc.text)
			}
		})
	}
}

func TestResultJSON(t *testing.T) {
	b := scenario(t, 2, false, 0)
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	data, err := json.Marshal(r)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(data, &m); err != nil {
		t.Fatal(err)
	}
	for _, k := range []string{"team", "as_of", "window", "people", "input_requests", "ready_backlog_sprints", "coverage", "verdict"} {
		if _, ok := m[k]; !ok {
			t.Errorf("key %s missing", k)
		}
	}
	if len(m) != 8 {
		t.Errorf("%d top-level keys, want the 8 of SPEC §8.2", len(m))
	}
	if !strings.Contains(string(m["verdict"]), `"answered":null`) || !strings.Contains(string(m["verdict"]), `"opened":"2026-11-`) {
		t.Errorf("verdict %s: want unanswered evidence with null answers", m["verdict"])
	}
	if len(r.Verdict.Evidence) != maxEvidence {
		t.Errorf("%d evidence rows, want %d", len(r.Verdict.Evidence), maxEvidence)
	}
}

func TestPersonListedTwice(t *testing.T) {
	b := scenario(t, 2, true, 3)
	team := testTeam(b.loc)
	team.ProductManagers = []string{"pm", "paula@example.com"}
	team.ProductOwners = []string{"Paula PM"} // a PM listed as PO stays the PM
	r := analyze(t, input(b, team, "2026-11-27"))
	if len(r.People) != 1 || r.People[0].Hours.Discovery != 40 || r.Verdict.Subject != "pm" {
		t.Errorf("people %+v, subject %s: want Paula once, as PM", r.People, r.Verdict.Subject)
	}
}

func TestReadyBacklogReplaysStatus(t *testing.T) {
	b := scenario(t, 2, true, 0)
	b.issue("ABC-300", "Story", "pm", "2026-10-01 10:00", func(is *model.Issue) { is.Status = "Ready for Dev" })
	b.hist("ABC-300", "pm", "2026-11-24 10:00", item("status", "To Do", "Ready for Dev"))
	b.issue("ABC-301", "Bug", "e1", "2026-10-01 10:00", func(is *model.Issue) { is.Status = "Ready for Dev" }) // not a story
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	if w := r.Weekly[10]; w.ReadyBacklogSprints == nil || *w.ReadyBacklogSprints != 0 {
		t.Errorf("week %s: %v sprints ready, want 0: the story became ready later", w.Week, w.ReadyBacklogSprints)
	}
	if r.Context.ReadyStories != 1 || r.ReadyBacklogSprints == nil || *r.ReadyBacklogSprints != 1 {
		t.Errorf("ready stories %d, %v sprints; want 1 story, one two-week period's pace", r.Context.ReadyStories, r.ReadyBacklogSprints)
	}
}

// TestReasonsCaveatUnreliableSplit: a PM seen in Jira on one day has a
// "discovery share" of 0 from a handful of events; the headline reason must
// not state it as fact (SPEC §6.5: below 50% coverage the split is not
// reliable).
func TestReasonsCaveatUnreliableSplit(t *testing.T) {
	b := newBuilder(t, mustLoc(t, "Europe/Berlin"))
	b.issue("DISC-1", "Idea", "pm", "2026-06-01 10:00") // discovery is visible, if not done
	b.issue("ABC-1", "Story", "pm", "2026-11-24 10:00")
	b.comment("ABC-1", "pm", "2026-11-24 20:00", "late note")
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	if r.Reliable {
		t.Fatalf("coverage %+v: want an unreliable split", r.Coverage)
	}
	n := 0
	for _, s := range r.Verdict.Reasons {
		if strings.Contains(s, "Discovery got") || strings.Contains(s, "outside working hours") {
			n++
			if !strings.Contains(s, "not reliable") {
				t.Errorf("reason %q states an unreliable time split as fact", s)
			}
		}
	}
	if n != 2 {
		t.Errorf("reasons %q: want the discovery and after-hours ones", r.Verdict.Reasons)
	}
}

// TestEachPersonHasOwnCoverage: with a PO the result's coverage is the
// PO's; a PM seen in Jira on one day must still carry their own, so the
// report does not present the PM's split as fact.
func TestEachPersonHasOwnCoverage(t *testing.T) {
	b := scenario(t, 2, true, 3)
	team := testTeam(b.loc)
	team.ProductManagers = []string{"Otto PO"} // barely in Jira
	team.ProductOwners = []string{"pm"}        // active every day
	b.comment("ABC-1", "po", "2026-11-24 10:00", "noted")
	r := analyze(t, input(b, team, "2026-11-27"))
	if !r.Reliable {
		t.Fatalf("coverage %+v: the PO is active daily", r.Coverage)
	}
	for _, p := range r.People {
		if p.Coverage == nil {
			t.Fatalf("%s has no coverage", p.ID)
		}
		if want := map[string]bool{"pm": true, "po": false}[p.ID]; (p.Coverage.PMActiveDayShare >= 0.5) != want {
			t.Errorf("%s: active-day share %v", p.ID, p.Coverage.PMActiveDayShare)
		}
	}
}
