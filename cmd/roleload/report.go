package main

import (
	"context"
	"fmt"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/delivery"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

func runReport(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "report")
	cfgPath := fs.String("config", "", "config file")
	teamName := fs.String("team", "", "team name (from the config)")
	weekFlag := fs.String("week", "", "ISO week YYYY-Www (default: the last complete one)")
	out := fs.String("out", "", "archive root (default: reports.dir of the config)")
	send := fs.Bool("send", false, "also e-mail the report to email.to")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	cfg, team, err := loadTeam(e, *cfgPath, *teamName)
	if err != nil {
		return err
	}
	now := cfg.Clock()()
	week := isoweek.LastComplete(now, team.Location)
	if *weekFlag != "" {
		if week, err = isoweek.Parse(*weekFlag, team.Location); err != nil {
			return usagef("--week: %v", err)
		}
	}
	if *send {
		if err := checkSend(cfg); err != nil {
			return err
		}
	}
	root := cfg.Reports.Dir
	if *out != "" {
		root = *out
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	r, err := app.BuildReport(ctx, st, cfg, team, app.ReportRequest{Week: week, Now: now})
	if err != nil {
		return err
	}
	dir, err := reports.WriteArchive(root, r)
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "%s %s: %s\n%s\n", team.Name, week, reports.Headline(r.Current), dir)
	if *send {
		if err := delivery.SendReport(ctx, st, cfg, r, dir, now, e.log); err != nil {
			return err
		}
		fmt.Fprintf(e.stdout, "sent to %d recipient(s)\n", len(cfg.Email.To))
	}
	return nil
}
