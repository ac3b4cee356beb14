package calendar

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

const fixtureDir = "../../../shared/fixtures/ical"

func fixtureOptions() Options {
	return Options{Rules: DefaultRules(), KeepTitles: true,
		From: time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2030, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func fixtureDirOrSkip(t *testing.T) string {
	t.Helper()
	dir := fixtureDir
	if d := os.Getenv("ROLELOAD_ICAL_FIXTURES"); d != "" {
		dir = d
	}
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixtures not found at %s", dir)
	}
	return dir
}

// Every real feed parses, or is refused as a whole with an error, without
// a panic; what parses yields sane occurrences.
func TestEveryFixtureParsesOrIsReported(t *testing.T) {
	dir := fixtureDirOrSkip(t)
	files, err := filepath.Glob(filepath.Join(dir, "*.ics"))
	if err != nil || len(files) < 30 {
		t.Fatalf("want the 35 fixtures, got %d (%v)", len(files), err)
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			b, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			feed, err := Read(strings.NewReader(string(b)), fixtureOptions())
			if err != nil {
				if !strings.Contains(err.Error(), "not an iCalendar file") {
					t.Errorf("error %q does not say the feed is broken", err)
				}
				return
			}
			for _, o := range feed.Occurrences {
				if o.End.Before(o.Start) || o.End.Sub(o.Start) > MaxDuration || o.Start.Location() != time.UTC {
					t.Errorf("occurrence %+v: bad span", o)
				}
			}
		})
	}
}

type moved struct{ rid, start string }

// Expected occurrences, derived by reading each file (not by running this
// code); times in UTC.
func TestFixtureOccurrences(t *testing.T) {
	dir := fixtureDirOrSkip(t)
	cases := []struct {
		file        string
		count       int
		first, last string
		moved       []moved  // recurrence id -> new start
		deleted     []string // starts that must not occur
		titles      map[string]string
		ends        map[string]string // start -> end
	}{
		// DTSTART 2019-03-04 00:30 Europe/Berlin (CET, +1) = 03-03 23:30Z, WEEKLY;COUNT=8:
		// Mar 4, 11, 18, 25, Apr 1, 8, 15, 22 local; DST from Mar 31 so April is 22:30Z.
		// EXDATE 20190310T233000Z removes Mar 11: 7 left, last Apr 22 00:30 CEST = 04-21 22:30Z.
		{file: "each_week_but_one_deleted.ics", count: 7, first: "2019-03-03T23:30:00Z", last: "2019-04-21T22:30:00Z",
			deleted: []string{"2019-03-10T23:30:00Z"}},
		// DAILY from 2019-03-18 04:00 CET (03:00Z) UNTIL 2019-03-20T03:00Z (inclusive): 18, 19, 20;
		// the RECURRENCE-ID 19th keeps its time and is retitled "test7 - edited".
		{file: "three_events_one_edited.ics", count: 3, first: "2019-03-18T03:00:00Z", last: "2019-03-20T03:00:00Z",
			titles: map[string]string{"2019-03-19T03:00:00Z": "test7 - edited", "2019-03-20T03:00:00Z": "test7"}},
		// DAILY;COUNT=3 from 2020-01-28 22:00 CET = 21:00Z; the 29th's override is STATUS:CANCELLED.
		{file: "issue_18_cancel_status.ics", count: 2, first: "2020-01-28T21:00:00Z", last: "2020-01-30T21:00:00Z",
			deleted: []string{"2020-01-29T21:00:00Z"}},
		// WEEKLY;BYDAY=TU from 2019-10-15 16:15 Berlin (CEST 14:15Z; CET 15:15Z after Oct 27)
		// UNTIL 2020-02-04T15:14:59Z: 16 Tuesdays Oct 15 .. Jan 28 (Feb 4 15:15Z is past UNTIL).
		// A folded multi-value EXDATE removes 9 (Oct 15, 22, Nov 5, 19, 26, Dec 3, 17, 24, 31): 7 left,
		// Oct 29, Nov 12, Dec 10, Jan 7, 14, 21, 28. DURATION:PT1H30M.
		{file: "issue_20_exdate_ignored.ics", count: 7, first: "2019-10-29T15:15:00Z", last: "2020-01-28T15:15:00Z",
			deleted: []string{"2019-11-05T15:15:00Z", "2019-12-31T15:15:00Z"},
			ends:    map[string]string{"2019-10-29T15:15:00Z": "2019-10-29T16:45:00Z"}},
		// Exchange 2010: folded DTSTART 2020-04-26 14:00 Berlin (CEST) = 12:00Z, DAILY UNTIL
		// 20200429T000000 (local): 26, 27, 28; EXDATE 20200427T120000Z: 2 left, 30 min each.
		{file: "issue_27_t1.ics", count: 2, first: "2020-04-26T12:00:00Z", last: "2020-04-28T12:00:00Z",
			deleted: []string{"2020-04-27T12:00:00Z"}, ends: map[string]string{"2020-04-26T12:00:00Z": "2020-04-26T12:30:00Z"}},
		// Thunderbird: DAILY from 2025-04-23 09:00 London (BST) = 08:00Z UNTIL 2025-04-27T08:00Z: 5 days;
		// the 24th is moved to 11:00 BST = 10:00Z.
		{file: "issue_223_thunderbird.ics", count: 5, first: "2025-04-23T08:00:00Z", last: "2025-04-27T08:00:00Z",
			moved: []moved{{"2025-04-24T08:00:00Z", "2025-04-24T10:00:00Z"}}, deleted: []string{"2025-04-24T08:00:00Z"}},
		// Google: WEEKLY TU from 2023-08-08 14:00 Sydney (AEST +10) = 04:00Z UNTIL 2023-08-28T13:59:59Z:
		// Aug 8, 15, 22; the 15th moved to Mon 14th 14:00 = 04:00Z. The all-day series is dropped.
		{file: "issue_62_moved_event_2.ics", count: 3, first: "2023-08-08T04:00:00Z", last: "2023-08-22T04:00:00Z",
			moved: []moved{{"2023-08-15T04:00:00Z", "2023-08-14T04:00:00Z"}}, deleted: []string{"2023-08-15T04:00:00Z"}},
		// Two series: test7 (18, 19 retitled, 20 at 03:00Z) and New Event DAILY from 2019-03-07 02:00 CET
		// (01:00Z) UNTIL 2019-03-10T01:00Z (inclusive, RFC 5545): 7, 8, 9, 10; 8th moved to 01:00 CET
		// (00:00Z, DTEND wins over DURATION:PT0S), 9th to 03:00 CET (02:00Z). 7 in all.
		{file: "recurring_events_moved.ics", count: 7, first: "2019-03-07T01:00:00Z", last: "2019-03-20T03:00:00Z",
			moved:   []moved{{"2019-03-08T01:00:00Z", "2019-03-08T00:00:00Z"}, {"2019-03-09T01:00:00Z", "2019-03-09T02:00:00Z"}},
			deleted: []string{"2019-03-08T01:00:00Z", "2019-03-09T01:00:00Z"}},
		// UTC times stay UTC whatever X-WR-TIMEZONE says.
		{file: "x_wr_timezone_simple_events_issue_59.ics", count: 2, first: "2021-12-22T17:00:00Z", last: "2021-12-23T02:00:00Z"},
		// The 19th's override has DURATION:PT3H instead of DTEND: 03:00Z .. 06:00Z.
		{file: "duration_edited.ics", count: 3, first: "2019-03-18T03:00:00Z", last: "2019-03-20T03:00:00Z",
			ends: map[string]string{"2019-03-19T03:00:00Z": "2019-03-19T06:00:00Z", "2019-03-18T03:00:00Z": "2019-03-18T04:00:00Z"}},
		// Windows name "Eastern Standard Time" without VTIMEZONE = America/New_York; 2024-10-28 is EDT (-4).
		{file: "issue_836_do_not_quote_tzid.ics", count: 1, first: "2024-10-28T21:00:00Z", last: "2024-10-28T21:00:00Z",
			ends: map[string]string{"2024-10-28T21:00:00Z": "2024-10-28T22:00:00Z"}},
		// Quoted Windows name "Pacific Standard Time" = America/Los_Angeles; 2017-02-24 is PST (-8).
		{file: "timezone_same_start.ics", count: 1, first: "2017-02-24T20:00:00Z", last: "2017-02-24T20:00:00Z",
			ends: map[string]string{"2017-02-24T20:00:00Z": "2017-02-24T20:30:00Z"}},
	}
	for _, c := range cases {
		t.Run(c.file, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join(dir, c.file))
			if err != nil {
				t.Fatal(err)
			}
			feed, err := Read(strings.NewReader(string(b)), fixtureOptions())
			if err != nil {
				t.Fatal(err)
			}
			occ := feed.Occurrences
			if len(occ) != c.count {
				t.Fatalf("%d occurrences, want %d: %v", len(occ), c.count, starts(occ))
			}
			if got := utc(occ[0].Start); got != c.first {
				t.Errorf("first %s, want %s", got, c.first)
			}
			if got := utc(occ[len(occ)-1].Start); got != c.last {
				t.Errorf("last %s, want %s", got, c.last)
			}
			byStart := map[string]Occurrence{}
			for _, o := range occ {
				byStart[utc(o.Start)] = o
			}
			for _, m := range c.moved {
				o, ok := byStart[m.start]
				if !ok || o.RecurrenceID != m.rid {
					t.Errorf("moved occurrence %s -> %s not found (%v)", m.rid, m.start, starts(occ))
				}
			}
			for _, d := range c.deleted {
				if _, ok := byStart[d]; ok {
					t.Errorf("deleted occurrence %s is present", d)
				}
			}
			for s, title := range c.titles {
				if byStart[s].Title != title {
					t.Errorf("title at %s = %q, want %q", s, byStart[s].Title, title)
				}
			}
			for s, end := range c.ends {
				if got := utc(byStart[s].End); got != end {
					t.Errorf("end of %s = %s, want %s", s, got, end)
				}
			}
		})
	}
}

func utc(t time.Time) string { return t.UTC().Format(time.RFC3339) }

func starts(occ []Occurrence) []string {
	var out []string
	for _, o := range occ {
		out = append(out, utc(o.Start)+"("+o.RecurrenceID+")")
	}
	return out
}
