package scenario

import (
	"hash/fnv"
	"time"

	"github.com/roleload/roleload/model"
)

// Calendar categories, as roleload's default rules classify the titles
// below (SPEC §4): the simulator's truth says what each meeting is.
const (
	CalDiscovery    = "discovery"
	CalStoryWriting = "story_writing"
	CalOther        = "other"
)

// CalendarTruth is what a product person's simulated calendar holds in the
// truth's window (Truth.WindowFrom to the end of Truth.AsOf), decoys left
// out: the hours a calendar-aware analysis should find.
type CalendarTruth struct {
	Person            string // person ID
	DiscoveryHours    float64
	StoryWritingHours float64
	MeetingHours      float64 // category other
	// Decoys are the declined, cancelled, free and all-day events in the
	// window: they must count for nothing.
	Decoys int
}

// Dialect is how a simulated feed is written.
type Dialect string

const (
	DialectGoogle   Dialect = "google"   // TZID=Europe/Berlin, X-WR-TIMEZONE, UTC single events
	DialectExchange Dialect = "exchange" // TZID="W. Europe Standard Time" with its VTIMEZONE
)

// slot is one planned occurrence of the simulated calendar.
type slot struct {
	start, end time.Time
	title      string
	category   string // "" for a decoy
}

// calPlan is one person's calendar: its single events and its recurring
// series (a weekly rule from the first Monday, with exceptions).
type calPlan struct {
	person  model.Person
	dialect Dialect
	loc     *time.Location
	first   time.Time // first Monday (midnight)
	end     time.Time // exclusive
	singles []calEvent
	series  []calSeries
}

type calEvent struct {
	slot
	uid     string
	status  string // CANCELLED for a decoy
	transp  bool   // TRANSP:TRANSPARENT
	allDay  bool
	decline bool // the person declined
	guest   string
}

type calSeries struct {
	uid      string
	title    string
	category string
	days     []time.Weekday
	h, m     int
	minutes  int
	transp   bool
	exdates  []time.Time // occurrence starts removed
	moved    map[time.Time]time.Time
	guest    string
}

// heavyDiscovery: the "meetings" scenario's PM does discovery in meetings.
func heavyDiscovery(ds *Dataset) bool { return ds.Name == "meetings" }

// dialectFor follows the scenario's seed: the issues it drew differ.
func dialectFor(ds *Dataset, id string) Dialect {
	h := fnv.New32a()
	h.Write([]byte(id))
	for _, is := range ds.Issues {
		h.Write([]byte(is.Summary))
	}
	if h.Sum32()%2 == 0 {
		return DialectGoogle
	}
	return DialectExchange
}

var customers = []string{"Acme GmbH", "Globex", "Initech", "Umbrella", "Hooli", "Stark Retail"}

// planCalendar lays out the person's weeks from the dataset's start to a
// week after its end (the feed, like a real one, holds the future too).
func planCalendar(ds *Dataset, p model.Person) *calPlan {
	loc, err := time.LoadLocation(ds.Team.Timezone)
	if err != nil {
		loc = time.UTC
	}
	cal := calendar{loc: loc, holidays: map[string]bool{}}
	for _, h := range ds.Team.Holidays {
		cal.holidays[h] = true
	}
	first := cal.day(ds.Start)
	for first.Weekday() != time.Monday {
		first = time.Date(first.Year(), first.Month(), first.Day()-1, 0, 0, 0, 0, loc)
	}
	end := cal.day(ds.End).AddDate(0, 0, 8)
	pl := &calPlan{person: p, dialect: dialectFor(ds, p.ID), loc: loc, first: first, end: end}
	asOf := cal.day(ds.End)
	exDay := weekdayBefore(asOf, time.Wednesday, 3, loc) // a stand-up cancelled for an offsite
	moveDay := weekdayBefore(asOf, time.Tuesday, 2, loc) // a stand-up moved to 10:30
	holidays := func(h, m int) []time.Time {
		var out []time.Time
		for _, s := range ds.Team.Holidays {
			if d, err := time.ParseInLocation(time.DateOnly, s, loc); err == nil {
				out = append(out, time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, loc))
			}
		}
		return out
	}
	wk := []time.Weekday{time.Monday, time.Tuesday, time.Wednesday, time.Thursday, time.Friday}
	pl.series = []calSeries{
		{uid: "standup", title: "Daily stand-up", category: CalOther, days: wk, h: 9, m: 30, minutes: 15,
			exdates: append(holidays(9, 30), cal.at(exDay, 9, 30)),
			moved:   map[time.Time]time.Time{cal.at(moveDay, 9, 30): cal.at(moveDay, 10, 30)}},
		{uid: "refinement", title: "Backlog refinement", category: CalStoryWriting, days: []time.Weekday{time.Wednesday}, h: 14, minutes: 60, exdates: holidays(14, 0)},
		{uid: "one-on-one", title: "1:1 with engineering lead", category: CalOther, days: []time.Weekday{time.Thursday}, h: 11, minutes: 30, exdates: holidays(11, 0)},
		{uid: "focus", title: "Focus time", days: []time.Weekday{time.Tuesday, time.Thursday}, h: 8, minutes: 60, transp: true},
	}
	n := 0
	for day := first; day.Before(end); day = cal.nextDay(day) {
		if !cal.isWorkingDay(day) {
			if day.Weekday() == time.Saturday && day.Day() <= 7 { // out of office, all day, once a month
				pl.singles = append(pl.singles, calEvent{slot: slot{start: day, end: cal.nextDay(day), title: "Out of office"}, uid: "ooo-" + day.Format("20060102"), allDay: true})
			}
			continue
		}
		add := func(h, m, minutes int, title, cat, guest string) {
			n++
			s := cal.at(day, h, m)
			pl.singles = append(pl.singles, calEvent{slot: slot{start: s, end: s.Add(time.Duration(minutes) * time.Minute), title: title, category: cat},
				uid: "ev-" + s.Format("20060102T1504"), guest: guest})
		}
		cust := customers[(day.YearDay())%len(customers)]
		guest := "contact@" + loginName(cust) + ".example.org"
		switch day.Weekday() {
		case time.Monday:
			add(15, 0, 90, "Research sync", CalDiscovery, guest) // no title rule: external attendee
			pl.singles = append(pl.singles, calEvent{slot: slot{start: cal.at(day, 11, 45), end: cal.at(day, 12, 30), title: "User research"},
				uid: "cancel-" + day.Format("20060102"), status: "CANCELLED"})
		case time.Tuesday, time.Thursday:
			add(14, 0, 60, "Customer interview – "+cust, CalDiscovery, guest)
		case time.Friday:
			pl.singles = append(pl.singles, calEvent{slot: slot{start: cal.at(day, 14, 0), end: cal.at(day, 15, 0), title: "Customer interview – " + cust},
				uid: "declined-" + day.Format("20060102"), decline: true, guest: guest})
		}
		if heavyDiscovery(ds) {
			switch day.Weekday() {
			case time.Tuesday, time.Wednesday:
				add(10, 0, 120, "Usability test session", CalDiscovery, "")
			case time.Friday:
				add(10, 0, 90, "Discovery workshop", CalDiscovery, "")
			}
		}
		for _, sp := range ds.Sprints {
			if cal.day(sp.Start).Equal(day) {
				add(10, 0, 90, "Sprint planning", CalStoryWriting, "")
			}
		}
	}
	return pl
}

// weekdayBefore is the n-th wd before day (n=1: the last one before it).
func weekdayBefore(day time.Time, wd time.Weekday, n int, loc *time.Location) time.Time {
	d := day
	for n > 0 {
		d = time.Date(d.Year(), d.Month(), d.Day()-1, 0, 0, 0, 0, loc)
		if d.Weekday() == wd {
			n--
		}
	}
	return d
}

// slots lists every planned occurrence (decoys with category ""), walking
// the days itself rather than reading back the RRULEs it writes.
func (pl *calPlan) slots() []slot {
	var out []slot
	for _, e := range pl.singles {
		cat := e.category
		if e.status != "" || e.transp || e.allDay || e.decline {
			cat = ""
		}
		out = append(out, slot{e.start, e.end, e.title, cat})
	}
	for _, s := range pl.series {
		ex := map[int64]bool{}
		for _, t := range s.exdates {
			ex[t.Unix()] = true
		}
		for day := pl.first; day.Before(pl.end); day = day.AddDate(0, 0, 1) {
			if !hasDay(s.days, day.Weekday()) {
				continue
			}
			st := time.Date(day.Year(), day.Month(), day.Day(), s.h, s.m, 0, 0, pl.loc)
			if ex[st.Unix()] {
				continue
			}
			if to, ok := s.moved[st]; ok {
				st = to
			}
			cat := s.category
			if s.transp {
				cat = ""
			}
			out = append(out, slot{st, st.Add(time.Duration(s.minutes) * time.Minute), s.title, cat})
		}
	}
	return out
}

func hasDay(days []time.Weekday, d time.Weekday) bool {
	for _, x := range days {
		if x == d {
			return true
		}
	}
	return false
}

// CalendarTruthOf measures the person's simulated calendar over the
// truth's window; ok is false for someone without a calendar.
func CalendarTruthOf(ds *Dataset, personID string) (CalendarTruth, bool) {
	p, ok := calendarPerson(ds, personID)
	if !ok || ds.Truth == nil {
		return CalendarTruth{}, false
	}
	from, to := ds.Truth.WindowFrom, ds.Truth.AsOf.AddDate(0, 0, 1)
	ct := CalendarTruth{Person: p.ID}
	for _, s := range planCalendar(ds, p).slots() {
		if !s.start.Before(to) || !s.end.After(from) {
			continue
		}
		h := minTime(s.end, to).Sub(maxTime(s.start, from)).Hours()
		switch s.category {
		case CalDiscovery:
			ct.DiscoveryHours += h
		case CalStoryWriting:
			ct.StoryWritingHours += h
		case CalOther:
			ct.MeetingHours += h
		default:
			ct.Decoys++
		}
	}
	return ct, true
}

// calendarPerson finds a PM or PO by ID, account ID, user name, key or
// the local part of their e-mail.
func calendarPerson(ds *Dataset, user string) (model.Person, bool) {
	product := map[string]bool{}
	for _, id := range append(append([]string{}, ds.Team.ProductManagers...), ds.Team.ProductOwners...) {
		product[id] = true
	}
	for _, p := range ds.People {
		if !product[p.ID] || user == "" {
			continue
		}
		if user == p.ID || user == p.AccountID || user == p.Name || user == p.Key || (p.Email != "" && user == loginName(p.DisplayName)) {
			return p, true
		}
	}
	return model.Person{}, false
}
