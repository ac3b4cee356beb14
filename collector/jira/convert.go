package jira

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"
	"unicode/utf8"

	"github.com/roleload/roleload/model"
)

// issueFields are the system fields roleload reads.
type issueFields struct {
	Summary   string `json:"summary"`
	IssueType struct {
		Name string `json:"name"`
	} `json:"issuetype"`
	Status struct {
		Name           string `json:"name"`
		StatusCategory struct {
			Key string `json:"key"`
		} `json:"statusCategory"`
	} `json:"status"`
	Project struct {
		Key            string `json:"key"`
		ProjectTypeKey string `json:"projectTypeKey"`
	} `json:"project"`
	Labels     []string `json:"labels"`
	Components []struct {
		Name string `json:"name"`
	} `json:"components"`
	Reporter       *User `json:"reporter"`
	Creator        *User `json:"creator"`
	Assignee       *User `json:"assignee"`
	Created        Time  `json:"created"`
	Updated        Time  `json:"updated"`
	ResolutionDate Time  `json:"resolutiondate"`
	Parent         *struct {
		Key string `json:"key"`
	} `json:"parent"`
	IssueLinks []struct {
		Type struct {
			Name string `json:"name"`
		} `json:"type"`
		InwardIssue  *struct{ Key string } `json:"inwardIssue"`
		OutwardIssue *struct{ Key string } `json:"outwardIssue"`
	} `json:"issuelinks"`
}

// systemFields are the system fields ParseIssue reads.
var systemFields = [...]string{"summary", "issuetype", "status", "project", "description", "labels", "components",
	"reporter", "creator", "assignee", "created", "updated", "resolutiondate", "parent", "issuelinks", "comment", "worklog"}

// SystemFields returns the fields parameter for searches: what ParseIssue
// reads (add the custom field ids of a FieldMap).
func SystemFields() []string { return append([]string(nil), systemFields[:]...) }

// Parsed is an issue read from Jira with what it embeds.
type Parsed struct {
	Issue    model.Issue
	Sprints  []Sprint
	People   []*User
	Comments *CommentPage // nil when the response did not include them
	Worklogs *WorklogPage
	// Raw is the issue's fields without description, comments and
	// worklogs (stored apart), and without links (see linkMembers).
	Raw []byte
}

// ParseIssue reads an issue with the custom fields of fm.
func ParseIssue(is *Issue, fm FieldMap) (*Parsed, error) {
	var f issueFields
	if err := decodeFields(is.Fields, &f); err != nil {
		return nil, fmt.Errorf("issue %s: %w", is.Key, err)
	}
	p := &Parsed{Issue: model.Issue{
		ID: is.ID, Key: is.Key, ProjectKey: f.Project.Key, ProjectType: f.Project.ProjectTypeKey,
		Type: f.IssueType.Name, Status: f.Status.Name, StatusCategory: f.Status.StatusCategory.Key,
		Summary: f.Summary, Labels: f.Labels, ReporterID: f.Reporter.ID(), CreatorID: f.Creator.ID(),
		AssigneeID: f.Assignee.ID(), Created: f.Created.Time, Updated: f.Updated.Time, Resolved: f.ResolutionDate.Time,
	}}
	iss := &p.Issue
	if iss.ProjectKey == "" {
		iss.ProjectKey = projectOf(is.Key)
	}
	desc, err := BodyText(is.Fields["description"])
	if err != nil {
		return nil, fmt.Errorf("issue %s: description: %w", is.Key, err)
	}
	iss.Description, iss.DescriptionSize = desc, utf8.RuneCountInString(desc)
	for _, c := range f.Components {
		iss.Components = append(iss.Components, c.Name)
	}
	for _, l := range f.IssueLinks {
		switch {
		case l.OutwardIssue != nil:
			iss.Links = append(iss.Links, model.IssueLink{Type: l.Type.Name, Direction: "outward", OtherKey: l.OutwardIssue.Key})
		case l.InwardIssue != nil:
			iss.Links = append(iss.Links, model.IssueLink{Type: l.Type.Name, Direction: "inward", OtherKey: l.InwardIssue.Key})
		}
	}
	if f.Parent != nil {
		iss.ParentKey = f.Parent.Key
	}
	if err := p.readCustom(is, fm); err != nil {
		return nil, fmt.Errorf("issue %s: %w", is.Key, err)
	}
	for _, u := range []*User{f.Reporter, f.Creator, f.Assignee} {
		if u != nil {
			p.People = append(p.People, u)
		}
	}
	if err := p.readActivity(is); err != nil {
		return nil, fmt.Errorf("issue %s: %w", is.Key, err)
	}
	p.Raw = rawFields(is.Fields)
	return p, nil
}

func decodeFields(fields map[string]json.RawMessage, f *issueFields) error {
	return json.Unmarshal(fieldsObject(fields, systemFields[:]), f)
}

func (p *Parsed) readCustom(is *Issue, fm FieldMap) error {
	iss := &p.Issue
	if raw := is.Fields[fm.StoryPoints]; fm.StoryPoints != "" && len(raw) > 0 && string(raw) != "null" {
		var v float64
		if err := json.Unmarshal(raw, &v); err != nil {
			return fmt.Errorf("story points %s: %w", fm.StoryPoints, err)
		}
		iss.StoryPoints = &v
	}
	if fm.Sprint != "" {
		sps, err := ParseSprintField(is.Fields[fm.Sprint])
		if err != nil {
			return err
		}
		p.Sprints = sps
		for _, sp := range sps {
			iss.SprintIDs = append(iss.SprintIDs, sp.ID)
		}
	}
	if raw := bytes.TrimSpace(is.Fields[fm.Flagged]); fm.Flagged != "" && len(raw) > 0 {
		// Cloud and Server: an array of options ([{"value":"Impediment"}]);
		// the agile API: a boolean.
		s := string(raw)
		iss.Flagged = s != "null" && s != "[]" && s != "false" && s != `""`
	}
	if raw := is.Fields[fm.EpicLink]; fm.EpicLink != "" && iss.ParentKey == "" && len(raw) > 0 && string(raw) != "null" {
		var key string
		if err := json.Unmarshal(raw, &key); err == nil {
			iss.ParentKey = key
		}
	}
	return nil
}

func (p *Parsed) readActivity(is *Issue) error {
	// A page object {startAt,total,comments}, or (agile API examples) a
	// bare array, which is then complete.
	if raw := bytes.TrimSpace(is.Fields["comment"]); len(raw) > 0 && string(raw) != "null" {
		p.Comments = &CommentPage{}
		var err error
		if raw[0] == '[' {
			err = json.Unmarshal(raw, &p.Comments.Comments)
			p.Comments.Total = len(p.Comments.Comments)
		} else {
			err = json.Unmarshal(raw, p.Comments)
		}
		if err != nil {
			return fmt.Errorf("comments: %w", err)
		}
	}
	if raw := bytes.TrimSpace(is.Fields["worklog"]); len(raw) > 0 && string(raw) != "null" {
		p.Worklogs = &WorklogPage{}
		var err error
		if raw[0] == '[' {
			err = json.Unmarshal(raw, &p.Worklogs.Worklogs)
			p.Worklogs.Total = len(p.Worklogs.Worklogs)
		} else {
			err = json.Unmarshal(raw, p.Worklogs)
		}
		if err != nil {
			return fmt.Errorf("worklogs: %w", err)
		}
	}
	if is.Changelog != nil {
		p.Issue.ChangelogTotal = max(is.Changelog.Total, len(is.Changelog.Histories))
	}
	return nil
}

// rawFields re-assembles the fields object without description, comment
// and worklog, and without links (see linkMembers).
func rawFields(fields map[string]json.RawMessage) []byte {
	// Links are about half of the bytes.
	buf := append(make([]byte, 0, objectSize(fields)/2), '{')
	n := 0
	for k, v := range fields {
		if k == "comment" || k == "worklog" || k == "description" {
			continue
		}
		if n > 0 {
			buf = append(buf, ',')
		}
		n++
		buf = strconv.AppendQuote(buf, k)
		buf = append(buf, ':')
		buf = appendWithoutLinks(buf, v)
	}
	return append(buf, '}')
}

// fieldsObject writes the members of fields named by keys back as one
// JSON object, for decoding them at once, leaving out description,
// comment and worklog: they are read on their own.
func fieldsObject(fields map[string]json.RawMessage, keys []string) []byte {
	var buf bytes.Buffer
	buf.Grow(objectSize(fields))
	buf.WriteByte('{')
	n := 0
	write := func(k string, v json.RawMessage) {
		if k == "comment" || k == "worklog" || k == "description" {
			return
		}
		if n > 0 {
			buf.WriteByte(',')
		}
		n++
		buf.WriteString(strconv.Quote(k))
		buf.WriteByte(':')
		buf.Write(v)
	}
	for _, k := range keys {
		if v, ok := fields[k]; ok {
			write(k, v)
		}
	}
	buf.WriteByte('}')
	return buf.Bytes()
}

// objectSize bounds the size of fields written back as a JSON object, so
// that it is written into one allocation.
func objectSize(fields map[string]json.RawMessage) int {
	n := 2
	for k, v := range fields {
		n += len(k) + len(v) + 4 // quotes, colon, comma
	}
	return n
}

func projectOf(key string) string {
	for i := len(key) - 1; i > 0; i-- {
		if key[i] == '-' {
			return key[:i]
		}
	}
	return key
}
