package analysis

import (
	"cmp"
	"slices"
	"sort"
	"time"
)

// The uncertainty range of SPEC §6.5: a fast writer with short pauses and
// a slow writer with long pauses.
const (
	lowComposeRate  = 150
	lowIdleGap      = 10 * time.Minute
	highComposeRate = 20
	highIdleGap     = 30 * time.Minute
)

// dayCats is time per category on each calendar day, in nanoseconds.
type dayCats [][numCats]int64

// Source is where a stretch of time was seen: Jira or a calendar.
type Source uint8

// Sources of time (SPEC §6.3, §8.2 hours_by_source).
const (
	srcJira Source = iota
	srcCalendar
)

var sourceNames = [...]string{"jira", "calendar"}

// personTime is the time model's output for one PM or PO over the whole
// calendar (window and chart weeks).
type personTime struct {
	person      int32
	est         dayCats // default constants, Jira and calendar time together
	cal         dayCats // the calendar part of est
	low, high   dayCats // the Jira part only, fast and slow writer (SPEC §6.5)
	meetings    []int64 // calendar "other" time per day: outside the split
	outside     []int64 // est's time outside working hours, per day
	active      []bool  // a day with at least one Jira event
	events      int     // Jira events in the window
	otherEvents int     // of which fell in no category
	blocks      []block // the window's timeline
}

// span is a stretch of a person's time: [s, e) in unix nanoseconds.
type span struct {
	s, e  int64
	issue int32 // the Jira issue behind it; -1 for calendar time
	cat   Category
	src   Source
	wl    bool // a worklog: exact, wins over estimated spans
}

// spanBufs are reused across people and variants: the time model
// allocates per person, never per event.
type spanBufs struct{ spans, union, calUnion, pieces, segs []span }

// calendarSpans are one person's calendar occurrences as time-model input
// (SPEC §6.3): discovery and story-writing occurrences become exact spans
// of the timeline (story writing as refinement), meetings ("other") are
// kept apart; nothing after cutoff.
type calendarSpans struct {
	timeline []span
	meetings []span
}

// newCalendarSpans sorts each person's occurrences into timeline spans
// and meetings.
func newCalendarSpans(byPerson map[int32][]CalendarOccurrence, cutoff int64) map[int32]calendarSpans {
	out := make(map[int32]calendarSpans, len(byPerson))
	for p, occ := range byPerson {
		var cs calendarSpans
		for _, o := range occ {
			s, e := o.Start.UnixNano(), min(o.End.UnixNano(), cutoff)
			if e <= s {
				continue
			}
			sp := span{s: s, e: e, issue: -1, src: srcCalendar}
			switch o.Category {
			case "discovery":
				sp.cat = catDiscovery
				cs.timeline = append(cs.timeline, sp)
			case "story_writing":
				sp.cat = catRefinement
				cs.timeline = append(cs.timeline, sp)
			default:
				sp.cat = catOther
				cs.meetings = append(cs.meetings, sp)
			}
		}
		out[p] = cs
	}
	return out
}

// timeModel is the time stage (SPEC §6.3): the Jira events of the people
// who (PMs and POs) and their calendar spans become their time per
// calendar day, category and source, with the low/high variants, the
// meeting time, the time outside working hours and the active days. The
// timeline blocks of the window are kept for the dashboard. evs is sorted
// in place.
func timeModel(evs []sEvent, who []int32, cals map[int32]calendarSpans, cal *calendar, winStart int64, tm TimeModel) map[int32]*personTime {
	slices.SortFunc(evs, func(x, y sEvent) int {
		if x.person != y.person {
			return int(x.person - y.person)
		}
		return cmp.Compare(x.end, y.end)
	})
	out := map[int32]*personTime{}
	var bufs spanBufs
	for _, p := range who {
		lo := sort.Search(len(evs), func(i int) bool { return evs[i].person >= p })
		hi := sort.Search(len(evs), func(i int) bool { return evs[i].person > p })
		out[p] = personTimeOf(p, evs[lo:hi], cals[p], cal, winStart, tm, &bufs)
	}
	return out
}

func personTimeOf(p int32, evs []sEvent, cs calendarSpans, cal *calendar, winStart int64, tm TimeModel, bufs *spanBufs) *personTime {
	n := len(cal.days)
	pt := &personTime{person: p, est: make(dayCats, n), low: make(dayCats, n), high: make(dayCats, n),
		outside: make([]int64, n), active: make([]bool, n), meetings: make([]int64, n)}
	if len(cs.timeline) > 0 {
		pt.cal = make(dayCats, n)
	}
	for i := range evs {
		if d := cal.dayIndex(evs[i].end); d >= 0 {
			pt.active[d] = true
		}
		if evs[i].end >= winStart {
			pt.events++
			if evs[i].cat == catOther {
				pt.otherEvents++
			}
		}
	}
	attribute(evs, cs.timeline, tm, tm.ComposeRate, tm.IdleGap, bufs, func(sg span) {
		cal.split(sg.s, sg.e, func(day int, _, outside, total int64) {
			pt.est[day][sg.cat] += total
			pt.outside[day] += outside
			if sg.src == srcCalendar {
				pt.cal[day][sg.cat] += total
			}
		})
		if sg.e > winStart {
			pt.addBlock(sg, max(sg.s, winStart))
		}
	})
	meetings := union(cs.meetings, nil)
	for _, m := range meetings {
		cal.split(m.s, m.e, func(day int, _, _, total int64) { pt.meetings[day] += total })
		// Meetings are on the dashboard's timeline too, as calendar
		// "other" blocks: shown, never counted in the split.
		if m.e > winStart {
			pt.blocks = append(pt.blocks, block{s: max(m.s, winStart), e: m.e, cat: "other", src: srcCalendar})
		}
	}
	if len(meetings) > 0 {
		slices.SortStableFunc(pt.blocks, func(x, y block) int { return cmp.Compare(x.s, y.s) })
	}
	for _, v := range []struct {
		rate float64
		gap  time.Duration
		into dayCats
	}{{lowComposeRate, lowIdleGap, pt.low}, {highComposeRate, highIdleGap, pt.high}} {
		attribute(evs, cs.timeline, tm, v.rate, v.gap, bufs, func(sg span) {
			if sg.src == srcJira {
				cal.split(sg.s, sg.e, func(day int, _, _, total int64) { v.into[day][sg.cat] += total })
			}
		})
	}
	return pt
}

// attribute turns one person's events and calendar spans (discovery and
// story writing; meetings are not on the timeline) into counted time,
// calling emit for each stretch in time order. Calendar spans take their
// minutes first (their union, over worklogs too); worklogs are exact and
// cut out of the estimated spans; then every minute of the union goes to
// the earliest-ending span that covers it (work before an event was work
// for it), so no minute counts twice and none is lost when a short span
// sits inside a long one; a gap of at most idle between two stretches
// goes to the stretch after it, with its category and source.
func attribute(evs []sEvent, calSpans []span, tm TimeModel, rate float64, idle time.Duration, b *spanBufs, emit func(span)) {
	b.spans = spans(evs, tm, rate, b.spans[:0])
	b.calUnion = union(calSpans, b.calUnion[:0])
	b.segs = b.segs[:0] // scratch until the attribution below
	for _, sp := range b.spans {
		if sp.wl {
			b.segs = append(b.segs, sp)
		}
	}
	b.union = union(append(b.segs, b.calUnion...), b.union[:0])
	b.pieces = append(b.pieces[:0], calSpans...)
	for _, sp := range b.spans {
		switch {
		case sp.wl && len(b.calUnion) == 0:
			b.pieces = append(b.pieces, sp)
		case sp.wl:
			b.pieces = subtract(sp, b.calUnion, b.pieces)
		default:
			b.pieces = subtract(sp, b.union, b.pieces)
		}
	}
	slices.SortFunc(b.pieces, func(x, y span) int {
		if c := cmp.Compare(x.e, y.e); c != 0 {
			return c
		}
		return cmp.Compare(x.s, y.s)
	})
	// Pieces come by end, so each one ends at or after everything counted
	// so far: its uncounted parts are the holes of the covered union
	// within it, and afterwards it merges the union's tail into one block.
	b.union = b.union[:0]
	b.segs = b.segs[:0]
	for _, p := range b.pieces {
		if p.e <= p.s {
			continue
		}
		j := sort.Search(len(b.union), func(j int) bool { return b.union[j].e >= p.s })
		s := p.s
		for _, u := range b.union[j:] {
			if u.s > s {
				b.segs = append(b.segs, p.cut(s, u.s))
			}
			s = max(s, u.e)
		}
		if s < p.e {
			b.segs = append(b.segs, p.cut(s, p.e))
		}
		blk := span{s: p.s, e: p.e}
		if j < len(b.union) {
			blk.s = min(blk.s, b.union[j].s)
		}
		b.union = append(b.union[:j], blk)
	}
	slices.SortFunc(b.segs, func(x, y span) int { return cmp.Compare(x.s, y.s) })
	for k, sg := range b.segs {
		if k > 0 {
			if prev := b.segs[k-1].e; sg.s > prev && sg.s-prev <= int64(idle) {
				sg.s = prev
			}
		}
		emit(sg)
	}
}

// cut is the part [s, e) of sp.
func (sp span) cut(s, e int64) span {
	sp.s, sp.e = s, e
	return sp
}

// spans gives each event its span [end - d, end], d = base(kind) +
// size / rate minutes, capped; a worklog's span is its own.
func spans(evs []sEvent, tm TimeModel, rate float64, buf []span) []span {
	capN := int64(tm.CapMinutes * float64(time.Minute))
	for _, ev := range evs {
		if ev.kind == kindWorklog {
			buf = append(buf, span{s: ev.end - ev.dur, e: ev.end, issue: ev.issue, cat: ev.cat, wl: true})
			continue
		}
		d := min(int64((baseMinutes(ev, tm)+float64(ev.size)/rate)*float64(time.Minute)), capN)
		buf = append(buf, span{s: ev.end - d, e: ev.end, issue: ev.issue, cat: ev.cat})
	}
	return buf
}

func baseMinutes(ev sEvent, tm TimeModel) float64 {
	switch {
	case ev.kind == kindCreate:
		return tm.CreateMinutes
	case ev.kind == kindComment:
		return tm.CommentMinutes
	case ev.text:
		return tm.TextEditMinutes
	case ev.kind == kindTransition:
		return tm.TransitionMinutes
	}
	return tm.FieldEditMinutes
}

// union is the sorted union of spans, built in buf.
func union(spans, buf []span) []span {
	buf = append(buf[:0], spans...)
	slices.SortFunc(buf, func(x, y span) int { return cmp.Compare(x.s, y.s) })
	out := buf[:0]
	for _, sp := range buf {
		if n := len(out); n > 0 && sp.s <= out[n-1].e {
			out[n-1].e = max(out[n-1].e, sp.e)
			continue
		}
		out = append(out, sp)
	}
	return out
}

// subtract appends the parts of sp not covered by union to out.
func subtract(sp span, union, out []span) []span {
	s := sp.s
	j := sort.Search(len(union), func(j int) bool { return union[j].e > s })
	for ; j < len(union) && union[j].s < sp.e; j++ {
		if union[j].s > s {
			out = append(out, sp.cut(s, union[j].s))
		}
		s = max(s, union[j].e)
	}
	if s < sp.e {
		out = append(out, sp.cut(s, sp.e))
	}
	return out
}
