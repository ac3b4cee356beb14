package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/reports/charts"
	"github.com/roleload/roleload/store"
)

func runChart(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "chart")
	cfgPath := fs.String("config", "", "config file")
	teamName := fs.String("team", "", "team name (from the config)")
	weeks := fs.Int("weeks", app.ChartWeeks, "weeks shown")
	asOf := fs.String("as-of", "", "last day shown, YYYY-MM-DD (default: today, team time zone)")
	out := fs.String("out", "", "output file, .png or .svg (default METRIC.png)")
	pos, err := parseFlags(fs, args)
	if err != nil {
		return err
	}
	if len(pos) != 1 {
		return usagef("want one METRIC, one of %s", strings.Join(charts.Metrics(), ", "))
	}
	metric := pos[0]
	if !slices.Contains(charts.Metrics(), metric) {
		return usagef("unknown metric %q: want one of %s", metric, strings.Join(charts.Metrics(), ", "))
	}
	if *weeks < 1 || *weeks > 104 {
		return usagef("--weeks: %d is not between 1 and 104", *weeks)
	}
	if *out == "" {
		*out = metric + ".png"
	}
	format, err := charts.ParseFormat(filepath.Ext(*out))
	if err != nil {
		return usagef("--out %s: %v", *out, err)
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
	img, err := app.Chart(ctx, st, cfg, team, metric, day, *weeks, format)
	if err != nil {
		return err
	}
	if err := reports.WriteFileAtomic(*out, img); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fmt.Fprintf(e.stdout, "%s: %s, %d weeks to %s\n", *out, charts.Title(metric), *weeks, day.Format("2006-01-02"))
	return nil
}
