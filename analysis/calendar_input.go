package analysis

import "time"

// Calendar is one person's calendar feed as the store holds it.
type Calendar struct {
	Person      string // as configured: accountId, username, email or display name
	Occurrences []CalendarOccurrence
}

// CalendarOccurrence is one kept occurrence (SPEC §5.1), already classified.
type CalendarOccurrence struct {
	Start, End time.Time
	Category   string // "discovery", "story_writing" or "other"
	Title      string // empty when calendar.keep_titles is false
	UID        string
}
