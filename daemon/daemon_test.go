package daemon

import (
	"bytes"
	"context"
	"fmt"
	"log/slog"
	"net/http/httptest"
	netmail "net/mail"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/internal/simenv"
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

// farCron is a schedule that cannot tick while a test runs: once a year,
// six months from now (in the schedule's time zone). What the daemon does
// is then what it does on start, never a tick mistaken for it.
func farCron(loc *time.Location) string {
	t := time.Now().In(loc).AddDate(0, 6, 0)
	return fmt.Sprintf("%d %d %d %d *", t.Minute(), t.Hour(), t.Day(), int(t.Month()))
}

// daemonEnv is the simulated Jira, a store, a loopback relay and a config
// whose crons cannot tick during the test; the daemon's clock is the
// simulator's.
type daemonEnv struct {
	sim   *simenv.Sim
	cfg   *config.Config
	relay *smtptest.Server
}

func newDaemonEnv(t *testing.T) *daemonEnv {
	t.Helper()
	sim, err := simenv.New("overloaded", model.Cloud, 1)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Server)
	t.Cleanup(hs.Close)
	dir := t.TempDir()
	cfg, err := sim.Config(hs.URL, filepath.Join(dir, "r.db"), "test.yaml")
	if err != nil {
		t.Fatal(err)
	}
	relay := smtptest.Start(t, "none")
	cfg.Email = config.Email{Host: relay.Host, Port: relay.Port, TLS: "none", Username: smtptest.User, Password: smtptest.Pass,
		From: "roleload@example.com", To: []string{"head-of-product@example.com"}}
	cfg.Reports.Dir = filepath.Join(dir, "reports")
	berlin, err := time.LoadLocation("Europe/Berlin")
	if err != nil {
		t.Fatal(err)
	}
	cfg.Schedule = config.Schedule{Collect: farCron(berlin), Report: farCron(berlin), Alerts: config.AfterCollect, Timezone: "Europe/Berlin"}
	cfg.Alerts.Rules = []config.AlertRule{{Team: "checkout", Signal: "daily_inputs"}}
	return &daemonEnv{sim: sim, cfg: cfg, relay: relay}
}

// start starts the daemon on a freshly opened store (a restart), waits
// for the work it does on start (collect, then alerts and reports), then
// stops it as SIGTERM would and returns its log.
func (e *daemonEnv) start(t *testing.T) string {
	t.Helper()
	st, err := store.Open(context.Background(), e.cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var logs syncLog
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- Run(ctx, Options{Config: e.cfg, Store: st, Log: slog.New(slog.NewTextHandler(&logs, nil)), Now: e.sim.Server.Now})
	}()
	// Waiting for an outcome (the start-up collect logged as ended), not
	// for a tick: the crons cannot tick.
	deadline := time.Now().Add(60 * time.Second)
	for !regexp.MustCompile(`msg="job (done|failed)" job=collect`).MatchString(logs.String()) {
		if time.Now().After(deadline) {
			t.Fatalf("start-up collect not over after 60s; log:\n%s", logs.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("Run: %v", err)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("the daemon did not stop within 30s of SIGTERM")
	}
	if !strings.Contains(logs.String(), "daemon stopped") {
		t.Errorf("log lacks the stop:\n%s", logs.String())
	}
	return logs.String()
}

// The daemon against the simulated Jira and a loopback relay, started
// and stopped four times with crons that cannot tick: each start
// collects, evaluates the alerts and produces the weekly report missed
// while it was down, once; a restart sends nothing already sent; a report
// e-mail the relay refused is owed and goes out on the next start with
// the Message-ID fixed when it was decided.
func TestDaemon(t *testing.T) {
	e := newDaemonEnv(t)
	ctx := context.Background()
	team := &e.cfg.Teams[0]
	week := isoweek.LastComplete(e.sim.Server.Now(), team.Location)
	next := isoweek.LastComplete(e.sim.Server.Now().Add(7*24*time.Hour), team.Location).String()
	firing := "FIRING: daily_inputs"

	// 1. The first start: the report of the last complete week, and the alert.
	e.start(t)
	got := e.relay.Subjects(t)
	if count(got, week.String()) != 1 || count(got, firing) != 1 || len(got) != 2 {
		t.Fatalf("first start sent %q: want the %s report and the firing alert, once each", got, week)
	}
	if _, err := os.Stat(filepath.Join(e.cfg.Reports.Dir, reports.SafeName(team.Name), week.String(), "report.html")); err != nil {
		t.Errorf("weekly report not archived: %v", err)
	}

	// 2. A restart: nothing is due, nothing is sent.
	e.start(t)
	if got := e.relay.Subjects(t); len(got) != 2 {
		t.Fatalf("a restart sent %q", got[2:])
	}

	// 3. A week later (no alert rules now), the relay refuses the report.
	e.sim.Server.Advance(7 * 24 * time.Hour)
	e.cfg.Alerts.Rules = nil
	e.relay.FailNextData(&smtp.SMTPError{Code: 550, Message: "mailbox unavailable"})
	if log := e.start(t); !strings.Contains(log, "550") {
		t.Errorf("the refused report is not in the log:\n%s", log)
	}
	if got := e.relay.Subjects(t); len(got) != 2 {
		t.Fatalf("the refused report was delivered: %q", got[2:])
	}
	owed := e.owed(t)
	if len(owed) != 1 || owed[0].Week != next || owed[0].MessageID == "" {
		t.Fatalf("owed after the refusal: %+v, want the %s report", owed, next)
	}

	// 4. The next start sends it, with its Message-ID; and nothing else.
	e.start(t)
	got = e.relay.Subjects(t)
	if len(got) != 3 || count(got[2:], next) != 1 {
		t.Fatalf("fourth start sent %q, want the owed %s report", got[2:], next)
	}
	msg, err := netmail.ReadMessage(bytes.NewReader(e.relay.Messages()[2].Data))
	if err != nil {
		t.Fatal(err)
	}
	if id := msg.Header.Get("Message-Id"); id != "<"+owed[0].MessageID+">" {
		t.Errorf("the owed report went out as %s, want <%s>", id, owed[0].MessageID)
	}
	if owed := e.owed(t); len(owed) != 0 {
		t.Errorf("still owed: %+v", owed)
	}

	// Four starts, four collects (the crons never ticked), none left running.
	st, err := store.Open(ctx, e.cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	runs, err := st.LastRuns(ctx, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(runs) != 4 {
		t.Errorf("%d collects, want one per start", len(runs))
	}
	for _, r := range runs {
		if r.Status == store.RunRunning {
			t.Errorf("run %d left running", r.ID)
		}
	}
	for _, w := range []string{week.String(), next} {
		rec, err := st.ReportSend(ctx, team.Name, w)
		if err != nil || rec.SentAt.IsZero() || rec.Dir != filepath.Join(e.cfg.Reports.Dir, reports.SafeName(team.Name), w) {
			t.Errorf("report %s recorded %+v, %v: want sent, from its archive folder", w, rec, err)
		}
	}
}

func (e *daemonEnv) owed(t *testing.T) []store.ReportSend {
	t.Helper()
	st, err := store.Open(context.Background(), e.cfg.Store.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	owed, err := st.ReportsOwed(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return owed
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
