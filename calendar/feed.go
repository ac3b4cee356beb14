package calendar

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

// Categories of SPEC §5.1.
const (
	Discovery    = "discovery"
	StoryWriting = "story_writing"
	Other        = "other"
)

// Defaults bounding one feed; Options may lower them (fuzzing does).
const (
	DefaultMaxOccurrences = 100_000
	// DefaultMaxSteps bounds the recurrence instants one event may produce
	// before the window's end (a daily series started in 1750 still fits).
	DefaultMaxSteps = 100_000
	// DefaultMaxFeedSteps bounds the recurrence instants of the whole feed:
	// thousands of hostile rules must not multiply the per-event bound.
	DefaultMaxFeedSteps = 2_000_000
	// maxProblems keeps the messages of a hostile feed short; all are counted.
	maxProblems = 20
	// MaxDuration: longer occurrences are dropped, exactly 10 h is kept.
	MaxDuration = 10 * time.Hour
)

// Rule is one classification rule: the first that matches gives the category.
type Rule struct {
	Match    *regexp.Regexp // on the title (compile with (?i)); nil with External
	External bool
	Category string
	Name     string // what status and evidence show, e.g. `match "interview|..."`
}

// Options say whose feed it is and what to keep.
type Options struct {
	Email          string   // the person's address: their PARTSTAT and not external
	CompanyDomains []string // lower case
	Rules          []Rule
	KeepTitles     bool
	// From and To bound the occurrences (SPEC §5.1: Jira's clock −53 weeks, +1 week).
	From, To       time.Time
	MaxOccurrences int
	MaxSteps       int
	MaxFeedSteps   int
}

// Occurrence is one kept span of a person's calendar.
type Occurrence struct {
	UID          string
	RecurrenceID string // original start, UTC RFC 3339; "" for a single event
	Start, End   time.Time
	Title        string // "" unless KeepTitles
	Attendees    int
	External     bool
	Category     string
	Rule         string
}

// Feed is what one feed yields.
type Feed struct {
	Occurrences []Occurrence
	Events      int            // VEVENTs read
	Dropped     map[string]int // occurrences or events dropped, by reason
	Problems    int            // problems counted (bad values, truncated recurrences, ...)
	Messages    []string       // the first problems, one line each
}

type problems struct{ f *Feed }

func (p *problems) add(format string, a ...any) {
	p.f.Problems++
	if len(p.f.Messages) < maxProblems {
		p.f.Messages = append(p.f.Messages, sanitize(fmt.Sprintf(format, a...)))
	}
}

// Read parses one feed and returns its occurrences in [From, To). An error
// means the feed as a whole is unreadable (not an iCalendar file); a bad
// event is a counted problem and the rest is kept.
func Read(r io.Reader, opt Options) (*Feed, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, fmt.Errorf("read feed: %w", err)
	}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))
	cal, err := decode(data)
	if err != nil {
		return nil, err
	}
	if opt.MaxOccurrences <= 0 {
		opt.MaxOccurrences = DefaultMaxOccurrences
	}
	if opt.MaxSteps <= 0 {
		opt.MaxSteps = DefaultMaxSteps
	}
	if opt.MaxFeedSteps <= 0 {
		opt.MaxFeedSteps = DefaultMaxFeedSteps
	}
	f := &Feed{Dropped: map[string]int{}}
	p := &problems{f: f}
	x := &expander{opt: opt, z: newZones(cal, p), p: p, f: f, seen: map[occKey]int{}}
	x.run(cal)
	sort.Slice(f.Occurrences, func(i, j int) bool {
		a, b := f.Occurrences[i], f.Occurrences[j]
		if !a.Start.Equal(b.Start) {
			return a.Start.Before(b.Start)
		}
		if a.UID != b.UID {
			return a.UID < b.UID
		}
		return a.RecurrenceID < b.RecurrenceID
	})
	return f, nil
}

// decode parses the iCalendar text; the decoder's panics on hostile input
// (if any) become errors.
func decode(data []byte) (cal *ical.Calendar, err error) {
	defer func() {
		if r := recover(); r != nil {
			cal, err = nil, fmt.Errorf("not an iCalendar file: %v", r)
		}
	}()
	cal, err = ical.NewDecoder(bytes.NewReader(data)).Decode()
	if err != nil {
		return nil, fmt.Errorf("not an iCalendar file: %s", sanitize(err.Error()))
	}
	return cal, nil
}

// sanitize keeps one line of printable text: feeds are untrusted and their
// text ends up in logs and terminals.
func sanitize(s string) string {
	s = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\u2028' || r == '\u2029' {
			return ' '
		}
		return r
	}, s)
	if len(s) > 300 {
		s = strings.ToValidUTF8(s[:300], "") + "…"
	}
	return strings.TrimSpace(s)
}
