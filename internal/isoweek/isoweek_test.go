package isoweek

import (
	"testing"
	"time"
)

func TestParse(t *testing.T) {
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
		w, err := Parse(c.in, berlin)
		if (err == nil) != c.ok {
			t.Errorf("Parse(%q) err = %v, want ok=%v", c.in, err, c.ok)
			continue
		}
		if c.ok && (w.Monday.Format("2006-01-02") != c.monday || w.String() != c.in) {
			t.Errorf("Parse(%q) = %s monday %s, want monday %s", c.in, w, w.Monday.Format("2006-01-02"), c.monday)
		}
	}
}

func TestLastComplete(t *testing.T) {
	berlin, _ := time.LoadLocation("Europe/Berlin")
	// Sunday 23:30 UTC is already Monday in Berlin: the week just ended is complete.
	now := time.Date(2026, 11, 29, 23, 30, 0, 0, time.UTC)
	if got := LastComplete(now, berlin).String(); got != "2026-W48" {
		t.Errorf("got %s, want 2026-W48", got)
	}
	if got := LastComplete(now, time.UTC).String(); got != "2026-W47" {
		t.Errorf("got %s, want 2026-W47", got)
	}
}
