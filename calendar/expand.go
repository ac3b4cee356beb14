package calendar

import (
	"strings"
	"time"

	"github.com/emersion/go-ical"
)

type occKey struct{ uid, rid string }

type expander struct {
	opt   Options
	z     *zones
	p     *problems
	f     *Feed
	seen  map[occKey]int // index in f.Occurrences
	full  bool           // MaxOccurrences reached
	steps int            // recurrence instants drawn in the whole feed
}

const utcFormat = "20060102T150405Z"

func (x *expander) run(cal *ical.Calendar) {
	masters := map[string]bool{}
	var events []*ical.Component
	for _, c := range cal.Children {
		if c.Name != ical.CompEvent {
			continue
		}
		x.f.Events++
		events = append(events, c)
	}
	// Overrides first: their RECURRENCE-IDs remove the master's occurrence.
	overridden := map[string]map[int64]bool{}
	for _, c := range events {
		uid := propText(c, ical.PropUID)
		rid := c.Props.Get(ical.PropRecurrenceID)
		if rid == nil {
			masters[uid] = true
			continue
		}
		t, _, ok := x.time(rid)
		if !ok {
			x.p.add("event %q: bad RECURRENCE-ID %q", uid, rid.Value)
			continue
		}
		if overridden[uid] == nil {
			overridden[uid] = map[int64]bool{}
		}
		overridden[uid][t.Unix()] = true
		x.event(c, uid, t.UTC().Format(time.RFC3339), nil)
	}
	for _, c := range events {
		if c.Props.Get(ical.PropRecurrenceID) == nil {
			x.event(c, propText(c, ical.PropUID), "", overridden[propText(c, ical.PropUID)])
		}
	}
}

// event expands one VEVENT (a master, or an override when rid is set).
func (x *expander) event(c *ical.Component, uid, rid string, skip map[int64]bool) {
	if x.full {
		x.f.Dropped["over_limit"]++
		return
	}
	dts := c.Props.Get(ical.PropDateTimeStart)
	if dts == nil {
		x.p.add("event %q: no DTSTART", uid)
		return
	}
	start, allDay, ok := x.time(dts)
	if !ok {
		x.p.add("event %q: bad DTSTART %q", uid, dts.Value)
		return
	}
	if allDay {
		x.f.Dropped["all_day"]++
		return
	}
	dur, ok := x.duration(c, start)
	if !ok {
		x.p.add("event %q: bad DTEND or DURATION", uid)
		return
	}
	m, reason := x.judge(c, dur)
	if reason != "" {
		x.f.Dropped[reason]++
		return
	}
	m.UID = uid
	if rid != "" || (c.Props.Get(ical.PropRecurrenceRule) == nil && c.Props.Get(ical.PropRecurrenceDates) == nil) {
		m.RecurrenceID = rid
		x.add(m, start, dur, c)
		return
	}
	for _, t := range x.starts(c, uid, start, dur) {
		if skip[t.Unix()] {
			continue
		}
		m.RecurrenceID = t.UTC().Format(time.RFC3339)
		x.add(m, t, dur, c)
		if x.full {
			return
		}
	}
}

// add keeps one occurrence if it overlaps [From, To); a later copy of the
// same (UID, recurrence id) with a SEQUENCE at least as high replaces it.
func (x *expander) add(m Occurrence, start time.Time, dur time.Duration, c *ical.Component) {
	end := start.Add(dur)
	if !start.Before(x.opt.To) || !end.After(x.opt.From) && !(dur == 0 && start.Equal(x.opt.From)) {
		return
	}
	m.Start, m.End = start.UTC(), end.UTC()
	k := occKey{m.UID, m.RecurrenceID}
	if i, ok := x.seen[k]; ok {
		x.f.Occurrences[i] = m
		x.f.Dropped["duplicate"]++
		return
	}
	if len(x.f.Occurrences) >= x.opt.MaxOccurrences {
		x.full = true
		x.p.add("more than %d occurrences: the rest is ignored", x.opt.MaxOccurrences)
		return
	}
	x.seen[k] = len(x.f.Occurrences)
	x.f.Occurrences = append(x.f.Occurrences, m)
}

// starts lists the master's occurrence starts up to To, with at most
// MaxSteps recurrence instants: RRULE through go-ical's RecurrenceSet
// (rrule-go), plus RDATE and EXDATE.
func (x *expander) starts(c *ical.Component, uid string, start time.Time, dur time.Duration) []time.Time {
	var out []time.Time
	if c.Props.Get(ical.PropRecurrenceRule) == nil {
		out = append(out, start)
	} else {
		ev := x.normalized(c, start)
		set, err := ev.RecurrenceSet(x.z.floating)
		if err != nil || set == nil {
			x.p.add("event %q: bad recurrence: %s", uid, errText(err))
			out = append(out, start)
		} else {
			for _, d := range x.dates(c, ical.PropRecurrenceDates, start) {
				set.RDate(d)
			}
			next := set.Iterator()
			for steps := 0; ; steps++ {
				t, ok := next()
				if !ok || !t.Before(x.opt.To) {
					break
				}
				if steps >= x.opt.MaxSteps {
					x.p.add("event %q: recurrence cut after %d occurrences", uid, x.opt.MaxSteps)
					break
				}
				if x.steps++; x.steps > x.opt.MaxFeedSteps {
					x.p.add("event %q: recurrence cut: the feed's recurrences exceed %d occurrences", uid, x.opt.MaxFeedSteps)
					break
				}
				if t.Add(dur).After(x.opt.From) || t.Equal(x.opt.From) {
					out = append(out, t)
				}
			}
			return out
		}
	}
	ex := map[int64]bool{}
	for _, d := range x.dates(c, ical.PropExceptionDates, start) {
		ex[d.Unix()] = true
	}
	kept := out[:0]
	for _, t := range append(out, x.dates(c, ical.PropRecurrenceDates, start)...) {
		if !ex[t.Unix()] {
			kept = append(kept, t)
		}
	}
	return kept
}

// normalized returns a copy of the event whose DTSTART and EXDATE values the
// library can read: one value per EXDATE, TZIDs turned into IANA names, or
// into UTC when the zone has no IANA name, date-only EXDATEs at the start's
// time of day.
func (x *expander) normalized(c *ical.Component, start time.Time) *ical.Component {
	cp := &ical.Component{Name: c.Name, Props: ical.Props{}}
	for k, v := range c.Props {
		if k == ical.PropDateTimeStart || k == ical.PropExceptionDates || k == ical.PropRecurrenceDates {
			continue
		}
		cp.Props[k] = v
	}
	cp.Props.Add(x.fixed(c.Props.Get(ical.PropDateTimeStart), start))
	for _, d := range x.dates(c, ical.PropExceptionDates, start) {
		cp.Props.Add(x.fixed(&ical.Prop{Name: ical.PropExceptionDates, Params: ical.Params{}}, d))
	}
	return cp
}

// fixed writes t in a form go-ical parses: TZID=IANA name, or UTC.
func (x *expander) fixed(p *ical.Prop, t time.Time) *ical.Prop {
	out := &ical.Prop{Name: p.Name, Params: ical.Params{}}
	tzid := p.Params.Get(ical.PropTimezoneID)
	loc := t.Location()
	switch {
	case tzid == "" && !strings.HasSuffix(p.Value, "Z") && p.Value != "" && loc == x.z.floating:
		out.Value = t.Format("20060102T150405")
	case loc != time.UTC && loadIANA(loc.String()) != nil:
		out.Params.Set(ical.PropTimezoneID, loc.String())
		out.Value = t.Format("20060102T150405")
	default:
		out.Value = t.UTC().Format(utcFormat)
	}
	return out
}

// dates reads every value of the EXDATE or RDATE props; a date-only value
// on a timed event means that day at the start's time of day.
func (x *expander) dates(c *ical.Component, name string, start time.Time) []time.Time {
	var out []time.Time
	for _, p := range c.Props[name] {
		if strings.EqualFold(p.Params.Get(ical.ParamValue), "PERIOD") {
			x.p.add("%s PERIOD values are not read", name)
			continue
		}
		for _, v := range strings.Split(p.Value, ",") {
			one := ical.Prop{Name: p.Name, Params: p.Params, Value: strings.TrimSpace(v)}
			t, allDay, ok := x.time(&one)
			if !ok {
				x.p.add("bad %s %q", name, v)
				continue
			}
			if allDay {
				t = time.Date(t.Year(), t.Month(), t.Day(), start.Hour(), start.Minute(), start.Second(), 0, start.Location())
			}
			out = append(out, t)
		}
	}
	return out
}

// time reads a DATE or DATE-TIME value in its zone; allDay for DATE.
func (x *expander) time(p *ical.Prop) (time.Time, bool, bool) {
	v := strings.TrimSpace(p.Value)
	isDate := strings.EqualFold(p.Params.Get(ical.ParamValue), "DATE") || len(v) == 8
	if isDate {
		t, err := time.ParseInLocation("20060102", v, x.z.floating)
		return t, true, err == nil
	}
	if strings.HasSuffix(v, "Z") {
		t, err := time.ParseInLocation(utcFormat, v, time.UTC)
		return t, false, err == nil
	}
	loc := x.z.floating
	if tzid := p.Params.Get(ical.PropTimezoneID); tzid != "" {
		if l := x.z.resolve(tzid); l != nil {
			loc = l
		} else {
			x.p.add("unknown time zone %q: read as %s", tzid, x.z.floating)
		}
	}
	t, err := time.ParseInLocation("20060102T150405", v, loc)
	return t, false, err == nil
}

// duration is DTEND − DTSTART, or DURATION, or zero.
func (x *expander) duration(c *ical.Component, start time.Time) (time.Duration, bool) {
	if p := c.Props.Get(ical.PropDateTimeEnd); p != nil {
		end, _, ok := x.time(p)
		if !ok {
			return 0, false
		}
		if end.Before(start) {
			x.p.add("event %q: ends before it starts", propText(c, ical.PropUID))
			return 0, true
		}
		return end.Sub(start), true
	}
	if p := c.Props.Get(ical.PropDuration); p != nil {
		d, err := p.Duration()
		if err != nil || d < 0 {
			return 0, false
		}
		return d, true
	}
	return 0, true
}

func propText(c *ical.Component, name string) string {
	p := c.Props.Get(name)
	if p == nil {
		return ""
	}
	t, err := p.Text()
	if err != nil {
		return p.Value
	}
	return t
}

func errText(err error) string {
	if err == nil {
		return "no rule"
	}
	return err.Error()
}
