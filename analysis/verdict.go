package analysis

import (
	"github.com/roleload/roleload/analysis/signal"
)

// Verdict levels of SPEC §6.6.
const (
	LevelOK     = "ok"
	LevelWatch  = "watch"
	LevelHirePO = "hire_po"
)

// SignalNames are the names of the signals of the table in analysis/signal,
// for rules that refer to them (alerts).
var SignalNames = signal.Names()

// judge is the verdict stage (SPEC §6.6): it judges the signals of the
// table in analysis/signal on the measures: hire_po when daily_inputs
// trips with at least overwhelmed_min others, watch when it trips with
// fewer, ok otherwise. With a PO the verdict speaks of the PO's load.
func judge(m *measures, th signal.Thresholds) Verdict {
	r := m.result
	ir := r.InputRequests
	v := Verdict{Level: LevelOK, Subject: "pm", Signals: []Signal{}, Reasons: []string{}, Evidence: evidence(r.Requests)}
	if m.po {
		v.Subject = "po"
	}
	facts := signal.Facts{Who: m.subjectName, Names: m.names, ReadyStatuses: m.ready, Estimate: !r.Reliable, DaysWithRequests: ir.DaysWithRequests,
		WorkingDays: ir.WorkingDays, Requesters: ir.Requesters, UnansweredAfter: th.UnansweredAfter}
	daily, others := false, 0
	for _, d := range signal.Defs {
		if d.PMOnly && m.po {
			continue
		}
		s := Signal{Name: string(d.Name), Value: m.value(d.Name), Threshold: d.Threshold(th), Known: true}
		if m.unknown[d.Name] && d.Why != nil {
			why := d.Why(facts)
			s.Value, s.Known, s.Why = nil, false, &why
			v.Signals = append(v.Signals, s)
			v.Unknown++
			continue
		}
		s.Tripped = s.Value != nil && d.Op.Trips(*s.Value, s.Threshold) &&
			(d.Name != signal.DailyInputs || ir.Requesters >= th.DailyInputsMinRequesters)
		v.Signals = append(v.Signals, s)
		if !s.Tripped {
			continue
		}
		v.Reasons = append(v.Reasons, d.Reason(*s.Value, facts))
		if d.Name == signal.DailyInputs {
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

// value is the measure a signal judges; nil when not measurable. It is a
// copy: a signal never shares a pointer with the measure it reads.
func (m *measures) value(n signal.Name) *float64 {
	r, g := m.result, m.subject
	switch n {
	case signal.DailyInputs:
		return clone(&r.InputRequests.DailyShare)
	case signal.SlowAnswers:
		return clone(r.InputRequests.ResponseHoursP50)
	case signal.Unanswered:
		v := float64(r.InputRequests.Unanswered)
		return &v
	case signal.POWorkHeavy:
		v := g.est.storyWriting() / float64(m.weeks)
		return &v
	case signal.DiscoverySqueezed:
		return g.discoveryShare()
	case signal.AfterHours:
		return g.afterHoursShare()
	case signal.ThinBacklog:
		return clone(r.ReadyBacklogSprints)
	}
	return nil
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
