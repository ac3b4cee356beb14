package analysis

import (
	"sort"
	"time"
)

// calendar is the team's working calendar over a fixed range of days,
// precomputed once so that per-event lookups are a binary search and never
// call into time zone conversion. Days are the team-tz calendar days, built
// with time.Date so that DST days are 23 or 25 hours long.
type calendar struct {
	loc  *time.Location
	days []calDay
}

type calDay struct {
	start, end         int64 // unix nanoseconds of this and the next midnight
	workStart, workEnd int64 // equal when it is not a working day
	date               string
	monday             time.Time // midnight of the day's ISO week's Monday
	working            bool
}

// newCalendar covers the days from first to last (both team-tz dates at
// midnight), inclusive.
func newCalendar(t Team, loc *time.Location, first, last time.Time) *calendar {
	c := &calendar{loc: loc}
	sh, sm := int(t.DayStart/time.Hour), int(t.DayStart%time.Hour/time.Minute)
	eh, em := int(t.DayEnd/time.Hour), int(t.DayEnd%time.Hour/time.Minute)
	y, m, d := first.Date()
	for i := 0; ; i++ {
		day := time.Date(y, m, d+i, 0, 0, 0, 0, loc)
		if day.After(last) {
			break
		}
		dy, dm, dd := day.Date()
		date := day.Format(time.DateOnly)
		cd := calDay{
			start:   day.UnixNano(),
			end:     time.Date(dy, dm, dd+1, 0, 0, 0, 0, loc).UnixNano(),
			date:    date,
			monday:  time.Date(dy, dm, dd-(int(day.Weekday())+6)%7, 0, 0, 0, 0, loc),
			working: t.Weekdays[day.Weekday()] && !t.Holidays[date],
		}
		if cd.working {
			// time.Date with wall-clock hours keeps 09:00 at 09:00 on DST days.
			cd.workStart = time.Date(dy, dm, dd, sh, sm, 0, 0, loc).UnixNano()
			cd.workEnd = time.Date(dy, dm, dd, eh, em, 0, 0, loc).UnixNano()
		}
		c.days = append(c.days, cd)
	}
	return c
}

// start and end bound the calendar in unix nanoseconds.
func (c *calendar) start() int64 { return c.days[0].start }
func (c *calendar) end() int64   { return c.days[len(c.days)-1].end }

// dayIndex returns the day that holds t, or -1 when t is outside the range.
func (c *calendar) dayIndex(t int64) int {
	if t < c.start() || t >= c.end() {
		return -1
	}
	return sort.Search(len(c.days), func(i int) bool { return c.days[i].end > t })
}

// workingNanos is the working time between a and b: only the parts that
// fall inside working hours of working days count.
func (c *calendar) workingNanos(a, b int64) int64 {
	var sum int64
	c.split(a, b, func(_ int, _, outside int64, total int64) { sum += total - outside })
	return sum
}

// split cuts [a, b) at midnights and calls fn for each day it touches with
// the span's length on that day and the part of it outside working hours
// (non-working days and holidays are outside entirely). Parts outside the
// calendar's range are dropped.
func (c *calendar) split(a, b int64, fn func(day int, start, outside, total int64)) {
	a, b = max(a, c.start()), min(b, c.end())
	if a >= b {
		return
	}
	for i := c.dayIndex(a); i < len(c.days) && c.days[i].start < b; i++ {
		d := &c.days[i]
		s, e := max(a, d.start), min(b, d.end)
		if s >= e {
			continue
		}
		inside := max(0, min(e, d.workEnd)-max(s, d.workStart))
		fn(i, s, (e-s)-inside, e-s)
	}
}

// workingDays counts the working days with index in [from, to).
func (c *calendar) workingDays(from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		if c.days[i].working {
			n++
		}
	}
	return n
}

// countDay is the working day a moment counts on: its own day when that is
// a working day; otherwise the next working day if rollForward, else none;
// -1 when there is none in range.
func (c *calendar) countDay(t int64, rollForward bool) int {
	for i := c.dayIndex(t); i >= 0 && i < len(c.days); i++ {
		if c.days[i].working {
			return i
		}
		if !rollForward {
			return -1
		}
	}
	return -1
}
