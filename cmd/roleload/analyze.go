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
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format: %q is not text or json", *format)
	}
	if *weeks < 1 || *weeks > 104 {
		return usagef("--weeks: %d is not between 1 and 104", *weeks)
	}
	cfg, team, err := loadTeam(e, *cfgPath, *teamName)
	if err != nil {
		return err
	}
	day, err := app.ParseDate(*asOf, team.Location, time.Now())
	if err != nil {
		return usagef("--as-of: %v", err)
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := app.Analyze(ctx, st, cfg, team, day, *weeks)
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

// loadTeam loads the config and finds --team in it.
func loadTeam(e *env, cfgPath, name string) (*config.Config, *config.Team, error) {
	if name == "" {
		return nil, nil, usagef("--team is required")
	}
	cfg, err := loadConfig(e, cfgPath)
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
