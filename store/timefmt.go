package store

import (
	"database/sql"
	"fmt"
	"time"
)

// timeLayout is RFC 3339 in UTC with fixed-width milliseconds: Jira's
// timestamps carry milliseconds and text order must be time order.
const timeLayout = "2006-01-02T15:04:05.000Z07:00"

// dbTime turns a time into its stored text; the zero time is NULL.
func dbTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.UTC().Format(timeLayout)
}

// parseTime reads a stored time; NULL or empty is the zero time.
func parseTime(s sql.NullString) (time.Time, error) {
	if !s.Valid {
		return time.Time{}, nil
	}
	return parseTimeText(s.String)
}

// storedTime is a time.Time that database/sql scans from its stored
// text, so that a loop reads a time column straight into the model:
// rows.Scan(..., timeText(&c.Created)). With the sql.NullString in
// between and time.Parse, a time cost twice as much (BenchmarkParseTime);
// LoadActivity reads one to three per row.
type storedTime time.Time

// timeText is the scan destination of a stored time going to dst; NULL
// or empty is the zero time.
func timeText(dst *time.Time) *storedTime { return (*storedTime)(dst) }

func (t *storedTime) Scan(src any) error {
	var v time.Time
	var err error
	switch s := src.(type) {
	case nil:
	case string:
		v, err = parseTimeText(s)
	case []byte:
		v, err = parseTimeText(string(s))
	default:
		err = fmt.Errorf("stored time: unexpected %T", src)
	}
	*t = storedTime(v)
	return err
}

// parseTimeText reads a stored time's text; empty is the zero time. What
// dbTime wrote (2006-01-02T15:04:05.000Z, 24 bytes) is read by hand;
// anything else goes through time.Parse.
func parseTimeText(s string) (time.Time, error) {
	if s == "" {
		return time.Time{}, nil
	}
	if t, ok := parseFixedUTC(s); ok {
		return t, nil
	}
	t, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("stored time %q: %w", s, err)
	}
	return t.UTC(), nil
}

// parseFixedUTC parses exactly timeLayout in UTC. It refuses what
// time.Parse would refuse (month 13, 31 April, hour 24), so those still
// get time.Parse's error.
func parseFixedUTC(s string) (time.Time, bool) {
	if len(s) != 24 || s[4] != '-' || s[7] != '-' || s[10] != 'T' || s[13] != ':' || s[16] != ':' || s[19] != '.' || s[23] != 'Z' {
		return time.Time{}, false
	}
	ok := true
	num := func(i, n int) int {
		v := 0
		for _, c := range []byte(s[i : i+n]) {
			if c < '0' || c > '9' {
				ok = false
			}
			v = v*10 + int(c-'0')
		}
		return v
	}
	year, month, day := num(0, 4), num(5, 2), num(8, 2)
	hour, minute, sec, ms := num(11, 2), num(14, 2), num(17, 2), num(20, 3)
	if !ok || month < 1 || month > 12 || day < 1 || day > daysIn(time.Month(month), year) || hour > 23 || minute > 59 || sec > 59 {
		return time.Time{}, false
	}
	return time.Date(year, time.Month(month), day, hour, minute, sec, ms*int(time.Millisecond), time.UTC), true
}

func daysIn(m time.Month, year int) int {
	if m == time.February {
		if year%4 == 0 && (year%100 != 0 || year%400 == 0) {
			return 29
		}
		return 28
	}
	return 31 - int(m-1)%7%2
}
