package calendar

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/emersion/go-ical"
)

func fuzzOptions() Options {
	o := ruleOptions()
	o.From = time.Date(2019, 1, 1, 0, 0, 0, 0, time.UTC)
	o.MaxOccurrences, o.MaxSteps = 2000, 5000
	return o
}

// checkFeed asserts what holds for any input: bounded, in the window,
// one line titles, unique (UID, recurrence id).
func checkFeed(t *testing.T, f *Feed, opt Options) {
	t.Helper()
	if len(f.Occurrences) > opt.MaxOccurrences {
		t.Fatalf("%d occurrences over the cap %d", len(f.Occurrences), opt.MaxOccurrences)
	}
	seen := map[occKey]bool{}
	for _, o := range f.Occurrences {
		if o.End.Before(o.Start) || o.End.Sub(o.Start) > MaxDuration {
			t.Fatalf("bad span %v..%v", o.Start, o.End)
		}
		if !o.Start.Before(opt.To) || o.End.Before(opt.From) {
			t.Fatalf("occurrence %v..%v outside the window", o.Start, o.End)
		}
		if strings.ContainsAny(o.Title, "\r\n") {
			t.Fatalf("title %q spans lines", o.Title)
		}
		k := occKey{o.UID, o.RecurrenceID}
		if seen[k] {
			t.Fatalf("duplicate occurrence %v", k)
		}
		seen[k] = true
	}
}

func FuzzRead(f *testing.F) {
	if files, _ := filepath.Glob(filepath.Join(fixtureDir, "*.ics")); len(files) > 0 {
		for _, p := range files {
			if b, err := os.ReadFile(p); err == nil && len(b) < 64<<10 {
				f.Add(b)
			}
		}
	}
	f.Add([]byte(vcal("X-WR-TIMEZONE:Europe/Berlin\r\n", "SUMMARY:Interview\r\nDTSTART:20260302T100000\r\nDURATION:PT1H\r\nRRULE:FREQ=DAILY\r\nEXDATE:20260303T100000\r\n")))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > 256<<10 {
			return
		}
		opt := fuzzOptions()
		start := time.Now()
		feed, err := Read(bytes.NewReader(data), opt)
		if d := time.Since(start); d > 3*time.Second {
			t.Fatalf("read took %v", d)
		}
		if err != nil {
			return
		}
		checkFeed(t, feed, opt)
		// Round trip: what go-ical writes back reads the same.
		cal, err := ical.NewDecoder(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")))).Decode()
		if err != nil {
			return
		}
		var buf bytes.Buffer
		if ical.NewEncoder(&buf).Encode(cal) != nil {
			return
		}
		again, err := Read(&buf, opt)
		if err != nil {
			t.Fatalf("re-encoded feed does not read: %v", err)
		}
		if !reflect.DeepEqual(again.Occurrences, feed.Occurrences) && len(feed.Occurrences) < opt.MaxOccurrences {
			t.Fatalf("round trip changed the occurrences: %d vs %d", len(again.Occurrences), len(feed.Occurrences))
		}
	})
}

// FuzzExpand drives the recurrence rule, start and exceptions.
func FuzzExpand(f *testing.F) {
	f.Add("FREQ=WEEKLY;BYDAY=MO,WE", "20260105T093000", "W. Europe Standard Time", "20260107T093000", int64(30))
	f.Add("FREQ=SECONDLY", "19000101T000000", "UTC", "", int64(1))
	f.Add("FREQ=MONTHLY;BYSETPOS=-1;BYDAY=FR;COUNT=100000000", "20200131T170000", "America/New_York", "20200228T170000", int64(60))
	f.Add("FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "20260101T090000", "Europe/Berlin", "", int64(45))
	f.Fuzz(func(t *testing.T, rule, start, tzid, exdate string, minutes int64) {
		if strings.ContainsAny(rule+start+tzid+exdate, "\r\n:") && !strings.Contains(rule, ":") {
			return
		}
		if strings.ContainsAny(rule+start+tzid+exdate, "\r\n") {
			return
		}
		ev := "SUMMARY:x\r\nDTSTART;TZID=" + tzid + ":" + start + "\r\nDURATION:PT" + time.Duration(minutes%600*int64(time.Minute)).String() + "\r\nRRULE:" + rule + "\r\n"
		if exdate != "" {
			ev += "EXDATE;TZID=" + tzid + ":" + exdate + "\r\n"
		}
		opt := fuzzOptions()
		begin := time.Now()
		feed, err := Read(strings.NewReader(vcal("", ev)), opt)
		if d := time.Since(begin); d > 3*time.Second {
			t.Fatalf("expansion took %v", d)
		}
		if err != nil {
			return
		}
		checkFeed(t, feed, opt)
		for i := 1; i < len(feed.Occurrences); i++ {
			if feed.Occurrences[i].Start.Before(feed.Occurrences[i-1].Start) {
				t.Fatal("occurrences out of order")
			}
		}
	})
}
