package scenario

import (
	"slices"
	"time"
)

// calendar is the team's working time: Monday to Friday 09:00-17:00 in its
// time zone, minus holidays. Days are built with time.Date so that the
// October DST change moves nothing.
type calendar struct {
	loc      *time.Location
	holidays map[string]bool // "2006-01-02"
}

func (c calendar) day(t time.Time) time.Time {
	t = t.In(c.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.loc)
}

func (c calendar) at(day time.Time, h, m int) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), h, m, 0, 0, c.loc)
}

func (c calendar) nextDay(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day()+1, 0, 0, 0, 0, c.loc)
}

func (c calendar) isWorkingDay(day time.Time) bool {
	wd := day.Weekday()
	return wd != time.Saturday && wd != time.Sunday && !c.holidays[day.Format(time.DateOnly)]
}

// workingHours is the working time, in hours, between a and b.
func (c calendar) workingHours(a, b time.Time) float64 {
	var d time.Duration
	for day := c.day(a); day.Before(b); day = c.nextDay(day) {
		if !c.isWorkingDay(day) {
			continue
		}
		lo, hi := maxTime(a, c.at(day, 9, 0)), minTime(b, c.at(day, 17, 0))
		if hi.After(lo) {
			d += hi.Sub(lo)
		}
	}
	return d.Hours()
}

// inWorkingHours is the part of [a, b) that falls in working hours.
func (c calendar) inWorkingHours(a, b time.Time) time.Duration {
	return time.Duration(c.workingHours(a, b) * float64(time.Hour))
}

// addWorkingHours is the moment h working hours after t.
func (c calendar) addWorkingHours(t time.Time, h float64) time.Time {
	left := time.Duration(h * float64(time.Hour))
	for day := c.day(t); ; day = c.nextDay(day) {
		if !c.isWorkingDay(day) {
			continue
		}
		lo, hi := maxTime(t, c.at(day, 9, 0)), c.at(day, 17, 0)
		if !hi.After(lo) {
			continue
		}
		if lo.Add(left).Before(hi) || lo.Add(left).Equal(hi) {
			return lo.Add(left)
		}
		left -= hi.Sub(lo)
	}
}

func maxTime(a, b time.Time) time.Time {
	if a.After(b) {
		return a
	}
	return b
}

func minTime(a, b time.Time) time.Time {
	if a.Before(b) {
		return a
	}
	return b
}

// agenda is one person's booked task spans. Each task keeps its own gap
// (the person's habit, drawn per task) to the tasks around it; a gap
// within the analysis's idle gap (15 min) is one the time model bridges.
type agenda struct {
	busy [][2]time.Time
}

// book finds the first start at or after from where a task of length d,
// gap away from every other task, fits before until, books it and
// returns it.
func (a *agenda) book(from, until time.Time, d, gap time.Duration) (time.Time, bool) {
	start := from
	for _, iv := range a.busy {
		if !start.Add(d).Add(gap).After(iv[0]) || !start.Before(iv[1].Add(gap)) {
			continue
		}
		start = iv[1].Add(gap)
	}
	// busy is sorted; a second pass catches spans skipped before start moved.
	for _, iv := range a.busy {
		if start.Add(d).Add(gap).After(iv[0]) && start.Before(iv[1].Add(gap)) {
			return time.Time{}, false
		}
	}
	if start.Add(d).After(until) {
		return time.Time{}, false
	}
	a.busy = append(a.busy, [2]time.Time{start, start.Add(d)})
	slices.SortFunc(a.busy, func(x, y [2]time.Time) int { return x[0].Compare(y[0]) })
	return start, true
}
