package app

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"net/http/httptest"
	netmail "net/mail"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/mail/smtptest"
	"github.com/roleload/roleload/model"
	"github.com/roleload/roleload/store"
)

// alertEnv is the overloaded scenario collected into a store, with a
// loopback SMTP relay for the alert e-mails.
type alertEnv struct {
	cfg  *config.Config
	db   string
	st   *store.Store
	smtp *smtptest.Server
	now  time.Time // the simulated Jira's clock
}

func newAlertEnv(t *testing.T) *alertEnv {
	t.Helper()
	sim, err := NewSim("overloaded", model.Cloud, 1)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Server)
	t.Cleanup(hs.Close)
	e := &alertEnv{db: filepath.Join(t.TempDir(), "r.db"), smtp: smtptest.Start(t, "none"), now: sim.Server.Now()}
	if e.cfg, err = sim.Config(hs.URL, e.db, "test.yaml"); err != nil {
		t.Fatal(err)
	}
	e.cfg.Email = config.Email{Host: e.smtp.Host, Port: e.smtp.Port, TLS: "none", Username: smtptest.User, Password: smtptest.Pass,
		From: "roleload@example.com", To: []string{"head-of-product@example.com"}}
	e.cfg.Alerts.StaleAfter, e.cfg.Alerts.FailedSyncs = 0, 0 // these tests are about the rules
	e.open(t)
	collect(t, e.cfg, e.st)
	return e
}

// open (re)opens the store, as a restart of roleload would.
func (e *alertEnv) open(t *testing.T) {
	t.Helper()
	if e.st != nil {
		e.st.Close()
	}
	st, err := store.Open(context.Background(), e.db)
	if err != nil {
		t.Fatal(err)
	}
	e.st = st
	t.Cleanup(func() { st.Close() })
}

// evaluate runs the alerts at the simulated clock plus d and returns the
// subjects of the e-mails that arrived meanwhile.
func (e *alertEnv) evaluate(t *testing.T, d time.Duration) []string {
	t.Helper()
	before := len(e.smtp.Messages())
	if _, err := RunAlerts(context.Background(), e.st, e.cfg, e.now.Add(d), false, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatalf("alerts at +%v: %v", d, err)
	}
	return e.smtp.Subjects(t)[before:]
}

func TestAlertsFireOnceRepeatAndResolve(t *testing.T) {
	e := newAlertEnv(t)
	e.cfg.Alerts.RepeatInterval = config.Duration(6 * time.Hour)
	e.cfg.Alerts.Rules = []config.AlertRule{
		{Name: "hire-po", Team: "checkout", Signal: "verdict", Level: "hire_po", For: config.Duration(time.Hour)},
		{Team: "checkout", Signal: "daily_inputs"},
	}
	check := func(step string, got []string, want ...string) {
		t.Helper()
		if len(got) != len(want) {
			t.Fatalf("%s: e-mails %q, want %d", step, got, len(want))
		}
		for i := range want {
			if !strings.Contains(got[i], want[i]) {
				t.Errorf("%s: e-mail %q, want one about %q", step, got[i], want[i])
			}
		}
	}
	check("first evaluation", e.evaluate(t, 0), "FIRING: daily_inputs for team checkout") // hire-po is pending for an hour
	check("30 minutes on", e.evaluate(t, 30*time.Minute))
	check("an hour on", e.evaluate(t, time.Hour), "FIRING: hire-po for team checkout")
	e.open(t) // a restart re-sends nothing
	check("after a restart", e.evaluate(t, 2*time.Hour))
	check("after repeat_interval", e.evaluate(t, 6*time.Hour+time.Minute), "STILL FIRING: daily_inputs")

	states, err := e.st.Alerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s := states[store.AlertKey{Rule: "hire-po", Team: "checkout"}]; s.State != "firing" || !s.FiredAt.Equal(e.now.Add(time.Hour)) {
		t.Errorf("stored hire-po state %+v, want firing since +1h", s)
	}

	// Engineering's requests stop counting as daily: the alert clears.
	e.cfg.Thresholds.DailyInputs = 1.01
	check("once it clears", e.evaluate(t, 7*time.Hour), "RESOLVED: hire-po", "RESOLVED: daily_inputs")
	check("cleared still", e.evaluate(t, 8*time.Hour))
}

// An e-mail the relay refuses is not counted as sent: it stays owed, the
// alert stays where it was, and the next evaluation sends it first, with
// the Message-ID fixed when it was decided.
func TestAlertNotSentIsSentNextTime(t *testing.T) {
	e := newAlertEnv(t)
	e.cfg.Alerts.Rules = []config.AlertRule{{Team: "checkout", Signal: "daily_inputs"}}
	e.smtp.FailNextData(&smtp.SMTPError{Code: 550, Message: "mailbox unavailable"})
	out, err := RunAlerts(context.Background(), e.st, e.cfg, e.now, false, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "daily_inputs") {
		t.Fatalf("refused e-mail: err %v, want one naming the alert", err)
	}
	if len(out) != 1 || out[0].Notice != "" || out[0].Owed != "firing" || out[0].MessageID == "" {
		t.Fatalf("outcome %+v: the e-mail was not sent, and is owed", out)
	}
	if got := e.evaluate(t, time.Minute); len(got) != 1 || !strings.Contains(got[0], "FIRING: daily_inputs") {
		t.Errorf("next evaluation sent %q, want the firing e-mail", got)
	}
	if id := messageIDs(t, e.smtp); len(id) != 1 || id[0] != "<"+out[0].MessageID+">" {
		t.Errorf("Message-IDs at the relay %q, want the one decided: %s", id, out[0].MessageID)
	}
}

// A dry run shows what would happen and changes nothing.
func TestAlertsDryRun(t *testing.T) {
	e := newAlertEnv(t)
	e.cfg.Alerts.Rules = []config.AlertRule{{Team: "checkout", Signal: "daily_inputs"}}
	out, err := RunAlerts(context.Background(), e.st, e.cfg, e.now, true, slog.New(slog.DiscardHandler))
	if err != nil || len(out) != 1 || out[0].State != "firing" || out[0].Notice != "firing" {
		t.Fatalf("dry run: %+v, %v", out, err)
	}
	states, err := e.st.Alerts(context.Background())
	if err != nil || len(states) != 0 || len(e.smtp.Messages()) != 0 {
		t.Errorf("dry run stored %v and sent %d e-mails", states, len(e.smtp.Messages()))
	}
	if got := e.evaluate(t, 0); len(got) != 1 {
		t.Errorf("after a dry run the real one sent %q, want the firing e-mail", got)
	}
}

// The store's own alerts: collects failing in a row, and data gone stale.
func TestDataAlerts(t *testing.T) {
	e := newAlertEnv(t)
	ctx := context.Background()
	e.cfg.Alerts.FailedSyncs, e.cfg.Alerts.StaleAfter = 2, config.Duration(48*time.Hour)
	last := time.Now() // the collect above ran on the wall clock
	check := func(step string, d time.Duration, want ...string) {
		t.Helper()
		got := e.evaluate(t, last.Sub(e.now)+d)
		if strings.Join(got, "|") != strings.Join(want, "|") {
			t.Errorf("%s: e-mails %q, want %q", step, got, want)
		}
	}
	check("fresh data, no failures", time.Hour)
	for i := range 2 {
		id, err := e.st.StartRun(ctx, last.Add(time.Duration(i+1)*time.Hour), "cloud")
		if err != nil {
			t.Fatal(err)
		}
		if err := e.st.FinishRun(ctx, store.SyncRun{ID: id, Finished: last.Add(time.Duration(i+1) * time.Hour), Status: store.RunFailed,
			Error: "jira: 401 Unauthorized\x1b[2J"}); err != nil {
			t.Fatal(err)
		}
	}
	check("two failed collects", 3*time.Hour, "[roleload] FIRING: failed-syncs for the roleload store")
	check("two days without a sync", 49*time.Hour, "[roleload] FIRING: stale-data for the roleload store")
	out, err := RunAlerts(ctx, e.st, e.cfg, last.Add(50*time.Hour), true, slog.New(slog.DiscardHandler))
	if err != nil || len(out) != 2 || !strings.Contains(out[1].Detail, "401 Unauthorized") || strings.Contains(out[1].Detail, "\x1b") {
		t.Errorf("data alerts %+v, %v: want the last error, without its escape codes", out, err)
	}
}

// A team that cannot be analysed does not silence the others' alerts.
func TestAlertsGoOnPastATeamWithoutData(t *testing.T) {
	e := newAlertEnv(t)
	ghost := e.cfg.Teams[0]
	ghost.Name, ghost.ProductManagers = "ghost", []string{"nobody@example.com"}
	e.cfg.Teams = append([]config.Team{ghost}, e.cfg.Teams...)
	e.cfg.Alerts.Rules = []config.AlertRule{{Signal: "daily_inputs"}} // every team
	out, err := RunAlerts(context.Background(), e.st, e.cfg, e.now, false, slog.New(slog.DiscardHandler))
	if err == nil || !strings.Contains(err.Error(), "ghost") {
		t.Errorf("err %v, want one naming team ghost", err)
	}
	if len(out) != 1 || out[0].Team != "checkout" || out[0].Notice != "firing" || len(e.smtp.Messages()) != 1 {
		t.Errorf("outcomes %+v, %d e-mails: want checkout's alert fired and sent", out, len(e.smtp.Messages()))
	}
}

// A rule taken out of the config is forgotten, and two evaluations never
// run at once (they would both send).
func TestAlertsForgetRemovedRulesAndLock(t *testing.T) {
	e := newAlertEnv(t)
	ctx := context.Background()
	e.cfg.Alerts.Rules = []config.AlertRule{{Team: "checkout", Signal: "daily_inputs"}, {Team: "checkout", Signal: "unanswered"}}
	e.evaluate(t, 0)
	e.cfg.Alerts.Rules = e.cfg.Alerts.Rules[1:]
	e.evaluate(t, time.Minute)
	states, err := e.st.Alerts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := states[store.AlertKey{Rule: "daily_inputs", Team: "checkout"}]; ok || len(states) != 1 {
		t.Errorf("states after removing daily_inputs: %v", states)
	}

	unlock, err := e.st.LockAlerts() // another process evaluating
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	if _, err := RunAlerts(ctx, e.st, e.cfg, e.now, false, slog.New(slog.DiscardHandler)); !errors.Is(err, store.ErrAlertsRunning) {
		t.Errorf("while locked: %v, want ErrAlertsRunning", err)
	}
	if _, err := RunAlerts(ctx, e.st, e.cfg, e.now, true, slog.New(slog.DiscardHandler)); err != nil {
		t.Errorf("a dry run needs no lock: %v", err)
	}
}

// messageIDs returns the Message-ID header of each e-mail the relay took,
// in order.
func messageIDs(t *testing.T, relay *smtptest.Server) []string {
	t.Helper()
	var ids []string
	for _, m := range relay.Messages() {
		msg, err := netmail.ReadMessage(bytes.NewReader(m.Data))
		if err != nil {
			t.Fatalf("delivered message: %v", err)
		}
		ids = append(ids, msg.Header.Get("Message-Id"))
	}
	return ids
}
