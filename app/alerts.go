package app

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"time"

	"github.com/roleload/roleload/alerts"
	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/mail"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// AlertOutcome is what one evaluation did to one alert.
type AlertOutcome struct {
	Rule, Team string
	State      string // after the evaluation
	Notice     string // the e-mail it called for (alerts.Notice*), "" for none
	Detail     string // what was seen
}

func (o AlertOutcome) String() string {
	s := fmt.Sprintf("%s %s: %s (%s)", o.Rule, o.Team, o.State, o.Detail)
	if o.Notice != "" {
		s += ", e-mail: " + o.Notice
	}
	return s
}

// RunAlerts evaluates every alert at now (SPEC §7.3): the rules for each
// of their teams, and the built-in stale-data and failed-syncs alerts.
// With dryRun it changes nothing and sends nothing. Otherwise each new
// state is committed before its e-mail is sent, so that a restart never
// sends an e-mail twice; an e-mail that fails puts the state back, to be
// sent at the next evaluation. A team that cannot be analysed (no data in
// the window) or an e-mail that fails does not stop the other alerts:
// their errors are returned together at the end.
func RunAlerts(ctx context.Context, st *store.Store, cfg *config.Config, now time.Time, dryRun bool, log *slog.Logger, opts ...mail.Option) ([]AlertOutcome, error) {
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
	prev, err := st.AlertStates(ctx)
	if err != nil {
		return nil, err
	}
	e := &alertRun{st: st, cfg: cfg, now: now, dryRun: dryRun, sender: sender, prev: prev, results: map[string]analyzed{},
		seen: map[[2]string]bool{}}
	if err := e.dataAlerts(ctx); err != nil {
		return e.out, err
	}
	for _, r := range cfg.Alerts.Rules {
		for i := range cfg.Teams {
			team := &cfg.Teams[i]
			if r.Team != "" && r.Team != team.Name {
				continue
			}
			e.seen[[2]string{alerts.RuleName(r), team.Name}] = true
			res, err := e.analyze(ctx, team)
			if err != nil {
				// One team without data must not silence the others.
				e.fail(fmt.Errorf("alert %s, team %s: %w", alerts.RuleName(r), team.Name, err))
				continue
			}
			holds, detail := alerts.Holds(r, res)
			if err := e.step(ctx, alerts.RuleName(r), team.Name, holds, detail, r.For.D()); err != nil {
				return e.out, err
			}
		}
	}
	// Alerts whose rule or team is gone from the config are forgotten
	// (silently: nobody asked about them any more), so that a rule put
	// back later starts afresh.
	for key := range prev {
		if !e.seen[key] && !dryRun {
			if err := st.DeleteAlertState(ctx, key[0], key[1]); err != nil {
				e.fail(err)
			}
		}
	}
	return e.out, errors.Join(e.errs...)
}

type alertRun struct {
	st      *store.Store
	cfg     *config.Config
	now     time.Time
	dryRun  bool
	sender  *mail.Sender
	prev    map[[2]string]store.AlertState
	results map[string]analyzed // by team
	out     []AlertOutcome
	errs    []error            // alerts that could not be evaluated or sent
	seen    map[[2]string]bool // the alerts of the config, evaluated or not
}

func (e *alertRun) fail(err error) { e.errs = append(e.errs, err) }

func (e *alertRun) analyze(ctx context.Context, team *config.Team) (*analysis.Result, error) {
	if r, ok := e.results[team.Name]; ok {
		return r.res, r.err
	}
	day, _ := ParseDate("", team.Location, e.now)
	r, err := Analyze(ctx, e.st, e.cfg, team, Window{AsOf: day, Now: e.now})
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
		if err := e.step(ctx, alerts.RuleStaleData, "*", holds, detail, 0); err != nil {
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
		if err := e.step(ctx, alerts.RuleFailedSyncs, "*", failed >= n, detail, 0); err != nil {
			return err
		}
	}
	return nil
}

func (e *alertRun) step(ctx context.Context, rule, team string, holds bool, detail string, hold time.Duration) error {
	e.seen[[2]string{rule, team}] = true
	old := e.prev[[2]string{rule, team}]
	st, notice := alerts.Step(alerts.Status{Rule: rule, Team: team, State: old.State, Since: old.Since, FiredAt: old.FiredAt,
		LastSent: old.LastSent, ResolvedAt: old.ResolvedAt}, holds, e.now, hold, e.cfg.Alerts.RepeatInterval.D())
	detail = reports.OneLine(detail) // may quote a Jira error
	e.out = append(e.out, AlertOutcome{Rule: rule, Team: team, State: st.State, Notice: notice, Detail: detail})
	if e.dryRun {
		return nil
	}
	row := store.AlertState{Rule: rule, Team: team, State: st.State, Since: st.Since, FiredAt: st.FiredAt, LastSent: st.LastSent,
		ResolvedAt: st.ResolvedAt, Detail: detail, UpdatedAt: e.now}
	if err := e.st.PutAlertState(ctx, row); err != nil {
		return err
	}
	if notice == alerts.NoticeNone {
		return nil
	}
	if err := e.sender.Send(ctx, alertMessage(rule, team, notice, detail, e.now)); err != nil {
		// Not sent: put the state back so that the next evaluation
		// sends it.
		back := old
		if back.State == "" {
			back = store.AlertState{Rule: rule, Team: team, State: alerts.Inactive}
		}
		back.UpdatedAt = e.now
		// Even when ctx was cancelled mid-send: the row must not say sent.
		if perr := e.st.PutAlertState(context.WithoutCancel(ctx), back); perr != nil {
			return perr
		}
		e.out[len(e.out)-1].Notice = ""
		e.fail(fmt.Errorf("alert %s, team %s: not sent: %w", rule, team, err))
	}
	return nil
}

func alertMessage(rule, team, notice, detail string, now time.Time) mail.Message {
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
	return mail.Message{Subject: fmt.Sprintf("[roleload] %s: %s for %s", head, rule, who), Text: b.String()}
}
