// Package isoweek is the ISO week a weekly report covers, in a team's
// time zone: the CLI, the daemon, the dashboard and app name weeks with
// it ("2026-W47"). It imports only the standard library.
package isoweek

import (
	"fmt"
	"time"
)

// Week is one ISO week in a team's time zone.
type Week struct {
	Year, Num int
	Monday    time.Time // 00:00 team time
}

// String is the ISO form 2026-W47.
func (w Week) String() string { return fmt.Sprintf("%04d-W%02d", w.Year, w.Num) }

// Sunday is the week's last day (00:00 team time): the as-of of its report.
func (w Week) Sunday() time.Time { return w.Monday.AddDate(0, 0, 6) }

// Previous is the week before.
func (w Week) Previous() Week { return Of(w.Monday.AddDate(0, 0, -7)) }

// Of is the ISO week that contains t (in t's location).
func Of(t time.Time) Week {
	y, n := t.ISOWeek()
	d := time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
	offset := (int(d.Weekday()) + 6) % 7 // days since Monday
	return Week{Year: y, Num: n, Monday: d.AddDate(0, 0, -offset)}
}

// LastComplete is the ISO week before the one that contains now.
func LastComplete(now time.Time, loc *time.Location) Week {
	return Of(now.In(loc)).Previous()
}

// Parse reads YYYY-Www in loc.
func Parse(s string, loc *time.Location) (Week, error) {
	var y, n int
	if _, err := fmt.Sscanf(s, "%4d-W%2d", &y, &n); err != nil || fmt.Sprintf("%04d-W%02d", y, n) != s || n < 1 || n > 53 {
		return Week{}, fmt.Errorf("%q is not an ISO week like 2026-W47", s)
	}
	// January 4th is always in week 1.
	jan4 := time.Date(y, 1, 4, 0, 0, 0, 0, loc)
	w := Of(jan4)
	w = Of(w.Monday.AddDate(0, 0, 7*(n-1)))
	if w.Year != y || w.Num != n {
		return Week{}, fmt.Errorf("%q: year %d has no week %d", s, y, n)
	}
	return w, nil
}
