package doctor

import (
	"context"
	"crypto/tls"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/clock"
	"github.com/roleload/roleload/store"
)

// Check outcomes.
const (
	OK   = "ok"
	Warn = "warn"
	Fail = "fail"
)

// Check is one line of the doctor's report. Its JSON form is stable:
// {"name", "status", "detail", "fix"} (fix "" when there is nothing to do).
type Check struct {
	Name   string `json:"name"`
	Status string `json:"status"`
	Detail string `json:"detail"`
	Fix    string `json:"fix"`
}

// Report is every check, in the order they ran. OK is false when one failed.
type Report struct {
	OK     bool    `json:"ok"`
	Checks []Check `json:"checks"`
}

// Options say what to check and how long to take at most.
type Options struct {
	Config     *config.Config // loaded with config.LoadOffline: a missing secret is a check, not a refusal
	HTTPClient *http.Client
	MailTLS    *tls.Config // nil: the system roots (tests trust their relay)
	Now        func() time.Time
	// Timeout bounds the whole run (default 60s); StepTimeout one step
	// (default 20s). A step that runs out is a failed check.
	Timeout, StepTimeout time.Duration
	Log                  *slog.Logger
}

// Run runs every check.
func Run(ctx context.Context, opts Options) *Report {
	if opts.Now == nil {
		opts.Now = clock.Wall
	}
	if opts.Timeout <= 0 {
		opts.Timeout = time.Minute
	}
	if opts.StepTimeout <= 0 {
		opts.StepTimeout = 20 * time.Second
	}
	if opts.Log == nil {
		opts.Log = slog.New(slog.DiscardHandler)
	}
	ctx, cancel := context.WithTimeout(ctx, opts.Timeout)
	defer cancel()
	d := &run{opts: opts, cfg: opts.Config}
	defer d.closeStore()
	d.step(ctx, "jira", d.jiraChecks)
	d.step(ctx, "calendars", d.calendarChecks)
	d.step(ctx, "mail relay", d.mailChecks)
	d.step(ctx, "store", d.storeChecks)
	r := &Report{OK: true, Checks: d.checks}
	for _, c := range d.checks {
		if c.Status == Fail {
			r.OK = false
		}
	}
	return r
}

// run is one doctor run: the checks so far, and the store, opened once
// by the first check that reads it (see store.go).
type run struct {
	opts   Options
	cfg    *config.Config
	checks []Check

	storeMu sync.Mutex
	st      *store.Store
	stErr   error
	stDone  bool
}

// step runs fn with a deadline; fn reports each check through add as it
// is made. A step still running at its deadline keeps the checks it made
// and gets a failed one; it is left behind (its requests carry the
// cancelled context, so they end soon after) and what it adds later is
// dropped.
func (d *run) step(ctx context.Context, name string, fn func(ctx context.Context, add func(Check))) {
	timeout := d.opts.StepTimeout
	if dl, ok := ctx.Deadline(); ok {
		timeout = min(timeout, time.Until(dl))
	}
	sctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	var mu sync.Mutex
	var got []Check
	closed := false
	add := func(c Check) {
		mu.Lock()
		defer mu.Unlock()
		if !closed {
			got = append(got, c)
		}
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		fn(sctx, add)
	}()
	select {
	case <-done:
	case <-sctx.Done():
		add(Check{Name: name, Status: Fail, Detail: fmt.Sprintf("did not finish within %s", timeout.Round(time.Millisecond)),
			Fix: "check that it is reachable from this machine (network, proxy, firewall), then run roleload doctor again"})
	}
	mu.Lock()
	closed = true
	d.checks = append(d.checks, got...)
	mu.Unlock()
}

func ok(name, format string, a ...any) Check {
	return Check{Name: name, Status: OK, Detail: fmt.Sprintf(format, a...)}
}

func warn(name, fix, format string, a ...any) Check {
	return Check{Name: name, Status: Warn, Detail: fmt.Sprintf(format, a...), Fix: fix}
}

func fail(name, fix, format string, a ...any) Check {
	return Check{Name: name, Status: Fail, Detail: fmt.Sprintf(format, a...), Fix: fix}
}

// WriteText prints one line per check: status, name, what was seen and,
// when something is to be done, the fix. Jira text is made one line.
func (r *Report) WriteText(w io.Writer) error {
	width := 0
	for _, c := range r.Checks {
		width = max(width, len([]rune(oneLine(c.Name))))
	}
	for _, c := range r.Checks {
		line := fmt.Sprintf("%-4s  %-*s  %s", c.Status, width, oneLine(c.Name), oneLine(c.Detail))
		if c.Fix != "" {
			line += " — fix: " + oneLine(c.Fix)
		}
		if _, err := fmt.Fprintln(w, line); err != nil {
			return err
		}
	}
	verdict := "nothing failed"
	if !r.OK {
		verdict = "something failed: fix the lines marked fail, then run roleload doctor again"
	}
	_, err := fmt.Fprintln(w, verdict)
	return err
}

// WriteJSON writes the report as one JSON document.
func (r *Report) WriteJSON(w io.Writer) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(r)
}

func oneLine(s string) string {
	return strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
}
