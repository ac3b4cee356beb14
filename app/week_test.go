package app

import (
	"testing"
	"time"
)

func TestParseWeek(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	cases := []struct {
		in     string
		monday string
		ok     bool
	}{
		{"2026-W47", "2026-11-16", true},
		{"2026-W01", "2025-12-29", true},
		{"2026-W53", "2026-12-28", true},
		{"2025-W53", "", false},
		{"2026-47", "", false},
		{"2026-W7", "", false},
	}
	for _, c := range cases {
		w, err := ParseWeek(c.in, berlin)
		if (err == nil) != c.ok {
			t.Errorf("ParseWeek(%q) err = %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if c.ok && (w.Monday.Format("2006-01-02") != c.monday || w.String() != c.in) {
			t.Errorf("ParseWeek(%q) = %s monday %s, want monday %s", c.in, w, w.Monday.Format("2006-01-02"), c.monday)
		}
	}
}

func TestLastCompleteWeek(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	// Sunday 23:30 UTC is already Monday in Berlin: the week just ended is complete.
	now := time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC)
	if got := LastCompleteWeek(now, berlin).String(); got != "2026-W48" {
		t.Errorf("got %s, want 2026-W48", got)
	}
	if got := LastCompleteWeek(now, time.UTC).String(); got != "2026-W47" {
		t.Errorf("got %s, want 2026-W47", got)
	}
}
