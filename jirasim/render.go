package jirasim

import (
	"fmt"
	"hash/crc32"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/roleload/roleload/model"
)

// Jira renders REST timestamps with milliseconds and a numeric offset
// without a colon, in the zone of the user making the call.
const jiraTimeLayout = "2006-01-02T15:04:05.000-0700"

// The agile API renders sprint dates in UTC with a literal Z.
const agileTimeLayout = "2006-01-02T15:04:05.000Z"

func (s *Server) jiraTime(t time.Time) any {
	if t.IsZero() {
		return nil
	}
	return t.In(s.loc).Format(jiraTimeLayout)
}

func agileTime(t time.Time) string { return t.UTC().Format(agileTimeLayout) }

func nullable(v string) any {
	if v == "" {
		return nil
	}
	return v
}

func avatars(base, seed string) map[string]string {
	u := base + "/secure/useravatar?ownerId=" + url.QueryEscape(seed)
	return map[string]string{"16x16": u + "&size=xsmall", "24x24": u + "&size=small", "32x32": u + "&size=medium", "48x48": u}
}

// userJSON is a user as Jira renders it. A struct, cached per person:
// users repeat on every history, comment and worklog, and people never
// change. Cloud has accountId and accountType and no name/key (GDPR),
// Server/DC name and key and no accountId.
type userJSON struct {
	Self        string            `json:"self"`
	AccountID   string            `json:"accountId,omitempty"`
	AccountType string            `json:"accountType,omitempty"`
	Name        string            `json:"name,omitempty"`
	Key         string            `json:"key,omitempty"`
	Email       string            `json:"emailAddress,omitempty"`
	AvatarURLs  map[string]string `json:"avatarUrls"`
	DisplayName string            `json:"displayName"`
	Active      bool              `json:"active"`
	TimeZone    string            `json:"timeZone"`
	Locale      string            `json:"locale,omitempty"`
}

// user is the cached rendering of a person, or nil (JSON null) for none.
func (s *Server) user(base, id string) any {
	if id == "" {
		return nil
	}
	return s.userStruct(base, id)
}

func (s *Server) userStruct(base, id string) *userJSON {
	k := base + "\x00" + id
	s.userMu.Lock()
	defer s.userMu.Unlock()
	if u, ok := s.users[k]; ok {
		return u
	}
	p := s.people[id]
	if p == nil {
		p = &model.Person{ID: id, AccountID: id, Name: id, Key: id, DisplayName: id, AccountType: "atlassian"}
	}
	u := &userJSON{Email: p.Email, AvatarURLs: avatars(base, p.ID), DisplayName: p.DisplayName, Active: p.Active, TimeZone: p.TimeZone}
	if s.flavor == model.Server {
		u.Self = base + "/rest/api/2/user?username=" + url.QueryEscape(p.Name)
		u.Name, u.Key = p.Name, p.Key
	} else {
		u.AccountID = cmpOr(p.AccountID, p.ID)
		u.Self = base + "/rest/api/2/user?accountId=" + url.QueryEscape(u.AccountID)
		u.AccountType = cmpOr(p.AccountType, "atlassian")
	}
	if len(s.users) > 10000 {
		clear(s.users)
	}
	s.users[k] = u
	return u
}

func cmpOr(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// stableID invents a Jira-like numeric id for things the model names only
// (statuses, issue types, components).
func stableID(kind, name string) string {
	return strconv.Itoa(10000 + int(crc32.ChecksumIEEE([]byte(kind+"\x00"+name))%90000))
}

func (s *Server) status(base, name, cat string) map[string]any {
	catID, catName, color := 4, "In Progress", "yellow"
	switch cat {
	case "new":
		catID, catName, color = 2, "To Do", "blue-gray"
	case "done":
		catID, catName, color = 3, "Done", "green"
	default:
		cat = "indeterminate"
	}
	id := stableID("status", name)
	return map[string]any{
		"self": base + "/rest/api/2/status/" + id, "id": id, "name": name, "description": "",
		"iconUrl": base + "/images/icons/statuses/generic.png",
		"statusCategory": map[string]any{
			"self": base + "/rest/api/2/statuscategory/" + strconv.Itoa(catID),
			"id":   catID, "key": cat, "colorName": color, "name": catName,
		},
	}
}

func (s *Server) issueType(base, name string) map[string]any {
	id := stableID("issuetype", name)
	level := 0
	switch strings.ToLower(name) {
	case "epic":
		level = 1
	case "sub-task", "subtask":
		level = -1
	}
	m := map[string]any{
		"self": base + "/rest/api/2/issuetype/" + id, "id": id, "name": name, "description": "",
		"iconUrl": base + "/images/icons/issuetypes/story.svg", "subtask": level < 0,
	}
	if s.flavor == model.Cloud {
		m["hierarchyLevel"] = level
	}
	return m
}

func (s *Server) project(base, key string) map[string]any {
	p := model.Project{Key: key, Name: key, ID: stableID("project", key), Type: "software"}
	for _, pr := range s.ds.Projects {
		if pr.Key == key {
			p = pr
		}
	}
	return map[string]any{
		"self": base + "/rest/api/2/project/" + p.ID, "id": p.ID, "key": p.Key, "name": p.Name,
		"projectTypeKey": p.Type, "simplified": false, "avatarUrls": avatars(base, "p"+p.ID),
	}
}

// Histories are the bulk of a sync; structs encode much faster than maps.
type (
	historyJSON struct {
		ID      string     `json:"id"`
		Author  any        `json:"author,omitempty"`
		Created any        `json:"created"`
		Items   []itemJSON `json:"items"`
	}
	itemJSON struct {
		Field      string `json:"field"`
		FieldType  string `json:"fieldtype"`
		FieldID    string `json:"fieldId,omitempty"`
		From       any    `json:"from"`
		FromString any    `json:"fromString"`
		To         any    `json:"to"`
		ToString   any    `json:"toString"`
	}
)

func (s *Server) history(base string, h model.History) historyJSON {
	items := make([]itemJSON, 0, len(h.Items))
	for _, it := range h.Items {
		ij := itemJSON{Field: it.Field, FieldType: cmpOr(it.FieldType, "jira"),
			From: nullable(it.From), FromString: nullable(it.FromString), To: nullable(it.To), ToString: nullable(it.ToString)}
		// Server/DC changelogs never carry fieldId.
		if s.flavor == model.Cloud {
			ij.FieldID = it.FieldID
		}
		items = append(items, ij)
	}
	return historyJSON{ID: h.ID, Author: s.user(base, h.AuthorID), Created: s.jiraTime(h.Created), Items: items}
}

func (s *Server) comment(base string, c model.Comment) map[string]any {
	m := map[string]any{
		"self":   base + "/rest/api/2/issue/" + c.IssueID + "/comment/" + c.ID,
		"id":     c.ID,
		"author": s.user(base, c.AuthorID), "updateAuthor": s.user(base, c.AuthorID),
		"body":    c.Body,
		"created": s.jiraTime(c.Created), "updated": s.jiraTime(later(c.Created, c.Updated)),
	}
	if s.flavor == model.Cloud {
		m["jsdPublic"] = true
	}
	return m
}

func (s *Server) worklog(base string, w model.Worklog) map[string]any {
	return map[string]any{
		"self":   base + "/rest/api/2/issue/" + w.IssueID + "/worklog/" + w.ID,
		"id":     w.ID,
		"author": s.user(base, w.AuthorID), "updateAuthor": s.user(base, w.AuthorID),
		"comment": "",
		"created": s.jiraTime(w.Created), "updated": s.jiraTime(later(w.Created, w.Updated)),
		"started":          s.jiraTime(w.Started),
		"timeSpent":        timeSpent(w.Seconds),
		"timeSpentSeconds": w.Seconds,
		"issueId":          w.IssueID,
	}
}

// timeSpent is Jira's duration text ("1h 30m"), 8-hour days.
func timeSpent(sec int) string {
	var parts []string
	for _, u := range []struct {
		n    int
		name string
	}{{8 * 3600, "d"}, {3600, "h"}, {60, "m"}} {
		if sec >= u.n {
			parts = append(parts, strconv.Itoa(sec/u.n)+u.name)
			sec %= u.n
		}
	}
	if len(parts) == 0 {
		return "0m"
	}
	return strings.Join(parts, " ")
}

// sprintState is the state a sprint had at the clock.
func (s *Server) sprintState(sp model.Sprint) string {
	switch {
	case !sp.Complete.IsZero() && !s.now.Before(sp.Complete):
		return "closed"
	case !sp.Start.IsZero() && !s.now.Before(sp.Start):
		return "active"
	}
	return "future"
}

func (s *Server) sprintObject(base string, sp model.Sprint) map[string]any {
	st := s.sprintState(sp)
	m := map[string]any{
		"id": sp.ID, "self": base + "/rest/agile/1.0/sprint/" + strconv.FormatInt(sp.ID, 10),
		"name": sp.Name, "state": st, "boardId": sp.BoardID, "originBoardId": sp.BoardID, "goal": "",
	}
	if !sp.Start.IsZero() {
		m["startDate"] = agileTime(sp.Start)
	}
	if !sp.End.IsZero() {
		m["endDate"] = agileTime(sp.End)
	}
	if st == "closed" {
		m["completeDate"] = agileTime(sp.Complete)
	}
	return m
}

// sprintString is how Server/DC renders the Sprint custom field: the Java
// toString of the greenhopper Sprint object, which clients parse.
func (s *Server) sprintString(sp model.Sprint) string {
	st := s.sprintState(sp)
	d := func(t time.Time) string {
		if t.IsZero() {
			return "<null>"
		}
		return t.In(s.loc).Format("2006-01-02T15:04:05.000-07:00")
	}
	complete := time.Time{}
	if st == "closed" {
		complete = sp.Complete
	}
	return fmt.Sprintf("com.atlassian.greenhopper.service.sprint.Sprint@%x[id=%d,rapidViewId=%d,state=%s,name=%s,startDate=%s,endDate=%s,completeDate=%s,activatedDate=%s,sequence=%d,goal=]",
		crc32.ChecksumIEEE([]byte(sp.Name)), sp.ID, sp.BoardID, strings.ToUpper(st), sp.Name,
		d(sp.Start), d(sp.End), d(complete), d(sp.Start), sp.ID)
}
