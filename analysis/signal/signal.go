// Package signal is the one table of the signals of SPEC §6.6: for each,
// its name, its label in a manager's words, the unit of its value, its
// threshold key and how to read the threshold, how it trips, whether it
// judges a PM only, when it is unknown and why, and the sentence a tripped
// signal puts in the verdict. The analysis judges by it, reports and
// charts write by it, and alerts validate rule names against it
// (analysis.SignalNames); no other code spells a signal's name (a test
// greps for it). The coverage rule of SPEC §6.5 (SplitReliable) lives
// here too.
//
// The thresholds' keys and defaults have their home in config (the yaml
// tags and config.Default); Thresholds here has config.Thresholds' fields,
// so that app maps one onto the other by a plain conversion, and each Def
// reads its own with Threshold. This package imports nothing of roleload.
package signal

import (
	"fmt"
	"strings"
)

// Thresholds are the signal thresholds of SPEC §6.6 a verdict is judged
// by. The fields are config.Thresholds' (same names, types and order:
// app converts one into the other, which stops compiling if they drift);
// the values, defaults included, come from the config.
type Thresholds struct {
	DailyInputs              float64
	DailyInputsMinRequesters int
	SlowAnswers              float64
	Unanswered               int
	UnansweredAfter          float64 // working hours
	POWorkHeavy              float64
	DiscoverySqueezed        float64
	AfterHours               float64
	ThinBacklog              float64
	OverwhelmedMin           int
}

// Name is a signal's name as in SPEC §6.6, §8.2 and alert rules.
type Name string

// The signals of SPEC §6.6.
const (
	DailyInputs       Name = "daily_inputs"
	SlowAnswers       Name = "slow_answers"
	Unanswered        Name = "unanswered"
	POWorkHeavy       Name = "po_work_heavy"
	DiscoverySqueezed Name = "discovery_squeezed"
	AfterHours        Name = "after_hours"
	ThinBacklog       Name = "thin_backlog"
)

// Unit is how a signal's value and threshold are written.
type Unit int

// Units of the signals' values.
const (
	Count   Unit = iota // 7
	Share               // 0.85 -> 85%
	Hours               // 12.3 h (working hours)
	Sprints             // 1.4 sprints
	PerWeek             // 13.1 h/week
)

// Op is how a value is compared with its threshold.
type Op int

// Comparisons.
const (
	AtLeast Op = iota // value >= threshold
	Above             // value > threshold
	Below             // value < threshold
)

// Trips reports whether v trips a threshold t by op.
func (op Op) Trips(v, t float64) bool {
	switch op {
	case AtLeast:
		return v >= t
	case Above:
		return v > t
	}
	return v < t
}

// Facts are what the verdict sentences name besides the value.
type Facts struct {
	Who              string // "the PM (Priya Shah)" or "the PMs together"
	Names            string // "Priya Shah", or "Priya Shah and Max Roe"
	ReadyStatuses    []string
	Estimate         bool // the time split is not reliable: sentences say so
	DaysWithRequests int
	WorkingDays      int
	Requesters       int
	UnansweredAfter  float64 // working hours
}

// estimate is the caveat a time-split sentence carries when the split is
// not reliable: the signal still counts (SPEC §6.6 names no exception),
// but its sentence must not state it as fact.
func (f Facts) estimate() string {
	if f.Estimate {
		return " (an estimate only: the time split is not reliable in this window)"
	}
	return ""
}

// Who names whose load a verdict speaks of, for Facts.Who: "the PM
// (Priya Shah)" for one person, "the PMs together" for several. role is
// "PM" or "PO".
func Who(role string, names []string) string {
	if len(names) == 1 {
		return fmt.Sprintf("the %s (%s)", role, names[0])
	}
	return fmt.Sprintf("the %ss together", role)
}

// Def is one signal.
type Def struct {
	Name  Name
	Label string // in a manager's words
	Short string // a column header (the dashboard's front page)
	Unit  Unit
	// Key is the signal's key under `thresholds:` in the config (the yaml
	// tag of the field Threshold reads).
	Key string
	// Threshold reads the signal's threshold from the thresholds.
	Threshold func(Thresholds) float64
	Op        Op
	// PMOnly: judges a PM's split of work, left out when the team has a PO.
	PMOnly bool
	// UnknownWhen says when the data to judge it is missing (SPEC §6.6).
	UnknownWhen string
	// Reason is the verdict's sentence when the signal trips at value v.
	Reason func(v float64, f Facts) string
	// Why is the one line an unknown signal carries: why, and the fix.
	// nil for a signal that is always known.
	Why func(f Facts) string
}

// noActivity is the why of a signal that judges a person's time.
func noActivity(f Facts) string {
	return fmt.Sprintf("%s had no activity in the window, in Jira or a calendar. "+
		"Check that `teams[].product_managers` (or `product_owners`) names them as Jira does, or add `calendars:`.", f.Names)
}

// Defs are the signals in report order.
var Defs = []Def{
	{Name: DailyInputs, Label: "Engineers need input almost daily", Short: "Daily inputs", Unit: Share, Key: string(DailyInputs), Op: AtLeast,
		Threshold:   func(t Thresholds) float64 { return t.DailyInputs },
		UnknownWhen: "never: a window without requests has a share of 0",
		Reason: func(_ float64, f Facts) string {
			return fmt.Sprintf("Engineering asked for product input on %d of %d working days (%d engineers asked).",
				f.DaysWithRequests, f.WorkingDays, f.Requesters)
		}},
	{Name: SlowAnswers, Label: "Answers are slow", Short: "Slow answers", Unit: Hours, Key: string(SlowAnswers), Op: Above,
		Threshold:   func(t Thresholds) float64 { return t.SlowAnswers },
		UnknownWhen: "no request was answered in the window",
		Why: func(Facts) string {
			return "no input request was answered in the window, so there is no answer time to judge."
		},
		Reason: func(v float64, _ Facts) string {
			// v is an observed time (nearest rank): at least half waited
			// that long, not necessarily longer.
			return fmt.Sprintf("Half of the answered requests waited %.1f working hours or longer for an answer.", v)
		}},
	{Name: Unanswered, Label: "Requests go unanswered", Short: "Unanswered", Unit: Count, Key: string(Unanswered), Op: AtLeast,
		Threshold:   func(t Thresholds) float64 { return float64(t.Unanswered) },
		UnknownWhen: "never: a count of 0 is known",
		Reason: func(v float64, f Facts) string {
			return fmt.Sprintf("%.0f input requests have waited more than %.0f working hours without an answer.", v, f.UnansweredAfter)
		}},
	{Name: POWorkHeavy, Label: "PO work is heavy", Short: "PO work", Unit: PerWeek, Key: string(POWorkHeavy), Op: AtLeast, PMOnly: true,
		Threshold:   func(t Thresholds) float64 { return t.POWorkHeavy },
		UnknownWhen: "the person had no activity in the window from any source", Why: noActivity,
		Reason: func(v float64, f Facts) string {
			return fmt.Sprintf("In Jira alone, %s spent about %.1f hours a week writing and refining stories (a lower bound)%s.", f.Who, v, f.estimate())
		}},
	{Name: DiscoverySqueezed, Label: "Discovery is squeezed", Short: "Discovery", Unit: Share, Key: string(DiscoverySqueezed), Op: Below, PMOnly: true,
		Threshold:   func(t Thresholds) float64 { return t.DiscoverySqueezed },
		UnknownWhen: "the person has no discovery source: no discovery issue in the 26 weeks before as-of and no calendar",
		Why: func(f Facts) string {
			return fmt.Sprintf("no discovery is visible for %s (no Product Discovery project, discovery issue type or label in the data, "+
				"and no calendar). Add `calendars:` or `teams[].discovery`.", f.Names)
		},
		Reason: func(v float64, f Facts) string {
			return fmt.Sprintf("Discovery got only %.0f%% of the product time %s spent in Jira%s.", 100*v, f.Who, f.estimate())
		}},
	{Name: AfterHours, Label: "Working after hours", Short: "After hours", Unit: Share, Key: string(AfterHours), Op: Above,
		Threshold:   func(t Thresholds) float64 { return t.AfterHours },
		UnknownWhen: "the person had no activity in the window from any source", Why: noActivity,
		Reason: func(v float64, f Facts) string {
			return fmt.Sprintf("%.0f%% of the Jira activity of %s fell outside working hours%s.", 100*v, f.Who, f.estimate())
		}},
	{Name: ThinBacklog, Label: "Ready backlog is thin", Short: "Ready backlog", Unit: Sprints, Key: string(ThinBacklog), Op: Below,
		Threshold:   func(t Thresholds) float64 { return t.ThinBacklog },
		UnknownWhen: "none of the team's ready_statuses occurs in the collected data",
		Why: func(f Facts) string {
			return fmt.Sprintf("none of the team's ready statuses (%s) occurs in the data. "+
				"Set `teams[].ready_statuses` to the statuses your board uses for stories ready for development.", strings.Join(f.ReadyStatuses, ", "))
		},
		Reason: func(v float64, _ Facts) string {
			return fmt.Sprintf("The ready backlog holds only %.1f sprints of work.", v)
		}},
}

// Lookup finds a signal by name.
func Lookup(name string) (Def, bool) {
	for _, d := range Defs {
		if string(d.Name) == name {
			return d, true
		}
	}
	return Def{}, false
}

// Names lists every signal's name in report order, for rules that refer
// to them (alerts).
func Names() []string {
	out := make([]string, len(Defs))
	for i, d := range Defs {
		out[i] = string(d.Name)
	}
	return out
}

// The coverage rule of SPEC §6.5: below MinActiveDayShare of working days
// seen, or above MaxUnclassifiedShare of events in no category, the time
// split is not presented as fact.
const (
	MinActiveDayShare    = 0.5
	MaxUnclassifiedShare = 0.3
)

// SplitReliable applies the coverage rule (and needs complete changelogs:
// edits would be missing from the split).
func SplitReliable(activeDayShare, unclassifiedShare float64, changelogsComplete bool) bool {
	return activeDayShare >= MinActiveDayShare && unclassifiedShare <= MaxUnclassifiedShare && changelogsComplete
}
