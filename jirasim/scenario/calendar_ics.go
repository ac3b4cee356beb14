package scenario

import (
	"fmt"
	"sort"
	"strings"
	"time"
)

// CalendarICS writes a product person's simulated calendar as Google or
// Exchange would publish it (the dialect follows the person's ID, so the
// seed). user is the person's ID, account ID, user name, key or the local
// part of their e-mail; the result is nil when no PM or PO is that user.
func CalendarICS(ds *Dataset, user string) []byte {
	p, ok := calendarPerson(ds, user)
	if !ok {
		return nil
	}
	pl := planCalendar(ds, p)
	w := &icsWriter{pl: pl}
	w.line("BEGIN:VCALENDAR")
	w.line("VERSION:2.0")
	if pl.dialect == DialectGoogle {
		w.line("PRODID:-//Google Inc//Google Calendar 70.9054//EN")
		w.line("X-WR-CALNAME:" + p.DisplayName)
		w.line("X-WR-TIMEZONE:" + pl.loc.String())
	} else {
		w.line("PRODID:Microsoft Exchange Server 2010")
		w.line("METHOD:PUBLISH")
		w.lines(exchangeVTimezone)
	}
	for _, sr := range pl.series {
		w.series(sr)
	}
	singles := append([]calEvent{}, pl.singles...)
	sort.Slice(singles, func(i, j int) bool { return singles[i].start.Before(singles[j].start) })
	for _, e := range singles {
		w.single(e)
	}
	w.line("END:VCALENDAR")
	return []byte(w.b.String())
}

const exchangeVTimezone = `BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE`

type icsWriter struct {
	b  strings.Builder
	pl *calPlan
}

func (w *icsWriter) line(s string) { w.b.WriteString(s + "\r\n") }
func (w *icsWriter) lines(s string) {
	for _, l := range strings.Split(s, "\n") {
		w.line(l)
	}
}

// local writes a zoned time the dialect's way.
func (w *icsWriter) local(name string, t time.Time) string {
	tz := w.pl.loc.String()
	if w.pl.dialect == DialectExchange {
		tz = "W. Europe Standard Time"
	}
	return fmt.Sprintf("%s;TZID=%s:%s", name, tz, t.In(w.pl.loc).Format("20060102T150405"))
}

func (w *icsWriter) head(uid, title string) {
	w.line("BEGIN:VEVENT")
	w.line("UID:" + uid + "@" + string(w.pl.dialect) + ".sim")
	w.line("DTSTAMP:20260101T000000Z")
	w.line("SUMMARY:" + strings.NewReplacer(",", `\,`, ";", `\;`).Replace(title))
}

func (w *icsWriter) attendees(guest string, decline bool) {
	me := w.pl.person.Email
	if me == "" {
		return
	}
	w.line("ORGANIZER:mailto:" + me)
	status := "ACCEPTED"
	if decline {
		status = "DECLINED"
	}
	w.line("ATTENDEE;PARTSTAT=" + status + ":mailto:" + strings.ToUpper(me[:1]) + me[1:])
	if guest != "" {
		w.line("ATTENDEE;PARTSTAT=ACCEPTED:mailto:" + guest)
	}
	w.line("ATTENDEE;CUTYPE=ROOM;PARTSTAT=ACCEPTED:mailto:c_room42@resource.calendar.google.com")
}

func (w *icsWriter) single(e calEvent) {
	w.head(e.uid, e.title)
	switch {
	case e.allDay:
		w.line("DTSTART;VALUE=DATE:" + e.start.Format("20060102"))
		w.line("DTEND;VALUE=DATE:" + e.end.Format("20060102"))
	case w.pl.dialect == DialectGoogle:
		w.line("DTSTART:" + e.start.UTC().Format("20060102T150405Z"))
		w.line("DTEND:" + e.end.UTC().Format("20060102T150405Z"))
	default:
		w.line(w.local("DTSTART", e.start))
		w.line(w.local("DTEND", e.end))
	}
	if e.status != "" {
		w.line("STATUS:" + e.status)
	}
	if e.transp || e.allDay {
		w.line("TRANSP:TRANSPARENT")
	}
	w.attendees(e.guest, e.decline)
	w.line("END:VEVENT")
}

var icsDays = map[time.Weekday]string{time.Monday: "MO", time.Tuesday: "TU", time.Wednesday: "WE", time.Thursday: "TH", time.Friday: "FR"}

func (w *icsWriter) series(s calSeries) {
	pl := w.pl
	start := pl.first
	for !hasDay(s.days, start.Weekday()) {
		start = start.AddDate(0, 0, 1)
	}
	st := time.Date(start.Year(), start.Month(), start.Day(), s.h, s.m, 0, 0, pl.loc)
	dur := time.Duration(s.minutes) * time.Minute
	w.head(s.uid, s.title)
	w.line(w.local("DTSTART", st))
	w.line(w.local("DTEND", st.Add(dur)))
	days := make([]string, len(s.days))
	for i, d := range s.days {
		days[i] = icsDays[d]
	}
	// No end, as a real stand-up: the reader bounds it.
	w.line("RRULE:FREQ=WEEKLY;BYDAY=" + strings.Join(days, ","))
	for _, x := range s.exdates {
		w.line(w.local("EXDATE", x))
	}
	if s.transp {
		w.line("TRANSP:TRANSPARENT")
	}
	w.attendees(s.guest, false)
	w.line("END:VEVENT")
	for from, to := range s.moved {
		w.head(s.uid, s.title)
		w.line(w.local("RECURRENCE-ID", from))
		w.line(w.local("DTSTART", to))
		w.line(w.local("DTEND", to.Add(dur)))
		w.line("SEQUENCE:1")
		w.attendees(s.guest, false)
		w.line("END:VEVENT")
	}
}
