package reports

import (
	"fmt"
	"math"
	"strings"
	"time"
	"unicode"
)

// fmtValue writes a figure in its unit; nil is "n/a" (not measurable).
func fmtValue(v *float64, u unit) string {
	if v == nil {
		return "n/a"
	}
	switch u {
	case share:
		return fmt.Sprintf("%.0f%%", *v*100)
	case hours:
		return fmt.Sprintf("%.1f h", *v)
	case perWeek:
		return fmt.Sprintf("%.1f h/week", *v)
	case sprints:
		return fmt.Sprintf("%.1f sprints", *v)
	case ratio:
		return fmt.Sprintf("%.1f", *v)
	}
	return fmt.Sprintf("%.0f", *v)
}

// fmtDelta writes a week-over-week change: "▲ 5 pts", "▼ 1.2 h", "no change".
func fmtDelta(d *float64, u unit) string {
	if d == nil {
		return "–"
	}
	v := *d
	var mag string
	var shown float64 // the magnitude as written, to spot "▲ 0"
	switch u {
	case share:
		shown = math.Round(math.Abs(v) * 100)
		mag = fmt.Sprintf("%.0f pts", shown)
	case hours, perWeek, sprints, ratio:
		shown = math.Round(math.Abs(v)*10) / 10
		mag = fmt.Sprintf("%.1f", shown)
		if u == hours || u == perWeek {
			mag += " h"
		}
	default:
		shown = math.Round(math.Abs(v))
		mag = fmt.Sprintf("%.0f", shown)
	}
	switch {
	case shown == 0:
		return "no change"
	case v > 0:
		return "▲ " + mag
	}
	return "▼ " + mag
}

// tone is "bad", "good" or "" for a change, given which direction is bad.
func tone(d *float64, worse int) string {
	if d == nil || worse == 0 || math.Abs(*d) < 1e-9 {
		return ""
	}
	if (*d > 0) == (worse > 0) {
		return "bad"
	}
	return "good"
}

// fmtTime writes an RFC 3339 time as its wall clock in the team's zone,
// which is how the analysis stamped it. The year is left out ("Nov 17
// 10:05"): the report's header has it, and the evidence table needs the
// room at e-mail width.
func fmtTime(s string) string {
	t, err := time.Parse(time.RFC3339, s)
	if err != nil {
		return oneLine(s)
	}
	return t.Format("Jan 2 15:04")
}

// OneLine is oneLine, for other commands that print untrusted text.
func OneLine(s string) string { return oneLine(s) }

// oneLine collapses every run of whitespace (newlines included) into one
// space, so untrusted text can never start a new line, header or table row,
// and drops control characters (terminal escape sequences reach a manager's
// terminal through `roleload analyze`) and bidirectional overrides (which
// make text read other than it is).
func oneLine(s string) string {
	s = strings.Map(func(r rune) rune {
		switch {
		case unicode.IsSpace(r):
			return ' '
		case unicode.IsControl(r), r >= '\u202a' && r <= '\u202e', r >= '\u2066' && r <= '\u2069':
			return -1
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}
