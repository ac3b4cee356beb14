package collector

import (
	"context"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/model"
)

// histories returns the issue's changelog and the total Jira reports.
// The embedded changelog holds at most 100 histories; when the total is
// larger and the store does not already hold the rest (histories never
// change), the rest is fetched: Cloud pages /changelog oldest first,
// Server/DC returns the whole changelog on the issue itself.
func (r *runner) histories(ctx context.Context, is *jira.Issue) ([]jira.History, int, error) {
	var hs []jira.History
	total := -1 // unknown: fetch
	if is.Changelog != nil {
		hs, total = is.Changelog.Histories, is.Changelog.Total
	}
	if total >= 0 && total <= len(hs) {
		return hs, max(total, len(hs)), nil
	}
	have := map[string]bool{}
	if total > 0 {
		stored, err := r.st.HistoryIDs(ctx, is.ID)
		if err != nil {
			return nil, 0, err
		}
		have = stored
		n := len(stored)
		for _, h := range hs {
			if !stored[h.ID] {
				n++
			}
		}
		if n >= total {
			return hs, total, nil
		}
	}
	seen := map[string]bool{}
	for _, h := range hs {
		seen[h.ID] = true
	}
	add := func(more []jira.History) {
		for _, h := range more {
			if !seen[h.ID] {
				seen[h.ID] = true
				hs = append(hs, h)
			}
		}
	}
	if r.flavor == model.Server {
		full, err := r.c.IssueWithChangelog(ctx, is.ID, []string{"updated"})
		if err != nil {
			return nil, 0, err
		}
		if full.Changelog != nil {
			add(full.Changelog.Histories)
			total = max(total, full.Changelog.Total)
		}
		return hs, max(total, len(hs)), nil
	}
	for startAt := 0; ; {
		p, err := r.c.Changelog(ctx, is.ID, startAt, activityPage)
		if err != nil {
			return nil, 0, err
		}
		add(p.Values)
		startAt += len(p.Values)
		total = max(total, p.Total)
		// Done when the union with what the store holds is complete, or Jira
		// has nothing more.
		if len(p.Values) == 0 || (p.IsLast != nil && *p.IsLast) || startAt >= p.Total || complete(have, seen, total) {
			break
		}
	}
	return hs, max(total, len(hs)), nil
}

func complete(stored, fetched map[string]bool, total int) bool {
	n := len(stored)
	for id := range fetched {
		if !stored[id] {
			n++
		}
	}
	return n >= total
}

// comments returns all of an issue's comments: the embedded first page,
// then /comment from where it ended.
func (r *runner) comments(ctx context.Context, issueID string, page *jira.CommentPage) ([]jira.Comment, error) {
	var cs []jira.Comment
	startAt, total := 0, -1
	if page != nil && page.StartAt == 0 {
		cs, startAt, total = page.Comments, len(page.Comments), page.Total
	}
	seen := make(map[string]bool, len(cs))
	for _, c := range cs {
		seen[c.ID] = true
	}
	for total < 0 || startAt < total {
		p, err := r.c.Comments(ctx, issueID, startAt, activityPage)
		if err != nil {
			return nil, err
		}
		for _, c := range p.Comments {
			if !seen[c.ID] {
				seen[c.ID] = true
				cs = append(cs, c)
			}
		}
		startAt, total = startAt+len(p.Comments), p.Total
		if len(p.Comments) == 0 {
			break
		}
	}
	return cs, nil
}

// worklogs returns all of an issue's worklogs, like comments.
func (r *runner) worklogs(ctx context.Context, issueID string, page *jira.WorklogPage) ([]jira.Worklog, error) {
	var ws []jira.Worklog
	startAt, total := 0, -1
	if page != nil && page.StartAt == 0 {
		ws, startAt, total = page.Worklogs, len(page.Worklogs), page.Total
	}
	seen := make(map[string]bool, len(ws))
	for _, w := range ws {
		seen[w.ID] = true
	}
	for total < 0 || startAt < total {
		p, err := r.c.Worklogs(ctx, issueID, startAt, activityPage)
		if err != nil {
			return nil, err
		}
		for _, w := range p.Worklogs {
			if !seen[w.ID] {
				seen[w.ID] = true
				ws = append(ws, w)
			}
		}
		startAt, total = startAt+len(p.Worklogs), p.Total
		if len(p.Worklogs) == 0 {
			break
		}
	}
	return ws, nil
}
