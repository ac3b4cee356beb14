package scenario

import (
	"fmt"
	"time"
	_ "time/tzdata" // the team calendar must not depend on the host's zoneinfo

	"github.com/roleload/roleload/model"
)

// Options tune a generated scenario. Everything is deterministic from
// Seed.
type Options struct {
	Seed int64
	// End is the last moment of the timeline; zero means Friday
	// 2026-11-27 18:00 in the team's time zone.
	End time.Time
	// Weeks of activity that the truth is measured over (default 12).
	Weeks int
	// Flavor decides the shape of person IDs (accountIds on Cloud, user
	// keys on Server/DC) and whether changelog items carry a fieldId.
	Flavor model.Flavor
	// Issues is the number of delivery issues of the "load" scenario
	// (default 300); other scenarios ignore it.
	Issues int
	// Habits, when set, replace the scenario's own habits of its PM, to
	// simulate other people in the same team (see DrawHabits).
	Habits *Habits
}

const teamTZ = "Europe/Berlin"

// Names lists the scenarios Load knows.
func Names() []string {
	return []string{"demo", "overloaded", "coping", "calm", "load", "org", "meetings"}
}

// Load generates the named scenario. "demo" is "overloaded" under another
// name.
func Load(name string, opts Options) (*Dataset, error) {
	if name == "org" {
		return organisation(opts) // eight teams, see org.go
	}
	p, ok := profileFor(name)
	if !ok {
		return nil, fmt.Errorf("unknown scenario %q (known: %v)", name, Names())
	}
	loc, err := time.LoadLocation(teamTZ)
	if err != nil {
		return nil, fmt.Errorf("scenario %s: load time zone: %w", name, err)
	}
	if opts.Weeks <= 0 {
		opts.Weeks = 12
	}
	if opts.Flavor == "" {
		opts.Flavor = model.Cloud
	}
	if opts.Flavor != model.Cloud && opts.Flavor != model.Server {
		return nil, fmt.Errorf("scenario %s: unknown flavor %q", name, opts.Flavor)
	}
	if opts.End.IsZero() {
		opts.End = time.Date(2026, 11, 27, 18, 0, 0, 0, loc)
	}
	if opts.Issues <= 0 {
		opts.Issues = 300
	}
	if opts.Habits != nil {
		if err := opts.Habits.validate(); err != nil {
			return nil, fmt.Errorf("scenario %s: %w", name, err)
		}
	}
	ds := generate(name, p, opts, loc)
	return ds, nil
}
