package scenario

import (
	"fmt"
	"math"
	"math/rand/v2"
)

// Habits are how one PM works, as far as it changes what Jira sees.
// SPEC §6.3 models one person: composes 40 characters a minute, saves each
// piece of writing once, at its end, works through a task without pauses
// and leaves more than the idle gap (15 min) between tasks. Real people
// differ in each; the generator plays any of them, so that the analysis is
// measured against people rather than against its own model.
type Habits struct {
	// ComposeRate is characters a minute of composing, its reading and
	// thinking included (the model assumes 40).
	ComposeRate float64
	// Pauses is interruptions (a call, a meeting, a colleague at the desk)
	// per hour of a task's work, at most three in one task, each
	// PauseMinutes long. A pause is not work: the truth leaves it out.
	Pauses       float64
	PauseMinutes [2]float64
	// SaveEvery is the minutes of writing between two saves; 0 saves once,
	// at the end. A story saved several times is created with its first
	// part and completed by description edits.
	SaveEvery float64
	// OffJira is the share of writing tasks (stories, reworks, research
	// notes) drafted elsewhere, in a doc or a notes app, and pasted into
	// Jira. The truth counts only the minutes spent in Jira, while the
	// event carries the whole text.
	OffJira float64
	// TaskGap is the range of minutes between two tasks, drawn per task.
	TaskGap [2]float64
}

// modelHabits are the model's own assumptions; the "load" scenario, which
// measures volume rather than accuracy, uses them.
func modelHabits() Habits {
	return Habits{ComposeRate: composeRate, PauseMinutes: [2]float64{5, 40}, TaskGap: [2]float64{25, 25}}
}

// DrawHabits draws the habits of one person out of a varied population,
// deterministically from seed, for measuring how often the analysis is
// right about people (SPEC §6.5's uncertainty claims). The ranges are
// what a PM plausibly does, not what suits the model: 15-120 characters a
// minute (log-uniform, so a slow thinker is as likely as a fast typist),
// up to 1.5 interruptions an hour, half the people saving once and half
// every 5-30 minutes, up to 30% of writing drafted elsewhere, and tasks
// from 2 minutes to 2 hours apart.
func DrawHabits(seed int64) Habits {
	r := rand.New(rand.NewPCG(uint64(seed), 0x68616269747321))
	lo := 2 + 18*r.Float64()
	h := Habits{
		ComposeRate:  15 * math.Pow(8, r.Float64()),
		Pauses:       1.5 * r.Float64(),
		PauseMinutes: [2]float64{5, 15 + 25*r.Float64()},
		OffJira:      0.3 * r.Float64() * r.Float64(),
		TaskGap:      [2]float64{lo, lo + 10 + 90*r.Float64()},
	}
	if r.IntN(2) == 0 {
		h.SaveEvery = 5 + 25*r.Float64()
	}
	return h
}

func (h Habits) validate() error {
	switch {
	case !(h.ComposeRate > 0):
		return fmt.Errorf("habits: compose rate %v, want > 0", h.ComposeRate)
	case h.Pauses < 0 || h.PauseMinutes[0] < 0 || h.PauseMinutes[1] < h.PauseMinutes[0]:
		return fmt.Errorf("habits: pauses %v of %v minutes", h.Pauses, h.PauseMinutes)
	case h.SaveEvery < 0:
		return fmt.Errorf("habits: save every %v minutes", h.SaveEvery)
	case h.OffJira < 0 || h.OffJira > 1:
		return fmt.Errorf("habits: off-Jira share %v, want 0..1", h.OffJira)
	case h.TaskGap[0] < 0 || h.TaskGap[1] < h.TaskGap[0]:
		return fmt.Errorf("habits: task gap %v minutes", h.TaskGap)
	}
	return nil
}

// rate is the PM's pace for one piece of writing: their own rate ±10%,
// so the model is not exact even for a person who matches it on average.
func (g *gen) rate() float64 { return g.h.ComposeRate * (0.9 + 0.2*g.r.Float64()) }

// pasted says whether this piece of writing was drafted outside Jira.
func (g *gen) pasted() bool { return g.r.Float64() < g.h.OffJira }

// pasteMinutes is the Jira time of pasting a draft: open, paste, tidy.
func (g *gen) pasteMinutes() float64 { return 1 + 3*g.r.Float64() }

func (g *gen) taskGap() float64 {
	return g.h.TaskGap[0] + g.r.Float64()*(g.h.TaskGap[1]-g.h.TaskGap[0])
}

// chunks splits text characters into the parts saved one after another:
// one part per SaveEvery minutes of writing (at most six), the first at
// least first characters (a created story needs its description).
func (g *gen) chunks(text, first int, rate float64) []int {
	n := 1
	if g.h.SaveEvery > 0 {
		n = int(math.Round(float64(text) / rate / g.h.SaveEvery))
		n = min(max(n, 1), 6, max(1, text/first))
	}
	out := make([]int, n)
	left := text
	for i := range out[:n-1] {
		// Parts of about equal writing time, ±30%.
		c := int(float64(text) / float64(n) * (0.7 + 0.6*g.r.Float64()))
		if i == 0 {
			c = max(c, first)
		}
		c = min(c, left-(n-1-i)*first/2)
		out[i], left = c, left-c
	}
	out[n-1] = left
	return out
}

// marks are the moments (minutes into the work) at which each chunk is
// saved, after overhead minutes of getting started.
func marks(overhead float64, chunks []int, rate float64) []float64 {
	out := make([]float64, len(chunks))
	at := overhead
	for i, c := range chunks {
		at += float64(c) / rate
		out[i] = at
	}
	return out
}

// writing lays out pieces of writing (a story, or a session's notes),
// each of so many characters, after overhead minutes of getting started:
// the chunks saved one after another and the minutes into the work at
// which each is saved. Each piece is saved at least once, at its end; the
// first chunk has at least first characters. Drafts made elsewhere are
// pasted, a piece in a few minutes.
func (g *gen) writing(overhead float64, pieces []int, first int) ([]int, []float64) {
	var chunks []int
	var ms []float64
	at := overhead
	if g.pasted() {
		at = 0
		for _, p := range pieces {
			at += g.pasteMinutes()
			chunks, ms = append(chunks, p), append(ms, at)
		}
		return chunks, ms
	}
	for i, p := range pieces {
		// Fewer than 60 characters is not worth a save.
		least := 60
		if i == 0 {
			least = max(least, first)
		}
		rate := g.rate()
		cs := g.chunks(p, least, rate)
		ms = append(ms, marks(at, cs, rate)...)
		chunks, at = append(chunks, cs...), ms[len(ms)-1]
	}
	return chunks, ms
}
