package main

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/roleload/roleload/store"
)

func runStatus(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "status")
	cfgPath := fs.String("config", "", "config file")
	format := fs.String("format", "text", "text or json")
	if err := parseFormatted(fs, args, format); err != nil {
		return err
	}
	cfg, err := loadReadOnly(e, *cfgPath)
	if err != nil {
		return err
	}
	st, err := store.Open(ctx, cfg.Store.Path)
	if err != nil {
		return err
	}
	defer st.Close()
	s, err := st.Status(ctx)
	if err != nil {
		return err
	}
	if *format == "json" {
		enc := json.NewEncoder(e.stdout)
		return enc.Encode(s)
	}
	last := "never"
	if s.LastSync != nil {
		last = s.LastSync.UTC().Format(time.RFC3339)
	}
	fmt.Fprintf(e.stdout, "store      %s\nflavor     %s\nlast sync  %s\nissues     %d\nhistories  %d\ncomments   %d\nworklogs   %d\npeople     %d\n",
		cfg.Store.Path, s.Flavor, last, s.Issues, s.Histories, s.Comments, s.Worklogs, s.People)
	if s.Deleted > 0 {
		fmt.Fprintf(e.stdout, "deleted    %d (kept, left out of analysis)\n", s.Deleted)
	}
	// Each source's watermark: up to when, on Jira's clock, the store is complete.
	var parts []string
	for _, src := range s.Sources {
		at := "never"
		if src.Watermark != nil {
			at = src.Watermark.UTC().Format(time.RFC3339)
		}
		parts = append(parts, src.Source+" "+at)
	}
	if len(parts) > 0 {
		fmt.Fprintf(e.stdout, "complete   %s (Jira's clock)\n", strings.Join(parts, ", "))
	}
	printCalendarStatus(e, s.Calendars)
	return nil
}

// printCalendarStatus writes one line per calendar feed: last good load,
// occurrences held, problems and failures since.
func printCalendarStatus(e *env, cals []store.CalendarStatus) {
	for _, c := range cals {
		good := "never loaded"
		if c.LastGood != nil {
			good = "last good " + c.LastGood.UTC().Format(time.RFC3339)
		}
		line := fmt.Sprintf("calendar   %s (%s): %s, %d occurrences, %d problems", c.Person, c.Source, good, c.Occurrences, c.Problems)
		if c.Failures > 0 {
			line += fmt.Sprintf(", %d failed loads since: %s", c.Failures, c.LastError)
		}
		fmt.Fprintln(e.stdout, sanitizeLine(line))
	}
}

// sanitizeLine keeps a line of feed-derived text on one terminal line.
func sanitizeLine(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
}
