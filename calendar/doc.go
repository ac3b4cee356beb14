// Package calendar reads the PMs' iCalendar feeds (SPEC §5.1): it fetches a
// file or URL, parses it with github.com/emersion/go-ical, expands
// recurrences with github.com/teambition/rrule-go inside a bounded window,
// drops what is not working time and classifies what is left.
//
// It owns only what those libraries leave open: time zone names (Windows
// names, X-WR-TIMEZONE, VTIMEZONE without an IANA name), RECURRENCE-ID
// overrides, the drop and classification rules, and the bounds that keep a
// hostile feed from hanging or eating memory. Collect loads the configured
// feeds into the store (config -> calendar -> store); the package never
// imports analysis, reports or cmd.
package calendar
