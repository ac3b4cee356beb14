package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"

	"github.com/roleload/roleload/config"
	"golang.org/x/term"
)

// Exit codes of SPEC §3.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

// usageError is bad usage or bad config: exit 2.
type usageError struct{ msg string }

func (e usageError) Error() string { return e.msg }

func usagef(format string, a ...any) error { return usageError{fmt.Sprintf(format, a...)} }

// env is what a command sees of the process: streams, environment, logger.
type env struct {
	stdout, stderr io.Writer
	getenv         func(string) string
	log            *slog.Logger
}

type command struct {
	name, args, help string
	run              func(ctx context.Context, e *env, args []string) error
}

func commands() []command {
	return []command{
		{"demo", "[--out DIR] [--flavor cloud|server] [--seed N]", "simulated Jira -> collect -> analyse -> weekly report in DIR (no config needed)", runDemo},
		{"collect", "", "one sync run (incremental after the first)", runCollect},
		{"status", "[--format text|json]", "what the store holds and when it last synced", runStatus},
		{"analyze", "--team NAME [--as-of DATE] [--weeks N] [--format text|json]", "the PM/PO analysis over the window", runAnalyze},
		{"report", "--team NAME [--week YYYY-Www] [--out DIR] [--send]", "the weekly report, archived (and e-mailed with --send)", runReport},
		{"alerts", "[--dry-run]", "evaluate the alert rules now and e-mail what is due", runAlerts},
		{"run", "", "the daemon: collect, alerts and weekly reports on the schedule, until SIGINT/SIGTERM", runDaemon},
		{"serve", "[--addr 127.0.0.1:8080]", "the managers' dashboard: a page per team, any week and window", runServe},
		{"chart", "METRIC --team NAME [--weeks N] [--out FILE.png|.svg]", "one ad-hoc chart", runChart},
		{"init", "--url URL --projects A,B [--email E] [--token-env VAR] [--out FILE] [--force]", "read a Jira and write a starter config with commented guesses", runInit},
		{"doctor", "[--format text|json]", "check the config against Jira, the mail relay and the store: ok/warn/fail with the fix", runDoctor},
		{"sim", "[--addr 127.0.0.1:8089] [--scenario NAME] [--flavor cloud|server] [--seed N]", "serve the simulated Jira standalone", runSim},
	}
}

// run is the whole program; main only adds the process around it.
func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	// The CLI's own output is its one-line summary or error; logs are for
	// whoever asks with ROLELOAD_LOG=debug|info|warn|error.
	logLevel := slog.Level(100)
	if v := getenv("ROLELOAD_LOG"); v != "" {
		if err := logLevel.UnmarshalText([]byte(v)); err != nil {
			fmt.Fprintf(stderr, "roleload: ROLELOAD_LOG: %q is not debug, info, warn or error\n", v)
			return exitUsage
		}
	}
	e := &env{stdout: stdout, stderr: stderr, getenv: getenv,
		log: slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: logLevel}))}
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		printUsage(stdout)
		return exitOK
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, e, args[1:])
		return report(e, c.name, err)
	}
	fmt.Fprintf(stderr, "roleload: unknown command %q (run roleload help)\n", args[0])
	return exitUsage
}

// report prints err as one line and maps it to an exit code.
func report(e *env, cmd string, err error) int {
	if err == nil {
		return exitOK
	}
	if errors.Is(err, flag.ErrHelp) {
		return exitOK
	}
	msg := strings.ReplaceAll(err.Error(), "\n", " ")
	fmt.Fprintf(e.stderr, "roleload %s: %s\n", cmd, msg)
	var ue usageError
	var ce *config.Error
	if errors.As(err, &ue) || errors.As(err, &ce) {
		return exitUsage
	}
	return exitFailure
}

func printUsage(w io.Writer) {
	fmt.Fprintln(w, "roleload: is the product manager overloaded? Evidence from Jira.")
	fmt.Fprintln(w, "\nusage: roleload COMMAND [--config FILE] [flags]")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-8s %s\n           %s\n", c.name, c.args, c.help)
	}
	fmt.Fprintln(w, "\nconfig: --config FILE, else ./roleload.yaml, else $ROLELOAD_CONFIG (see config.example.yaml)")
}

// newFlags makes a flag set that returns errors instead of printing and
// exiting: report prints them as one line. --help prints the flags to stdout.
func newFlags(e *env, name string) *flag.FlagSet {
	fs := flag.NewFlagSet("roleload "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.Usage = func() {
		fs.SetOutput(e.stdout)
		fmt.Fprintf(e.stdout, "usage: roleload %s [flags]\n", name)
		fs.PrintDefaults()
		fs.SetOutput(io.Discard)
	}
	return fs
}

// parseFlags parses and turns flag errors into usage errors. Positional
// arguments may come before the flags (roleload chart time-split --team x).
func parseFlags(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for len(args) > 0 && !strings.HasPrefix(args[0], "-") {
		pos = append(pos, args[0])
		args = args[1:]
	}
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil, err
		}
		return nil, usageError{err.Error()}
	}
	return append(pos, fs.Args()...), nil
}

// parseFormatted is parseFlags for a command with --format, refusing a
// format other than text or json.
func parseFormatted(fs *flag.FlagSet, args []string, format *string) error {
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *format != "text" && *format != "json" {
		return usagef("--format: %q is not text or json", *format)
	}
	return nil
}

// configPath is --config, else ./roleload.yaml when it exists, else
// $ROLELOAD_CONFIG (SPEC §3 lists them in that order).
func configPath(flagValue string, getenv func(string) string) string {
	if flagValue != "" {
		return flagValue
	}
	if _, err := os.Stat("roleload.yaml"); err == nil {
		return "roleload.yaml"
	}
	if p := getenv("ROLELOAD_CONFIG"); p != "" {
		return p
	}
	return "roleload.yaml"
}

func loadConfig(e *env, flagValue string) (*config.Config, error) {
	return config.Load(configPath(flagValue, e.getenv), e.getenv)
}

// isTerminal says whether w is a terminal: progress is shown only there
// (not in pipes, files, /dev/null or the daemon's logs).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	return ok && term.IsTerminal(int(f.Fd()))
}
