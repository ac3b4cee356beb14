package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// CalendarPerson is one person's calendar as the analysis needs it.
type CalendarPerson struct {
	Person string // as configured under calendars[].person
	// Loaded: the feed loaded at least once (a discovery source, SPEC §5.1).
	Loaded      bool
	Occurrences []CalendarOccurrence // overlapping [from, to), by start
}

// Calendars returns every stored calendar with its occurrences that
// overlap [from, to).
func (s *Store) Calendars(ctx context.Context, from, to time.Time) ([]CalendarPerson, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT person, last_good IS NOT NULL FROM calendar_feeds ORDER BY person`)
	if err != nil {
		return nil, fmt.Errorf("calendars: %w", err)
	}
	var out []CalendarPerson
	for rows.Next() {
		var p CalendarPerson
		if err := rows.Scan(&p.Person, &p.Loaded); err != nil {
			rows.Close()
			return nil, fmt.Errorf("calendars: %w", err)
		}
		out = append(out, p)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("calendars: %w", err)
	}
	for i := range out {
		if out[i].Occurrences, err = s.CalendarOccurrences(ctx, out[i].Person, from, to); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// CalendarOccurrences returns person's occurrences overlapping [from, to);
// a zero from or to leaves that side open.
func (s *Store) CalendarOccurrences(ctx context.Context, person string, from, to time.Time) ([]CalendarOccurrence, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT uid, recurrence_id, start, end, title, attendees, external, category, rule
		FROM calendar_occurrences WHERE person = ?1 AND (?2 IS NULL OR start < ?2) AND (?3 IS NULL OR end > ?3)
		ORDER BY start, uid, recurrence_id`,
		person, dbTime(to), dbTime(from))
	if err != nil {
		return nil, fmt.Errorf("calendar of %s: %w", person, err)
	}
	defer rows.Close()
	var out []CalendarOccurrence
	for rows.Next() {
		var o CalendarOccurrence
		var start, end string
		if err := rows.Scan(&o.UID, &o.RecurrenceID, &start, &end, &o.Title, &o.Attendees, &o.External, &o.Category, &o.Rule); err != nil {
			return nil, fmt.Errorf("calendar of %s: %w", person, err)
		}
		if o.Start, err = parseTimeText(start); err != nil {
			return nil, fmt.Errorf("calendar of %s: %w", person, err)
		}
		if o.End, err = parseTimeText(end); err != nil {
			return nil, fmt.Errorf("calendar of %s: %w", person, err)
		}
		out = append(out, o)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("calendar of %s: %w", person, err)
	}
	return out, nil
}

// CalendarOccurrenceCount is how many occurrences the store holds for person.
func (s *Store) CalendarOccurrenceCount(ctx context.Context, person string) (int, error) {
	var n int
	if err := s.db.QueryRowContext(ctx, `SELECT count(*) FROM calendar_occurrences WHERE person = ?`, person).Scan(&n); err != nil {
		return 0, fmt.Errorf("calendar of %s: %w", person, err)
	}
	return n, nil
}

// CalendarStatus is one feed's line in `roleload status` (SPEC §5.1).
type CalendarStatus struct {
	Person      string     `json:"person"`
	Source      string     `json:"source"` // a file or $ENV_VAR, never a secret URL
	LastGood    *time.Time `json:"last_good"`
	LastAttempt *time.Time `json:"last_attempt"`
	LastStatus  string     `json:"last_status"`
	LastError   string     `json:"last_error,omitempty"`
	Occurrences int        `json:"occurrences"`
	// Problems counts the problems of the last good copy (bad events, cut
	// recurrences); Failures the failed loads since it.
	Problems int `json:"problems"`
	Failures int `json:"failures"`
}

func (s *Store) calendarStatus(ctx context.Context) ([]CalendarStatus, error) {
	rows, err := s.db.QueryContext(ctx, `SELECT f.person, f.source, f.last_good, f.last_attempt, f.last_status, f.last_error, f.problems,
		(SELECT count(*) FROM calendar_occurrences o WHERE o.person = f.person),
		(SELECT count(*) FROM calendar_loads l WHERE l.person = f.person AND l.status = ? AND (f.last_good IS NULL OR l.at > f.last_good))
		FROM calendar_feeds f ORDER BY f.person`, CalendarFailed)
	if err != nil {
		return nil, fmt.Errorf("status: calendars: %w", err)
	}
	defer rows.Close()
	out := []CalendarStatus{}
	for rows.Next() {
		var c CalendarStatus
		var good, attempt sql.NullString
		if err := rows.Scan(&c.Person, &c.Source, &good, &attempt, &c.LastStatus, &c.LastError, &c.Problems, &c.Occurrences, &c.Failures); err != nil {
			return nil, fmt.Errorf("status: calendars: %w", err)
		}
		if t, err := parseTime(good); err != nil {
			return nil, fmt.Errorf("status: calendar of %s: %w", c.Person, err)
		} else if !t.IsZero() {
			c.LastGood = &t
		}
		if t, err := parseTime(attempt); err != nil {
			return nil, fmt.Errorf("status: calendar of %s: %w", c.Person, err)
		} else if !t.IsZero() {
			c.LastAttempt = &t
		}
		out = append(out, c)
	}
	return out, rows.Err()
}
