package analysis

// result assembles the Result from the scan: people, requests, backlog,
// coverage, verdict and the chart weeks.
func (a *analysis) result() *Result {
	pts := a.timeModel()
	last := len(a.cal.days) - 1
	r := &Result{
		Team:   a.team.Name,
		AsOf:   a.cal.days[last].date,
		Window: Window{From: a.cal.days[a.winDay].date, To: a.cal.days[last].date, WorkingDays: a.cal.workingDays(a.winDay, last+1)},
		People: []PersonHours{},
	}
	for _, p := range a.pms {
		r.People = append(r.People, a.personHours(pts[p], "pm"))
	}
	for _, p := range a.pos {
		r.People = append(r.People, a.personHours(pts[p], "po"))
	}
	r.InputRequests = a.reqStats(a.winDay, last+1)
	r.Requests = a.windowRequests()
	w := len(a.backlog.checkpoints) - 1
	ready, sprints := a.readySprints(a.backlog.ready[w], a.backlog.checkpoints[w])
	r.ReadyBacklogSprints = ready
	subj := make([]*personTime, 0, len(a.subjects))
	for _, p := range a.subjects {
		subj = append(subj, pts[p])
	}
	r.Coverage, r.Reliable = a.coverage(subj)
	r.Context = a.context(a.backlog.ready[w], sprints)
	r.Verdict = a.verdict(r, groupOf(subj, a.winDay, last+1))
	r.Weekly = a.weekly(pts)
	return r
}
