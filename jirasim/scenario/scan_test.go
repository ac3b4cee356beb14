package scenario

import (
	"regexp"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/model"
)

// scanRequests is an independent reading of SPEC §6.4's six rules.
func scanRequests(ds *Dataset) []TrueRequest {
	pm := ds.Team.ProductManagers[0]
	eng := map[string]bool{}
	for _, e := range ds.Team.Engineers {
		eng[e] = true
	}
	type ev struct {
		at     time.Time
		author string
		rule   string // "" when the event opens nothing
	}
	var out []TrueRequest
	for _, is := range ds.Issues {
		if !slices.Contains(ds.Team.DeliveryProjects, is.ProjectKey) {
			continue
		}
		var evs []ev
		if is.CreatorID == pm {
			evs = append(evs, ev{at: is.Created, author: pm})
		}
		assignee := map[time.Time]string{} // assignee just before each history
		cur := ""
		for _, h := range ds.Histories[is.ID] {
			if h.Created.Equal(is.Created) {
				continue
			}
			rule := ""
			for _, it := range h.Items {
				switch {
				case it.Field == "status" && it.ToString == "Needs Info":
					rule = "waiting_status"
				case it.Field == "assignee" && it.To == pm:
					rule = "assigned"
				case it.Field == "Flagged" && it.ToString != "":
					rule = "flagged"
				case it.Field == "labels" && addsAny(it, "needs-info", "needs-product"):
					rule = "input_label"
				}
				if it.Field == "assignee" {
					cur = it.To
				}
			}
			assignee[h.Created] = cur
			evs = append(evs, ev{h.Created, h.AuthorID, rule})
		}
		for _, c := range ds.Comments[is.ID] {
			rule := ""
			holder := assigneeAt(ds.Histories[is.ID], c.Created)
			switch {
			case slices.Contains(c.Mentions, pm):
				rule = "mention"
			case strings.Contains(stripQuoted(c.Body), "?") && (is.ReporterID == pm || holder == pm):
				rule = "question"
			}
			evs = append(evs, ev{c.Created, c.AuthorID, rule})
		}
		slices.SortStableFunc(evs, func(a, b ev) int { return a.at.Compare(b.at) })
		open := -1
		for _, e := range evs {
			if e.author == pm && open >= 0 {
				out[open].Answered = e.at
				open = -1
			}
			if eng[e.author] && e.rule != "" && open < 0 {
				out = append(out, TrueRequest{IssueKey: is.Key, Requester: e.author, Rule: e.rule, Opened: e.at})
				open = len(out) - 1
			}
		}
	}
	return out
}

func assigneeAt(hs []model.History, at time.Time) string {
	cur := ""
	for _, h := range hs {
		if !h.Created.Before(at) {
			break
		}
		for _, it := range h.Items {
			if it.Field == "assignee" {
				cur = it.To
			}
		}
	}
	return cur
}

func addsAny(it model.HistoryItem, labels ...string) bool {
	from := strings.Fields(it.FromString)
	for _, l := range strings.Fields(it.ToString) {
		if slices.Contains(labels, l) && !slices.Contains(from, l) {
			return true
		}
	}
	return false
}

var quoted = regexp.MustCompile(`(?s)\{code(?::[^}]*)?\}.*?\{code\}|\{noformat\}.*?\{noformat\}|\{quote\}.*?\{quote\}|https?://\S+`)

func stripQuoted(s string) string { return quoted.ReplaceAllString(s, "") }
