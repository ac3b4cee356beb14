package analysis

import (
	"time"

	"github.com/roleload/roleload/analysis/signal"
	"github.com/roleload/roleload/model"
)

// measures is what the measure stage hands to judge: the Result without
// its verdict, and the verdict subjects' time over the window.
type measures struct {
	result      *Result
	subject     groupTime // the verdict subjects' time over the window
	subjectName string    // "the PM (Name)", for reasons
	names       string    // the subjects' names, for why an unknown signal is unknown
	ready       []string  // the team's ready statuses
	unknown     map[signal.Name]bool
	po          bool // the team has a PO: the verdict speaks of the PO's load
	weeks       int
}

// measure is the measure stage (SPEC §6.5): people's hours, input
// requests, the ready backlog, coverage, context and the chart weeks.
func measure(f *frame, c *cast, col collected, pts map[int32]*personTime, src sources, act *model.Activity, unansweredAfter float64) *measures {
	cal := f.cal
	last := len(cal.days) - 1
	clock := requestClock{cal: cal, cutoff: f.cutoff, after: unansweredAfter, nextDay: f.team.OffDayRequests == OffDayNextWorkingDay}
	r := &Result{
		Team:   f.team.Name,
		AsOf:   cal.days[last].date,
		Window: Window{From: cal.days[f.winDay].date, To: cal.days[last].date, WorkingDays: cal.workingDays(f.winDay, last+1)},
		People: []PersonHours{},
	}
	for _, p := range c.pms {
		r.People = append(r.People, personHours(f, c.pp, pts[p], "pm", act.ChangelogsComplete))
	}
	for _, p := range c.pos {
		r.People = append(r.People, personHours(f, c.pp, pts[p], "po", act.ChangelogsComplete))
	}
	r.InputRequests = clock.reqStats(col.requests, f.winDay, last+1)
	r.Requests = clock.windowRequests(col.requests, f.winStart, act.Issues, c.pp)
	b := col.backlog
	w := len(b.checkpoints) - 1
	ready, sprints := b.readySprints(b.ready[w], b.checkpoints[w])
	r.ReadyBacklogSprints = ready
	subj := make([]*personTime, 0, len(c.subjects))
	for _, p := range c.subjects {
		subj = append(subj, pts[p])
	}
	r.Coverage, r.Reliable = coverage(f, subj, act.ChangelogsComplete)
	r.Context = teamContext(f, c, col, b.ready[w], sprints)
	r.Weekly = weekly(f, c, pts, clock, col)
	r.Timeline = timeline(f, c, pts, act.Issues)
	return &measures{result: r, subject: groupOf(subj, f.winDay, last+1), subjectName: subjectName(c),
		names: subjectNames(c), ready: f.team.ReadyStatuses, unknown: unknownSignals(f, c, src, pts, r.InputRequests),
		po: len(c.pos) > 0, weeks: f.weeks}
}

// subjectName names whose load the verdict speaks of, for reasons.
func subjectName(c *cast) string {
	role := "PM"
	if len(c.pos) > 0 {
		role = "PO"
	}
	var names []string
	for _, p := range c.subjects {
		names = append(names, c.pp.name(p))
	}
	return signal.Who(role, names)
}

// catSum is time per category over some days, in hours.
type catSum [numCats]float64

func (c catSum) storyWriting() float64 { return c[catAuthoring] + c[catRefinement] + c[catAnswering] }

func (c catSum) total() float64 { return c.storyWriting() + c[catDiscovery] + c[catOther] }

// sumDays adds up per-day time over the days [from, to), in hours.
func sumDays(d dayCats, from, to int) catSum {
	var s catSum
	for i := from; i < to; i++ {
		for c := range numCats {
			s[c] += float64(d[i][c]) / float64(time.Hour)
		}
	}
	return s
}

// sumOutside adds up per-day nanoseconds over the days [from, to), in hours.
func sumOutside(o []int64, from, to int) float64 {
	var s int64
	for i := from; i < to; i++ {
		s += o[i]
	}
	return float64(s) / float64(time.Hour)
}

// groupTime is the combined time of several people over some days: with
// several PMs the verdict reads their sums (shares come from the sums).
// est is Jira and calendar time; cal its calendar part; low and high the
// Jira part of the range, to which the calendar part is added at both ends.
type groupTime struct {
	est, cal, low, high catSum
	outside, meetings   float64
}

func groupOf(pts []*personTime, from, to int) groupTime {
	var g groupTime
	for _, pt := range pts {
		e, l, h := sumDays(pt.est, from, to), sumDays(pt.low, from, to), sumDays(pt.high, from, to)
		var k catSum
		if pt.cal != nil {
			k = sumDays(pt.cal, from, to)
		}
		for c := range numCats {
			g.est[c] += e[c]
			g.cal[c] += k[c]
			g.low[c] += l[c] + k[c]
			g.high[c] += h[c] + k[c]
		}
		g.outside += sumOutside(pt.outside, from, to)
		g.meetings += sumOutside(pt.meetings, from, to)
	}
	return g
}

// bySource splits the group's hours by source (SPEC §8.2).
func (g groupTime) bySource() HoursBySource {
	return HoursBySource{
		// Calendar "other" time (meetings) is never on the timeline, so
		// hours "other" are all Jira's.
		Jira: SourceHours{StoryWriting: g.est.storyWriting() - g.cal.storyWriting(), Discovery: g.est[catDiscovery] - g.cal[catDiscovery],
			Other: g.est[catOther]},
		Calendar: SourceHours{StoryWriting: g.cal.storyWriting(), Discovery: g.cal[catDiscovery], Other: g.meetings},
	}
}

func (g groupTime) discoveryShare() *float64 {
	return ratio(g.est[catDiscovery], g.est.storyWriting()+g.est[catDiscovery])
}

func (g groupTime) afterHoursShare() *float64 { return ratio(g.outside, g.est.total()) }

// ratio is num/den, nil when den is zero (not measurable, not zero).
func ratio(num, den float64) *float64 {
	if den <= 0 {
		return nil
	}
	v := num / den
	return &v
}

func hoursOf(c catSum) Hours {
	return Hours{StoryWriting: c.storyWriting(), Discovery: c[catDiscovery], Other: c[catOther],
		Authoring: c[catAuthoring], Refinement: c[catRefinement], Answering: c[catAnswering]}
}

// personHours is one PM's or PO's entry of Result.People over the window.
func personHours(f *frame, pp *people, pt *personTime, role string, changelogsComplete bool) PersonHours {
	g := groupOf([]*personTime{pt}, f.winDay, len(f.cal.days))
	p := &pp.list[pt.person]
	cov, _ := coverage(f, []*personTime{pt}, changelogsComplete)
	return PersonHours{
		ID: p.ID, Name: pp.name(pt.person), Role: role,
		Hours: hoursOf(g.est),
		HoursRange: HoursRange{
			Low:  SplitHours{StoryWriting: g.low.storyWriting(), Discovery: g.low[catDiscovery]},
			High: SplitHours{StoryWriting: g.high.storyWriting(), Discovery: g.high[catDiscovery]},
		},
		HoursBySource:            g.bySource(),
		MeetingHours:             g.meetings,
		DiscoveryShare:           g.discoveryShare(),
		AfterHoursShare:          g.afterHoursShare(),
		StoryWritingHoursPerWeek: g.est.storyWriting() / float64(f.weeks),
		Coverage:                 &cov,
	}
}

// coverage is over the verdict's subjects: the lowest active-day share
// (one PM seen on few days makes the combined split doubtful) and the
// share of their window events that fell in no category. Incomplete
// changelogs also make the split unreliable: edits are missing from it.
func coverage(f *frame, subj []*personTime, changelogsComplete bool) (Coverage, bool) {
	wd := f.cal.workingDays(f.winDay, len(f.cal.days))
	c := Coverage{PMActiveDayShare: 1, ChangelogsComplete: changelogsComplete}
	events, other := 0, 0
	for _, pt := range subj {
		n := 0
		for i := f.winDay; i < len(f.cal.days); i++ {
			if pt.active[i] && f.cal.days[i].working {
				n++
			}
		}
		share := 0.0
		if wd > 0 {
			share = float64(n) / float64(wd)
		}
		c.PMActiveDayShare = min(c.PMActiveDayShare, share)
		events += pt.events
		other += pt.otherEvents
	}
	if len(subj) == 0 {
		c.PMActiveDayShare = 0
	}
	if events > 0 {
		c.UnclassifiedShare = float64(other) / float64(events)
	}
	return c, c.Reliable()
}

// context is the background figures of SPEC §6.5.
func teamContext(f *frame, c *cast, col collected, ready int, sprintsUsed bool) Context {
	pp := c.pp
	eng := 0
	for i, active := range col.engineers {
		if active && pp.isEngineer(int32(i)) {
			eng++
		}
	}
	if pp.engineersConfigured {
		// Configured engineers count whether or not they were active.
		eng = 0
		for _, r := range pp.role {
			if r == roleEngineer {
				eng++
			}
		}
	}
	cx := Context{Engineers: eng, ReadyStories: ready, SprintsUsed: sprintsUsed,
		StoriesCreatedByPMPerWeek: float64(col.createdByPM) / float64(f.weeks),
		StoriesResolvedPerWeek:    float64(col.backlog.resolvedInWindow) / float64(f.weeks)}
	if n := len(c.pms); n > 0 {
		cx.EngineersPerPM = float64(eng) / float64(n)
	}
	return cx
}
