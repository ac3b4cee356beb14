package daemon

import (
	"bytes"
	"context"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/mail/smtptest"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// syncLog is a log buffer the daemon's goroutines may share.
type syncLog struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *syncLog) Write(p []byte) (int, error) { l.mu.Lock(); defer l.mu.Unlock(); return l.b.Write(p) }
func (l *syncLog) String() string              { l.mu.Lock(); defer l.mu.Unlock(); return l.b.String() }

func count(xs []string, sub string) int {
	n := 0
	for _, x := range xs {
		if strings.Contains(x, sub) {
			n++
		}
	}
	return n
}

// The daemon against the simulated Jira and a loopback SMTP relay, with
// every job due every second: it collects on start and on schedule
// without two collects ever overlapping, alerts after each collect, and
// writes and sends the missed weekly report once (again only when the
// relay refused it); cancelling it (SIGTERM) returns promptly.
func TestDaemon(t *testing.T) {
	sim, err := app.NewSim("overloaded", model.Cloud, 1)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Server)
	defer hs.Close()
	dir := t.TempDir()
	cfg, err := sim.Config(hs.URL, filepath.Join(dir, "r.db"), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	relay := smtptest.Start(t, "none")
	// The second e-mail (the report, or the alert if the report's tick
	// comes first) is refused: it must be sent again, once.
	relay.FailNextData(nil, &smtp.SMTPError{Code: 550, Message: "mailbox unavailable"})
	cfg.Email = config.Email{Host: relay.Host, Port: relay.Port, TLS: "none", Username: smtptest.User, Password: smtptest.Pass,
		From: "roleload@example.com", To: []string{"head-of-product@example.com"}}
	cfg.Reports.Dir = filepath.Join(dir, "reports")
	cfg.Schedule = config.Schedule{Collect: "@every 1s", Report: "@every 1s", Alerts: config.AfterCollect, Timezone: "Europe/Berlin"}
	cfg.Alerts.Rules = []config.AlertRule{{Team: "checkout", Signal: "daily_inputs"}}
	st, err := store.Open(context.Background(), cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()

	var logs syncLog
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Config: cfg, Store: st, Log: slog.New(slog.NewTextHandler(&logs, nil))})
	}()
	deadline := time.Now().Add(60 * time.Second)
	for {
		runs, err := st.LastRuns(context.Background(), 10)
		if err != nil {
			t.Fatal(err)
		}
		if len(runs) >= 3 && count(relay.Subjects(t), "checkout") >= 2 {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("after 60s: %d collects, e-mails %q; log:\n%s", len(runs), relay.Subjects(t), logs.String())
		}
		time.Sleep(100 * time.Millisecond)
	}
	time.Sleep(1500 * time.Millisecond) // more report and alert ticks
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the daemon did not stop within 30s of SIGTERM")
	}

	// Collects never overlapped, and all of them ended.
	runs, err := st.LastRuns(context.Background(), 100)
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range runs {
		if r.Status == store.RunRunning {
			t.Errorf("run %d left running", r.ID)
		}
		if i+1 < len(runs) && runs[i+1].Finished.After(r.Started) {
			t.Errorf("collects overlapped: %+v and %+v", runs[i+1], r)
		}
	}
	got := relay.Subjects(t)
	team := &cfg.Teams[0]
	week := app.LastCompleteWeek(cfg.Clock()(), team.Location)
	if n := count(got, week.String()); n != 1 {
		t.Errorf("%d report e-mails for %s, want 1 whatever the ticks: %q", n, week, got)
	}
	if n := count(got, "FIRING: daily_inputs"); n != 1 {
		t.Errorf("%d firing e-mails, want 1: %q", n, got)
	}
	archive := filepath.Join(cfg.Reports.Dir, reports.SafeName(team.Name), week.String())
	if _, err := os.Stat(filepath.Join(archive, "report.html")); err != nil {
		t.Errorf("weekly report not archived: %v", err)
	}
	if !reports.WasSent(archive) {
		t.Errorf("archive %s not marked sent", archive)
	}
	if !strings.Contains(logs.String(), "daemon stopped") {
		t.Errorf("log lacks the stop:\n%s", logs.String())
	}
}

// A job never runs twice at once (the second is skipped, not queued), and
// a job that panics is logged and runs again next time.
func TestJobSkipsAndSurvivesPanics(t *testing.T) {
	var logs syncLog
	log := slog.New(slog.NewTextHandler(&logs, nil))
	release := make(chan struct{})
	var runs atomic.Int32
	j := &job{name: "slow", log: log, fn: func(context.Context) error {
		runs.Add(1)
		<-release
		return nil
	}}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() { defer wg.Done(); j.run(context.Background()) }()
	for runs.Load() == 0 {
		time.Sleep(time.Millisecond)
	}
	j.run(context.Background()) // while the first is running
	close(release)
	wg.Wait()
	if runs.Load() != 1 || !strings.Contains(logs.String(), "skipped") {
		t.Errorf("%d runs, log %q: want the second skipped", runs.Load(), logs.String())
	}

	calls := 0
	p := &job{name: "boom", log: log, fn: func(context.Context) error {
		calls++
		if calls == 1 {
			panic("nil map")
		}
		return nil
	}}
	p.run(context.Background())
	p.run(context.Background())
	if calls != 2 || !strings.Contains(logs.String(), "job panicked") || !strings.Contains(logs.String(), "nil map") {
		t.Errorf("%d calls, log %q: want the panic logged and the job run again", calls, logs.String())
	}
}
