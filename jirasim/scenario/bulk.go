package scenario

import (
	"time"

	"github.com/roleload/roleload/model"
)

// bulk adds n delivery issues with short, self-contained lives spread over
// the timeline, for collector tests and benchmarks. Each issue's events
// are generated in time order and touch nothing else.
func (g *gen) bulk(n int) {
	span := g.opts.End.Sub(g.simStart)
	people := append([]string{g.t.pm}, g.t.engineers...)
	for range n {
		created := g.simStart.Add(time.Duration(g.r.Int64N(int64(span) * 9 / 10)))
		author := pick(g.r, people)
		typ, summary := "Story", storySummary(g.r)
		if author != g.t.pm {
			typ, summary = "Bug", bugSummary(g.r)
		}
		is := g.b.create(created, author, g.del, typ, summary, prose(g.r, 300+g.r.IntN(2700)), pick(g.r, g.epics).Key)
		t := created
		step := func() time.Time {
			t = t.Add(time.Duration(10+g.r.IntN(600)) * time.Minute)
			return t
		}
		g.b.change(is, step(), g.t.pm, g.b.setPoints(is, pick(g.r, []float64{1, 2, 3, 5, 8})))
		g.b.change(is, step(), g.t.pm, g.b.setPriority(is, pick(g.r, priorities)))
		eng := pick(g.r, g.t.engineers)
		for _, st := range []string{"In Progress", "In Review", "Done"}[:g.r.IntN(4)] {
			at := step()
			items := g.b.setStatus(is, at, st)
			if st == "In Progress" {
				items = append(items, g.b.setAssignee(is, eng))
			}
			g.b.change(is, at, eng, items...)
			if st == "In Progress" {
				logged := step()
				g.b.worklog(is, eng, logged.Add(-3*time.Hour), 3*3600-600, logged)
			}
		}
		for range g.r.IntN(4) {
			at := step()
			g.b.comment(is, at, pick(g.r, people), pick(g.r, routine))
		}
		if g.r.IntN(5) == 0 {
			at := step()
			g.b.change(is, at, g.t.pm, g.b.setDescription(is, resize(g, is.Description, 100+g.r.IntN(400))))
		}
		g.clampEnd(is)
	}
}

// clampEnd drops a bulk issue's events that would fall after End; the
// issue's final state must be what its remaining histories lead to, so
// such issues are rebuilt without the tail by simply never reaching it:
// events after End are removed together with their effect.
func (g *gen) clampEnd(is *model.Issue) {
	if !is.Updated.After(g.opts.End) {
		return
	}
	// Shift the whole life of the issue back so that it ends before End.
	shift := is.Updated.Sub(g.opts.End) + time.Hour
	is.Created = is.Created.Add(-shift)
	is.Updated = is.Updated.Add(-shift)
	if !is.Resolved.IsZero() {
		is.Resolved = is.Resolved.Add(-shift)
	}
	for i := range g.b.hists[is.ID] {
		g.b.hists[is.ID][i].Created = g.b.hists[is.ID][i].Created.Add(-shift)
	}
	for i := range g.b.comments[is.ID] {
		c := &g.b.comments[is.ID][i]
		c.Created, c.Updated = c.Created.Add(-shift), c.Updated.Add(-shift)
	}
	for i := range g.b.worklogs[is.ID] {
		w := &g.b.worklogs[is.ID][i]
		w.Started, w.Created, w.Updated = w.Started.Add(-shift), w.Created.Add(-shift), w.Updated.Add(-shift)
	}
}

// edgeIssues are the issues that make a collector page: more than 150
// histories, more than 70 comments, more than 30 worklogs.
func (g *gen) edgeIssues() {
	start := g.simStart.Add(8 * time.Hour)
	step := g.opts.End.Sub(start) / 200
	long := g.b.create(start, g.t.pm, g.del, "Story", fit("Long-lived story: checkout redesign umbrella", 30, 80), prose(g.r, 800), "")
	for i := range 160 {
		at := start.Add(time.Duration(i+1) * step)
		switch i % 4 {
		case 0:
			g.b.change(long, at, g.t.pm, g.b.rank(long, i%8 == 0))
		case 1:
			g.b.change(long, at, g.t.pm, g.b.setPriority(long, priorities[i%5]))
		case 2:
			g.b.change(long, at, g.t.pm, g.b.setPoints(long, float64(1+i%8)))
		default:
			g.b.change(long, at, g.t.pm, g.b.setLabels(long, []string{[]string{"frontend", "backend", "api"}[i%3]}))
		}
	}
	chatty := g.b.create(start, g.t.engineers[0], g.del, "Bug", fit("Intermittent 502 from the payment gateway", 30, 80), prose(g.r, 600), "")
	for i := range 75 {
		at := start.Add(time.Duration(i+1) * step * 2)
		g.b.comment(chatty, at, g.t.engineers[i%len(g.t.engineers)], pick(g.r, routine))
	}
	logged := g.b.create(start, g.t.engineers[1], g.del, "Story", fit("Migrate card vault to the new provider", 30, 80), prose(g.r, 900), "")
	for i := range 35 {
		at := start.Add(time.Duration(i+1) * step * 5)
		g.b.worklog(logged, g.t.engineers[1], at.Add(-2*time.Hour), 7200-300, at)
	}
}
