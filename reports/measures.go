package reports

import (
	"github.com/roleload/roleload/analysis"
	"github.com/roleload/roleload/analysis/signal"
)

// unit says how a figure is written and how its change is written.
type unit int

const (
	count   unit = iota // 7
	share               // 0.85 -> 85%, changes in percentage points
	hours               // 12.3 h
	sprints             // 1.4 sprints
	ratio               // 6.0
	perWeek             // 13.1 h/week
)

// measure is one figure of SPEC §6.5 for the team. worse is the direction
// of change that is bad news (+1 up, -1 down, 0 neither), for colouring.
type measure struct {
	key   string // JSON key in "deltas"
	label string
	unit  unit
	worse int
	get   func(r *analysis.Result) *float64
}

func f(v float64) *float64 { return &v }
func fi(v int) *float64    { return f(float64(v)) }

// requestMeasures are in report order; the keys name the §8.2 figure.
var requestMeasures = []measure{
	{"daily_share", "Working days with an input request", share, +1,
		func(r *analysis.Result) *float64 { return f(r.InputRequests.DailyShare) }},
	{"days_with_requests", "Days with a request", count, +1,
		func(r *analysis.Result) *float64 { return fi(r.InputRequests.DaysWithRequests) }},
	{"total", "Input requests", count, +1,
		func(r *analysis.Result) *float64 { return fi(r.InputRequests.Total) }},
	{"requests_per_working_day", "Requests per working day", ratio, +1, perWorkingDay},
	{"requesters", "Engineers asking", count, 0,
		func(r *analysis.Result) *float64 { return fi(r.InputRequests.Requesters) }},
	{"top_requester_share", "Share from the top requester", share, 0,
		func(r *analysis.Result) *float64 { return f(r.InputRequests.TopRequesterShare) }},
	{"response_hours_p50", "Time to answer, median", hours, +1,
		func(r *analysis.Result) *float64 { return r.InputRequests.ResponseHoursP50 }},
	{"response_hours_p90", "Time to answer, slowest tenth (p90)", hours, +1,
		func(r *analysis.Result) *float64 { return r.InputRequests.ResponseHoursP90 }},
	{"unanswered", "Unanswered requests", count, +1,
		func(r *analysis.Result) *float64 { return fi(r.InputRequests.Unanswered) }},
}

// backlogMeasures are the ready backlog and the context of SPEC §6.5.
var backlogMeasures = []measure{
	{"ready_backlog_sprints", "Ready backlog", sprints, -1,
		func(r *analysis.Result) *float64 { return r.ReadyBacklogSprints }},
	{"ready_stories", "Stories ready for development", count, -1,
		func(r *analysis.Result) *float64 { return fi(r.Context.ReadyStories) }},
	{"stories_created_by_pm_per_week", "Stories created by the PM per week", ratio, 0,
		func(r *analysis.Result) *float64 { return f(r.Context.StoriesCreatedByPMPerWeek) }},
	{"stories_resolved_per_week", "Stories resolved per week", ratio, 0,
		func(r *analysis.Result) *float64 { return f(r.Context.StoriesResolvedPerWeek) }},
	{"engineers_per_pm", "Engineers per PM", ratio, +1,
		func(r *analysis.Result) *float64 { return f(r.Context.EngineersPerPM) }},
}

// coverageMeasures say how far the time split can be trusted.
var coverageMeasures = []measure{
	{"pm_active_day_share", "PM's working days with Jira activity", share, -1,
		func(r *analysis.Result) *float64 { return f(r.Coverage.PMActiveDayShare) }},
	{"unclassified_share", "PM's events outside any category", share, +1,
		func(r *analysis.Result) *float64 { return f(r.Coverage.UnclassifiedShare) }},
}

// personMeasure is a figure of one PM or PO.
type personMeasure struct {
	key   string
	label string
	unit  unit
	worse int
	get   func(p *analysis.PersonHours) *float64
	// rng returns the low and high estimate (SPEC §6.5 uncertainty), if any.
	rng func(p *analysis.PersonHours) (lo, hi float64, ok bool)
}

var personMeasures = []personMeasure{
	{"story_writing_hours_per_week", "Story writing per week (PO work)", perWeek, +1,
		func(p *analysis.PersonHours) *float64 { return f(p.StoryWritingHoursPerWeek) }, nil},
	{"discovery_share", "Discovery share of product time", share, -1,
		func(p *analysis.PersonHours) *float64 { return p.DiscoveryShare }, nil},
	{"after_hours_share", "Time outside working hours", share, +1,
		func(p *analysis.PersonHours) *float64 { return p.AfterHoursShare }, nil},
	{"story_writing", "Story writing (PO work)", hours, +1,
		func(p *analysis.PersonHours) *float64 { return f(p.Hours.StoryWriting) },
		func(p *analysis.PersonHours) (float64, float64, bool) {
			return p.HoursRange.Low.StoryWriting, p.HoursRange.High.StoryWriting, true
		}},
	{"authoring", "· writing stories", hours, 0,
		func(p *analysis.PersonHours) *float64 { return f(p.Hours.Authoring) }, nil},
	{"refinement", "· refining the backlog", hours, 0,
		func(p *analysis.PersonHours) *float64 { return f(p.Hours.Refinement) }, nil},
	{"answering", "· answering engineers", hours, 0,
		func(p *analysis.PersonHours) *float64 { return f(p.Hours.Answering) }, nil},
	{"discovery", "Discovery (PM work)", hours, -1,
		func(p *analysis.PersonHours) *float64 { return f(p.Hours.Discovery) },
		func(p *analysis.PersonHours) (float64, float64, bool) {
			return p.HoursRange.Low.Discovery, p.HoursRange.High.Discovery, true
		}},
	{"other", "Other Jira work", hours, 0,
		func(p *analysis.PersonHours) *float64 { return f(p.Hours.Other) }, nil},
}

// signalUnit says how a signal's value and threshold are written, by the
// unit the signal table (analysis/signal) gives it.
func signalUnit(name string) unit {
	d, _ := signal.Lookup(name)
	switch d.Unit {
	case signal.Share:
		return share
	case signal.Hours:
		return hours
	case signal.Sprints:
		return sprints
	case signal.PerWeek:
		return perWeek
	}
	return count
}

// sourceMeasures say where a person's hours were seen (SPEC §6.3): shown
// for a person with calendar time or meetings, not part of the deltas.
var sourceMeasures = []personMeasure{
	{"jira_hours", "Seen in Jira", hours, 0,
		func(p *analysis.PersonHours) *float64 {
			j := p.HoursBySource.Jira
			return f(j.StoryWriting + j.Discovery + j.Other)
		}, nil},
	{"calendar_hours", "Seen in calendars (discovery, story writing)", hours, 0,
		func(p *analysis.PersonHours) *float64 {
			c := p.HoursBySource.Calendar
			return f(c.StoryWriting + c.Discovery)
		}, nil},
	{"meeting_hours", "Meetings (calendar, outside the split)", hours, 0,
		func(p *analysis.PersonHours) *float64 { return f(p.MeetingHours) }, nil},
}

// hasCalendar reports a person with calendar time or meetings.
func hasCalendar(p *analysis.PersonHours) bool {
	c := p.HoursBySource.Calendar
	return c.StoryWriting+c.Discovery+c.Other+p.MeetingHours > 0
}

// delta is cur - prev, nil when either is missing.
func delta(cur, prev *float64) *float64 {
	if cur == nil || prev == nil {
		return nil
	}
	return f(*cur - *prev)
}

// person finds the person with id in r (nil when r is nil or lacks them).
func person(r *analysis.Result, id string) *analysis.PersonHours {
	if r == nil {
		return nil
	}
	for i := range r.People {
		if r.People[i].ID == id {
			return &r.People[i]
		}
	}
	return nil
}

func perWorkingDay(r *analysis.Result) *float64 {
	if r.InputRequests.WorkingDays == 0 {
		return nil
	}
	return f(float64(r.InputRequests.Total) / float64(r.InputRequests.WorkingDays))
}
