package analysis

import (
	"fmt"
	"strings"
	"testing"
)

// base has ABC-1 reported by the PM and ABC-2 reported by an engineer.
func base(t *testing.T) *builder {
	b := newBuilder(t, mustLoc(t, "Europe/Berlin"))
	b.issue("ABC-1", "Story", "pm", "2026-11-02 09:00")
	b.issue("ABC-2", "Story", "e1", "2026-11-02 09:30")
	b.issue("DISC-1", "Idea", "pm", "2026-11-02 10:00")
	return b
}

func TestRequestRules(t *testing.T) {
	const when = "2026-11-24 10:00"
	tests := []struct {
		name string
		add  func(b *builder)
		rule string // "" : no request
	}{
		{"mention of the PM", func(b *builder) { b.comment("ABC-2", "e1", when, "[~accountid:pm] see this", "pm") }, "mention"},
		{"mention by Server username", func(b *builder) { b.comment("ABC-2", "e1", when, "[~paula] see this", "paula") }, "mention"},
		{"mention of someone else", func(b *builder) { b.comment("ABC-2", "e1", when, "[~ed] see this?", "e2") }, ""},
		{"question on PM's issue", func(b *builder) { b.comment("ABC-1", "e1", when, "Should this page?") }, "question"},
		{"question on engineer's issue", func(b *builder) { b.comment("ABC-2", "e1", when, "Should this page?") }, ""},
		{"question on issue assigned to PM", func(b *builder) {
			b.act.Issues[1].AssigneeID = "pm"
			b.comment("ABC-2", "e1", when, "Should this page?")
		}, "question"},
		{"question mark in code block", func(b *builder) { b.comment("ABC-1", "e1", when, "Fails:\n{code:go}x := a ? b{code}\nfixed.") }, ""},
		{"question mark in URL", func(b *builder) { b.comment("ABC-1", "e1", when, "see https://ex.com/a?b=c for it") }, ""},
		{"waiting status", func(b *builder) { b.hist("ABC-2", "e1", when, item("status", "In Progress", "Needs Info")) }, "waiting_status"},
		{"other status", func(b *builder) { b.hist("ABC-2", "e1", when, item("status", "To Do", "In Progress")) }, ""},
		{"assigned to PM", func(b *builder) { b.hist("ABC-2", "e1", when, assignItem("pm")) }, "assigned"},
		{"assigned to PM by username", func(b *builder) { b.hist("ABC-2", "e1", when, assignItem("paula")) }, "assigned"},
		{"assigned to engineer", func(b *builder) { b.hist("ABC-2", "e1", when, assignItem("e2")) }, ""},
		{"flagged", func(b *builder) { b.hist("ABC-2", "e1", when, item("Flagged", "", "Impediment")) }, "flagged"},
		{"unflagged", func(b *builder) { b.hist("ABC-2", "e1", when, item("Flagged", "Impediment", "")) }, ""},
		{"input label added", func(b *builder) { b.hist("ABC-2", "e1", when, item("labels", "backend", "backend Needs-Info")) }, "input_label"},
		{"input label kept", func(b *builder) { b.hist("ABC-2", "e1", when, item("labels", "needs-info", "backend needs-info")) }, ""},
		{"PM's own question", func(b *builder) { b.comment("ABC-1", "pm", when, "Is this right?") }, ""},
		{"bot mention", func(b *builder) { b.comment("ABC-2", "bot", when, "ping", "pm") }, ""},
		{"listed bot mention", func(b *builder) { b.comment("ABC-2", "e2", when, "ping", "pm") }, ""},
		{"unknown author listed as bot", func(b *builder) { b.comment("ABC-2", "ci-bot", when, "ping", "pm") }, ""},
		{"unknown author", func(b *builder) { b.comment("ABC-2", "newbie", when, "ping", "pm") }, "mention"},
		{"discovery issue", func(b *builder) { b.comment("DISC-1", "e1", when, "ping", "pm") }, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			b := base(t)
			tc.add(b)
			in := input(b, testTeam(b.loc), "2026-11-27")
			in.Bots = []string{"ci-bot"}
			if tc.name == "listed bot mention" {
				in.Bots = []string{"Ed Eng"}
			}
			r := analyze(t, in)
			got := ""
			if len(r.Requests) > 0 {
				got = r.Requests[0].Rule
			}
			if got != tc.rule || len(r.Requests) > 1 {
				t.Fatalf("requests %+v, want one with rule %q", r.Requests, tc.rule)
			}
		})
	}
}

func TestRequestLifecycle(t *testing.T) {
	b := base(t)
	// Two questions while one is open make one request; the PM answers;
	// a later question opens a second one, which stays open.
	b.comment("ABC-1", "e1", "2026-11-20 16:00", "Which copy?")
	b.comment("ABC-1", "e2", "2026-11-20 16:30", "And which colour?")
	b.worklog("ABC-1", "pm", "2026-11-23 09:00", 600, "2026-11-23 09:10") // a worklog is not an answer
	b.comment("ABC-1", "pm", "2026-11-23 10:00", "Blue.")
	b.comment("ABC-1", "e1", "2026-11-23 11:00", "And the font?")
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	if len(r.Requests) != 2 {
		t.Fatalf("got %d requests, want 2: %+v", len(r.Requests), r.Requests)
	}
	first := r.Requests[0]
	// Friday 16:00 -> Monday 10:00 is one working hour on Friday and one on Monday.
	if first.ResponseHours == nil || *first.ResponseHours != 2 || first.AnsweredBy != "Paula PM" {
		t.Errorf("first request %+v: want answered by Paula PM after 2 working hours", first)
	}
	second := r.Requests[1]
	// Monday 11:00 to Friday's end: 6 + 8*4 = 38 working hours >= 16.
	if second.ResponseHours != nil || !second.Unanswered {
		t.Errorf("second request %+v: want unanswered", second)
	}
	ir := r.InputRequests
	if ir.Total != 2 || ir.Requesters != 1 || ir.Unanswered != 1 || ir.DaysWithRequests != 2 || ir.TopRequesterShare != 1 {
		t.Errorf("input requests %+v", ir)
	}
	if ir.WorkingDays != 20 || len(ir.PerDay) != 20 {
		t.Errorf("working days %d, per_day %d: want 20", ir.WorkingDays, len(ir.PerDay))
	}
	if len(r.Verdict.Evidence) != 2 || r.Verdict.Evidence[0].Answered != nil || r.Verdict.Evidence[1].Issue != "ABC-1" {
		t.Errorf("evidence %+v: want the unanswered first, then the answered", r.Verdict.Evidence)
	}
}

func TestRequestAnsweredByPO(t *testing.T) {
	b := base(t)
	team := testTeam(b.loc)
	team.ProductOwners = []string{"Otto PO"}
	b.comment("ABC-2", "e1", "2026-11-24 10:00", "[~otto] please decide", "po")
	b.hist("ABC-2", "po", "2026-11-24 11:30", item("Description", "", "Decided: blue."))
	r := analyze(t, input(b, team, "2026-11-27"))
	if len(r.Requests) != 1 || r.Requests[0].AnsweredBy != "Otto PO" || *r.Requests[0].ResponseHours != 1.5 {
		t.Fatalf("requests %+v: want one answered by Otto PO in 1.5 h", r.Requests)
	}
	if r.Verdict.Subject != "po" || len(r.People) != 2 || r.People[1].Role != "po" {
		t.Errorf("subject %q, people %+v", r.Verdict.Subject, r.People)
	}
	for _, s := range r.Verdict.Signals {
		if s.Name == "po_work_heavy" || s.Name == "discovery_squeezed" {
			t.Errorf("signal %s judges a PM; the verdict is about the PO", s.Name)
		}
	}
}

func TestRequestOpenedOnWeekend(t *testing.T) {
	for _, tc := range []struct {
		name    string
		offDay  OffDayPolicy
		perDay  int // requests on Monday 2026-11-23
		daysWth int
	}{
		{"ignore", OffDayIgnore, 0, 0},                   // SPEC §6.5: working days on which a request opened
		{"next_working_day", OffDayNextWorkingDay, 1, 1}, // the day the PM meets it
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := base(t)
			b.hist("ABC-2", "e1", "2026-11-21 11:00", item("Flagged", "", "Impediment")) // Saturday
			b.hist("ABC-2", "pm", "2026-11-23 09:30", item("Flagged", "Impediment", ""))
			team := testTeam(b.loc)
			team.OffDayRequests = tc.offDay
			r := analyze(t, input(b, team, "2026-11-27"))
			for _, d := range r.InputRequests.PerDay {
				if want := map[bool]int{true: tc.perDay, false: 0}[d.Date == "2026-11-23"]; d.Count != want {
					t.Errorf("%s: %d requests, want %d", d.Date, d.Count, want)
				}
			}
			if r.InputRequests.Total != 1 || r.InputRequests.DaysWithRequests != tc.daysWth {
				t.Errorf("total %d, days with requests %d; want 1, %d", r.InputRequests.Total, r.InputRequests.DaysWithRequests, tc.daysWth)
			}
			if h := r.Requests[0].ResponseHours; h == nil || *h != 0.5 {
				t.Errorf("response %v, want 0.5 working hours (the weekend does not count)", h)
			}
		})
	}
}

func TestHasQuestion(t *testing.T) {
	tests := []struct {
		body string
		want bool
	}{
		{"Is this ready?", true},
		{"{code}a ? b{code}", false},
		{"{code:java}\nx ? y\n{code}\nok", false},
		{"{noformat}why?{noformat}", false},
		{"```\nwhy?\n```\n", false},
		{"run `a?b` now", false},
		{"{quote}why?{quote} fine", false},
		{"bq. why?\nfine", false},
		{"> why?\nfine", false},
		{"see http://x.io/?q=1", false},
		{"see [link|https://x.io/?q=1]", false},
		{"{code}x{code} but why?", true},
		{"> quoted\nand mine?", true},
		{"", false},
	}
	for _, tc := range tests {
		if got := hasQuestion(tc.body); got != tc.want {
			t.Errorf("hasQuestion(%q) = %v, want %v", tc.body, got, tc.want)
		}
	}
}

func TestEvidenceKeepsSlowestAnswered(t *testing.T) {
	h := func(v float64) *float64 { return &v }
	var reqs []Request
	for i := range 12 {
		reqs = append(reqs, Request{IssueKey: fmt.Sprintf("ABC-%d", i), Unanswered: true})
	}
	for i, v := range []float64{2, 30, 9, 12, 1} {
		reqs = append(reqs, Request{IssueKey: fmt.Sprintf("ABC-%d", 100+i), Answered: "x", ResponseHours: h(v)})
	}
	ev := evidence(reqs)
	if len(ev) != maxEvidence || ev[0].Issue != "ABC-0" || ev[7].Issue != "ABC-101" || ev[8].Issue != "ABC-103" || ev[9].Issue != "ABC-102" {
		t.Errorf("evidence %+v: want 7 unanswered then the 3 slowest answered", ev)
	}
}

// TestSlowAnswersReasonIsTrue: the p50 is an observed answer time, so
// "half waited more than it" can be false (here nobody waited more).
func TestSlowAnswersReasonIsTrue(t *testing.T) {
	b := base(t)
	for i, key := range []string{"ABC-3", "ABC-4", "ABC-5"} {
		b.issue(key, "Story", "e1", "2026-11-02 09:30")
		day := fmt.Sprintf("2026-11-%d", 16+i)
		b.comment(key, "e1", day+" 09:00", "[~pm] which copy?", "pm")
		b.comment(key, "pm", fmt.Sprintf("2026-11-%d 10:00", 17+i), "This one.") // 9 working hours later
	}
	r := analyze(t, input(b, testTeam(b.loc), "2026-11-27"))
	if p := r.InputRequests.ResponseHoursP50; p == nil || *p != 9 {
		t.Fatalf("p50 %v, want 9", p)
	}
	found := false
	for _, s := range r.Verdict.Reasons {
		if strings.Contains(s, "9.0 working hours") {
			found = true
			if strings.Contains(s, "more than 9.0") {
				t.Errorf("reason %q: no request waited more than 9 working hours", s)
			}
		}
	}
	if !found {
		t.Errorf("reasons %q: want the slow answers one", r.Verdict.Reasons)
	}
}
