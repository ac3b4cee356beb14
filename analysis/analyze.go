package analysis

import (
	"errors"
	"fmt"
	"slices"
	"time"

	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/model"
)

// Input is everything one analysis needs. Every parameter is given: the
// analysis fills no default (they live in config, and app maps the
// config onto Team, Thresholds and TimeModel), and Analyze refuses an
// input that leaves one out (ErrIncomplete).
type Input struct {
	Activity   *model.Activity
	Team       Team
	Bots       []string // ids, usernames, emails or names of automation; accountType "app" is dropped too
	Thresholds signal.Thresholds
	TimeModel  TimeModel
	// AsOf is the last day of the window (any time that day; read in the
	// team's time zone).
	AsOf time.Time
	// Now, when set and earlier than the end of AsOf's day, is where the
	// analysis stops looking: requests are judged unanswered as of Now.
	Now          time.Time
	Weeks        int // window length, at least 1
	HistoryWeeks int // ISO weeks of WeekMeasures, ending with the window; at least 1
	// Calendars are the PMs'/POs' calendar feeds that have loaded at least once (SPEC §5.1).
	Calendars []Calendar
}

var (
	// ErrNoData: the window holds no Jira event of any (human) person.
	ErrNoData = errors.New("no Jira activity in the analysis window")
	// ErrNoPM: the team names neither a product manager nor a product owner.
	ErrNoPM = errors.New("no product manager configured")
	// ErrPMNotFound: a configured product manager matches no Jira person.
	ErrPMNotFound = errors.New("product manager not found in Jira")
	// ErrPONotFound: a configured product owner matches no Jira person.
	ErrPONotFound = errors.New("product owner not found in Jira")
	// ErrAmbiguousPerson: a configured PM or PO matches several people.
	ErrAmbiguousPerson = errors.New("several Jira people match")
	// ErrIncomplete: the input leaves out a parameter (a time zone, a
	// positive compose rate, ...); the error names it.
	ErrIncomplete = errors.New("incomplete analysis input")
)

// Analyze runs SPEC §6 over the window of in.Weeks weeks ending on in.AsOf,
// as a row of stages, each a function of the one before's output:
//
//	f := newFrame(in)                                     // window, working calendar, chart weeks
//	c := castPeople(people, team, bots)                   // who is PM, PO, engineer, bot
//	col := collectEvents(activity, f, c, classes)         // §6.1–§6.2 events, §6.4 requests, backlog
//	pts := timeModel(col.product, c.product(), calendars, f.cal, tm) // §6.3 time per person, day, category, source
//	src := findSources(activity, classes, f, c, calendars)  // what the data can show (§6.6 unknown)
//	m := measure(f, c, col, pts, src, activity, ...)      // §6.5 measures
//	v := judge(m, thresholds)                             // §6.6 signals and verdict
func Analyze(in Input) (*Result, error) {
	t := in.Team
	if len(t.ProductManagers) == 0 && len(t.ProductOwners) == 0 {
		return nil, fmt.Errorf("team %s: %w", t.Name, ErrNoPM)
	}
	if in.Activity == nil {
		return nil, fmt.Errorf("team %s: no activity given: %w", t.Name, ErrNoData)
	}
	if err := in.check(); err != nil {
		return nil, err
	}
	th, tm := in.Thresholds, in.TimeModel
	f := newFrame(t, in.AsOf, in.Now, in.Weeks, in.HistoryWeeks)
	c, err := castPeople(in.Activity.People, t, in.Bots)
	if err != nil {
		return nil, err
	}
	class := classifyIssues(in.Activity.Issues, t)
	col := collectEvents(in.Activity, f, c.pp, class, newRequestRules(t))
	if col.windowEvents == 0 {
		return nil, fmt.Errorf("team %s, %s to %s: %w", t.Name,
			f.cal.days[f.winDay].date, f.cal.days[len(f.cal.days)-1].date, ErrNoData)
	}
	src := findSources(in.Activity, class, f, c.pp, in.Calendars)
	pts := timeModel(col.product, c.product(), newCalendarSpans(src.calendars, f.cutoff), f.cal, f.winStart, tm)
	m := measure(f, c, col, pts, src, in.Activity, th.UnansweredAfter)
	m.result.Verdict = judge(m, th)
	m.result.Thresholds = th
	m.result.CalendarBlocks = largestCalendarBlocks(src.calendars, c, f)
	roundResult(m.result)
	return m.result, nil
}

// frame is the window of one analysis: the team, its working calendar
// over the window and the chart weeks, and where reading stops. Every
// stage reads it; none changes it.
type frame struct {
	team     Team
	weeks    int       // window length in weeks
	cal      *calendar // from the earlier of the window's start and the first chart week's Monday to AsOf
	winDay   int       // index of the window's first day in cal.days
	winStart int64     // unix nanoseconds
	cutoff   int64     // end of AsOf's day, or now if earlier
	weekDays []int     // index of each chart week's Monday (may be negative)
}

// newFrame lays out the window of weeks ending with asOf and the
// historyWeeks chart weeks (both at least 1).
func newFrame(t Team, asOf, now time.Time, weeks, historyWeeks int) *frame {
	f := &frame{team: t, weeks: weeks}
	loc := t.Location
	y, m, d := asOf.In(loc).Date()
	last := time.Date(y, m, d, 0, 0, 0, 0, loc)
	winFrom := time.Date(y, m, d-7*f.weeks+1, 0, 0, 0, 0, loc)
	hw := historyWeeks
	monday := time.Date(y, m, d-(int(last.Weekday())+6)%7-7*(hw-1), 0, 0, 0, 0, loc)
	first := winFrom
	if monday.Before(first) {
		first = monday
	}
	f.cal = newCalendar(t, loc, first, last)
	f.winDay = f.cal.dayIndex(winFrom.UnixNano())
	f.winStart = winFrom.UnixNano()
	f.cutoff = f.cal.end()
	if !now.IsZero() && now.UnixNano() < f.cutoff {
		f.cutoff = now.UnixNano()
	}
	for w := 0; w < hw; w++ {
		f.weekDays = append(f.weekDays, f.cal.dayIndex(time.Date(monday.Year(), monday.Month(), monday.Day()+7*w, 0, 0, 0, 0, loc).UnixNano()))
	}
	return f
}

// cast is who plays which role: the people index and the PMs and POs.
type cast struct {
	pp       *people
	pms, pos []int32
	subjects []int32 // whose load the verdict speaks of: the POs if any, else the PMs
}

// product lists the PMs, then the POs.
func (c *cast) product() []int32 { return append(slices.Clone(c.pms), c.pos...) }

// castPeople resolves the configured roles. PMs are assigned first, so a
// person listed as both PM and PO is a PM; bots last, so a listed bot is a
// bot whatever else it is.
func castPeople(ps []model.Person, t Team, bots []string) (*cast, error) {
	c := &cast{pp: newPeople(ps)}
	var err error
	if c.pms, err = c.pp.assign(t.Name, t.ProductManagers, rolePM, ErrPMNotFound); err != nil {
		return nil, err
	}
	if c.pos, err = c.pp.assign(t.Name, t.ProductOwners, rolePO, ErrPONotFound); err != nil {
		return nil, err
	}
	// A configured engineer who never appears in Jira is harmless: skipped.
	c.pp.assign(t.Name, t.Engineers, roleEngineer, nil)
	c.pp.engineersConfigured = len(t.Engineers) > 0
	c.pp.assign(t.Name, bots, roleBot, nil)
	c.subjects = c.pms
	if len(c.pos) > 0 {
		c.subjects = c.pos
	}
	return c, nil
}
