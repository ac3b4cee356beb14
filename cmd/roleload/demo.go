package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/roleload/roleload/demo"
)

func runDemo(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "demo")
	out := fs.String("out", "./demo-out", "output folder")
	flavor := fs.String("flavor", "cloud", "simulated Jira flavor: cloud or server")
	seed := fs.Int64("seed", 1, "scenario seed")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	fl, err := parseFlavor(*flavor)
	if err != nil {
		return err
	}
	var progress io.Writer
	if isTerminal(e.stdout) && isTerminal(e.stderr) {
		progress = e.stderr
	}
	res, err := demo.Run(ctx, demo.Options{Out: *out, Flavor: fl, Seed: *seed, Logger: e.log, Progress: progress})
	if err != nil {
		return err
	}
	r := res.Report.Current
	fmt.Fprintf(e.stdout, "collected  %s\n", res.Collect.String())
	for _, c := range res.Calendars {
		fmt.Fprintf(e.stdout, "           %s\n", c.String())
	}
	fmt.Fprintf(e.stdout, "team       %s, week %s (window %s to %s)\n", r.Team, res.Report.Week, r.Window.From, r.Window.To)
	fmt.Fprintf(e.stdout, "verdict    %s: %s\n", r.Verdict.Level, res.Headline)
	for _, reason := range r.Verdict.Reasons {
		fmt.Fprintf(e.stdout, "           - %s\n", reason)
	}
	fmt.Fprintf(e.stdout, "store      %s\nconfig     %s\n", res.DB, res.Config)
	charts := 0
	for _, f := range res.Files {
		if filepath.Base(filepath.Dir(f)) == "charts" {
			charts++
			continue
		}
		fmt.Fprintf(e.stdout, "report     %s\n", f)
	}
	fmt.Fprintf(e.stdout, "charts     %s (%d files, PNG and SVG)\n", filepath.Join(*out, "charts"), charts)
	// The simulated Jira is gone, but its store stays: reading it needs no
	// token. The commands are printed to run as they are from where the
	// demo ran (make demo: the repository root).
	self := selfPath(os.Args[0])
	fmt.Fprintf(e.stdout, "\nnext: %s analyze --config %s --team %s --as-of %s\n", self, res.Config, r.Team, r.AsOf)
	fmt.Fprintf(e.stdout, "      %s serve --config %s   # the dashboard, on http://127.0.0.1:8080/\n", self, res.Config)
	return nil
}

// selfPath is how the user ran this binary, when that can be typed again
// from the same folder (./bin/roleload after make demo), else "roleload".
func selfPath(argv0 string) string {
	p := argv0
	if filepath.Base(p) != "roleload" || strings.ContainsAny(p, " '\"$`\\") {
		return "roleload"
	}
	if !filepath.IsAbs(p) && !strings.HasPrefix(p, "./") && !strings.HasPrefix(p, "../") && strings.Contains(p, "/") {
		p = "./" + p // bin/roleload works too, but ./ says "from here"
	}
	return p
}
