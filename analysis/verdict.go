package analysis

import (
	"fmt"

	"github.com/roleload/roleload/config"
)

// Verdict levels of SPEC §6.6.
const (
	LevelOK     = "ok"
	LevelWatch  = "watch"
	LevelHirePO = "hire_po"
)

// check is one signal before it is judged.
type check struct {
	name      string
	value     *float64
	threshold float64
	trips     func(v float64) bool
	reason    func(v float64) string
	pmOnly    bool // judges a PM's split of work: left out when the team has a PO
}

// SignalNames are the names of the signals checks produces, for rules
// that refer to them (alerts).
var SignalNames = []string{"daily_inputs", "slow_answers", "unanswered", "po_work_heavy", "discovery_squeezed", "after_hours", "thin_backlog"}

// judge is the verdict stage (SPEC §6.6): it judges the signals on the
// measures: hire_po when daily_inputs trips with at least overwhelmed_min
// others, watch when it trips with fewer, ok otherwise. With a PO the
// verdict speaks of the PO's load.
func judge(m *measures, th config.Thresholds) Verdict {
	r := m.result
	v := Verdict{Level: LevelOK, Subject: "pm", Signals: []Signal{}, Reasons: []string{}, Evidence: evidence(r.Requests)}
	if m.po {
		v.Subject = "po"
	}
	daily, others := false, 0
	for _, c := range checks(m, th) {
		if c.pmOnly && v.Subject == "po" {
			continue
		}
		s := Signal{Name: c.name, Value: c.value, Threshold: c.threshold}
		s.Tripped = c.value != nil && c.trips(*c.value)
		v.Signals = append(v.Signals, s)
		if !s.Tripped {
			continue
		}
		v.Reasons = append(v.Reasons, c.reason(*c.value))
		if c.name == "daily_inputs" {
			daily = true
		} else {
			others++
		}
	}
	switch {
	case daily && others >= th.OverwhelmedMin:
		v.Level = LevelHirePO
	case daily:
		v.Level = LevelWatch
	}
	return v
}

func checks(m *measures, th config.Thresholds) []check {
	r, g := m.result, m.subject
	ir, who := r.InputRequests, m.subjectName
	// The time-split signals still count (SPEC §6.6 names no exception),
	// but their sentences must not state an unreliable split as fact.
	est := ""
	if !r.Reliable {
		est = " (an estimate only: the time split is not reliable in this window)"
	}
	unanswered := float64(ir.Unanswered)
	swWeek := g.est.storyWriting() / float64(m.weeks)
	return []check{
		{name: "daily_inputs", value: &ir.DailyShare, threshold: th.DailyInputs,
			trips: func(v float64) bool { return v >= th.DailyInputs && ir.Requesters >= th.DailyInputsMinRequesters },
			reason: func(float64) string {
				return fmt.Sprintf("Engineering asked for product input on %d of %d working days (%d engineers asked).",
					ir.DaysWithRequests, ir.WorkingDays, ir.Requesters)
			}},
		{name: "slow_answers", value: clone(ir.ResponseHoursP50), threshold: th.SlowAnswers,
			trips: func(v float64) bool { return v > th.SlowAnswers },
			reason: func(v float64) string {
				// v is an observed time (nearest rank): at least half waited
				// that long, not necessarily longer.
				return fmt.Sprintf("Half of the answered requests waited %.1f working hours or longer for an answer.", v)
			}},
		{name: "unanswered", value: &unanswered, threshold: float64(th.Unanswered),
			trips: func(v float64) bool { return v >= float64(th.Unanswered) },
			reason: func(v float64) string {
				return fmt.Sprintf("%.0f input requests have waited more than %.0f working hours without an answer.", v, th.UnansweredAfter)
			}},
		{name: "po_work_heavy", value: &swWeek, threshold: th.POWorkHeavy, pmOnly: true,
			trips: func(v float64) bool { return v >= th.POWorkHeavy },
			reason: func(v float64) string {
				return fmt.Sprintf("In Jira alone, %s spent about %.1f hours a week writing and refining stories (a lower bound)%s.", who, v, est)
			}},
		{name: "discovery_squeezed", value: g.discoveryShare(), threshold: th.DiscoverySqueezed, pmOnly: true,
			trips: func(v float64) bool { return v < th.DiscoverySqueezed },
			reason: func(v float64) string {
				return fmt.Sprintf("Discovery got only %.0f%% of the product time %s spent in Jira%s.", 100*v, who, est)
			}},
		{name: "after_hours", value: g.afterHoursShare(), threshold: th.AfterHours,
			trips: func(v float64) bool { return v > th.AfterHours },
			reason: func(v float64) string {
				return fmt.Sprintf("%.0f%% of the Jira activity of %s fell outside working hours%s.", 100*v, who, est)
			}},
		{name: "thin_backlog", value: clone(r.ReadyBacklogSprints), threshold: th.ThinBacklog,
			trips: func(v float64) bool { return v < th.ThinBacklog },
			reason: func(v float64) string {
				return fmt.Sprintf("The ready backlog holds only %.1f sprints of work.", v)
			}},
	}
}

// clone copies a figure so that a signal never shares a pointer with the
// measure it reads.
func clone(p *float64) *float64 {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}
