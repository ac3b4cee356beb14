// Package clock is where roleload reads the wall clock, so that every
// command, the daemon and the collector take "now" as an input.
//
// Production code never calls time.Now for a decision (which week is the
// last complete one, what "today" is, how old the last sync is): it gets a
// func() time.Time from here or from the config's fixed `now:` (the
// simulated Jira's clock in `demo` and `sim` configs). Durations measured
// for logs may still use time.Since: they do not depend on the date.
package clock

import (
	"os"
	"time"
)

// SkewEnv names a test-only knob: a Go duration added to the wall clock
// (`ROLELOAD_CLOCK_SKEW=8760h make test-later` runs the suite a year
// ahead, proving that no test depends on today's date). Users have no
// reason to set it; a value that is not a duration is ignored.
const SkewEnv = "ROLELOAD_CLOCK_SKEW"

// Wall is the wall clock, shifted by $ROLELOAD_CLOCK_SKEW when set.
func Wall() time.Time {
	return time.Now().Add(skew())
}

func skew() time.Duration {
	v := os.Getenv(SkewEnv)
	if v == "" {
		return 0
	}
	d, err := time.ParseDuration(v)
	if err != nil {
		return 0
	}
	return d
}

// Fixed is a clock that always says t.
func Fixed(t time.Time) func() time.Time {
	return func() time.Time { return t }
}

// Or is c, or Wall when c is nil.
func Or(c func() time.Time) func() time.Time {
	if c == nil {
		return Wall
	}
	return c
}
