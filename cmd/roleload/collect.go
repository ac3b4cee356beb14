package main

import (
	"context"
	"fmt"
	"io"

	"github.com/roleload/roleload/calendar"
	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

func runCollect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "collect")
	cfgPath := fs.String("config", "", "config file")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, st, err := openForJira(ctx, e, *cfgPath, "collect")
	if err != nil {
		return err
	}
	defer st.Close()
	var progress io.Writer
	if isTerminal(e.stdout) && isTerminal(e.stderr) {
		progress = e.stderr
	}
	sum, err := collector.Run(ctx, st, collector.Options{Jira: cfg.Jira, Logger: e.log, Progress: progress, Now: cfg.Clock()})
	if err == nil {
		fmt.Fprintln(e.stdout, sum.String())
	}
	// The calendars load even when Jira failed: their window hangs on the
	// last sync's clock, and a broken feed never stops the collect.
	if cerr := collectCalendars(ctx, e, cfg, st); err == nil {
		err = cerr
	}
	return err
}

// collectCalendars loads the configured feeds, one summary line each.
func collectCalendars(ctx context.Context, e *env, cfg *config.Config, st *store.Store) error {
	if len(cfg.Calendars) == 0 {
		return nil
	}
	sums, err := calendar.Collect(ctx, st, calendar.ConfigOptions(cfg, e.log))
	for _, s := range sums {
		fmt.Fprintln(e.stdout, s.String())
	}
	return err
}

// openForJira loads the config of a command that talks to Jira (what it
// does, for the message), refusing one without jira.url, and opens its
// store.
func openForJira(ctx context.Context, e *env, cfgPath, what string) (*config.Config, *store.Store, error) {
	cfg, err := loadConfig(e, cfgPath)
	if err != nil {
		return nil, nil, err
	}
	if cfg.Jira.URL == "" {
		return nil, nil, usagef("config %s: jira.url: must be set to %s", cfg.Path, what)
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return nil, nil, err
	}
	return cfg, st, nil
}
