package scenario

import (
	"slices"
	"time"

	"github.com/roleload/roleload/model"
)

// openRequest is an input request from its planning to its answer. While
// it exists nobody but the requester's pings touches the issue, and the
// PM touches it only to answer, so the answer is the PM's first event on
// the issue after it opened.
type openRequest struct {
	issue    *model.Issue
	eng      string
	rule     string
	opened   time.Time
	answerAt time.Time // wanted; zero: never answered
	evening  bool
	pings    int
}

var questions = []string{
	"should the voucher apply before or after shipping costs?",
	"do we show the declined reason to the customer or only a generic message?",
	"is the saved card the default for returning customers, or opt-in?",
	"which markets need this first, DE only or all of DACH?",
	"the design shows two buttons here, which one is the primary action?",
}

// planRequests opens the day's input requests on issues engineers are
// working on, by the six rules of SPEC §6.4, between 09:20 and 16:40.
func (g *gen) planRequests(day time.Time) {
	if g.r.Float64() >= g.p.requestDays {
		return
	}
	type cand struct {
		is  *model.Issue
		eng string
	}
	var cands []cand
	for _, e := range g.t.engineers {
		for _, is := range g.wip[e] {
			if is.Status == "In Progress" && is.AssigneeID == e && g.openReq[is.ID] == nil {
				cands = append(cands, cand{is, e})
			}
		}
	}
	g.r.Shuffle(len(cands), func(i, j int) { cands[i], cands[j] = cands[j], cands[i] })
	n := g.p.requestsADay[0] + g.r.IntN(g.p.requestsADay[1]-g.p.requestsADay[0]+1)
	for i := 0; i < n && i < len(cands); i++ {
		t := g.minutes(day, 9, 20, 440)
		g.request(cands[i].is, cands[i].eng, t)
	}
}

func (g *gen) request(is *model.Issue, eng string, t time.Time) {
	rules := []string{"mention", "mention", "mention", "question", "question", "question",
		"waiting_status", "waiting_status", "assigned", "flagged", "input_label"}
	rule := pick(g.r, rules)
	if rule == "question" && is.ReporterID != g.t.pm {
		rule = "mention" // a '?' counts only on issues the PM reported or holds
	}
	req := &openRequest{issue: is, eng: eng, rule: rule, opened: t}
	g.openReq[is.ID] = req
	if g.r.Float64() >= g.p.unanswered {
		wh := g.p.answerWH[0] + g.r.Float64()*(g.p.answerWH[1]-g.p.answerWH[0])
		req.answerAt = g.cal.addWorkingHours(t, wh)
		if g.r.Float64() < g.p.answerEvening {
			req.evening = true
			d := g.cal.day(req.answerAt)
			req.answerAt = g.minutes(d, 19, 30, 150)
		}
		key := g.cal.day(req.answerAt).Format(time.DateOnly)
		g.answers[key] = append(g.answers[key], req)
	}
	g.truth.InputRequests = append(g.truth.InputRequests, TrueRequest{IssueKey: is.Key, Requester: eng, Rule: rule, Opened: t})
	g.at(t, func() {
		switch rule {
		case "mention":
			g.b.comment(is, t, eng, g.b.mention[g.t.pm]+" quick one: "+pick(g.r, questions), g.t.pm)
		case "question":
			g.b.comment(is, t, eng, "Before I go on: "+pick(g.r, questions))
		case "waiting_status":
			g.b.change(is, t, eng, g.b.setStatus(is, t, "Needs Info")...)
		case "assigned":
			g.b.change(is, t, eng, g.b.setAssignee(is, g.t.pm))
		case "flagged":
			g.b.change(is, t, eng, g.b.setFlag(is, true))
		case "input_label":
			g.b.change(is, t, eng, g.b.addLabel(is, pick(g.r, []string{"needs-info", "needs-product"})))
		}
	})
}

// answerItems undoes what the request changed, as the PM does when
// answering.
func (g *gen) answerItems(req *openRequest, at time.Time) []model.HistoryItem {
	is := req.issue
	switch req.rule {
	case "waiting_status":
		return g.b.setStatus(is, at, "In Progress")
	case "assigned":
		return []model.HistoryItem{g.b.setAssignee(is, req.eng)}
	case "flagged":
		return []model.HistoryItem{g.b.setFlag(is, false)}
	case "input_label":
		var items []model.HistoryItem
		for _, l := range []string{"needs-info", "needs-product"} {
			if slices.Contains(is.Labels, l) {
				items = append(items, g.b.removeLabel(is, l))
			}
		}
		return items
	}
	return nil
}

// planDecoys adds events that look like input requests but are not, and
// pings on requests already open (which must not open a second one).
func (g *gen) planDecoys(day time.Time) {
	key := day.Format(time.DateOnly)
	var open []*openRequest
	for _, req := range g.openReq {
		open = append(open, req)
	}
	// Map order is random; the data must not be.
	slices.SortFunc(open, func(a, b *openRequest) int { return a.opened.Compare(b.opened) })
	for _, req := range open {
		// Pings come only on days the answer is not due, so they fall
		// while the request is still open.
		if req.opened.Before(day) && req.pings < 2 && (req.answerAt.IsZero() || g.cal.day(req.answerAt).Format(time.DateOnly) != key) && g.r.IntN(4) == 0 {
			req.pings++
			t, is, eng := g.minutes(day, 9, 30, 60), req.issue, req.eng
			g.at(t, func() { g.b.comment(is, t, eng, g.b.mention[g.t.pm]+" friendly ping on this one?", g.t.pm) })
			g.decoy(is, t, "ping while a request is already open")
		}
	}
	if g.r.IntN(2) == 0 {
		return
	}
	var pmStories, bugs []*model.Issue
	for _, e := range g.t.engineers {
		for _, is := range g.wip[e] {
			if g.openReq[is.ID] == nil && is.AssigneeID == e && is.Status == "In Progress" {
				if is.ReporterID == g.t.pm {
					pmStories = append(pmStories, is)
				} else {
					bugs = append(bugs, is)
				}
			}
		}
	}
	t := g.minutes(day, 9, 30, 420)
	eng := pick(g.r, g.t.engineers)
	other := g.t.engineers[(slices.Index(g.t.engineers, eng)+1)%len(g.t.engineers)]
	switch kind := g.r.IntN(7); {
	case kind <= 3 && len(pmStories) > 0:
		is := pick(g.r, pmStories)
		body, why := []string{
			"Repro steps:\n{code}curl -s 'https://api.example.com/v1/cart?id=42&debug=true'{code}\nFixed by the last commit.",
			"The log line was:\n{noformat}WARN coupon? missing for basket 42{noformat}\nHandled now.",
			"Dashboard for this: https://grafana.example.com/d/checkout?orgId=1&from=now-6h shows the drop is gone.",
			"{quote}Can we drop the legacy flow?{quote}\nDone in this ticket as agreed in planning.",
		}[kind], []string{"'?' only in a code block", "'?' only in a noformat block", "'?' only in a URL", "'?' only in a quote"}[kind]
		g.at(t, func() { g.b.comment(is, t, is.AssigneeID, body) })
		g.decoy(is, t, why)
	case kind == 4 && len(pmStories) > 0:
		is := pick(g.r, pmStories)
		body := g.b.mention[other] + " please pair with me on the payment adapter tomorrow."
		g.at(t, func() { g.b.comment(is, t, is.AssigneeID, body, other) })
		g.decoy(is, t, "mentions another engineer")
	case kind == 5 && len(bugs) > 0:
		is := pick(g.r, bugs)
		body := g.b.mention[other] + " could you check the logs from last night?"
		g.at(t, func() { g.b.comment(is, t, is.AssigneeID, body, other) })
		g.decoy(is, t, "question on an issue the PM neither reported nor holds")
	case kind == 6 && len(pmStories) > 0:
		is := pick(g.r, pmStories)
		body := g.b.mention[g.t.pm] + " release train leaves at 16:00, include this one?"
		g.at(t, func() { g.b.comment(is, t, g.t.bot, body, g.t.pm) })
		g.decoy(is, t, "a bot mentions the PM")
	default:
		if len(g.ideas) > 0 {
			is := pick(g.r, g.ideas)
			g.at(t, func() { g.b.comment(is, t, eng, "Would this also cover wallets on mobile?") })
			g.decoy(is, t, "question on a discovery idea, not a delivery issue")
		}
	}
}

func (g *gen) decoy(is *model.Issue, t time.Time, why string) {
	g.truth.Decoys = append(g.truth.Decoys, Decoy{IssueKey: is.Key, At: t, Why: why})
}
