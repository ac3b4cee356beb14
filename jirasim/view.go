package jirasim

import (
	"cmp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/roleload/roleload/jirasim/jql"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// view is the dataset as of one clock reading: every visible issue with
// its fields rewound to that moment. It is built once per clock change or
// mutation, so search pages cost O(page), not O(issues x histories).
type view struct {
	issues  []*issueView // created ASC, id ASC
	byID    map[string]*issueView
	queries map[string][]*issueView // JQL text -> ordered result
}

type issueView struct {
	model.Issue // fields as of the clock; Updated is the visible one
	hists       []model.History
	comments    []model.Comment
	worklogs    []model.Worklog
}

// issueView is what JQL is evaluated against.
var _ jql.Issue = (*issueView)(nil)

func (iv *issueView) IssueID() string         { return iv.ID }
func (iv *issueView) IssueKey() string        { return iv.Key }
func (iv *issueView) IssueProject() string    { return iv.ProjectKey }
func (iv *issueView) IssueCreated() time.Time { return iv.Created }
func (iv *issueView) IssueUpdated() time.Time { return iv.Updated }

// invalidate drops the cached view; callers hold mu for writing.
func (s *Server) invalidate() {
	s.cacheMu.Lock()
	s.view = nil
	s.cacheMu.Unlock()
}

// current returns the view at the clock; callers hold mu (read or write).
func (s *Server) current() *view {
	s.cacheMu.Lock()
	defer s.cacheMu.Unlock()
	if s.view == nil {
		s.view = s.buildView()
	}
	return s.view
}

func (s *Server) buildView() *view {
	v := &view{byID: make(map[string]*issueView), queries: make(map[string][]*issueView)}
	for i := range s.ds.Issues {
		is := &s.ds.Issues[i]
		if is.Created.After(s.now) {
			continue
		}
		iv := s.asOf(is)
		v.issues = append(v.issues, iv)
		v.byID[iv.ID] = iv
	}
	slices.SortStableFunc(v.issues, func(a, b *issueView) int {
		return cmp.Or(a.Created.Compare(b.Created), jql.CompareIDs(a.ID, b.ID))
	})
	return v
}

// asOf rewinds one issue to the clock: later histories are undone newest
// first with their from/fromString, as Jira's own changelog would allow.
func (s *Server) asOf(is *model.Issue) *issueView {
	iv := &issueView{Issue: *is}
	iv.Labels = slices.Clone(is.Labels)
	iv.Components = slices.Clone(is.Components)
	iv.SprintIDs = slices.Clone(is.SprintIDs)
	all := s.ds.Histories[is.ID]
	n := 0
	for n < len(all) && !all[n].Created.After(s.now) {
		n++
	}
	iv.hists = all[:n:n]
	for i := len(all) - 1; i >= n; i-- {
		for j := len(all[i].Items) - 1; j >= 0; j-- {
			s.undo(iv, all[i].Items[j])
		}
	}
	if iv.Resolved.After(s.now) {
		iv.Resolved = time.Time{}
	}
	updated := is.Created
	if !is.Updated.After(s.now) {
		updated = later(updated, is.Updated)
	}
	if n > 0 {
		updated = later(updated, all[n-1].Created)
	}
	for _, c := range s.ds.Comments[is.ID] {
		if !c.Created.After(s.now) {
			if c.Updated.After(s.now) { // edited later: not yet
				c.Updated = c.Created
			}
			iv.comments = append(iv.comments, c)
			updated = later(updated, later(c.Created, c.Updated))
		}
	}
	for _, w := range s.ds.Worklogs[is.ID] {
		if !w.Created.After(s.now) {
			if w.Updated.After(s.now) {
				w.Updated = w.Created
			}
			iv.worklogs = append(iv.worklogs, w)
			updated = later(updated, later(w.Created, w.Updated))
		}
	}
	iv.Updated = updated
	iv.ChangelogTotal = n
	return iv
}

func (s *Server) undo(iv *issueView, it model.HistoryItem) {
	switch strings.ToLower(it.Field) {
	case "status":
		iv.Status = it.FromString
		iv.StatusCategory = s.statusCategory(it.FromString)
	case "assignee":
		iv.AssigneeID = s.personRef(it.From)
	case "summary":
		iv.Summary = it.FromString
	case "description":
		iv.Description = it.FromString
		iv.DescriptionSize = utf8.RuneCountInString(it.FromString)
	case "labels":
		iv.Labels = strings.Fields(it.FromString)
	case "component":
		if it.ToString != "" {
			iv.Components = slices.DeleteFunc(iv.Components, func(c string) bool { return c == it.ToString })
		}
		if it.FromString != "" {
			iv.Components = append(iv.Components, it.FromString)
		}
	case "resolution":
		if it.From == "" && it.FromString == "" {
			iv.Resolved = time.Time{}
		}
	case "story points", "story point estimate":
		iv.StoryPoints = nil
		if f, err := strconv.ParseFloat(it.FromString, 64); err == nil {
			iv.StoryPoints = &f
		}
	case "sprint":
		iv.SprintIDs = parseIDList(it.From)
	case "flagged":
		iv.Flagged = it.FromString != ""
	case "epic link", "parent", "parent link":
		iv.ParentKey = it.FromString
	case "issuetype":
		iv.Type = it.FromString
	case "key":
		iv.Key = it.FromString
		iv.ProjectKey = jql.ProjectOf(it.FromString)
		for _, p := range s.ds.Projects {
			if p.Key == iv.ProjectKey {
				iv.ProjectType = p.Type
			}
		}
	}
}

// personRef maps a changelog user value (accountId on Cloud, username on
// Server/DC) to a person ID.
func (s *Server) personRef(v string) string {
	if id, ok := s.byName[v]; ok {
		return id
	}
	return v
}

// statusCategory guesses the category of a status seen only in a
// changelog: from another issue that is in it now, else from its name.
func (s *Server) statusCategory(name string) string {
	if c, ok := s.statusCat[name]; ok {
		return c
	}
	switch strings.ToLower(name) {
	case "to do", "open", "backlog", "new", "selected for development", "ready for dev":
		return "new"
	case "done", "closed", "resolved", "released":
		return "done"
	}
	return "indeterminate"
}

func parseIDList(s string) []int64 {
	var ids []int64
	for f := range strings.SplitSeq(s, ",") {
		if id, err := strconv.ParseInt(strings.TrimSpace(f), 10, 64); err == nil {
			ids = append(ids, id)
		}
	}
	return ids
}

func later(a, b time.Time) time.Time {
	if b.After(a) {
		return b
	}
	return a
}

func maxNumericID(ds *scenario.Dataset) int64 {
	var m int64
	see := func(id string) {
		if n, err := strconv.ParseInt(id, 10, 64); err == nil && n > m {
			m = n
		}
	}
	for _, is := range ds.Issues {
		see(is.ID)
	}
	for _, hs := range ds.Histories {
		for _, h := range hs {
			see(h.ID)
		}
	}
	for _, cs := range ds.Comments {
		for _, c := range cs {
			see(c.ID)
		}
	}
	for _, ws := range ds.Worklogs {
		for _, w := range ws {
			see(w.ID)
		}
	}
	return m
}
