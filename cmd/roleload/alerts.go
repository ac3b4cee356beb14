package main

import (
	"context"
	"fmt"

	"github.com/roleload/roleload/alerts"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/delivery"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

func runAlerts(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "alerts")
	cfgPath := fs.String("config", "", "config file")
	dryRun := fs.Bool("dry-run", false, "show what would change and be sent; change and send nothing")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, err := loadConfigFor(e, *cfgPath, *dryRun)
	if err != nil {
		return err
	}
	if err := alerts.CheckRules(cfg); err != nil {
		return err
	}
	if !*dryRun {
		if err := checkSend(cfg); err != nil {
			return err
		}
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	out, err := delivery.RunAlerts(ctx, st, cfg, cfg.Clock()(), *dryRun, e.log, app.AnalyzeNow)
	for _, o := range out {
		if *dryRun && o.Notice != "" {
			o.Notice += " (not sent: dry run)"
		}
		fmt.Fprintln(e.stdout, reports.OneLine(o.String()))
	}
	return err
}
