package config

import (
	"fmt"
	"time"

	"github.com/roleload/roleload/internal/clock"
)

// parseNow reads the `now:` key.
func (c *Config) parseNow() error {
	c.fixedNow = time.Time{}
	if c.Now == "" {
		return nil
	}
	if t, err := time.Parse(time.RFC3339, c.Now); err == nil {
		c.fixedNow = t
		return nil
	}
	if d, err := time.Parse(time.DateOnly, c.Now); err == nil {
		c.fixedNow = d.Add(24*time.Hour - time.Second)
		return nil
	}
	return fmt.Errorf("%q is not a time like 2026-11-27T17:00:00Z or a date like 2026-11-27", c.Now)
}

// Clock is the clock every command and the daemon read "now" from: the
// fixed `now:` when the config sets one, else the wall clock.
func (c *Config) Clock() func() time.Time {
	if !c.fixedNow.IsZero() {
		return clock.Fixed(c.fixedNow)
	}
	return clock.Wall
}
