package collector

import (
	"strings"
	"testing"
	"time"
)

func TestJQLTime(t *testing.T) {
	ny, err := time.LoadLocation("America/New_York")
	if err != nil {
		t.Fatal(err)
	}
	cases := []struct {
		at   string
		loc  *time.Location
		want string
	}{
		{"2026-11-11T04:59:50Z", ny, "2026/11/10 23:59"},       // local midnight
		{"2026-11-11T05:00:00Z", ny, "2026/11/11 00:00"},       // exactly midnight
		{"2026-11-11T04:59:50Z", time.UTC, "2026/11/11 04:59"}, // rounded down
		{"2026-11-01T05:30:00Z", ny, "2026/11/01 00:30"},       // 01:30 EDT: "01:30" could be read as EST, an hour later
		{"2026-11-01T06:30:00Z", ny, "2026/11/01 01:30"},       // 01:30 EST: both readings are at or before
		{"2026-03-08T07:10:00Z", ny, "2026/03/08 03:10"},       // just after spring-forward
	}
	for _, c := range cases {
		at, _ := time.Parse(time.RFC3339, c.at)
		got := jqlTime(at, c.loc)
		if got != c.want {
			t.Errorf("jqlTime(%s, %s) = %q, want %q", c.at, c.loc, got, c.want)
		}
		if latestReading(got, c.loc).After(at) {
			t.Errorf("jqlTime(%s): %q may be read after the watermark", c.at, got)
		}
	}
}

func FuzzJQLTime(f *testing.F) {
	f.Add(int64(1793511000), "America/New_York")
	f.Add(int64(1772953800), "Europe/Berlin")
	f.Add(int64(0), "Australia/Lord_Howe")
	f.Fuzz(func(t *testing.T, sec int64, zone string) {
		loc, err := time.LoadLocation(zone)
		if err != nil || sec < 0 || sec > 1<<35 {
			return
		}
		at := time.Unix(sec, 0)
		s := jqlTime(at, loc)
		if r := latestReading(s, loc); r.After(at) || at.Sub(r) > 3*time.Hour {
			t.Errorf("%v in %s: %q read as %v", at, zone, s, r)
		}
	})
}

func TestPassJQL(t *testing.T) {
	from := time.Date(2026, 11, 2, 8, 0, 0, 0, time.UTC)
	q := passJQL(scopeJQL([]string{"ABC", "DISC"}, "labels = x"), from, time.Time{}, time.UTC)
	want := `project in ("ABC", "DISC") AND (labels = x) AND updated >= "2026/11/02 08:00" ORDER BY created ASC`
	if q != want {
		t.Errorf("got  %s\nwant %s", q, want)
	}
	if q := passJQL(scopeJQL([]string{"ABC"}, ""), time.Time{}, from, time.UTC); !strings.Contains(q, `created >= "2026/11/02 08:00"`) || strings.Contains(q, "updated") {
		t.Errorf("resume query %s", q)
	}
}
