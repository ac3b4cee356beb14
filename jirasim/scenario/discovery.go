package scenario

import (
	"time"

	"github.com/roleload/roleload/model"
)

// discover: research, interviews or synthesis that leaves few events: one
// to three notes of 400-1400 characters on an idea (its description or a
// comment), after 3 minutes of getting started, saved as the PM saves.
// Some sessions start a new idea or a research spike under the discovery
// epic; some end by moving or ranking the idea.
func (g *gen) discover(day, from, until time.Time) {
	notes := make([]int, 1+g.r.IntN(3))
	for i := range notes {
		notes[i] = 400 + g.r.IntN(1000)
	}
	chunks, ms := g.writing(3, notes, 380)
	var target *model.Issue
	kind := g.r.IntN(10)
	if kind >= 3 || len(g.ideas) == 0 {
		target = pick(g.r, g.ideas)
	}
	tail := g.r.IntN(3) == 0
	if tail {
		ms = append(ms, ms[len(ms)-1]+40.0/60)
	}
	ts, ok := g.task(day, from, until, ms, "discovery", "", "discovery")
	if !ok {
		return
	}
	for i, c := range chunks {
		t := ts[i]
		g.at(t, func() {
			if i == 0 && target == nil {
				target = g.startResearch(t, c, kind)
				return
			}
			g.researchNote(target, t, c)
		})
	}
	if tail {
		end := ts[len(ts)-1]
		g.at(end, func() {
			if target.Status == "Parking lot" {
				g.b.change(target, end, g.t.pm, g.b.setStatus(target, end, "Discovery")...)
			} else {
				g.b.change(target, end, g.t.pm, g.b.rank(target, true))
			}
		})
	}
}

// maxNewDescription keeps a new issue's description inside the 300-3000
// characters every generated issue has; a longer first note overflows
// into a comment a few seconds later.
const maxNewDescription = 2800

// startResearch creates a new idea, or a spike story under the discovery
// epic (discovery by its label and its parent), with size characters.
func (g *gen) startResearch(t time.Time, size, kind int) *model.Issue {
	var is *model.Issue
	if kind == 0 {
		s := fit("Spike: interview 5 shoppers who abandoned at payment", 30, 80)
		is = g.b.create(t, g.t.pm, g.del, "Story", s, prose(g.r, min(size-len(s), maxNewDescription)), g.discEpic.Key)
		is.Labels = []string{"discovery"}
	} else {
		s := ideaSummary(g.r)
		is = g.b.create(t, g.t.pm, g.disc, "Idea", s, prose(g.r, min(size-len(s), maxNewDescription)), "")
		g.ideas = append(g.ideas, is)
	}
	if rest := size - len(is.Summary) - len(is.Description); rest > 0 {
		// Written now, not queued: the queue runs in an order fixed before
		// this action ran, and the issue's next event is minutes away.
		g.b.comment(is, t.Add(5*time.Second), g.t.pm, prose(g.r, rest))
	}
	return is
}

// researchNote saves size characters of research as a description edit,
// when the description can take them, or a comment.
func (g *gen) researchNote(is *model.Issue, t time.Time, size int) {
	if g.r.IntN(2) == 0 && (len(is.Description)+size <= 3000 || len(is.Description)-size >= 300) {
		g.b.change(is, t, g.t.pm, g.b.setDescription(is, resize(g, is.Description, size)))
		return
	}
	g.b.comment(is, t, g.t.pm, prose(g.r, size))
}
