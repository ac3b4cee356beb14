package calendar

import (
	"strings"
	"testing"
)

func TestEveryWindowsZoneResolves(t *testing.T) {
	if len(windowsZones) < 130 {
		t.Fatalf("%d Windows zones: the CLDR table is cut", len(windowsZones))
	}
	z := &zones{cache: nil}
	for win, iana := range windowsZones {
		if loadIANA(win) != nil {
			continue // "UTC" is an IANA name too
		}
		if loc := z.lookup(win); loc == nil || loc.String() != iana {
			t.Errorf("%q -> %v, want %s", win, loc, iana)
		}
	}
}

// What the libraries leave to us, each case derived by hand.
func TestRecurrenceExtras(t *testing.T) {
	cases := []struct {
		name  string
		event string
		want  []string // starts in UTC, in order
	}{
		// WEEKLY COUNT=2 from Mon 2026-03-02 10:00Z: Mar 2, 9; RDATE adds Wed Mar 4.
		{"RDATE adds to a rule", "DTSTART:20260302T100000Z\r\nDURATION:PT1H\r\nRRULE:FREQ=WEEKLY;COUNT=2\r\nRDATE:20260304T100000Z\r\n",
			[]string{"2026-03-02T10:00:00Z", "2026-03-04T10:00:00Z", "2026-03-09T10:00:00Z"}},
		// No RRULE: DTSTART plus the two RDATEs, the EXDATE removes one.
		{"RDATE without RRULE, EXDATE", "DTSTART:20260302T100000Z\r\nDURATION:PT1H\r\nRDATE:20260303T100000Z,20260305T100000Z\r\nEXDATE:20260303T100000Z\r\n",
			[]string{"2026-03-02T10:00:00Z", "2026-03-05T10:00:00Z"}},
		// Daily x3 in Berlin 10:00 CET (09:00Z); a date-only EXDATE removes the 3rd.
		{"date-only EXDATE on a timed series", "DTSTART;TZID=Europe/Berlin:20260302T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;COUNT=3\r\nEXDATE;VALUE=DATE:20260303\r\n",
			[]string{"2026-03-02T09:00:00Z", "2026-03-04T09:00:00Z"}},
		// Two EXDATE lines, one in a Windows zone.
		{"EXDATE in a Windows zone", "DTSTART;TZID=W. Europe Standard Time:20260302T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY;COUNT=4\r\nEXDATE;TZID=W. Europe Standard Time:20260303T100000\r\nEXDATE:20260304T090000Z\r\n",
			[]string{"2026-03-02T09:00:00Z", "2026-03-05T09:00:00Z"}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feed, err := Read(strings.NewReader(vcal("", "SUMMARY:x\r\n"+c.event)), ruleOptions())
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, o := range feed.Occurrences {
				got = append(got, utc(o.Start))
			}
			if strings.Join(got, " ") != strings.Join(c.want, " ") {
				t.Errorf("got %v, want %v (problems %v)", got, c.want, feed.Messages)
			}
		})
	}
}
