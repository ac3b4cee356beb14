package charts

import (
	"fmt"
	"math"

	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
)

// Each builder must accept nil weeks and a nil result (Title calls it so).

func timeSplit(w []week, r *analysis.Result) spec {
	h := func(f func(analysis.Hours) float64) []*float64 {
		return values(w, func(m *analysis.WeekMeasures) *float64 { return ptr(f(m.Hours)) })
	}
	s := spec{
		title:    "PM time split by week",
		subtitle: join(caveat(r, "Jira-visible hours only"), span(w)),
		yLabel:   "hours per week",
		kind:     stacked,
		weeks:    labels(w),
		series: []series{
			{"story writing (PO work)", colorStory, h(func(x analysis.Hours) float64 { return x.StoryWriting })},
			{"discovery (PM work)", colorDiscovery, h(func(x analysis.Hours) float64 { return x.Discovery })},
			{"other", colorOther, h(func(x analysis.Hours) float64 { return x.Other })},
		},
		emptyNote: "No Jira activity by the PM",
	}
	if !calendarWeeks(w) {
		return s
	}
	// With calendars, each category's calendar part is stacked apart, in
	// a lighter shade of its colour (SPEC §6.3: hours by source).
	part := func(cal bool, f func(analysis.Hours) float64) []*float64 {
		return values(w, func(m *analysis.WeekMeasures) *float64 {
			if cal {
				return ptr(f(m.CalendarHours))
			}
			return ptr(f(m.Hours) - f(m.CalendarHours))
		})
	}
	sw := func(x analysis.Hours) float64 { return x.StoryWriting }
	disc := func(x analysis.Hours) float64 { return x.Discovery }
	s.subtitle = join(caveat(r, "Jira and calendar hours; meetings apart"), span(w))
	s.series = []series{
		{"story writing, Jira", colorStory, part(false, sw)},
		{"story writing, calendar", colorStoryCalendar, part(true, sw)},
		{"discovery, Jira", colorDiscovery, part(false, disc)},
		{"discovery, calendar", colorDiscoveryCalendar, part(true, disc)},
		{"other Jira work", colorOther, h(func(x analysis.Hours) float64 { return x.Other })},
	}
	s.emptyNote = "No Jira or calendar activity by the PM"
	return s
}

// calendarWeeks reports whether any week has calendar time.
func calendarWeeks(w []week) bool {
	for _, x := range w {
		if x.m != nil && (x.m.CalendarHours.StoryWriting > 0 || x.m.CalendarHours.Discovery > 0) {
			return true
		}
	}
	return false
}

func inputRequests(w []week, r *analysis.Result) spec {
	t := threshold(r, signal.DailyInputs)
	share := values(w, func(m *analysis.WeekMeasures) *float64 {
		if m.WorkingDays == 0 {
			return nil
		}
		return ptr(float64(m.DaysWithRequests) / float64(m.WorkingDays))
	})
	barLabels := make([]string, len(w))
	for i, x := range w {
		if x.m != nil && x.m.WorkingDays > 0 {
			barLabels[i] = fmt.Sprintf("%.1f/day", float64(x.m.Requests)/float64(x.m.WorkingDays))
		}
	}
	return spec{
		title:     "Days on which engineers asked for product input",
		subtitle:  join("share of working days with a request; label: requests per working day", span(w)),
		yLabel:    "% of working days",
		percent:   true,
		kind:      bars,
		weeks:     labels(w),
		series:    []series{{"days with requests", colorBar, share}},
		limit:     &limit{t, fmt.Sprintf("almost daily: %s", pct(t))},
		barLabels: barLabels,
		emptyNote: "No input requests",
	}
}

func responseTime(w []week, r *analysis.Result) spec {
	t := threshold(r, signal.SlowAnswers)
	return spec{
		title:    "Time to answer engineers' requests",
		subtitle: join("median (p50) and slowest tenth (p90)", span(w)),
		yLabel:   "working hours",
		kind:     lines,
		weeks:    labels(w),
		series: []series{
			{"p50", colorP50, values(w, func(m *analysis.WeekMeasures) *float64 { return m.ResponseHoursP50 })},
			{"p90", colorP90, values(w, func(m *analysis.WeekMeasures) *float64 { return m.ResponseHoursP90 })},
		},
		limit:     &limit{t, fmt.Sprintf("slow: p50 over %g h", t)},
		emptyNote: "All requests answered at once",
	}
}

func discoveryShare(w []week, r *analysis.Result) spec {
	t := threshold(r, signal.DiscoverySqueezed)
	return spec{
		title:     "PM's discovery share",
		subtitle:  join(caveat(r, "discovery / (story writing + discovery), Jira-visible"), span(w)),
		yLabel:    "% of product time",
		percent:   true,
		kind:      bars,
		weeks:     labels(w),
		series:    []series{{"discovery share", colorDiscovery, values(w, func(m *analysis.WeekMeasures) *float64 { return m.DiscoveryShare })}},
		limit:     &limit{t, fmt.Sprintf("squeezed below %s", pct(t))},
		emptyNote: "No discovery work seen",
	}
}

func readyBacklog(w []week, r *analysis.Result) spec {
	t := threshold(r, signal.ThinBacklog)
	return spec{
		title:     "Ready backlog depth",
		subtitle:  join("stories ready for development, in sprints of work", span(w)),
		yLabel:    "sprints",
		kind:      bars,
		weeks:     labels(w),
		series:    []series{{"ready backlog", colorBar, values(w, func(m *analysis.WeekMeasures) *float64 { return m.ReadyBacklogSprints })}},
		limit:     &limit{t, fmt.Sprintf("thin below %g sprint", t)},
		emptyNote: "No ready stories",
	}
}

func afterHours(w []week, r *analysis.Result) spec {
	t := threshold(r, signal.AfterHours)
	return spec{
		title:     "PM's work outside working hours",
		subtitle:  join(caveat(r, "share of the PM's Jira-visible time"), span(w)),
		yLabel:    "% of active time",
		percent:   true,
		kind:      bars,
		weeks:     labels(w),
		series:    []series{{"after hours", colorBar, values(w, func(m *analysis.WeekMeasures) *float64 { return m.AfterHoursShare })}},
		limit:     &limit{t, fmt.Sprintf("over %s", pct(t))},
		emptyNote: "No work outside working hours",
	}
}

func pct(v float64) string { return fmt.Sprintf("%g%%", math.Round(v*1000)/10) }

func join(a, b string) string {
	if b == "" {
		return a
	}
	return a + " · " + b
}

const notReliable = "NOT RELIABLE: too little of the PM's work is visible in Jira"

// caveat replaces a time-split chart's subtitle when coverage says the
// split is not to be read as fact (SPEC §6.5).
func caveat(r *analysis.Result, subtitle string) string {
	if r != nil && !splitReliable(r) {
		return notReliable
	}
	return subtitle
}

// splitReliable judges the people the time-split charts show (the PMs,
// else everyone listed) on their own coverage: with a PO, the result's
// coverage is the PO's and says nothing of the PM's split.
func splitReliable(r *analysis.Result) bool {
	hasPM := false
	for _, p := range r.People {
		hasPM = hasPM || p.Role == "pm"
	}
	ok := true
	for _, p := range r.People {
		if hasPM && p.Role != "pm" {
			continue
		}
		if p.Coverage == nil {
			ok = ok && r.Reliable
			continue
		}
		ok = ok && p.Coverage.Reliable()
	}
	return ok && (len(r.People) > 0 || r.Reliable)
}
