package jira

import (
	"fmt"
	"unicode/utf8"

	"github.com/roleload/roleload/model"
)

// Person turns a user object into a model person.
func (u *User) Person() model.Person {
	return model.Person{
		ID: u.ID(), AccountID: u.AccountID, Name: u.Name, Key: u.Key, DisplayName: u.DisplayName,
		Email: u.EmailAddress, AccountType: u.AccountType, TimeZone: u.TimeZone, Active: u.Active,
	}
}

// Model turns a history of issueID into a model history.
func (h *History) Model(issueID string) model.History {
	m := model.History{ID: h.ID, IssueID: issueID, AuthorID: h.Author.ID(), Created: h.Created.Time.UTC()}
	m.Items = make([]model.HistoryItem, len(h.Items))
	for i, it := range h.Items {
		m.Items[i] = model.HistoryItem{
			Field: it.Field, FieldType: it.FieldType, FieldID: it.FieldID,
			From: string(it.From), FromString: string(it.FromString), To: string(it.To), ToString: string(it.ToString),
		}
	}
	return m
}

// Model turns a comment of issueID into a model comment; byName maps
// Server/DC user names in [~name] mentions to user keys.
func (c *Comment) Model(issueID string, byName func(string) string) (model.Comment, error) {
	body, err := BodyText(c.Body)
	if err != nil {
		return model.Comment{}, fmt.Errorf("comment %s body: %w", c.ID, err)
	}
	return model.Comment{
		ID: c.ID, IssueID: issueID, AuthorID: c.Author.ID(), Created: c.Created.Time.UTC(), Updated: c.Updated.Time.UTC(),
		Body: body, BodySize: utf8.RuneCountInString(body), Mentions: Mentions(body, byName),
	}, nil
}

// Model turns a worklog of issueID into a model worklog.
func (w *Worklog) Model(issueID string) model.Worklog {
	return model.Worklog{
		ID: w.ID, IssueID: issueID, AuthorID: w.Author.ID(), Started: w.Started.Time.UTC(),
		Seconds: w.TimeSpentSeconds, Created: w.Created.Time.UTC(), Updated: w.Updated.Time.UTC(),
	}
}

// Model turns a sprint into a model sprint; boardID is used when the
// sprint does not say its board.
func (s *Sprint) Model(boardID int64) model.Sprint {
	b := s.OriginBoardID
	if b == 0 {
		b = s.BoardID
	}
	if b == 0 {
		b = boardID
	}
	return model.Sprint{ID: s.ID, BoardID: b, Name: s.Name, State: s.State,
		Start: s.StartDate.Time.UTC(), End: s.EndDate.Time.UTC(), Complete: s.CompleteDate.Time.UTC()}
}
