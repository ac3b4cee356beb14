package main

import (
	"context"
	"fmt"
	"io"

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
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, sum.String())
	return nil
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
