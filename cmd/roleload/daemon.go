package main

import (
	"context"
	"log/slog"

	"github.com/roleload/roleload/alerts"
	"github.com/roleload/roleload/daemon"
)

func runDaemon(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "run")
	cfgPath := fs.String("config", "", "config file")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, st, err := openForJira(ctx, e, *cfgPath, "run the daemon")
	if err != nil {
		return err
	}
	defer st.Close()
	// A rule that could never fire is refused now, not at every collect.
	if err := alerts.CheckRules(cfg); err != nil {
		return err
	}
	// A daemon's log is its only voice: info by default, unless
	// ROLELOAD_LOG says otherwise.
	log := e.log
	if e.getenv("ROLELOAD_LOG") == "" {
		log = slog.New(slog.NewTextHandler(e.stderr, &slog.HandlerOptions{Level: slog.LevelInfo}))
	}
	return daemon.Run(ctx, daemon.Options{Config: cfg, Store: st, Log: log, Now: cfg.Clock()})
}
