package alerts

import (
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

func TestStep(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	h := time.Hour
	type ev struct {
		at          time.Duration
		holds       bool
		state, sent string
	}
	for _, tc := range []struct {
		name         string
		hold, repeat time.Duration
		evs          []ev
	}{
		{"fires at once without for", 0, 7 * 24 * h, []ev{
			{0, true, Firing, NoticeFiring},
			{h, true, Firing, NoticeNone}, // sent once
			{2 * h, false, Resolved, NoticeResolved},
			{3 * h, false, Resolved, NoticeNone}, // resolved once
		}},
		{"pending until for has passed", 2 * h, 7 * 24 * h, []ev{
			{0, true, Pending, NoticeNone},
			{h, true, Pending, NoticeNone},
			{2 * h, true, Firing, NoticeFiring},
		}},
		{"a pending alert that clears sends nothing", 2 * h, 7 * 24 * h, []ev{
			{0, true, Pending, NoticeNone},
			{h, false, Inactive, NoticeNone},
			{2 * h, true, Pending, NoticeNone}, // for counts again from here
			{3 * h, true, Pending, NoticeNone},
			{4 * h, true, Firing, NoticeFiring},
		}},
		{"repeats after repeat_interval while firing", 0, 24 * h, []ev{
			{0, true, Firing, NoticeFiring},
			{23 * h, true, Firing, NoticeNone},
			{24 * h, true, Firing, NoticeRepeat},
			{47 * h, true, Firing, NoticeNone},
			{48 * h, true, Firing, NoticeRepeat},
		}},
		{"fires again after resolving", h, 24 * h, []ev{
			{0, true, Pending, NoticeNone},
			{h, true, Firing, NoticeFiring},
			{2 * h, false, Resolved, NoticeResolved},
			{3 * h, true, Pending, NoticeNone},
			{4 * h, true, Firing, NoticeFiring},
		}},
		{"never holding stays inactive", h, 24 * h, []ev{
			{0, false, Inactive, NoticeNone},
			{48 * h, false, Inactive, NoticeNone},
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var st store.Alert
			for i, e := range tc.evs {
				var sent string
				st, sent = Step(st, e.holds, t0.Add(e.at), tc.hold, tc.repeat)
				if st.State != e.state || sent != e.sent {
					t.Fatalf("event %d (+%v, holds %v): state %s, e-mail %q; want %s, %q", i, e.at, e.holds, st.State, sent, e.state, e.sent)
				}
			}
		})
	}
}

func TestHoldsAndCheckRules(t *testing.T) {
	v := func(x float64) *float64 { return &x }
	noReady := "none of the ready statuses occurs in the data"
	res := &analysis.Result{Verdict: analysis.Verdict{Level: analysis.LevelWatch, Signals: []analysis.Signal{
		{Name: "daily_inputs", Value: v(0.9), Threshold: 0.8, Tripped: true, Known: true},
		{Name: "slow_answers", Value: v(3), Threshold: 8, Known: true},
		{Name: "thin_backlog", Threshold: 1, Why: &noReady},
	}}}
	for _, tc := range []struct {
		rule  config.AlertRule
		holds bool
		known bool
		seen  string
	}{
		{config.AlertRule{Signal: "verdict"}, false, true, "verdict watch"},
		{config.AlertRule{Signal: "verdict", Level: "watch"}, true, true, "verdict watch"},
		{config.AlertRule{Signal: "daily_inputs"}, true, true, "daily_inputs 0.90 (threshold 0.80)"},
		{config.AlertRule{Signal: "slow_answers"}, false, true, "slow_answers 3.00"},
		{config.AlertRule{Signal: "thin_backlog"}, false, false, "thin_backlog unknown: none of the ready statuses"},
		{config.AlertRule{Signal: "po_work_heavy"}, false, true, "does not apply"},
	} {
		holds, known, seen := Holds(tc.rule, res)
		if holds != tc.holds || known != tc.known || !strings.Contains(seen, tc.seen) {
			t.Errorf("%+v: holds %v known %v (%s), want %v %v (%s)", tc.rule, holds, known, seen, tc.holds, tc.known, tc.seen)
		}
	}

	cfg := &config.Config{Path: "roleload.yaml", Alerts: config.Alerts{Rules: []config.AlertRule{
		{Signal: "verdict", Level: "hire_po"},
		{Signal: "slow_answer"},                         // typo
		{Signal: "verdict", Level: "urgent"},            // no such level
		{Name: "verdict-hire_po", Signal: "unanswered"}, // name taken
		{Team: "a", Signal: "unanswered"},
		{Team: "b", Signal: "unanswered"}, // the same name for another team: fine
	}}}
	err := CheckRules(cfg)
	if err == nil {
		t.Fatal("bad rules accepted")
	}
	for _, want := range []string{"roleload.yaml", "rules[1].signal", `"slow_answer"`, "rules[2].level", "rules[3].name"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q lacks %q", err, want)
		}
	}
	if strings.Contains(err.Error(), "rules[0]") || strings.Contains(err.Error(), "rules[5]") {
		t.Errorf("a good rule refused: %v", err)
	}
}

// The example config's rules are valid ones.
func TestExampleConfigRules(t *testing.T) {
	cfg, err := config.Load("../config.example.yaml", func(string) string { return "secret" })
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckRules(cfg); err != nil {
		t.Error(err)
	}
	if len(cfg.Alerts.Rules) < 2 {
		t.Errorf("example config has %d rules", len(cfg.Alerts.Rules))
	}
}
