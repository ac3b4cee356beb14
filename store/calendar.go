package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Calendar load outcomes.
const (
	CalendarOK          = "ok"
	CalendarNotModified = "not_modified"
	CalendarFailed      = "failed"
)

// CalendarOccurrence is one stored occurrence of a person's calendar.
type CalendarOccurrence struct {
	UID          string
	RecurrenceID string
	Start, End   time.Time
	Title        string // "" when keep_titles is false
	Attendees    int
	External     bool
	Category     string // discovery | story_writing | other
	Rule         string
}

// CalendarLoad is one attempt to load a person's feed.
type CalendarLoad struct {
	Person       string
	Source       string // a file path or "$ENV_VAR"; never a URL that may be secret
	At           time.Time
	Status       string // CalendarOK | CalendarNotModified | CalendarFailed
	ETag         string // validators for the next conditional GET (ok only)
	LastModified string
	Events       int
	Problems     int
	Detail       string // the error, or the first problems
	From, To     time.Time
}

// CalendarFeed is what the store knows of one person's feed.
type CalendarFeed struct {
	Person       string
	Source       string
	ETag         string
	LastModified string
	LastGood     time.Time // zero: never loaded
	LastAttempt  time.Time
	LastStatus   string
	LastError    string
	Problems     int
	WindowTo     time.Time // end of the window the stored copy was expanded over
}

// ReplaceCalendar stores a good load: the person's occurrences become occs,
// in one transaction with the load's record.
func (s *Store) ReplaceCalendar(ctx context.Context, l CalendarLoad, occs []CalendarOccurrence) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("calendar of %s: %w", l.Person, err)
	}
	defer tx.Rollback()
	if err := upsertFeed(ctx, tx, l, true); err != nil {
		return err
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM calendar_occurrences WHERE person = ?`, l.Person); err != nil {
		return fmt.Errorf("calendar of %s: clear: %w", l.Person, err)
	}
	ins, err := tx.PrepareContext(ctx, `INSERT INTO calendar_occurrences
		(person, uid, recurrence_id, start, end, title, attendees, external, category, rule) VALUES (?,?,?,?,?,?,?,?,?,?)`)
	if err != nil {
		return fmt.Errorf("calendar of %s: %w", l.Person, err)
	}
	defer ins.Close()
	for _, o := range occs {
		if _, err := ins.ExecContext(ctx, l.Person, o.UID, o.RecurrenceID, dbTime(o.Start), dbTime(o.End), o.Title,
			o.Attendees, o.External, o.Category, o.Rule); err != nil {
			return fmt.Errorf("calendar of %s: occurrence %s %s: %w", l.Person, o.UID, o.RecurrenceID, err)
		}
	}
	if err := insertLoad(ctx, tx, l, len(occs)); err != nil {
		return err
	}
	return tx.Commit()
}

// RecordCalendarLoad records a load that changed no occurrence: a 304 (the
// last good copy is still current) or a failure (it stays in place).
func (s *Store) RecordCalendarLoad(ctx context.Context, l CalendarLoad) error {
	tx, err := s.db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("calendar of %s: %w", l.Person, err)
	}
	defer tx.Rollback()
	if err := upsertFeed(ctx, tx, l, l.Status == CalendarNotModified); err != nil {
		return err
	}
	var n int
	if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM calendar_occurrences WHERE person = ?`, l.Person).Scan(&n); err != nil {
		return fmt.Errorf("calendar of %s: %w", l.Person, err)
	}
	if err := insertLoad(ctx, tx, l, n); err != nil {
		return err
	}
	return tx.Commit()
}

func upsertFeed(ctx context.Context, tx *sql.Tx, l CalendarLoad, good bool) error {
	var err error
	switch {
	case l.Status == CalendarOK:
		_, err = tx.ExecContext(ctx, `INSERT INTO calendar_feeds (person, source, etag, last_modified, last_good, last_attempt,
			last_status, last_error, problems, events, window_from, window_to) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)
			ON CONFLICT(person) DO UPDATE SET source = excluded.source, etag = excluded.etag, last_modified = excluded.last_modified,
			last_good = excluded.last_good, last_attempt = excluded.last_attempt, last_status = excluded.last_status,
			last_error = excluded.last_error, problems = excluded.problems, events = excluded.events,
			window_from = excluded.window_from, window_to = excluded.window_to`,
			l.Person, l.Source, l.ETag, l.LastModified, dbTime(l.At), dbTime(l.At), l.Status, l.Detail, l.Problems, l.Events,
			dbTime(l.From), dbTime(l.To))
	case good: // 304: the copy is confirmed current
		_, err = tx.ExecContext(ctx, `INSERT INTO calendar_feeds (person, source, last_good, last_attempt, last_status)
			VALUES (?,?,?,?,?) ON CONFLICT(person) DO UPDATE SET source = excluded.source, last_good = excluded.last_good,
			last_attempt = excluded.last_attempt, last_status = excluded.last_status, last_error = ''`,
			l.Person, l.Source, dbTime(l.At), dbTime(l.At), l.Status)
	default:
		_, err = tx.ExecContext(ctx, `INSERT INTO calendar_feeds (person, source, last_attempt, last_status, last_error)
			VALUES (?,?,?,?,?) ON CONFLICT(person) DO UPDATE SET source = excluded.source,
			last_attempt = excluded.last_attempt, last_status = excluded.last_status, last_error = excluded.last_error`,
			l.Person, l.Source, dbTime(l.At), l.Status, l.Detail)
	}
	if err != nil {
		return fmt.Errorf("calendar of %s: feed: %w", l.Person, err)
	}
	return nil
}

func insertLoad(ctx context.Context, tx *sql.Tx, l CalendarLoad, occs int) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO calendar_loads (person, at, status, occurrences, problems, detail) VALUES (?,?,?,?,?,?)`,
		l.Person, dbTime(l.At), l.Status, occs, l.Problems, l.Detail)
	if err != nil {
		return fmt.Errorf("calendar of %s: load: %w", l.Person, err)
	}
	return nil
}

// CalendarFeedState returns the stored state of person's feed (validators
// for the conditional GET); ErrNotFound if it was never tried.
func (s *Store) CalendarFeedState(ctx context.Context, person string) (CalendarFeed, error) {
	f := CalendarFeed{Person: person}
	var good, attempt, wto sql.NullString
	err := s.db.QueryRowContext(ctx, `SELECT source, etag, last_modified, last_good, last_attempt, last_status, last_error, problems, window_to
		FROM calendar_feeds WHERE person = ?`, person).
		Scan(&f.Source, &f.ETag, &f.LastModified, &good, &attempt, &f.LastStatus, &f.LastError, &f.Problems, &wto)
	if err == sql.ErrNoRows {
		return f, ErrNotFound
	}
	if err != nil {
		return f, fmt.Errorf("calendar of %s: %w", person, err)
	}
	if f.LastGood, err = parseTime(good); err != nil {
		return f, fmt.Errorf("calendar of %s: %w", person, err)
	}
	if f.LastAttempt, err = parseTime(attempt); err != nil {
		return f, fmt.Errorf("calendar of %s: %w", person, err)
	}
	if f.WindowTo, err = parseTime(wto); err != nil {
		return f, fmt.Errorf("calendar of %s: %w", person, err)
	}
	return f, nil
}

// CalendarClock is Jira's clock as the last sync saw it (serverInfo's
// serverTime): calendar windows hang on it, never on the local clock.
// Zero when no sync has run.
func (s *Store) CalendarClock(ctx context.Context) (time.Time, error) {
	site, err := s.Site(ctx)
	if err == ErrNotFound {
		return time.Time{}, nil
	}
	if err != nil {
		return time.Time{}, err
	}
	return site.SeenAt, nil
}
