package setup

import (
	"cmp"
	"fmt"
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
)

// Person is one person seen in the sample, with what they did in the
// evidence window: the counts that make them look like a PM/PO (creating
// and refining stories, epics and ideas) or an engineer (being assigned
// and moving delivery work).
type Person struct {
	User jira.User
	// PM/PO evidence.
	Stories, Epics, Ideas, TextEdits, Refinements int
	// Engineer evidence.
	Assigned, Transitions int
	Bot                   bool
}

// ProductScore is how much of what they do is product work.
func (p *Person) ProductScore() int {
	return p.Stories + p.Epics + p.Ideas + p.TextEdits + p.Refinements
}

// DeliveryScore is how much of what they do is delivery work.
func (p *Person) DeliveryScore() int { return p.Assigned + p.Transitions }

// Evidence is the comment written next to a person: the counts that
// placed them ("created 212 stories, assigned 3").
func (p *Person) Evidence() string {
	var parts []string
	add := func(n int, what string) {
		if n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", n, what))
		}
	}
	var created []string
	for _, c := range []struct {
		n    int
		what string
	}{{p.Stories, "stories"}, {p.Epics, "epics"}, {p.Ideas, "ideas"}} {
		if c.n > 0 {
			created = append(created, fmt.Sprintf("%d %s", c.n, c.what))
		}
	}
	if len(created) > 0 {
		parts = append(parts, "created "+strings.Join(created, ", "))
	}
	add(p.TextEdits, "text edits")
	add(p.Refinements, "refinements")
	if len(parts) == 0 || p.Assigned > 0 {
		parts = append(parts, fmt.Sprintf("assigned %d", p.Assigned))
	}
	add(p.Transitions, "transitions")
	return strings.Join(parts, ", ")
}

var (
	epicTypes  = regexp.MustCompile(`(?i)^epic$`)
	storyTypes = regexp.MustCompile(`(?i)^(story|user story|task|improvement|feature)$`)
	botNames   = regexp.MustCompile(`(?i)\b(bot|automation|integration|service account|jira service)\b`)
	textFields = map[string]bool{"summary": true, "description": true, "acceptance criteria": true, "environment": true}
	refineFlds = map[string]bool{"rank": true, "priority": true, "story points": true, "story point estimate": true, "sprint": true,
		"labels": true, "link": true, "epic link": true, "parent": true, "fix version": true, "component": true}
)

// People counts, for everyone in the sample, what they did between from
// and to. discovery says whether an issue is discovery work.
func People(sample *Sample, from, to time.Time, discovery func(*SampleIssue) bool) []*Person {
	byID := map[string]*Person{}
	get := func(u *jira.User) *Person {
		if u == nil || u.ID() == "" {
			return nil
		}
		p := byID[u.ID()]
		if p == nil {
			p = &Person{User: *u, Bot: u.AccountType == "app" || botNames.MatchString(u.DisplayName)}
			byID[u.ID()] = p
		}
		if p.User.TimeZone == "" {
			p.User.TimeZone = u.TimeZone
		}
		return p
	}
	in := func(t time.Time) bool { return !t.Before(from) && t.Before(to) }
	for i := range sample.Issues {
		is := &sample.Issues[i]
		disc := discovery(is)
		if c := get(is.Creator); c != nil && in(is.Created) {
			switch {
			case disc:
				c.Ideas++
			case epicTypes.MatchString(is.Type):
				c.Epics++
			case storyTypes.MatchString(is.Type):
				c.Stories++
			}
		}
		if a := get(is.Assignee); a != nil && !disc && in(is.Updated) {
			a.Assigned++
		}
		for _, h := range is.Histories {
			p := get(h.Author)
			if p == nil || !in(h.Created.Time) {
				continue
			}
			text, refine, status := false, false, false
			for _, it := range h.Items {
				f := strings.ToLower(it.Field)
				text = text || textFields[f]
				refine = refine || refineFlds[f]
				status = status || f == "status"
			}
			switch {
			case text && (disc || !strings.EqualFold(is.Type, "bug")):
				p.TextEdits++
			case refine:
				p.Refinements++
			case status && !disc:
				p.Transitions++
			}
		}
	}
	out := make([]*Person, 0, len(byID))
	for _, p := range byID {
		out = append(out, p)
	}
	slices.SortFunc(out, func(a, b *Person) int {
		return cmp.Or(cmp.Compare(b.ProductScore()-b.DeliveryScore(), a.ProductScore()-a.DeliveryScore()), cmp.Compare(a.User.ID(), b.User.ID()))
	})
	return out
}

// Roles splits people into PM/PO candidates (most product evidence
// first), engineers and bots. A candidate does more product work than
// delivery work, and at least a fifth of the top candidate's.
func Roles(people []*Person) (pms, engineers, bots []*Person) {
	top := 0
	for _, p := range people {
		if !p.Bot && p.ProductScore() > p.DeliveryScore() {
			top = max(top, p.ProductScore())
		}
	}
	for _, p := range people {
		switch {
		case p.Bot:
			bots = append(bots, p)
		case p.ProductScore() > p.DeliveryScore() && p.ProductScore()*5 >= top && p.ProductScore() >= 3:
			pms = append(pms, p)
		case p.DeliveryScore() >= 3:
			engineers = append(engineers, p)
		}
	}
	slices.SortFunc(pms, func(a, b *Person) int { return cmp.Compare(b.ProductScore(), a.ProductScore()) })
	slices.SortFunc(engineers, func(a, b *Person) int {
		return cmp.Or(cmp.Compare(b.DeliveryScore(), a.DeliveryScore()), cmp.Compare(a.User.DisplayName, b.User.DisplayName))
	})
	return pms, engineers, bots
}

// Label is one label with the number of issues that carry it.
type Label struct {
	Name   string
	Issues int
}

// Labels counts the labels of issues updated since `since`, most used first.
func Labels(sample *Sample, since time.Time) []Label {
	n := map[string]int{}
	for _, is := range sample.Issues {
		if is.Updated.Before(since) {
			continue
		}
		for _, l := range is.Labels {
			n[l]++
		}
	}
	out := make([]Label, 0, len(n))
	for l, c := range n {
		out = append(out, Label{l, c})
	}
	slices.SortFunc(out, func(a, b Label) int { return cmp.Or(cmp.Compare(b.Issues, a.Issues), cmp.Compare(a.Name, b.Name)) })
	return out
}

var (
	waitingRe  = regexp.MustCompile(`(?i)(needs? (info|input|clarification|product|answer|decision)|blocked by product|waiting|awaiting|on hold|clarification)`)
	readyRe    = regexp.MustCompile(`(?i)^(ready( for (dev|development|delivery|sprint))?|selected for development|ready to (start|develop))$`)
	inputLblRe = regexp.MustCompile(`(?i)^(needs?[-_ ]?(info|input|product|clarification|answer|decision)|question|blocked[-_ ]by[-_ ]product|waiting[-_ ]for[-_ ]product)$`)
	discLblRe  = regexp.MustCompile(`(?i)(discovery|research|experiment|interview|hypothesis|opportunit)`)
	discTypeRe = regexp.MustCompile(`(?i)^(idea|research|experiment|opportunity|hypothesis|spike)$`)
)

// GuessStatuses picks, among a project's statuses, those that look like
// waiting for product input and those that look like ready for delivery.
func GuessStatuses(sts []Status) (waiting, ready []string) {
	for _, s := range sts {
		switch {
		case waitingRe.MatchString(s.Name) && s.Category != "done":
			waiting = append(waiting, s.Name)
		case readyRe.MatchString(s.Name) && s.Category != "done":
			ready = append(ready, s.Name)
		}
	}
	return waiting, ready
}
