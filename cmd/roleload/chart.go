package main

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"strings"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/reports/charts"
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
	if err := checkWeeks(*weeks); err != nil {
		return err
	}
	if *out == "" {
		*out = metric + ".png"
	}
	format, err := charts.ParseFormat(filepath.Ext(*out))
	if err != nil {
		return usagef("--out %s: %v", *out, err)
	}
	t, err := openTeam(ctx, e, *cfgPath, *teamName, *asOf)
	if err != nil {
		return err
	}
	defer t.st.Close()
	img, err := app.Chart(ctx, t.st, t.cfg, t.team, metric, t.day, t.now, *weeks, format)
	if err != nil {
		return err
	}
	if err := reports.WriteFileAtomic(*out, img); err != nil {
		return fmt.Errorf("write %s: %w", *out, err)
	}
	fmt.Fprintf(e.stdout, "%s: %s, %d weeks to %s\n", *out, charts.Title(metric), *weeks, t.day.Format("2006-01-02"))
	return nil
}
