package calendar

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/roleload/roleload/internal/clock"
	"log/slog"
	"strings"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/store"
)

// Window is SPEC §5.1's expansion range around Jira's clock.
func Window(jiraClock time.Time) (from, to time.Time) {
	return jiraClock.Add(-53 * 7 * 24 * time.Hour), jiraClock.Add(7 * 24 * time.Hour)
}

// CollectOptions says which feeds to load and how.
type CollectOptions struct {
	Feeds    []config.CalendarFeed
	Settings config.CalendarSettings
	Fetcher  *Fetcher
	Now      func() time.Time // when a load happened (status); default the wall clock
	Logger   *slog.Logger
	// MaxOccurrences and MaxSteps bound each feed (0: the defaults).
	MaxOccurrences, MaxSteps int
}

// FeedSummary is one feed's line in the collect summary.
type FeedSummary struct {
	Person      string
	Label       string
	Status      string // store.CalendarOK, CalendarNotModified or CalendarFailed
	Occurrences int    // stored for the person after the load
	Problems    int
	Err         error // why it failed (the last good copy stays)
}

func (s FeedSummary) String() string {
	switch s.Status {
	case store.CalendarOK:
		return fmt.Sprintf("calendar %s (%s): %d occurrences, %d problems", s.Person, s.Label, s.Occurrences, s.Problems)
	case store.CalendarNotModified:
		return fmt.Sprintf("calendar %s (%s): not modified, %d occurrences kept", s.Person, s.Label, s.Occurrences)
	}
	return fmt.Sprintf("calendar %s (%s): failed, %d occurrences kept: %v", s.Person, s.Label, s.Occurrences, s.Err)
}

// Collect loads every feed into st. A feed that fails is recorded and
// reported in its summary; only a store failure is returned as an error.
func Collect(ctx context.Context, st *store.Store, opt CollectOptions) ([]FeedSummary, error) {
	log := opt.Logger
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	now := clock.Or(opt.Now)
	fetcher := opt.Fetcher
	if fetcher == nil {
		fetcher = &Fetcher{}
	}
	clock, err := st.CalendarClock(ctx)
	if err != nil {
		return nil, err
	}
	from, to := Window(clock)
	rules := Rules(opt.Settings)
	var out []FeedSummary
	for _, f := range opt.Feeds {
		o := readOptions(f, opt.Settings, rules, from, to)
		o.MaxOccurrences, o.MaxSteps = opt.MaxOccurrences, opt.MaxSteps
		sum, err := collectOne(ctx, st, fetcher, sourceOf(f), clock, o, now())
		if err != nil {
			return out, err
		}
		if sum.Err != nil {
			log.Warn("calendar failed", "person", sum.Person, "feed", sum.Label, "err", sum.Err)
		} else {
			log.Info("calendar loaded", "person", sum.Person, "feed", sum.Label, "status", sum.Status,
				"occurrences", sum.Occurrences, "problems", sum.Problems)
		}
		out = append(out, sum)
	}
	return out, nil
}

func collectOne(ctx context.Context, st *store.Store, fetcher *Fetcher, src Source, clock time.Time, opt Options, at time.Time) (FeedSummary, error) {
	sum := FeedSummary{Person: src.Person, Label: src.Label}
	load := store.CalendarLoad{Person: src.Person, Source: src.Label, At: at, From: opt.From, To: opt.To}
	prev, err := st.CalendarFeedState(ctx, src.Person)
	if err != nil && !errors.Is(err, store.ErrNotFound) {
		return sum, err
	}
	fail := func(e error) (FeedSummary, error) {
		sum.Status, sum.Err = store.CalendarFailed, e
		load.Status, load.Detail = store.CalendarFailed, e.Error()
		if err := st.RecordCalendarLoad(ctx, load); err != nil {
			return sum, err
		}
		return withCount(ctx, st, sum)
	}
	if clock.IsZero() {
		return fail(fmt.Errorf("calendar of %s: no Jira sync yet (the calendar's window hangs on Jira's clock)", src.Person))
	}
	// A 304 keeps the stored expansion: only while its window is current
	// (within a day of today's), else the feed is read again.
	etag, lastMod := prev.ETag, prev.LastModified
	if prev.LastGood.IsZero() || prev.WindowTo.Before(opt.To.Add(-24*time.Hour)) {
		etag, lastMod = "", ""
	}
	got, err := fetcher.Fetch(ctx, src, etag, lastMod)
	if err != nil {
		return fail(err)
	}
	if got.NotModified {
		sum.Status, load.Status = store.CalendarNotModified, store.CalendarNotModified
		if err := st.RecordCalendarLoad(ctx, load); err != nil {
			return sum, err
		}
		return withCount(ctx, st, sum)
	}
	feed, err := Read(bytes.NewReader(got.Body), opt)
	if err != nil {
		return fail(fmt.Errorf("calendar of %s (%s): %w", src.Person, src.Label, err))
	}
	occs := make([]store.CalendarOccurrence, len(feed.Occurrences))
	for i, o := range feed.Occurrences {
		occs[i] = store.CalendarOccurrence{UID: o.UID, RecurrenceID: o.RecurrenceID, Start: o.Start, End: o.End, Title: o.Title,
			Attendees: o.Attendees, External: o.External, Category: o.Category, Rule: o.Rule}
	}
	load.Status, load.ETag, load.LastModified = store.CalendarOK, got.ETag, got.LastModified
	load.Events, load.Problems, load.Detail = feed.Events, feed.Problems, strings.Join(feed.Messages, "; ")
	if err := st.ReplaceCalendar(ctx, load, occs); err != nil {
		return sum, err
	}
	sum.Status, sum.Problems, sum.Occurrences = store.CalendarOK, feed.Problems, len(occs)
	return sum, nil
}

func withCount(ctx context.Context, st *store.Store, sum FeedSummary) (FeedSummary, error) {
	n, err := st.CalendarOccurrenceCount(ctx, sum.Person)
	sum.Occurrences = n
	return sum, err
}

// Rules turns the config's rules into the reader's.
func Rules(s config.CalendarSettings) []Rule {
	src := s.Rules
	if src == nil {
		src = config.DefaultCalendarRules()
	}
	out := make([]Rule, 0, len(src))
	for _, r := range src {
		rule := Rule{External: r.External, Category: r.Category, Name: "external"}
		if r.Match != "" {
			re := r.Re
			if re == nil {
				re = regexpCompile("(?i)" + r.Match)
			}
			if re == nil {
				continue
			}
			rule.Match, rule.Name = re, fmt.Sprintf("match %q", r.Match)
		}
		out = append(out, rule)
	}
	return out
}

// Probe loads one feed as collect would, without storing anything: for
// `roleload doctor` (reachable, parses, occurrences in [from, to)).
func Probe(ctx context.Context, f config.CalendarFeed, settings config.CalendarSettings, fetcher *Fetcher, from, to time.Time) (*Feed, error) {
	if fetcher == nil {
		fetcher = &Fetcher{}
	}
	got, err := fetcher.Fetch(ctx, sourceOf(f), "", "")
	if err != nil {
		return nil, err
	}
	o := readOptions(f, settings, Rules(settings), from, to)
	o.KeepTitles = false // doctor shows counts, never titles
	feed, err := Read(bytes.NewReader(got.Body), o)
	if err != nil {
		return nil, fmt.Errorf("calendar of %s (%s): %w", f.Person, f.Label(), err)
	}
	return feed, nil
}

// sourceOf is where a configured feed is read from.
func sourceOf(f config.CalendarFeed) Source {
	return Source{Person: f.Person, Label: f.Label(), File: f.File, URL: f.URL}
}

// readOptions are the reader's options for one configured feed.
func readOptions(f config.CalendarFeed, s config.CalendarSettings, rules []Rule, from, to time.Time) Options {
	return Options{Email: f.Email, CompanyDomains: s.CompanyDomains, Rules: rules, KeepTitles: s.KeepTitles, From: from, To: to}
}

// ConfigOptions are the CollectOptions of a config: its feeds and
// settings, Jira's retry bound, and its clock for the loads' dates.
func ConfigOptions(cfg *config.Config, log *slog.Logger) CollectOptions {
	return CollectOptions{Feeds: cfg.Calendars, Settings: cfg.Calendar, Fetcher: &Fetcher{MaxRetries: cfg.Jira.MaxRetries},
		Logger: log, Now: cfg.Clock()}
}
