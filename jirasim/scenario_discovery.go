package jirasim

import (
	"time"

	"github.com/roleload/roleload/model"
)

// discover: 15-120 minutes of research, interviews or synthesis that
// leaves few events: one to three saves (an idea's description or a
// comment), each worth the time since the previous one. Some sessions
// start a new idea or a research spike under the discovery epic.
func (g *gen) discover(day, from, until time.Time) {
	segs := make([]float64, 1+g.r.IntN(3))
	total := 0.0
	for i := range segs {
		segs[i] = 15 + 25*g.r.Float64()
		total += segs[i]
	}
	start, ok := g.book(day, from, until, mins(total+1))
	if !ok {
		return
	}
	var target *model.Issue
	kind := g.r.IntN(10)
	if kind >= 3 || len(g.ideas) == 0 {
		target = pick(g.r, g.ideas)
	}
	at := start
	for i, seg := range segs {
		at = at.Add(mins(seg))
		t, seg, first := at, seg, i == 0
		g.at(t, func() {
			if first && target == nil {
				target = g.startResearch(t, seg, kind)
				return
			}
			g.researchNote(target, t, seg)
		})
	}
	end := at
	if g.r.IntN(3) == 0 {
		end = at.Add(40 * time.Second)
		g.at(end, func() {
			if target.Status == "Parking lot" {
				g.b.change(target, end, g.t.pm, g.b.setStatus(target, end, "Discovery")...)
			} else {
				g.b.change(target, end, g.t.pm, g.b.rank(target, true))
			}
		})
	}
	g.span(start, end, "discovery", "", "discovery", "")
}

// startResearch creates a new idea, or a spike story under the discovery
// epic (discovery by its label and its parent), written over seg minutes.
func (g *gen) startResearch(t time.Time, seg float64, kind int) *model.Issue {
	size := int((seg - 5) * composeRate * g.noise())
	if kind == 0 {
		s := fit("Spike: interview 5 shoppers who abandoned at payment", 30, 80)
		is := g.b.create(t, g.t.pm, g.del, "Story", s, prose(g.r, max(300, size-len(s))), g.discEpic.Key)
		is.Labels = []string{"discovery"}
		return is
	}
	s := ideaSummary(g.r)
	is := g.b.create(t, g.t.pm, g.disc, "Idea", s, prose(g.r, max(300, size-len(s))), "")
	g.ideas = append(g.ideas, is)
	return is
}

// researchNote saves seg minutes of research as a description edit or a
// comment, sized by the writing model.
func (g *gen) researchNote(is *model.Issue, t time.Time, seg float64) {
	if g.r.IntN(2) == 0 {
		delta := int((seg - 3) * composeRate * g.noise())
		if len(is.Description)+delta <= 3000 || len(is.Description)-delta >= 300 {
			g.b.change(is, t, g.t.pm, g.b.setDescription(is, resize(g, is.Description, delta)))
			return
		}
	}
	size := int((seg - 2) * composeRate * g.noise())
	g.b.comment(is, t, g.t.pm, prose(g.r, size))
}
