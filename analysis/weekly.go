package analysis

import "fmt"

// weekly computes the chart weeks' figures (SPEC §7.1), oldest first. The
// hours are the PMs' (the POs' when the team has no PM): the chart is the
// PM's time split. The last week ends at the cutoff.
func weekly(f *frame, c *cast, pts map[int32]*personTime, clock requestClock, col collected) []WeekMeasures {
	who := c.pms
	if len(who) == 0 {
		who = c.pos
	}
	group := make([]*personTime, 0, len(who))
	for _, p := range who {
		group = append(group, pts[p])
	}
	out := make([]WeekMeasures, 0, len(f.weekDays))
	b := col.backlog
	for w, from := range f.weekDays {
		to := min(from+7, len(f.cal.days))
		g := groupOf(group, from, to)
		ir := clock.reqStats(col.requests, from, to)
		year, week := f.cal.days[from].monday.ISOWeek()
		ready, _ := b.readySprints(b.ready[w], b.checkpoints[w])
		out = append(out, WeekMeasures{
			Week:                fmt.Sprintf("%04d-W%02d", year, week),
			Start:               f.cal.days[from].date,
			Hours:               hoursOf(g.est),
			CalendarHours:       hoursOf(g.cal),
			MeetingHours:        g.meetings,
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
