package delivery

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/alerts"
	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/mail"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// Outcome is one alert after an evaluation: its row as the store now
// holds it, and the e-mail this evaluation sent (in a dry run: would send).
type Outcome struct {
	store.Alert
	// Notice is the e-mail sent (alerts.Notice*), "" for none; an e-mail
	// owed by an earlier evaluation and sent by this one reads
	// "firing (owed, sent again)".
	Notice string
}

func (o Outcome) String() string {
	s := fmt.Sprintf("%s %s: %s (%s)", o.Rule, o.Team, o.State, o.Detail)
	if o.Notice != "" {
		s += ", e-mail: " + o.Notice
	}
	return s
}

// AnalyzeFunc is a team's analysis at now, as the alert rules read it.
// It is the caller's wiring (app.AnalyzeNow): delivery never chooses a
// window nor maps the config onto the analysis.
type AnalyzeFunc func(ctx context.Context, st *store.Store, cfg *config.Config, team *config.Team, now time.Time) (*analysis.Result, error)

// RunAlerts evaluates every alert at now (SPEC §7.3): the rules for each
// of their teams, on analyze's result, and the built-in stale-data and
// failed-syncs alerts. With dryRun it changes nothing and sends nothing.
//
// Delivery is at least once: each new state is stored together with the
// e-mail it calls for and that e-mail's Message-ID (the intent), then the
// e-mail is sent, then the send is recorded. An e-mail still owed when an
// evaluation starts (a crash, or a relay that refused it) is sent first,
// with the same Message-ID, and its alert is not moved on until it is: so
// its e-mails go out in order and none is lost; what was recorded as sent
// is never sent again. A team that cannot be analysed (no data in the
// window) or an e-mail that fails does not stop the other alerts: their
// errors are returned together at the end.
func RunAlerts(ctx context.Context, st *store.Store, cfg *config.Config, now time.Time, dryRun bool, log *slog.Logger, analyze AnalyzeFunc, opts ...mail.Option) ([]Outcome, error) {
	return runAlerts(ctx, st, cfg, now, dryRun, log, analyze, nil, opts...)
}

// crashHook, in tests, stands for a crash at one of the points of a
// delivery where nothing may be lost: it panics.
type crashHook func(point, messageID string)

// The points of a delivery a crashHook is called at.
const (
	afterIntent = "intent recorded" // the intent is stored, the e-mail not sent
	afterSend   = "sent"            // the relay took the e-mail, the send is not recorded
	afterRecord = "sent recorded"
)

func (h crashHook) at(point, messageID string) {
	if h != nil {
		h(point, messageID)
	}
}

func runAlerts(ctx context.Context, st *store.Store, cfg *config.Config, now time.Time, dryRun bool, log *slog.Logger, analyze AnalyzeFunc, crash crashHook, opts ...mail.Option) ([]Outcome, error) {
	if err := alerts.CheckRules(cfg); err != nil {
		return nil, err
	}
	var sender *mail.Sender
	if !dryRun {
		unlock, err := st.LockAlerts()
		if err != nil {
			return nil, err
		}
		defer unlock()
		if sender, err = mail.New(cfg.Email, log, opts...); err != nil {
			return nil, err
		}
	}
	// Read under the lock: another evaluation may just have changed them.
	prev, err := st.Alerts(ctx)
	if err != nil {
		return nil, err
	}
	e := &alertRun{st: st, cfg: cfg, now: now, dryRun: dryRun, sender: sender, analyzeTeam: analyze, crash: crash, prev: prev,
		results: map[string]analyzed{}, seen: map[store.AlertKey]bool{}, held: map[store.AlertKey]bool{}, resent: map[store.AlertKey]string{}}
	e.sendOwed(ctx)
	if err := e.dataAlerts(ctx); err != nil {
		return e.out, err
	}
	for _, r := range cfg.Alerts.Rules {
		for i := range cfg.Teams {
			team := &cfg.Teams[i]
			if r.Team != "" && r.Team != team.Name {
				continue
			}
			k := store.AlertKey{Rule: alerts.RuleName(r), Team: team.Name}
			e.seen[k] = true
			res, err := e.analyze(ctx, team)
			if err != nil {
				// One team without data must not silence the others.
				e.fail(fmt.Errorf("alert %s, team %s: %w", k.Rule, k.Team, err))
				continue
			}
			holds, known, detail := alerts.Holds(r, res)
			if !known {
				e.unknown(k, detail)
				continue
			}
			if err := e.step(ctx, k, holds, detail, r.For.D()); err != nil {
				return e.out, err
			}
		}
	}
	// Alerts whose rule or team is gone from the config are forgotten
	// (silently: nobody asked about them any more), so that a rule put
	// back later starts afresh; once they owe no e-mail.
	for _, k := range slices.SortedFunc(maps.Keys(prev), compareKeys) {
		if !e.seen[k] && !e.held[k] && !dryRun {
			if err := st.DeleteAlert(ctx, k); err != nil {
				e.fail(err)
			}
		}
	}
	return e.out, errors.Join(e.errs...)
}

func compareKeys(a, b store.AlertKey) int {
	return cmp.Or(cmp.Compare(a.Rule, b.Rule), cmp.Compare(a.Team, b.Team))
}

type alertRun struct {
	st          *store.Store
	cfg         *config.Config
	now         time.Time
	dryRun      bool
	sender      *mail.Sender
	analyzeTeam AnalyzeFunc
	crash       crashHook
	prev        map[store.AlertKey]store.Alert
	results     map[string]analyzed // by team
	out         []Outcome
	errs        []error                   // alerts that could not be evaluated or sent
	seen        map[store.AlertKey]bool   // the alerts of the config, evaluated or not
	held        map[store.AlertKey]bool   // still owe an e-mail: not moved on
	resent      map[store.AlertKey]string // owed e-mails sent by this evaluation
}

func (e *alertRun) fail(err error) { e.errs = append(e.errs, err) }

func (e *alertRun) analyze(ctx context.Context, team *config.Team) (*analysis.Result, error) {
	if r, ok := e.results[team.Name]; ok {
		return r.res, r.err
	}
	r, err := e.analyzeTeam(ctx, e.st, e.cfg, team, e.now)
	e.results[team.Name] = analyzed{r, err}
	return r, err
}

type analyzed struct {
	res *analysis.Result
	err error
}

// dataAlerts are about the store, for every team at once (team "*").
func (e *alertRun) dataAlerts(ctx context.Context) error {
	runs, err := e.st.LastRuns(ctx, max(e.cfg.Alerts.FailedSyncs, 1))
	if err != nil {
		return err
	}
	status, err := e.st.Status(ctx)
	if err != nil {
		return err
	}
	if after := e.cfg.Alerts.StaleAfter.D(); after > 0 {
		holds, detail := false, "never synced"
		if status.LastSync != nil {
			age := e.now.Sub(*status.LastSync)
			holds, detail = age > after, fmt.Sprintf("last sync %s ago", age.Round(time.Minute))
		} else {
			holds = len(runs) > 0 // a store that never synced only alerts once collects were tried
		}
		if err := e.step(ctx, store.AlertKey{Rule: alerts.RuleStaleData, Team: "*"}, holds, detail, 0); err != nil {
			return err
		}
	}
	if n := e.cfg.Alerts.FailedSyncs; n > 0 {
		failed := 0
		for _, r := range runs {
			if r.Status != store.RunFailed {
				break
			}
			failed++
		}
		detail := fmt.Sprintf("%d failed collects in a row", failed)
		if failed > 0 && runs[0].Error != "" {
			detail += ", last: " + runs[0].Error
		}
		if err := e.step(ctx, store.AlertKey{Rule: alerts.RuleFailedSyncs, Team: "*"}, failed >= n, detail, 0); err != nil {
			return err
		}
	}
	return nil
}

// sendOwed sends, with their Message-IDs, the e-mails that earlier
// evaluations recorded as due but not as sent. An alert whose e-mail
// still cannot go out is held where it is.
func (e *alertRun) sendOwed(ctx context.Context) {
	for _, k := range slices.SortedFunc(maps.Keys(e.prev), compareKeys) {
		a := e.prev[k]
		if a.Owed == "" {
			continue
		}
		if e.dryRun {
			e.held[k] = true
			continue
		}
		if err := e.deliver(ctx, a); err != nil {
			e.held[k] = true
			e.fail(fmt.Errorf("alert %s, team %s: owed %s e-mail %s not sent: %w", k.Rule, k.Team, a.Owed, a.MessageID, err))
			continue
		}
		e.resent[k] = a.Owed
		a.Owed, a.SentAt = "", e.now
		e.prev[k] = a
	}
}

// unknown leaves an alert whose signal is unknown as it was (SPEC §6.6):
// it neither fires nor resolves, and sends nothing; only its outcome
// line says why.
func (e *alertRun) unknown(k store.AlertKey, detail string) {
	a := e.prev[k]
	a.AlertKey = k
	if a.State == "" {
		a.State = alerts.Inactive
	}
	a.Detail = reports.OneLine(detail)
	e.out = append(e.out, Outcome{Alert: a})
}

// step moves one alert to now and delivers the e-mail the move calls for.
func (e *alertRun) step(ctx context.Context, k store.AlertKey, holds bool, detail string, hold time.Duration) error {
	e.seen[k] = true
	old := e.prev[k]
	old.AlertKey = k
	if e.held[k] {
		// It owes an e-mail that could not be sent: the next evaluation
		// sends it first, then moves the alert on.
		out := Outcome{Alert: old}
		if e.dryRun {
			out.Notice = old.Owed + " (owed)"
		}
		e.out = append(e.out, out)
		return nil
	}
	a, notice := alerts.Step(old, holds, e.now, hold, e.cfg.Alerts.RepeatInterval.D())
	a.Detail, a.UpdatedAt = reports.OneLine(detail), e.now // the detail may quote a Jira error
	emailed := func(sent string) string {
		var s []string
		if r := e.resent[k]; r != "" {
			s = append(s, r+" (owed, sent again)")
		}
		if sent != "" {
			s = append(s, sent)
		}
		return strings.Join(s, ", ")
	}
	if e.dryRun {
		e.out = append(e.out, Outcome{Alert: a, Notice: emailed(notice)})
		return nil
	}
	if notice != alerts.NoticeNone {
		id, err := newMessageID(e.cfg.Email.From, "alert")
		if err != nil {
			return err
		}
		a.Owed, a.MessageID, a.SentAt = notice, id, time.Time{}
	}
	if err := e.st.PutAlert(ctx, a); err != nil {
		return err
	}
	if notice != alerts.NoticeNone {
		e.crash.at(afterIntent, a.MessageID)
		if err := e.deliver(ctx, a); err != nil {
			e.out = append(e.out, Outcome{Alert: a, Notice: emailed("")})
			e.fail(fmt.Errorf("alert %s, team %s: not sent (owed: sent again at the next evaluation): %w", k.Rule, k.Team, err))
			return nil
		}
		a.Owed, a.SentAt = "", e.now
	}
	e.out = append(e.out, Outcome{Alert: a, Notice: emailed(notice)})
	return nil
}

// deliver sends the e-mail a owes and records the send.
func (e *alertRun) deliver(ctx context.Context, a store.Alert) error {
	if err := e.sender.Send(ctx, alertMessage(a)); err != nil {
		return err
	}
	e.crash.at(afterSend, a.MessageID)
	// Even when ctx was cancelled mid-send: the relay took it.
	if err := e.st.AlertSent(context.WithoutCancel(ctx), a.AlertKey, a.MessageID, e.now); err != nil {
		return err
	}
	e.crash.at(afterRecord, a.MessageID)
	return nil
}

// alertMessage is the e-mail an alert owes, made only of what its row
// keeps, so that a re-send after a crash is the same e-mail.
func alertMessage(a store.Alert) mail.Message {
	rule, team, notice, detail, now := a.Rule, a.Team, a.Owed, a.Detail, a.UpdatedAt
	who := "team " + team
	if team == "*" {
		who = "the roleload store"
	}
	head := map[string]string{alerts.NoticeFiring: "FIRING", alerts.NoticeRepeat: "STILL FIRING", alerts.NoticeResolved: "RESOLVED"}[notice]
	var b strings.Builder
	fmt.Fprintf(&b, "Alert %s for %s is %s.\n\n", rule, who, strings.ToLower(head))
	fmt.Fprintf(&b, "Seen at %s: %s.\n", now.UTC().Format(time.RFC3339), detail)
	if team != "*" && notice != alerts.NoticeResolved {
		fmt.Fprintf(&b, "\nThe figures and the evidence: roleload analyze --team %s\n", team)
	}
	return mail.Message{Subject: fmt.Sprintf("[roleload] %s: %s for %s", head, rule, who), Text: b.String(), MessageID: a.MessageID}
}
