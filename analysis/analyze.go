package analysis

import (
	"errors"
	"fmt"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/model"
)

// Input is everything one analysis needs. Zero thresholds and time-model
// constants take the SPEC §6 defaults.
type Input struct {
	Activity   *model.Activity
	Team       config.Team
	Bots       []string // ids, usernames, emails or names of automation; accountType "app" is dropped too
	Thresholds config.Thresholds
	TimeModel  config.TimeModel
	// AsOf is the last day of the window (any time that day; read in the
	// team's time zone).
	AsOf time.Time
	// Now, when set and earlier than the end of AsOf's day, is where the
	// analysis stops looking: requests are judged unanswered as of Now.
	Now          time.Time
	Weeks        int // window length; default 4
	HistoryWeeks int // ISO weeks of WeekMeasures, ending with the window; default 12
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
)

// analysis is the state of one Analyze call.
type analysis struct {
	act   *model.Activity
	team  config.Team
	th    config.Thresholds
	tm    config.TimeModel
	weeks int
	cal   *calendar
	pp    *people
	class []uint8
	// storyType: the team uses the Story issue type (see isStory).
	storyType bool
	fields    fieldKinds

	waiting, inputLabels, ready lowerSet

	pms, pos []int32
	subjects []int32 // whose load the verdict speaks of: the POs if any, else the PMs

	winDay   int   // index of the window's first day in cal.days
	winStart int64 // unix nanoseconds
	cutoff   int64 // end of AsOf's day, or Now if earlier
	weekDays []int // index of each chart week's Monday (may be negative)

	scanned
}

// Analyze runs SPEC §6 over the window of in.Weeks weeks ending on in.AsOf.
func Analyze(in Input) (*Result, error) {
	a, err := newAnalysis(in)
	if err != nil {
		return nil, err
	}
	a.scan()
	if a.windowEvents == 0 {
		return nil, fmt.Errorf("team %s, %s to %s: %w", a.team.Name,
			a.cal.days[a.winDay].date, a.cal.days[len(a.cal.days)-1].date, ErrNoData)
	}
	r := a.result()
	roundResult(r)
	return r, nil
}

func newAnalysis(in Input) (*analysis, error) {
	t := in.Team
	if len(t.ProductManagers) == 0 && len(t.ProductOwners) == 0 {
		return nil, fmt.Errorf("team %s: %w", t.Name, ErrNoPM)
	}
	if in.Activity == nil {
		return nil, fmt.Errorf("team %s: no activity given: %w", t.Name, ErrNoData)
	}
	if err := teamDefaults(&t); err != nil {
		return nil, err
	}
	a := &analysis{
		act: in.Activity, team: t, th: thresholdDefaults(in.Thresholds), tm: timeModelDefaults(in.TimeModel),
		weeks: in.Weeks, fields: fieldKinds{},
		waiting: newLowerSet(t.WaitingStatuses), inputLabels: newLowerSet(t.InputLabels), ready: newLowerSet(t.ReadyStatuses),
	}
	if a.weeks <= 0 {
		a.weeks = 4
	}
	a.setCalendar(in)
	if err := a.setPeople(in.Bots); err != nil {
		return nil, err
	}
	a.class = classifyIssues(a.act.Issues, t)
	a.storyType = usesStoryType(a.act.Issues, a.class)
	return a, nil
}

// setCalendar lays out the window and the chart weeks. The calendar covers
// from the earlier of the window's start and the first chart week's Monday
// to AsOf.
func (a *analysis) setCalendar(in Input) {
	loc := a.team.Location
	y, m, d := in.AsOf.In(loc).Date()
	last := time.Date(y, m, d, 0, 0, 0, 0, loc)
	winFrom := time.Date(y, m, d-7*a.weeks+1, 0, 0, 0, 0, loc)
	hw := in.HistoryWeeks
	if hw <= 0 {
		hw = 12
	}
	monday := time.Date(y, m, d-(int(last.Weekday())+6)%7-7*(hw-1), 0, 0, 0, 0, loc)
	first := winFrom
	if monday.Before(first) {
		first = monday
	}
	a.cal = newCalendar(a.team, loc, first, last)
	a.winDay = a.cal.dayIndex(winFrom.UnixNano())
	a.winStart = winFrom.UnixNano()
	a.cutoff = a.cal.end()
	if !in.Now.IsZero() && in.Now.UnixNano() < a.cutoff {
		a.cutoff = in.Now.UnixNano()
	}
	for w := 0; w < hw; w++ {
		a.weekDays = append(a.weekDays, a.cal.dayIndex(time.Date(monday.Year(), monday.Month(), monday.Day()+7*w, 0, 0, 0, 0, loc).UnixNano()))
	}
}

// setPeople resolves the configured roles. PMs are assigned first, so a
// person listed as both PM and PO is a PM; bots last, so a listed bot is a
// bot whatever else it is.
func (a *analysis) setPeople(bots []string) error {
	a.pp = newPeople(a.act.People)
	var err error
	if a.pms, err = a.pp.assign(a.team.Name, a.team.ProductManagers, rolePM, ErrPMNotFound); err != nil {
		return err
	}
	if a.pos, err = a.pp.assign(a.team.Name, a.team.ProductOwners, rolePO, ErrPONotFound); err != nil {
		return err
	}
	// A configured engineer who never appears in Jira is harmless: skipped.
	a.pp.assign(a.team.Name, a.team.Engineers, roleEngineer, nil)
	a.pp.engineersConfigured = len(a.team.Engineers) > 0
	a.pp.assign(a.team.Name, bots, roleBot, nil)
	a.subjects = a.pms
	if len(a.pos) > 0 {
		a.subjects = a.pos
	}
	return nil
}
