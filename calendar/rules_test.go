package calendar

import (
	"fmt"
	"strings"
	"testing"
	"time"
)

// vevent builds one VEVENT from property lines.
func vcal(header string, events ...string) string {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n" + header)
	for i, e := range events {
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:ev%d\r\nDTSTAMP:20260101T000000Z\r\n%sEND:VEVENT\r\n", i, e)
	}
	b.WriteString("END:VCALENDAR\r\n")
	return b.String()
}

func ruleOptions() Options {
	return Options{Email: "Priya@Example.com", CompanyDomains: []string{"example.com"}, Rules: DefaultRules(), KeepTitles: true,
		From: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC), To: time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)}
}

func span(start, end string) string {
	return "DTSTART:" + start + "\r\nDTEND:" + end + "\r\n"
}

func TestDropAndClassify(t *testing.T) {
	const me = "ATTENDEE;PARTSTAT=%s:mailto:PRIYA@example.COM\r\n"
	cases := []struct {
		name     string
		event    string
		kept     bool
		category string
		external bool
		dropped  string
	}{
		{"plain meeting is other", "SUMMARY:1:1 with Alex\r\n" + span("20260302T100000Z", "20260302T103000Z"), true, Other, false, ""},
		{"interview is discovery", "SUMMARY:Customer Interview – ACME\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, Discovery, false, ""},
		{"refinement is story writing", "SUMMARY:Backlog REFINEMENT\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, StoryWriting, false, ""},
		{"external attendee makes discovery", "SUMMARY:Sync\r\nATTENDEE:mailto:bob@client.org\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, Discovery, true, ""},
		{"subdomain is internal", "SUMMARY:Sync\r\nATTENDEE:mailto:bob@eu.EXAMPLE.com\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, Other, false, ""},
		{"room never counts", "SUMMARY:Sync\r\nATTENDEE;CUTYPE=ROOM:mailto:room1@rooms.elsewhere.net\r\nATTENDEE:mailto:c_123@resource.calendar.google.com\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, Other, false, ""},
		{"external organizer", "SUMMARY:Their demo\r\nORGANIZER:mailto:sales@vendor.io\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, Discovery, true, ""},
		{"title rule before external", "SUMMARY:Sprint planning\r\nATTENDEE:mailto:bob@client.org\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, StoryWriting, true, ""},
		{"declined", "SUMMARY:Interview\r\n" + fmt.Sprintf(me, "DECLINED") + span("20260302T100000Z", "20260302T110000Z"), false, "", false, "declined"},
		{"tentative attends", "SUMMARY:Interview\r\n" + fmt.Sprintf(me, "TENTATIVE") + span("20260302T100000Z", "20260302T110000Z"), true, Discovery, false, ""},
		{"needs-action attends", "SUMMARY:Interview\r\n" + fmt.Sprintf(me, "NEEDS-ACTION") + span("20260302T100000Z", "20260302T110000Z"), true, Discovery, false, ""},
		{"someone else declined", "SUMMARY:Interview\r\nATTENDEE;PARTSTAT=DECLINED:mailto:alex@example.com\r\n" + span("20260302T100000Z", "20260302T110000Z"), true, Discovery, false, ""},
		{"cancelled", "SUMMARY:Interview\r\nSTATUS:CANCELLED\r\n" + span("20260302T100000Z", "20260302T110000Z"), false, "", false, "cancelled"},
		{"transparent", "SUMMARY:Focus time\r\nTRANSP:TRANSPARENT\r\n" + span("20260302T100000Z", "20260302T110000Z"), false, "", false, "free"},
		{"all day", "SUMMARY:Out of office\r\nDTSTART;VALUE=DATE:20260302\r\nDTEND;VALUE=DATE:20260303\r\n", false, "", false, "all_day"},
		{"exactly 10 h kept", "SUMMARY:Workshop\r\n" + span("20260302T080000Z", "20260302T180000Z"), true, Other, false, ""},
		{"10 h 1 min dropped", "SUMMARY:Workshop\r\n" + span("20260302T080000Z", "20260302T180100Z"), false, "", false, "longer_than_10h"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feed, err := Read(strings.NewReader(vcal("", c.event)), ruleOptions())
			if err != nil {
				t.Fatal(err)
			}
			if !c.kept {
				if len(feed.Occurrences) != 0 || feed.Dropped[c.dropped] != 1 {
					t.Fatalf("want dropped as %s, got %+v, dropped %v", c.dropped, feed.Occurrences, feed.Dropped)
				}
				return
			}
			if len(feed.Occurrences) != 1 {
				t.Fatalf("want kept, got %v (dropped %v)", feed.Occurrences, feed.Dropped)
			}
			o := feed.Occurrences[0]
			if o.Category != c.category || o.External != c.external {
				t.Errorf("category %s external %v, want %s %v (rule %q)", o.Category, o.External, c.category, c.external, o.Rule)
			}
		})
	}
}

func TestKeepTitlesFalseStoresNoTitle(t *testing.T) {
	opt := ruleOptions()
	opt.KeepTitles = false
	feed, err := Read(strings.NewReader(vcal("", "SUMMARY:Interview with ACME about layoffs\r\n"+span("20260302T100000Z", "20260302T110000Z"))), opt)
	if err != nil || len(feed.Occurrences) != 1 {
		t.Fatalf("%v %v", feed, err)
	}
	if o := feed.Occurrences[0]; o.Title != "" || o.Category != Discovery {
		t.Errorf("got title %q category %s; want no title, still classified discovery", o.Title, o.Category)
	}
}

func TestZones(t *testing.T) {
	cases := []struct {
		name, header, event, start string
	}{
		// Floating 10:00 read in X-WR-TIMEZONE Europe/Berlin (CET in March): 09:00Z.
		{"floating in X-WR-TIMEZONE", "X-WR-TIMEZONE:Europe/Berlin\r\n", "SUMMARY:a\r\n" + span("20260302T100000", "20260302T110000"), "2026-03-02T09:00:00Z"},
		// Floating without X-WR-TIMEZONE: UTC.
		{"floating without X-WR-TIMEZONE", "", "SUMMARY:a\r\n" + span("20260302T100000", "20260302T110000"), "2026-03-02T10:00:00Z"},
		// Exchange's Windows name, CEST in July: 08:00Z.
		{"Windows name", "", "SUMMARY:a\r\nDTSTART;TZID=W. Europe Standard Time:20260701T100000\r\nDTEND;TZID=W. Europe Standard Time:20260701T110000\r\n", "2026-07-01T08:00:00Z"},
		// Mozilla's prefixed IANA name.
		{"mozilla prefix", "", "SUMMARY:a\r\nDTSTART;TZID=/mozilla.org/20050126_1/America/New_York:20260701T100000\r\nDTEND;TZID=/mozilla.org/20050126_1/America/New_York:20260701T110000\r\n", "2026-07-01T14:00:00Z"},
		// A custom VTIMEZONE without an IANA name: its STANDARD offset (+0530).
		{"custom VTIMEZONE", "BEGIN:VTIMEZONE\r\nTZID:Customized Time Zone\r\nBEGIN:STANDARD\r\nDTSTART:16010101T000000\r\nTZOFFSETFROM:+0530\r\nTZOFFSETTO:+0530\r\nEND:STANDARD\r\nEND:VTIMEZONE\r\n",
			"SUMMARY:a\r\nDTSTART;TZID=Customized Time Zone:20260701T100000\r\nDTEND;TZID=Customized Time Zone:20260701T110000\r\n", "2026-07-01T04:30:00Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			feed, err := Read(strings.NewReader(vcal(c.header, c.event)), ruleOptions())
			if err != nil || len(feed.Occurrences) != 1 {
				t.Fatalf("%+v %v", feed, err)
			}
			if got := utc(feed.Occurrences[0].Start); got != c.start {
				t.Errorf("start %s, want %s", got, c.start)
			}
		})
	}
}

// A recurring stand-up in a Windows zone keeps 09:30 local across DST.
func TestWindowsZoneRecurrenceFollowsDST(t *testing.T) {
	ev := "SUMMARY:Stand-up\r\nDTSTART;TZID=W. Europe Standard Time:20260323T093000\r\nDTEND;TZID=W. Europe Standard Time:20260323T094500\r\nRRULE:FREQ=WEEKLY;COUNT=3\r\n"
	feed, err := Read(strings.NewReader(vcal("", ev)), ruleOptions())
	if err != nil {
		t.Fatal(err)
	}
	// Mar 23 CET 08:30Z; Mar 30 and Apr 6 CEST (DST from Mar 29) 07:30Z.
	want := []string{"2026-03-23T08:30:00Z", "2026-03-30T07:30:00Z", "2026-04-06T07:30:00Z"}
	if got := starts(feed.Occurrences); len(got) != 3 || !strings.HasPrefix(got[0], want[0]) || !strings.HasPrefix(got[1], want[1]) || !strings.HasPrefix(got[2], want[2]) {
		t.Errorf("got %v, want %v", got, want)
	}
}

// Hostile recurrences end quickly with a counted problem, inside the window.
func TestHostileRecurrencesAreBounded(t *testing.T) {
	cases := []struct{ name, rule, start string }{
		{"secondly forever from 1900", "FREQ=SECONDLY", "19000101T000000Z"},
		{"minutely billion count", "FREQ=MINUTELY;COUNT=1000000000", "20260101T000000Z"},
		{"daily without end from 1700", "FREQ=DAILY", "17000101T090000Z"},
		{"impossible date", "FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=30", "20260101T090000Z"},
		{"impossible date, secondly", "FREQ=SECONDLY;BYMONTH=2;BYMONTHDAY=30", "20260101T090000Z"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			opt := ruleOptions()
			opt.MaxOccurrences, opt.MaxSteps = 5000, 20000
			start := time.Now()
			ev := "SUMMARY:x\r\nDTSTART:" + c.start + "\r\nDURATION:PT30M\r\nRRULE:" + c.rule + "\r\n"
			feed, err := Read(strings.NewReader(vcal("", ev)), opt)
			if err != nil {
				t.Fatal(err)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
			if len(feed.Occurrences) > opt.MaxOccurrences {
				t.Errorf("%d occurrences, over the cap", len(feed.Occurrences))
			}
			for _, o := range feed.Occurrences {
				if o.Start.Before(opt.From.Add(-time.Hour)) || !o.Start.Before(opt.To) {
					t.Fatalf("occurrence %s outside the window", o.Start)
				}
			}
		})
	}
}

func TestTitleIsOneLine(t *testing.T) {
	ev := "SUMMARY:<script>alert(1)</script>\\nInjected: yes\r\n" + span("20260302T100000Z", "20260302T110000Z")
	feed, err := Read(strings.NewReader(vcal("", ev)), ruleOptions())
	if err != nil || len(feed.Occurrences) != 1 {
		t.Fatalf("%v %v", feed, err)
	}
	if title := feed.Occurrences[0].Title; strings.ContainsAny(title, "\r\n") || !strings.Contains(title, "<script>") {
		t.Errorf("title %q: want one line, text kept as data (escaped where shown)", title)
	}
}

// Billion laughs, calendar style: thousands of events each with an
// endless per-second rule. The feed-wide bound keeps it short.
func TestManyHostileRulesAreBounded(t *testing.T) {
	var evs []string
	for i := 0; i < 2000; i++ {
		evs = append(evs, "SUMMARY:x\r\nDTSTART:19000101T000000Z\r\nDURATION:PT1S\r\nRRULE:FREQ=SECONDLY\r\n")
	}
	opt := ruleOptions()
	start := time.Now()
	feed, err := Read(strings.NewReader(vcal("", evs...)), opt)
	if err != nil {
		t.Fatal(err)
	}
	if d := time.Since(start); d > 10*time.Second {
		t.Errorf("took %v", d)
	}
	if feed.Problems < 2000 || len(feed.Messages) > maxProblems {
		t.Errorf("problems %d, messages %d: every cut rule counts, few are kept", feed.Problems, len(feed.Messages))
	}
}
