package main

import (
	"context"
	"fmt"
	"io"

	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/store"
)

func runCollect(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "collect")
	cfgPath := fs.String("config", "", "config file")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfig(e, *cfgPath)
	if err != nil {
		return err
	}
	if cfg.Jira.URL == "" {
		return usagef("config %s: jira.url: must be set to collect", cfg.Path)
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	var progress io.Writer
	if isTerminal(e.stdout) && isTerminal(e.stderr) {
		progress = e.stderr
	}
	sum, err := collector.Run(ctx, st, collector.Options{Jira: cfg.Jira, Logger: e.log, Progress: progress})
	if err != nil {
		return err
	}
	fmt.Fprintln(e.stdout, sum.String())
	return nil
}
