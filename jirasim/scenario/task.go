package scenario

import (
	"slices"
	"time"
)

// taskPlan is one task of the PM before it is booked: minutes of work,
// the moments of that work at which it leaves an event, and the pauses
// the person takes in between.
type taskPlan struct {
	work   float64   // minutes of work, pauses excluded
	marks  []float64 // minutes into the work, rising, the last at work
	pauses []pause
	total  time.Duration // work and pauses: what the agenda must hold
}

type pause struct{ at, length float64 } // minutes into the work, minutes

// planTask adds the person's pauses to a task: as many as their rate per
// hour of work gives, at most three, anywhere strictly inside the work.
func (g *gen) planTask(marks []float64) *taskPlan {
	tp := &taskPlan{marks: marks, work: marks[len(marks)-1]}
	n := min(3, g.count(g.h.Pauses*tp.work/60))
	total := tp.work
	for range n {
		p := pause{
			at:     tp.work * (0.05 + 0.9*g.r.Float64()),
			length: g.h.PauseMinutes[0] + g.r.Float64()*(g.h.PauseMinutes[1]-g.h.PauseMinutes[0]),
		}
		tp.pauses = append(tp.pauses, p)
		total += p.length
	}
	slices.SortFunc(tp.pauses, func(a, b pause) int {
		switch {
		case a.at < b.at:
			return -1
		case a.at > b.at:
			return 1
		}
		return 0
	})
	tp.total = mins(total)
	return tp
}

// clock is the time of a moment x minutes into the work of a task that
// started at start: pauses before x push it later.
func (tp *taskPlan) clock(start time.Time, x float64) time.Time {
	t := x
	for _, p := range tp.pauses {
		if p.at < x {
			t += p.length
		}
	}
	return start.Add(mins(t))
}

// lay records a booked task in the truth, as the stretches of work
// between its pauses, and returns the clock times of its marks.
func (g *gen) lay(tp *taskPlan, start time.Time, cat, sub, task, key string) []time.Time {
	from := start
	for _, p := range tp.pauses {
		at := tp.clock(start, p.at)
		if at.After(from) {
			g.span(from, at, cat, sub, task, key)
		}
		from = maxTime(from, at.Add(mins(p.length)))
	}
	if end := tp.clock(start, tp.work); end.After(from) {
		g.span(from, end, cat, sub, task, key)
	}
	out := make([]time.Time, len(tp.marks))
	for i, m := range tp.marks {
		out[i] = tp.clock(start, m)
	}
	return out
}

// task plans, books and lays a task in the PM's day (see book).
func (g *gen) task(day, from, until time.Time, marks []float64, cat, sub, name string) ([]time.Time, bool) {
	tp := g.planTask(marks)
	start, ok := g.book(day, from, until, tp.total)
	if !ok {
		return nil, false
	}
	return g.lay(tp, start, cat, sub, name, ""), true
}
