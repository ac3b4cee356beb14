package main

import (
	"context"
	"encoding/json"
	"time"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

func runAnalyze(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "analyze")
	cfgPath := fs.String("config", "", "config file")
	teamName := fs.String("team", "", "team name (from the config)")
	asOf := fs.String("as-of", "", "last day of the window, YYYY-MM-DD (default: today, team time zone)")
	weeks := fs.Int("weeks", 4, "window length in weeks")
	format := fs.String("format", "text", "text or json")
	if err := parseFormatted(fs, args, format); err != nil {
		return err
	}
	if err := checkWeeks(*weeks); err != nil {
		return err
	}
	t, err := openTeam(ctx, e, *cfgPath, *teamName, *asOf)
	if err != nil {
		return err
	}
	defer t.st.Close()
	r, err := app.Analyze(ctx, t.st, t.cfg, t.team, app.Window{AsOf: t.day, Now: t.now, Weeks: *weeks})
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		return enc.Encode(r)
	}
	return reports.WriteAnalysisText(e.stdout, r)
}

// teamRun is what a per-team command works on: the config, the team, its
// as-of day and the open store.
type teamRun struct {
	cfg  *config.Config
	team *config.Team
	day  time.Time
	now  time.Time // the config's clock, read once
	st   *store.Store
}

// openTeam loads the config, finds --team, reads --as-of in the team's
// time zone (empty: today there) and opens the store. The caller closes t.st.
func openTeam(ctx context.Context, e *env, cfgPath, teamName, asOf string) (*teamRun, error) {
	cfg, team, err := loadTeam(e, cfgPath, teamName)
	if err != nil {
		return nil, err
	}
	now := cfg.Clock()()
	day, err := app.ParseDate(asOf, team.Location, now)
	if err != nil {
		return nil, usagef("--as-of: %v", err)
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return nil, err
	}
	return &teamRun{cfg: cfg, team: team, day: day, now: now, st: st}, nil
}

func checkWeeks(n int) error {
	if n < 1 || n > 104 {
		return usagef("--weeks: %d is not between 1 and 104", n)
	}
	return nil
}

// loadTeam loads the config and finds --team in it.
func loadTeam(e *env, cfgPath, name string) (*config.Config, *config.Team, error) {
	if name == "" {
		return nil, nil, usagef("--team is required")
	}
	cfg, err := loadReadOnly(e, cfgPath)
	if err != nil {
		return nil, nil, err
	}
	team, ok := cfg.Team(name)
	if !ok {
		names := make([]string, 0, len(cfg.Teams))
		for _, t := range cfg.Teams {
			names = append(names, t.Name)
		}
		return nil, nil, usagef("config %s: teams: no team %q (teams: %v)", cfg.Path, name, names)
	}
	return cfg, team, nil
}
