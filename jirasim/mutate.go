package jirasim

import (
	"errors"
	"fmt"
	"maps"
	"regexp"
	"slices"
	"strconv"
	"time"
	"unicode/utf8"

	"github.com/roleload/roleload/jirasim/jql"
	"github.com/roleload/roleload/jirasim/scenario"
	"github.com/roleload/roleload/model"
)

// ErrNoIssue is returned by mutators for a key Jira does not know.
var ErrNoIssue = errors.New("jirasim: issue does not exist")

// Mentions in v2 wiki bodies: [~accountid:ID] on Cloud, [~username] on Server/DC.
var mentionRe = regexp.MustCompile(`\[~(?:accountid:)?([^\]]+)\]`)

// Dataset returns a copy of the data over its whole timeline, with every
// mutation applied and deleted issues gone.
func (s *Server) Dataset() *scenario.Dataset {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return copyDataset(s.ds)
}

// AsOfNow returns what a complete sync at the clock must hold: the visible
// issues with their fields as of now (ChangelogTotal set), and only the
// activity dated at or before now.
func (s *Server) AsOfNow() *scenario.Dataset {
	s.mu.RLock()
	defer s.mu.RUnlock()
	ds := copyDataset(s.ds)
	ds.Issues = nil
	ds.Histories, ds.Comments, ds.Worklogs = map[string][]model.History{}, map[string][]model.Comment{}, map[string][]model.Worklog{}
	for _, iv := range s.current().issues {
		ds.Issues = append(ds.Issues, iv.Issue)
		ds.Histories[iv.ID] = slices.Clone(iv.hists)
		ds.Comments[iv.ID] = slices.Clone(iv.comments)
		ds.Worklogs[iv.ID] = slices.Clone(iv.worklogs)
	}
	return ds
}

func copyDataset(ds *scenario.Dataset) *scenario.Dataset {
	c := *ds
	c.Issues = slices.Clone(ds.Issues)
	c.People = slices.Clone(ds.People)
	c.Projects = slices.Clone(ds.Projects)
	c.Sprints = slices.Clone(ds.Sprints)
	c.Boards = slices.Clone(ds.Boards)
	c.Histories = maps.Clone(ds.Histories)
	c.Comments = maps.Clone(ds.Comments)
	c.Worklogs = maps.Clone(ds.Worklogs)
	if c.Histories == nil {
		c.Histories = map[string][]model.History{}
	}
	if c.Comments == nil {
		c.Comments = map[string][]model.Comment{}
	}
	if c.Worklogs == nil {
		c.Worklogs = map[string][]model.Worklog{}
	}
	return &c
}

// issueIndex finds an issue by key (current or old) or id; callers hold mu.
func (s *Server) issueIndex(keyOrID string) (int, error) {
	id, ok := s.keys[keyOrID]
	if !ok {
		id = keyOrID
	}
	i, ok := s.idx[id]
	if !ok {
		return 0, fmt.Errorf("%w: %s", ErrNoIssue, keyOrID)
	}
	return i, nil
}

func (s *Server) newID() string {
	s.nextID++
	return strconv.FormatInt(s.nextID, 10)
}

func (s *Server) touch(i int, at time.Time) {
	s.ds.Issues[i].Updated = later(s.ds.Issues[i].Updated, at)
}

// DeleteIssue removes an issue: it disappears from search, and GET on any
// of its keys answers 404.
func (s *Server) DeleteIssue(key string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.issueIndex(key)
	if err != nil {
		return fmt.Errorf("delete issue: %w", err)
	}
	id := s.ds.Issues[i].ID
	s.ds.Issues = slices.Delete(s.ds.Issues, i, i+1)
	delete(s.ds.Histories, id)
	delete(s.ds.Comments, id)
	delete(s.ds.Worklogs, id)
	maps.DeleteFunc(s.keys, func(_, v string) bool { return v == id })
	s.reindex()
	return nil
}

// MoveIssue moves an issue to another project at the clock: same id, a
// new key, and a changelog entry with the Key and project changes, as
// Jira writes it. The old key keeps resolving.
func (s *Server) MoveIssue(key, toProject string) (string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.issueIndex(key)
	if err != nil {
		return "", fmt.Errorf("move issue: %w", err)
	}
	var to *model.Project
	for j := range s.ds.Projects {
		if s.ds.Projects[j].Key == toProject {
			to = &s.ds.Projects[j]
		}
	}
	if to == nil {
		return "", fmt.Errorf("move issue %s: no project %q", key, toProject)
	}
	var n int64
	for k := range s.keys {
		if jql.ProjectOf(k) == toProject {
			n = max(n, jql.KeyNumber(k))
		}
	}
	is := &s.ds.Issues[i]
	newKey := toProject + "-" + strconv.FormatInt(n+1, 10)
	from := s.project("", is.ProjectKey)
	h := model.History{ID: s.newID(), IssueID: is.ID, AuthorID: s.ds.APIUser, Created: s.now, Items: []model.HistoryItem{
		{Field: "project", FieldType: "jira", FieldID: "project", From: from["id"].(string), FromString: from["name"].(string), To: to.ID, ToString: to.Name},
		{Field: "Key", FieldType: "jira", FieldID: "key", FromString: is.Key, ToString: newKey},
	}}
	is.Key, is.ProjectKey, is.ProjectType = newKey, to.Key, to.Type
	s.ds.Histories[is.ID] = insertSorted(s.ds.Histories[is.ID], h, func(h model.History) time.Time { return h.Created })
	s.touch(i, s.now)
	s.reindex()
	return newKey, nil
}

// AddComment adds a comment by authorID at the given time.
func (s *Server) AddComment(key, authorID, body string, at time.Time) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.issueIndex(key)
	if err != nil {
		return fmt.Errorf("add comment: %w", err)
	}
	id := s.ds.Issues[i].ID
	c := model.Comment{ID: s.newID(), IssueID: id, AuthorID: authorID, Created: at, Updated: at, Body: body, BodySize: utf8.RuneCountInString(body)}
	for _, m := range mentionRe.FindAllStringSubmatch(body, -1) {
		c.Mentions = append(c.Mentions, s.personRef(m[1]))
	}
	s.ds.Comments[id] = insertSorted(s.ds.Comments[id], c, func(c model.Comment) time.Time { return c.Created })
	s.touch(i, at)
	s.invalidate()
	return nil
}

// AddHistory adds a changelog entry; its ID and IssueID are filled in
// when empty. The issue's final fields are not changed: set them in the
// Dataset if the history must also change the current state.
func (s *Server) AddHistory(key string, h model.History) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.issueIndex(key)
	if err != nil {
		return fmt.Errorf("add history: %w", err)
	}
	h.IssueID = s.ds.Issues[i].ID
	if h.ID == "" {
		h.ID = s.newID()
	}
	s.ds.Histories[h.IssueID] = insertSorted(s.ds.Histories[h.IssueID], h, func(h model.History) time.Time { return h.Created })
	s.touch(i, h.Created)
	s.invalidate()
	return nil
}

// AddWorklog adds a worklog; its ID and IssueID are filled in when empty,
// and Created defaults to Started plus the time spent.
func (s *Server) AddWorklog(key string, w model.Worklog) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	i, err := s.issueIndex(key)
	if err != nil {
		return fmt.Errorf("add worklog: %w", err)
	}
	w.IssueID = s.ds.Issues[i].ID
	if w.ID == "" {
		w.ID = s.newID()
	}
	if w.Created.IsZero() {
		w.Created = w.Started.Add(time.Duration(w.Seconds) * time.Second)
	}
	s.ds.Worklogs[w.IssueID] = insertSorted(s.ds.Worklogs[w.IssueID], w, func(w model.Worklog) time.Time { return w.Created })
	s.touch(i, later(w.Created, w.Updated))
	s.invalidate()
	return nil
}

// insertSorted keeps a per-issue list sorted by time; it copies so that
// the caller's Dataset is never written to.
func insertSorted[T any](list []T, v T, at func(T) time.Time) []T {
	j, _ := slices.BinarySearchFunc(list, at(v), func(e T, t time.Time) int {
		if at(e).After(t) {
			return 1
		}
		return -1
	})
	out := make([]T, 0, len(list)+1)
	out = append(out, list[:j]...)
	out = append(out, v)
	return append(out, list[j:]...)
}
