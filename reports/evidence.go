package reports

import (
	"fmt"
	"net/url"
	"sort"
	"strings"

	"github.com/roleload/roleload/analysis"
)

// evidence is the table of the slowest and unanswered requests: the
// issues behind the verdict, each a link a manager can open.
func evidence(r *analysis.Result, jiraURL string) []evidenceRow {
	var out []evidenceRow
	for _, e := range r.Verdict.Evidence {
		row := evidenceRow{Key: oneLine(e.Issue), URL: issueURL(jiraURL, e.Issue), Summary: oneLine(e.Summary),
			Requester: oneLine(e.Requester), Opened: fmtTime(e.Opened), Answered: "unanswered",
			AnsweredBy: oneLine(e.AnsweredBy), Response: "open"}
		if e.Answered != nil {
			row.Answered = fmtTime(*e.Answered)
		}
		if e.ResponseHours != nil {
			row.Response = fmtValue(e.ResponseHours, hours)
		}
		out = append(out, row)
	}
	return out
}

// issueURL links a Jira key; the key is path-escaped because it is Jira
// text, and "" (no link) when no Jira URL is known.
func issueURL(base, key string) string {
	if base == "" || key == "" {
		return ""
	}
	return strings.TrimRight(base, "/") + "/browse/" + url.PathEscape(key)
}

func hasPO(r *analysis.Result) bool {
	if r.Verdict.Subject == "po" {
		return true
	}
	for _, p := range r.People {
		if p.Role == "po" {
			return true
		}
	}
	return false
}

// answerers counts who answered the window's requests, most first.
func answerers(r *analysis.Result) []string {
	n := map[string]int{}
	answered := 0
	for _, q := range r.Requests {
		if q.Answered != "" {
			n[oneLine(q.AnsweredBy)]++
			answered++
		}
	}
	names := make([]string, 0, len(n))
	for name := range n {
		names = append(names, name)
	}
	sort.Slice(names, func(i, j int) bool {
		if n[names[i]] != n[names[j]] {
			return n[names[i]] > n[names[j]]
		}
		return names[i] < names[j]
	})
	out := make([]string, len(names))
	for i, name := range names {
		shown := name
		if shown == "" {
			shown = "(unknown)"
		}
		out[i] = fmt.Sprintf("%s answered %d of %d requests", shown, n[name], answered)
	}
	return out
}

// calendarRow is one of the largest calendar blocks: time that Jira
// cannot see. Titles are calendar text: untrusted, made one line here and
// escaped by each renderer.
type calendarRow struct {
	Person, When, Length, Category, Title string
}

func calendarRows(r *analysis.Result) []calendarRow {
	var out []calendarRow
	for _, b := range r.CalendarBlocks {
		cat := map[string]string{"discovery": "discovery", "story_writing": "story writing"}[b.Category]
		if cat == "" {
			cat = "meeting"
		}
		title := oneLine(b.Title)
		if title == "" {
			title = "title not kept"
		}
		out = append(out, calendarRow{Person: oneLine(b.Person), When: b.Start.Format("Mon 2 Jan 15:04"),
			Length: fmt.Sprintf("%.1f h", b.End.Sub(b.Start).Hours()), Category: cat, Title: title})
	}
	return out
}
