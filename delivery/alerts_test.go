package delivery

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"mime/quotedprintable"
	"net/http/httptest"
	netmail "net/mail"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-smtp"
	"github.com/roleload/roleload/alerts"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/internal/simenv"
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
	now  time.Time  // the simulated Jira's clock
	tb   testing.TB // the test that owns the env: it closes the stores
}

func newAlertEnv(t *testing.T) *alertEnv {
	t.Helper()
	sim, err := simenv.New("overloaded", model.Cloud, 1)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(sim.Server)
	t.Cleanup(hs.Close)
	e := &alertEnv{db: filepath.Join(t.TempDir(), "r.db"), smtp: smtptest.Start(t, "none"), now: sim.Server.Now(), tb: t}
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
	e.tb.Cleanup(func() { st.Close() })
}

// evaluate runs the alerts at the simulated clock plus d and returns the
// subjects of the e-mails that arrived meanwhile.
func (e *alertEnv) evaluate(t *testing.T, d time.Duration) []string {
	t.Helper()
	before := len(e.smtp.Messages())
	if _, err := RunAlerts(context.Background(), e.st, e.cfg, e.now.Add(d), false, slog.New(slog.DiscardHandler), app.AnalyzeNow); err != nil {
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
	out, err := RunAlerts(context.Background(), e.st, e.cfg, e.now, false, slog.New(slog.DiscardHandler), app.AnalyzeNow)
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
	out, err := RunAlerts(context.Background(), e.st, e.cfg, e.now, true, slog.New(slog.DiscardHandler), app.AnalyzeNow)
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
	last := e.cfg.Clock()() // the collect above ran on the config's clock
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
	out, err := RunAlerts(ctx, e.st, e.cfg, last.Add(50*time.Hour), true, slog.New(slog.DiscardHandler), app.AnalyzeNow)
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
	out, err := RunAlerts(context.Background(), e.st, e.cfg, e.now, false, slog.New(slog.DiscardHandler), app.AnalyzeNow)
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
	if _, err := RunAlerts(ctx, e.st, e.cfg, e.now, false, slog.New(slog.DiscardHandler), app.AnalyzeNow); !errors.Is(err, store.ErrAlertsRunning) {
		t.Errorf("while locked: %v, want ErrAlertsRunning", err)
	}
	if _, err := RunAlerts(ctx, e.st, e.cfg, e.now, true, slog.New(slog.DiscardHandler), app.AnalyzeNow); err != nil {
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

// crash is what a crashHook panics with: where, and the e-mail it was
// delivering.
type crash struct{ point, messageID string }

// crashAt returns a hook that crashes the first time point is reached.
func crashAt(point string) crashHook {
	done := false
	return func(p, id string) {
		if p == point && !done {
			done = true
			panic(crash{p, id})
		}
	}
}

// evaluateCrashing runs the alerts at the clock plus d with a crash hook
// and returns the crash, or nil if the hook never fired. Nothing of the
// evaluation runs past the crash but its deferred calls (the lock file,
// which a dead process would release too).
func (e *alertEnv) evaluateCrashing(t *testing.T, d time.Duration, hook crashHook) (c *crash) {
	t.Helper()
	defer func() {
		if p := recover(); p != nil {
			cr, ok := p.(crash)
			if !ok {
				panic(p)
			}
			c = &cr
		}
	}()
	if _, err := runAlerts(context.Background(), e.st, e.cfg, e.now.Add(d), false, slog.New(slog.DiscardHandler), app.AnalyzeNow, hook); err != nil {
		t.Fatalf("alerts at +%v: %v", d, err)
	}
	return nil
}

// A crash at each point of a delivery (SPEC §7.3): after the intent is
// recorded the e-mail goes out once after the restart; after the relay
// took it and before the send is recorded it goes out once more, with the
// same Message-ID; after the send is recorded nothing more goes out. The
// crash is a panic at the point, or a child process killed there (no
// deferred call runs, the store is never closed).
func TestAlertCrashMidDelivery(t *testing.T) {
	e := newAlertEnv(t)
	crashes := map[string]func(t *testing.T, rule, point string, at time.Duration) string{
		"panic": func(t *testing.T, _, point string, at time.Duration) string {
			if c := e.evaluateCrashing(t, at, crashAt(point)); c != nil {
				return c.messageID
			}
			return ""
		},
		"killed": e.evaluateKilled,
	}
	i := 0
	for _, how := range []string{"panic", "killed"} {
		for _, tc := range []struct {
			point           string
			atCrash, atLast int // e-mails at the relay after the crash, and in the end
		}{
			{afterIntent, 0, 1},
			{afterSend, 1, 2},
			{afterRecord, 1, 1},
		} {
			i++
			t.Run(how+"/"+tc.point, func(t *testing.T) {
				rule := fmt.Sprintf("case-%d", i) // a rule of its own: the others are forgotten
				e.cfg.Alerts.Rules = []config.AlertRule{{Name: rule, Team: "checkout", Signal: "daily_inputs"}}
				before := len(e.smtp.Messages())
				at := time.Duration(i) * time.Hour
				id := crashes[how](t, rule, tc.point, at)
				if id == "" {
					t.Fatal("no e-mail was due: the crash never happened")
				}
				if n := len(e.smtp.Messages()) - before; n != tc.atCrash {
					t.Fatalf("%d e-mails at the relay after the crash, want %d", n, tc.atCrash)
				}
				e.open(t) // the restart
				e.evaluate(t, at+time.Minute)
				e.evaluate(t, at+2*time.Minute) // and the evaluation after it sends nothing
				ids := messageIDs(t, e.smtp)[before:]
				if len(ids) != tc.atLast {
					t.Fatalf("%d e-mails in the end (%q), want %d", len(ids), ids, tc.atLast)
				}
				for _, got := range ids {
					if got != "<"+id+">" {
						t.Errorf("Message-ID %s, want the one recorded with the intent: <%s>", got, id)
					}
				}
				row := e.alert(t, rule, "checkout")
				if row.Owed != "" || row.SentAt.IsZero() || row.MessageID != id || row.State != "firing" {
					t.Errorf("row after the restart %+v: want firing, its e-mail %s recorded as sent", row, id)
				}
			})
		}
	}
}

// childEnv is what evaluateKilled hands the child process.
const childEnv = "ROLELOAD_TEST_ALERTS_CHILD"

type childSpec struct {
	DB, Rule, Point, IDFile string
	Port                    int
	Now                     time.Time
}

// evaluateKilled runs the alerts at the clock plus d in a child process
// (this test binary) that kills itself at point, and returns the
// Message-ID of the e-mail it was delivering ("" if it was never killed).
func (e *alertEnv) evaluateKilled(t *testing.T, rule, point string, d time.Duration) string {
	t.Helper()
	spec := childSpec{DB: e.db, Rule: rule, Point: point, IDFile: filepath.Join(t.TempDir(), "id"), Port: e.smtp.Port, Now: e.now.Add(d)}
	js, err := json.Marshal(spec)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestAlertsChildProcess$", "-test.count=1")
	cmd.Env = append(os.Environ(), childEnv+"="+string(js))
	out, err := cmd.CombinedOutput()
	var exit *exec.ExitError
	if !errors.As(err, &exit) || exit.Success() || exit.ExitCode() != -1 {
		t.Fatalf("child: %v, want it killed; output:\n%s", err, out)
	}
	id, err := os.ReadFile(spec.IDFile)
	if err != nil {
		t.Fatalf("child killed before it wrote the Message-ID: %v\n%s", err, out)
	}
	return string(id)
}

// TestAlertsChildProcess is the child of evaluateKilled: it evaluates the
// alerts and kills itself (SIGKILL) at the point it was given.
func TestAlertsChildProcess(t *testing.T) {
	js := os.Getenv(childEnv)
	if js == "" {
		t.Skip("the child process of TestAlertCrashMidDelivery")
	}
	var spec childSpec
	if err := json.Unmarshal([]byte(js), &spec); err != nil {
		t.Fatal(err)
	}
	sim, err := simenv.New("overloaded", model.Cloud, 1)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := sim.Config("http://127.0.0.1:1", spec.DB, "test.yaml") // the alerts read the store only
	if err != nil {
		t.Fatal(err)
	}
	cfg.Email = config.Email{Host: "127.0.0.1", Port: spec.Port, TLS: "none", Username: smtptest.User, Password: smtptest.Pass,
		From: "roleload@example.com", To: []string{"head-of-product@example.com"}}
	cfg.Alerts.StaleAfter, cfg.Alerts.FailedSyncs = 0, 0
	cfg.Alerts.Rules = []config.AlertRule{{Name: spec.Rule, Team: "checkout", Signal: "daily_inputs"}}
	st, err := store.Open(context.Background(), spec.DB)
	if err != nil {
		t.Fatal(err)
	}
	kill := func(point, id string) {
		if point != spec.Point {
			return
		}
		if err := os.WriteFile(spec.IDFile, []byte(id), 0o644); err != nil {
			t.Fatal(err)
		}
		self, err := os.FindProcess(os.Getpid())
		if err == nil {
			err = self.Kill()
		}
		t.Fatalf("not killed: %v", err)
	}
	_, err = runAlerts(context.Background(), st, cfg, spec.Now, false, slog.New(slog.DiscardHandler), app.AnalyzeNow, kill)
	t.Fatalf("evaluated without reaching %q: %v", spec.Point, err)
}

func (e *alertEnv) alert(t *testing.T, rule, team string) store.Alert {
	t.Helper()
	rows, err := e.st.Alerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	return rows[store.AlertKey{Rule: rule, Team: team}]
}

// 8 simulated weeks of flapping signals, evaluated every 12 hours, across
// 20 restarts, most of them crashes at a point of a delivery: every
// e-mail the pure alerts.Step calls for arrives under one Message-ID of
// its own (0 lost), nothing else arrives, and a Message-ID arrives twice
// only when the crash came after the relay took it and before the send
// was recorded (0 duplicates otherwise).
func TestAlertDeliveryAcrossRestarts(t *testing.T) {
	const seed = 20261204
	e := newAlertEnv(t)
	ctx := context.Background()
	team := &e.cfg.Teams[0]
	e.cfg.Alerts.RepeatInterval = config.Duration(72 * time.Hour)
	rules := []config.AlertRule{
		{Name: "daily", Team: team.Name, Signal: "daily_inputs"},
		{Name: "slow", Team: team.Name, Signal: "slow_answers", For: config.Duration(24 * time.Hour)},
	}
	e.cfg.Alerts.Rules = rules
	// Each signal flaps as its threshold swings between always and never.
	levers := func(on [2]bool) {
		e.cfg.Thresholds.DailyInputs = map[bool]float64{true: 0.01, false: 1.01}[on[0]]
		e.cfg.Thresholds.SlowAnswers = map[bool]float64{true: 0.01, false: 1e6}[on[1]]
	}
	const evaluations = 8 * 7 * 2
	start := e.now.Add(-8 * 7 * 24 * time.Hour) // the 8 weeks end with the data
	at := func(i int) time.Time { return start.Add(time.Duration(i) * 12 * time.Hour) }

	// First the oracle: the pure decision on what the analysis says.
	rng := rand.New(rand.NewPCG(seed, 1))
	var (
		on      [2]bool
		plan    [evaluations][2]bool
		noData  [evaluations]bool
		sends   [evaluations]int
		want    = map[change]bool{}
		oracle  = map[string]store.Alert{}
		repeatD = e.cfg.Alerts.RepeatInterval.D()
	)
	act, err := app.LoadActivity(ctx, e.st, e.cfg, team) // the alerts do not change it
	if err != nil {
		t.Fatal(err)
	}
	for i := range evaluations {
		for j := range on {
			if rng.Float64() < 0.3 {
				on[j] = !on[j]
			}
		}
		plan[i] = on
		levers(on)
		day := app.Today(team.Location, at(i))
		res, err := app.AnalyzeActivity(act, e.cfg, team, app.Window{AsOf: day, Now: at(i)})
		if err != nil {
			noData[i] = true
			continue
		}
		for _, r := range rules {
			holds, known, _ := alerts.Holds(r, res)
			if !known {
				continue // an unknown signal leaves the alert as it was
			}
			var notice string
			oracle[r.Name], notice = alerts.Step(oracle[r.Name], holds, at(i), r.For.D(), repeatD)
			if notice != "" {
				want[change{r.Name, notice, at(i).UTC().Format(time.RFC3339)}] = true
				sends[i]++
			}
		}
	}
	if len(want) < 30 {
		t.Fatalf("seed %d: only %d e-mails due in 8 weeks: the signals do not flap", seed, len(want))
	}

	// Restarts: 15 at evaluations that send (a crash has something to
	// hit), 5 anywhere else.
	restart := map[int]bool{}
	for _, i := range rng.Perm(evaluations) {
		if len(restart) < 15 && sends[i] > 0 || len(restart) >= 15 && len(restart) < 20 && sends[i] == 0 {
			restart[i] = true
		}
	}
	points := []string{afterIntent, afterSend, afterRecord, ""}
	resent := map[string]int{} // Message-ID: deliveries beyond the first
	crashes := map[string]int{}
	run := func(i int, hook crashHook) (c *crash) {
		defer func() {
			if p := recover(); p != nil {
				cr, ok := p.(crash)
				if !ok {
					panic(p)
				}
				c = &cr
			}
		}()
		_, err := runAlerts(ctx, e.st, e.cfg, at(i), false, slog.New(slog.DiscardHandler), app.AnalyzeNow, hook)
		if err != nil && !noData[i] {
			t.Fatalf("seed %d, evaluation %d: %v", seed, i, err)
		}
		return nil
	}
	k := 0
	for i := range evaluations {
		levers(plan[i])
		if !restart[i] {
			run(i, nil)
			continue
		}
		point := points[k%len(points)]
		k++
		c := run(i, crashAt(point))
		e.open(t) // the restart
		if c == nil {
			continue
		}
		crashes[c.point]++
		if c.point == afterSend {
			resent[c.messageID]++
		}
		run(i, nil) // the restarted roleload evaluates again at once
	}
	for _, p := range points[:3] {
		if crashes[p] < 3 {
			t.Fatalf("seed %d: %d crashes at %q, want at least 3: %v", seed, crashes[p], p, crashes)
		}
	}

	// What arrived, by Message-ID and by state change.
	got := map[change][]string{}
	perID := map[string]int{}
	for _, m := range e.smtp.Messages() {
		id, c := parseAlertMail(t, m.Data)
		if perID[id]++; perID[id] == 1 {
			got[c] = append(got[c], id)
		}
	}
	lost, dups := 0, 0
	for c := range want {
		switch n := len(got[c]); {
		case n == 0:
			lost++
			t.Errorf("lost: %s %s at %s", c.rule, c.notice, c.at)
		case n > 1:
			dups += n - 1
			t.Errorf("%s %s at %s arrived under %d Message-IDs", c.rule, c.notice, c.at, n)
		}
	}
	for c, ids := range got {
		if !want[c] {
			t.Errorf("not due, yet sent: %s %s at %s (%v)", c.rule, c.notice, c.at, ids)
		}
	}
	for id, n := range perID {
		if n != 1+resent[id] {
			dups += n - 1 - resent[id]
			t.Errorf("Message-ID %s arrived %d times, want %d", id, n, 1+resent[id])
		}
	}
	t.Logf("seed %d: %d e-mails due over %d evaluations, %d restarts (crashes %v), %d deliveries: %d lost, %d duplicates",
		seed, len(want), evaluations, len(restart), crashes, len(e.smtp.Messages()), lost, dups)
}

// change is one e-mail's worth of an alert: its rule, notice, and when
// it was decided (RFC 3339, as the e-mail says).
type change struct{ rule, notice, at string }

var alertSubject = regexp.MustCompile(`^\[roleload\] (FIRING|STILL FIRING|RESOLVED): (\S+) for `)
var seenAt = regexp.MustCompile(`Seen at (\S+): `)

// parseAlertMail reads an alert e-mail: its Message-ID, and the state
// change it reports (rule, notice, when it was decided).
func parseAlertMail(t *testing.T, raw []byte) (string, change) {
	t.Helper()
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	body := io.Reader(msg.Body)
	if strings.EqualFold(msg.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
		body = quotedprintable.NewReader(body)
	}
	text, err := io.ReadAll(body)
	if err != nil {
		t.Fatal(err)
	}
	s := alertSubject.FindStringSubmatch(msg.Header.Get("Subject"))
	w := seenAt.FindSubmatch(text)
	if s == nil || w == nil {
		t.Fatalf("not an alert e-mail: %q\n%s", msg.Header.Get("Subject"), text)
	}
	notice := map[string]string{"FIRING": alerts.NoticeFiring, "STILL FIRING": alerts.NoticeRepeat, "RESOLVED": alerts.NoticeResolved}[s[1]]
	return strings.Trim(msg.Header.Get("Message-Id"), "<>"), change{s[2], notice, string(w[1])}
}

// An alert on a signal that is unknown (SPEC §6.6: its data is missing)
// neither fires nor resolves: a firing alert stays firing without a
// "resolved" e-mail, a new one stays inactive; once the data is back the
// alert moves on from where it was.
func TestAlertOnUnknownSignalStaysPut(t *testing.T) {
	e := newAlertEnv(t)
	team := &e.cfg.Teams[0]
	e.cfg.Alerts.Rules = []config.AlertRule{{Name: "thin", Team: team.Name, Signal: "thin_backlog"}}
	if got := e.evaluate(t, 0); len(got) != 1 || !strings.Contains(got[0], "FIRING: thin") {
		t.Fatalf("known and tripped: e-mails %q, want the firing one", got)
	}
	ready := team.ReadyStatuses
	team.ReadyStatuses = []string{"Redy for Dev"} // misspelled: no ready status in the data, thin_backlog is unknown
	e.cfg.Alerts.Rules = append(e.cfg.Alerts.Rules, config.AlertRule{Name: "thin-new", Team: team.Name, Signal: "thin_backlog"})
	if got := e.evaluate(t, time.Hour); len(got) != 0 {
		t.Errorf("unknown: e-mails %q, want none (no resolve, no fire)", got)
	}
	states, err := e.st.Alerts(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if s := states[store.AlertKey{Rule: "thin", Team: team.Name}]; s.State != alerts.Firing {
		t.Errorf("firing alert on an unknown signal is %q, want still firing", s.State)
	}
	if s, ok := states[store.AlertKey{Rule: "thin-new", Team: team.Name}]; ok && s.State != alerts.Inactive {
		t.Errorf("new alert on an unknown signal is %q, want inactive", s.State)
	}
	team.ReadyStatuses = ready
	if got := e.evaluate(t, 2*time.Hour); len(got) != 1 || !strings.Contains(got[0], "FIRING: thin-new") {
		t.Errorf("data back: e-mails %q, want only thin-new firing (thin kept firing, no repeat yet)", got)
	}
}

// collect runs one sync of cfg into st.
func collect(tb testing.TB, cfg *config.Config, st *store.Store) {
	tb.Helper()
	if _, err := collector.Run(context.Background(), st, collector.Options{Jira: cfg.Jira, Now: cfg.Clock()}); err != nil {
		tb.Fatal(err)
	}
}
