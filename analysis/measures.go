package analysis

import (
	"time"
)

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

func sumOutside(o []int64, from, to int) float64 {
	var s int64
	for i := from; i < to; i++ {
		s += o[i]
	}
	return float64(s) / float64(time.Hour)
}

// groupTime is the combined time of several people over some days: with
// several PMs the verdict reads their sums (shares come from the sums).
type groupTime struct {
	est, low, high catSum
	outside        float64
}

func groupOf(pts []*personTime, from, to int) groupTime {
	var g groupTime
	for _, pt := range pts {
		e, l, h := sumDays(pt.est, from, to), sumDays(pt.low, from, to), sumDays(pt.high, from, to)
		for c := range numCats {
			g.est[c] += e[c]
			g.low[c] += l[c]
			g.high[c] += h[c]
		}
		g.outside += sumOutside(pt.outside, from, to)
	}
	return g
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
func (a *analysis) personHours(pt *personTime, role string) PersonHours {
	g := groupOf([]*personTime{pt}, a.winDay, len(a.cal.days))
	p := &a.pp.list[pt.person]
	cov, _ := a.coverage([]*personTime{pt})
	return PersonHours{
		ID: p.ID, Name: a.pp.name(pt.person), Role: role,
		Hours: hoursOf(g.est),
		HoursRange: HoursRange{
			Low:  SplitHours{StoryWriting: g.low.storyWriting(), Discovery: g.low[catDiscovery]},
			High: SplitHours{StoryWriting: g.high.storyWriting(), Discovery: g.high[catDiscovery]},
		},
		DiscoveryShare:           g.discoveryShare(),
		AfterHoursShare:          g.afterHoursShare(),
		StoryWritingHoursPerWeek: g.est.storyWriting() / float64(a.weeks),
		Coverage:                 &cov,
	}
}

// coverage is over the verdict's subjects: the lowest active-day share
// (one PM seen on few days makes the combined split doubtful) and the
// share of their window events that fell in no category. Incomplete
// changelogs also make the split unreliable: edits are missing from it.
func (a *analysis) coverage(subj []*personTime) (Coverage, bool) {
	wd := a.cal.workingDays(a.winDay, len(a.cal.days))
	c := Coverage{PMActiveDayShare: 1, ChangelogsComplete: a.act.ChangelogsComplete}
	events, other := 0, 0
	for _, pt := range subj {
		n := 0
		for i := a.winDay; i < len(a.cal.days); i++ {
			if pt.active[i] && a.cal.days[i].working {
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
func (a *analysis) context(ready int, sprintsUsed bool) Context {
	eng := 0
	for i, active := range a.engineers {
		if active && a.pp.isEngineer(int32(i)) {
			eng++
		}
	}
	if a.pp.engineersConfigured {
		// Configured engineers count whether or not they were active.
		eng = 0
		for _, r := range a.pp.role {
			if r == roleEngineer {
				eng++
			}
		}
	}
	c := Context{Engineers: eng, ReadyStories: ready, SprintsUsed: sprintsUsed,
		StoriesCreatedByPMPerWeek: float64(a.createdByPM) / float64(a.weeks),
		StoriesResolvedPerWeek:    float64(a.resolvedInWindow) / float64(a.weeks)}
	if n := len(a.pms); n > 0 {
		c.EngineersPerPM = float64(eng) / float64(n)
	}
	return c
}
