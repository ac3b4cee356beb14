package scenario

import (
	"sort"
	"time"
)

// meetingsProfile is the "meetings" scenario: the overloaded PM, whose
// discovery happens only in meetings (no discovery issue in Jira); her
// calendar (calendar_plan.go) holds interviews, usability sessions and
// workshops.
func meetingsProfile() (profile, bool) {
	p, ok := profileFor("overloaded")
	p.discovery = 0
	return p, ok
}

// CombinedTruth is the truth a calendar-aware analysis should reach (SPEC
// §6.3): the PM's calendar discovery and story-writing occurrences take
// their interval over her Jira work, meetings stay apart. It returns a copy
// of ds.Truth with the hours, shares, signals and verdict recomputed, and
// the calendar's own hours; ok is false without a truth or a calendar.
func CombinedTruth(ds *Dataset) (*Truth, CalendarTruth, bool) {
	if ds.Truth == nil {
		return nil, CalendarTruth{}, false
	}
	ct, ok := CalendarTruthOf(ds, ds.Truth.PM)
	p, found := calendarPerson(ds, ds.Truth.PM)
	if !ok || !found {
		return nil, CalendarTruth{}, false
	}
	pl := planCalendar(ds, p)
	cal := calendar{loc: pl.loc, holidays: map[string]bool{}}
	for _, h := range ds.Team.Holidays {
		cal.holidays[h] = true
	}
	from, to := ds.Truth.WindowFrom, ds.Truth.AsOf.AddDate(0, 0, 1)
	var blocks []slot
	for _, s := range pl.slots() {
		if (s.category == CalDiscovery || s.category == CalStoryWriting) && s.start.Before(to) && s.end.After(from) {
			s.start, s.end = maxTime(s.start, from), minTime(s.end, to)
			blocks = append(blocks, s)
		}
	}
	sort.Slice(blocks, func(i, j int) bool { return blocks[i].start.Before(blocks[j].start) })

	tr := *ds.Truth
	tr.Hours = map[string]float64{"story_writing": 0, "discovery": 0, "other": 0, "authoring": 0, "refinement": 0, "answering": 0}
	var total, after time.Duration
	add := func(a, b time.Time, cat, sub string) {
		tr.Hours[cat] += b.Sub(a).Hours()
		if sub != "" {
			tr.Hours[sub] += b.Sub(a).Hours()
		}
		total += b.Sub(a)
		after += b.Sub(a) - cal.inWorkingHours(a, b)
	}
	for _, s := range ds.Truth.Spans {
		a, b := maxTime(s.Start, from), minTime(s.End, to)
		for _, piece := range subtract(a, b, blocks) {
			add(piece[0], piece[1], s.Category, s.Sub)
		}
	}
	for _, b := range blocks {
		sub := ""
		if b.category == CalStoryWriting {
			sub = "refinement"
		}
		add(b.start, b.end, b.category, sub)
	}
	tr.DiscoveryShare = 0
	if sw, d := tr.Hours["story_writing"], tr.Hours["discovery"]; sw+d > 0 {
		tr.DiscoveryShare = d / (sw + d)
	}
	tr.AfterHoursShare = 0
	if total > 0 {
		tr.AfterHoursShare = after.Hours() / total.Hours()
	}
	tr.StoryWritingHoursPerWeek = tr.Hours["story_writing"] / float64(tr.Weeks)
	tr.Signals, tr.Verdict = verdictOf(&tr)
	return &tr, ct, true
}

// subtract returns [a, b) minus the blocks (sorted by start).
func subtract(a, b time.Time, blocks []slot) [][2]time.Time {
	if !b.After(a) {
		return nil
	}
	var out [][2]time.Time
	cur := a
	for _, bl := range blocks {
		if !bl.end.After(cur) || !bl.start.Before(b) {
			continue
		}
		if bl.start.After(cur) {
			out = append(out, [2]time.Time{cur, bl.start})
		}
		cur = maxTime(cur, bl.end)
		if !cur.Before(b) {
			return out
		}
	}
	return append(out, [2]time.Time{cur, b})
}
