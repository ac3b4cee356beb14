// Package alerts is SPEC §7.3: the state of each alert (a rule for one
// team) moves inactive -> pending -> firing -> resolved as its condition
// holds or not, and Step says which e-mail each move calls for. It is
// pure: package delivery evaluates the conditions, keeps the rows in the
// store, records each e-mail's intent, sends it and records the send.
//
// The row Step moves is store.Alert (one type for the decision, the store
// and the outcome). It imports config, analysis (for the signal names)
// and store (for that type only); it must not import app, delivery, mail
// or cmd.
package alerts

import (
	"fmt"
	"slices"
	"time"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

// States of an alert.
const (
	Inactive = "inactive"
	Pending  = "pending" // the condition holds, not yet for the rule's `for`
	Firing   = "firing"
	Resolved = "resolved" // fired, and the condition no longer holds
)

// Notices an alert's move calls for.
const (
	NoticeNone     = ""
	NoticeFiring   = "firing"   // first e-mail
	NoticeRepeat   = "repeat"   // still firing after repeat_interval
	NoticeResolved = "resolved" // the condition cleared
)

// Step moves the alert st to now, given whether the rule's condition holds
// now, and returns the new row and the e-mail it calls for. Only the state
// and its times change; recording the e-mail is the caller's. A rule with
// `for` zero fires as soon as its condition holds.
func Step(st store.Alert, holds bool, now time.Time, hold, repeat time.Duration) (store.Alert, string) {
	if st.State == "" {
		st.State = Inactive
	}
	if !holds {
		switch st.State {
		case Pending:
			st.State, st.Since = Inactive, time.Time{}
		case Firing:
			st.State, st.ResolvedAt = Resolved, now
			return st, NoticeResolved
		}
		return st, NoticeNone
	}
	switch st.State {
	case Inactive, Resolved:
		st.State, st.Since, st.ResolvedAt = Pending, now, time.Time{}
		fallthrough
	case Pending:
		if now.Sub(st.Since) < hold {
			return st, NoticeNone
		}
		st.State, st.FiredAt, st.LastSent = Firing, now, now
		return st, NoticeFiring
	case Firing:
		if repeat > 0 && now.Sub(st.LastSent) >= repeat {
			st.LastSent = now
			return st, NoticeRepeat
		}
	}
	return st, NoticeNone
}

// Signals a rule may name besides "verdict".
var Signals = analysis.SignalNames

// Built-in alerts on the data itself, for every store: they need no rule.
const (
	RuleStaleData   = "stale-data"   // no successful collect for alerts.stale_after
	RuleFailedSyncs = "failed-syncs" // alerts.failed_syncs failed collects in a row
)

// CheckRules refuses rules that could never fire: an unknown signal, or a
// verdict level that is not watch or hire_po.
func CheckRules(cfg *config.Config) error {
	var problems []string
	type named struct{ name, team string }
	var seen []named
	for i, r := range cfg.Alerts.Rules {
		switch {
		case r.Signal == "verdict":
			if r.Level != "" && r.Level != analysis.LevelWatch && r.Level != analysis.LevelHirePO {
				problems = append(problems, fmt.Sprintf("alerts.rules[%d].level: %q is not watch or hire_po", i, r.Level))
			}
		case !slices.Contains(Signals, r.Signal):
			problems = append(problems, fmt.Sprintf("alerts.rules[%d].signal: unknown signal %q (verdict or one of %v)", i, r.Signal, Signals))
		}
		// A name may repeat for other teams (unanswered for a and for b),
		// not for a team it already alerts about.
		name := RuleName(r)
		taken := name == RuleStaleData || name == RuleFailedSyncs
		for _, o := range seen {
			taken = taken || o.name == name && (o.team == r.Team || o.team == "" || r.Team == "")
		}
		if taken {
			problems = append(problems, fmt.Sprintf("alerts.rules[%d].name: %q is used twice for the same team", i, name))
		}
		seen = append(seen, named{name, r.Team})
	}
	if len(problems) > 0 {
		return &config.Error{Path: cfg.Path, Problems: problems}
	}
	return nil
}

// RuleName is the rule's name, or one made of its signal and level.
func RuleName(r config.AlertRule) string {
	switch {
	case r.Name != "":
		return r.Name
	case r.Signal == "verdict":
		return "verdict-" + Level(r)
	}
	return r.Signal
}

// Level is the verdict level a verdict rule fires at (hire_po unless the
// rule says watch).
func Level(r config.AlertRule) string {
	if r.Level == "" {
		return analysis.LevelHirePO
	}
	return r.Level
}

// Holds reports whether the rule's condition holds for a team's analysis,
// and describes what was seen. known is false when the rule's signal is
// unknown (SPEC §6.6: its data is missing): the alert then neither fires
// nor resolves, it stays as it was.
func Holds(r config.AlertRule, res *analysis.Result) (holds, known bool, detail string) {
	if r.Signal == "verdict" {
		lv := res.Verdict.Level
		holds := lv == analysis.LevelHirePO || lv == analysis.LevelWatch && Level(r) == analysis.LevelWatch
		return holds, true, "verdict " + lv
	}
	for _, s := range res.Verdict.Signals {
		if s.Name != r.Signal {
			continue
		}
		if !s.Known || s.Value == nil {
			why := "its data is missing"
			if s.Why != nil {
				why = *s.Why
			}
			return false, false, fmt.Sprintf("%s unknown: %s", s.Name, why)
		}
		return s.Tripped, true, fmt.Sprintf("%s %.2f (threshold %.2f)", s.Name, *s.Value, s.Threshold)
	}
	// po_work_heavy applies to a PO, the PM-only signals to a PM.
	return false, true, r.Signal + " does not apply to this team"
}
