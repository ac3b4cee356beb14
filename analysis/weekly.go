package analysis

import "fmt"

// weekly computes the chart weeks' figures (SPEC §7.1), oldest first. The
// hours are the PMs' (the POs' when the team has no PM): the chart is the
// PM's time split. The last week ends at the cutoff.
func (a *analysis) weekly(pts map[int32]*personTime) []WeekMeasures {
	who := a.pms
	if len(who) == 0 {
		who = a.pos
	}
	group := make([]*personTime, 0, len(who))
	for _, p := range who {
		group = append(group, pts[p])
	}
	out := make([]WeekMeasures, 0, len(a.weekDays))
	for w, from := range a.weekDays {
		to := min(from+7, len(a.cal.days))
		g := groupOf(group, from, to)
		ir := a.reqStats(from, to)
		year, week := a.cal.days[from].monday.ISOWeek()
		ready, _ := a.readySprints(a.backlog.ready[w], a.backlog.checkpoints[w])
		out = append(out, WeekMeasures{
			Week:                fmt.Sprintf("%04d-W%02d", year, week),
			Start:               a.cal.days[from].date,
			Hours:               hoursOf(g.est),
			DiscoveryShare:      g.discoveryShare(),
			AfterHoursShare:     g.afterHoursShare(),
			Requests:            ir.Total,
			DaysWithRequests:    ir.DaysWithRequests,
			WorkingDays:         ir.WorkingDays,
			ResponseHoursP50:    ir.ResponseHoursP50,
			ResponseHoursP90:    ir.ResponseHoursP90,
			ReadyBacklogSprints: ready,
		})
	}
	return out
}
