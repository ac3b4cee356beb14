// Package daemon is `roleload run` (SPEC §7.4): collect, alerts and the
// weekly reports on their cron schedules, in the configured time zone.
//
// A job still running when its next time comes is skipped, not doubled;
// a panic in a job is logged and the daemon lives on; the weekly reports
// of the last complete week are written on start if the store does not
// record them (the daemon was down on Monday), and a report e-mail
// decided but not recorded as sent goes out again with its Message-ID;
// on SIGTERM the job in flight stops at a committed point (the collector
// keeps every whole page) and Run returns.
//
// The jobs are app's (BuildReport), delivery's (SendReport, RunAlerts, on
// app.AnalyzeNow), collector's and calendar's; the daemon only schedules
// them. Only cmd/roleload imports it.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"runtime/debug"
	"slices"
	"sync"
	"time"

	"github.com/robfig/cron/v3"
	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/calendar"
	"github.com/roleload/roleload/collector"
	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/delivery"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/mail"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// Options are what Run needs.
type Options struct {
	Config *config.Config
	Store  *store.Store
	Log    *slog.Logger
	// Now is the clock (nil: the config's, Config.Clock); MailOptions go to every sender.
	Now         func() time.Time
	MailOptions []mail.Option
}

// Run runs the schedule until ctx is cancelled, then waits for the jobs
// in flight (which see ctx cancelled) and returns.
func Run(ctx context.Context, o Options) error {
	d, err := newDaemon(o)
	if err != nil {
		return err
	}
	return d.run(ctx)
}

type daemon struct {
	Options
	loc    *time.Location
	mailOK bool // email is configured: alerts are evaluated and reports sent

	collectJob, alertsJob, reportJob *job
}

// job is one kind of work; it never runs twice at once.
type job struct {
	name string
	mu   sync.Mutex
	fn   func(ctx context.Context) error
	log  *slog.Logger
}

func newDaemon(o Options) (*daemon, error) {
	if o.Now == nil {
		o.Now = o.Config.Clock()
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	loc := time.Local
	if tz := o.Config.Schedule.Timezone; tz != "" {
		var err error
		if loc, err = time.LoadLocation(tz); err != nil {
			return nil, fmt.Errorf("schedule.timezone: %w", err)
		}
	}
	d := &daemon{Options: o, loc: loc, mailOK: delivery.CheckMail(o.Config) == nil}
	d.collectJob = &job{name: "collect", fn: d.collect, log: o.Log}
	d.alertsJob = &job{name: "alerts", fn: d.alerts, log: o.Log}
	d.reportJob = &job{name: "report", fn: d.reports, log: o.Log}
	return d, nil
}

func (d *daemon) run(ctx context.Context) error {
	c := cron.New(cron.WithLocation(d.loc), cron.WithParser(config.CronParser), cron.WithLogger(cronLogger{d.Log}))
	sch := d.Config.Schedule
	type entry struct {
		spec string
		job  *job
	}
	entries := []entry{{sch.Collect, d.collectJob}, {sch.Report, d.reportJob}}
	if sch.Alerts != "" && sch.Alerts != config.AfterCollect {
		entries = append(entries, entry{sch.Alerts, d.alertsJob})
	}
	for _, e := range entries {
		if _, err := c.AddFunc(e.spec, func() { e.job.run(ctx) }); err != nil {
			return fmt.Errorf("schedule: %s %q: %w", e.job.name, e.spec, err)
		}
	}
	if !d.mailOK {
		d.Log.Warn("email is not configured: alerts are not evaluated and reports are archived, not sent")
	}
	d.Log.Info("daemon started", "collect", sch.Collect, "report", sch.Report, "alerts", sch.Alerts, "timezone", d.loc.String())
	c.Start()
	// On start: bring the store up to date, then write the weekly reports
	// missed while the daemon was down.
	var start sync.WaitGroup
	start.Add(1)
	go func() {
		defer start.Done()
		d.collectJob.run(ctx) // and the reports due after it
	}()
	<-ctx.Done()
	d.Log.Info("daemon stopping: waiting for the jobs in flight")
	<-c.Stop().Done()
	start.Wait()
	d.Log.Info("daemon stopped")
	return nil
}

// run runs the job unless it is running already, and survives its panics.
func (j *job) run(ctx context.Context) {
	if ctx.Err() != nil {
		return
	}
	if !j.mu.TryLock() {
		j.log.Warn("job still running: this run is skipped", "job", j.name)
		return
	}
	defer j.mu.Unlock()
	start := time.Now() // wallclock:duration
	defer func() {
		if p := recover(); p != nil {
			j.log.Error("job panicked; the daemon goes on", "job", j.name, "panic", fmt.Sprint(p), "stack", string(debug.Stack()))
		}
	}()
	if err := j.fn(ctx); err != nil {
		if errors.Is(err, context.Canceled) {
			j.log.Info("job interrupted", "job", j.name, "took", time.Since(start).Round(time.Millisecond))
			return
		}
		j.log.Error("job failed", "job", j.name, "err", err, "took", time.Since(start).Round(time.Millisecond))
		return
	}
	j.log.Info("job done", "job", j.name, "took", time.Since(start).Round(time.Millisecond))
}

// collect syncs, then runs what follows every collect, failed or not
// (the failed-syncs and stale-data alerts are for failed ones): the
// alerts when they run after-collect, and the check for weekly reports
// due (a team whose week ends in another time zone than the schedule's
// gets its report after the first collect past its Sunday midnight).
func (d *daemon) collect(ctx context.Context) error {
	sum, err := collector.Run(ctx, d.Store, collector.Options{Jira: d.Config.Jira, Logger: d.Log, Now: d.Now})
	if ctx.Err() != nil {
		return err
	}
	if err == nil {
		d.Log.Info("collected", "summary", sum.String())
	}
	// The calendars load even when Jira failed; a broken feed is counted
	// in the store (status, doctor), it never stops the collect.
	if len(d.Config.Calendars) > 0 {
		opts := calendar.ConfigOptions(d.Config, d.Log)
		opts.Now = d.Now // the daemon's clock (a test may inject one)
		feeds, cerr := calendar.Collect(ctx, d.Store, opts)
		for _, f := range feeds {
			d.Log.Info("calendar collected", "summary", f.String())
		}
		if err == nil {
			err = cerr
		}
	}
	if d.Config.Schedule.Alerts == config.AfterCollect {
		d.alertsJob.run(ctx)
	}
	d.reportJob.run(ctx)
	return err
}

func (d *daemon) alerts(ctx context.Context) error {
	if !d.mailOK {
		return nil
	}
	out, err := delivery.RunAlerts(ctx, d.Store, d.Config, d.Now(), false, d.Log, app.AnalyzeNow, d.MailOptions...)
	for _, o := range out {
		if o.Notice != "" {
			d.Log.Info("alert", "rule", o.Rule, "team", o.Team, "state", o.State, "sent", o.Notice)
		}
	}
	return err
}

// reports asks the store what is due (as a scheduler that loses nothing
// on restart): first the report e-mails recorded as decided and not as
// sent (a crash, a refused e-mail), sent again with their Message-IDs;
// then, for each team, the report of its last complete week unless the
// store records it archived (and, when e-mail is configured, sent). So a
// report is produced and sent once, on Monday or on the first start after
// it, and its sending is retried on each tick until it succeeds.
func (d *daemon) reports(ctx context.Context) error {
	var errs []error
	owed := map[[2]string]bool{}
	if d.mailOK {
		recs, err := d.Store.ReportsOwed(ctx)
		if err != nil {
			return err
		}
		for _, rec := range recs {
			owed[[2]string{rec.Team, rec.Week}] = true
			if err := d.resend(ctx, rec); err != nil {
				errs = append(errs, err)
			}
		}
	}
	for i := range d.Config.Teams {
		team := &d.Config.Teams[i]
		now := d.Now()
		week := isoweek.LastComplete(now, team.Location)
		rec, err := d.Store.ReportSend(ctx, team.Name, week.String())
		switch {
		case owed[[2]string{team.Name, week.String()}]:
			continue // sent above, or to be sent again next time
		case err == nil && (!d.mailOK || !rec.SentAt.IsZero()):
			continue
		case err != nil && !errors.Is(err, store.ErrNotFound):
			errs = append(errs, err)
			continue
		}
		r, err := app.BuildReport(ctx, d.Store, d.Config, team, app.ReportRequest{Week: week, Now: now})
		if err != nil {
			errs = append(errs, fmt.Errorf("report %s %s: %w", team.Name, week, err))
			continue
		}
		dir, err := reports.WriteArchive(d.Config.Reports.Dir, r)
		if err != nil {
			errs = append(errs, err)
			continue
		}
		d.Log.Info("weekly report written", "team", team.Name, "week", week.String(), "dir", dir)
		if !d.mailOK {
			err = d.Store.ReportArchived(ctx, team.Name, week.String(), dir, now)
		} else {
			err = delivery.SendReport(ctx, d.Store, d.Config, r, dir, d.Now(), d.Log, d.MailOptions...)
		}
		if err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// resend sends again a report e-mail that was decided and not recorded as
// sent: the report is rebuilt with the clock it was built with, and goes
// out with the Message-ID fixed when it was decided.
func (d *daemon) resend(ctx context.Context, rec store.ReportSend) error {
	i := slices.IndexFunc(d.Config.Teams, func(t config.Team) bool { return t.Name == rec.Team })
	if i < 0 {
		d.Log.Warn("report owed to a team no longer configured: not sent", "team", rec.Team, "week", rec.Week)
		return nil
	}
	team := &d.Config.Teams[i]
	week, err := isoweek.Parse(rec.Week, team.Location)
	if err != nil {
		return fmt.Errorf("report owed %s %s: %w", rec.Team, rec.Week, err)
	}
	r, err := app.BuildReport(ctx, d.Store, d.Config, team, app.ReportRequest{Week: week, Now: rec.BuiltAt})
	if err != nil {
		return fmt.Errorf("report owed %s %s: %w", rec.Team, rec.Week, err)
	}
	d.Log.Info("weekly report owed: sending it again", "team", rec.Team, "week", rec.Week, "message_id", rec.MessageID)
	return delivery.SendReport(ctx, d.Store, d.Config, r, rec.Dir, d.Now(), d.Log, d.MailOptions...)
}

// cronLogger sends robfig/cron's messages to slog.
type cronLogger struct{ l *slog.Logger }

func (c cronLogger) Info(msg string, kv ...any) { c.l.Debug("cron: "+msg, kv...) }
func (c cronLogger) Error(err error, msg string, kv ...any) {
	c.l.Error("cron: "+msg, append(kv, "err", err)...)
}
