package analysis

import (
	"cmp"
	"slices"
	"unicode/utf8"

	"github.com/roleload/roleload/model"
)

// Kind is an event's kind of SPEC §6.1.
type Kind uint8

// Event kinds of SPEC §6.1.
const (
	kindCreate Kind = iota
	kindEdit
	kindTransition
	kindComment
	kindWorklog
)

// event is one create, history or comment of an issue, in time order.
// Worklogs are read separately: they only feed the time model.
type event struct {
	at    int64 // unix nanoseconds
	actor int32 // -1: anonymous
	kind  Kind
	text  bool // a history that touches a text field
	h     *model.History
	c     *model.Comment
}

// eventReader turns an issue's records into events: it resolves authors
// and changelog field kinds (cached) for the events stage.
type eventReader struct {
	act    *model.Activity
	pp     *people
	fields fieldKinds
}

// issueEvents merges an issue's create, histories and comments into buf in
// time order (histories first on a tie). The store keeps both lists sorted;
// an unsorted list is sorted on a copy, never in place.
func (a *eventReader) issueEvents(is *model.Issue, buf []event) []event {
	buf = append(buf[:0], event{at: is.Created.UnixNano(), actor: a.pp.author(is.CreatorID), kind: kindCreate})
	hs := sortedBy(a.act.Histories[is.ID], func(h model.History) int64 { return h.Created.UnixNano() })
	cs := sortedBy(a.act.Comments[is.ID], func(c model.Comment) int64 { return c.Created.UnixNano() })
	i, j := 0, 0
	for i < len(hs) || j < len(cs) {
		if j == len(cs) || i < len(hs) && !hs[i].Created.After(cs[j].Created) {
			buf = append(buf, a.historyEvent(&hs[i]))
			i++
			continue
		}
		c := &cs[j]
		buf = append(buf, event{at: c.Created.UnixNano(), actor: a.pp.author(c.AuthorID), kind: kindComment, c: c})
		j++
	}
	return buf
}

// historyEvent: a history with a status item is a transition; one that
// also changes a text field is timed and classified as a text edit.
func (a *eventReader) historyEvent(h *model.History) event {
	ev := event{at: h.Created.UnixNano(), actor: a.pp.author(h.AuthorID), kind: kindEdit, h: h}
	for k := range h.Items {
		switch f := a.fields.kind(&h.Items[k]); {
		case f == fieldStatus:
			ev.kind = kindTransition
		case isTextField(f):
			ev.text = true
		}
	}
	return ev
}

func sortedBy[T any](s []T, key func(T) int64) []T {
	if slices.IsSortedFunc(s, func(x, y T) int { return cmp.Compare(key(x), key(y)) }) {
		return s
	}
	c := slices.Clone(s)
	slices.SortStableFunc(c, func(x, y T) int { return cmp.Compare(key(x), key(y)) })
	return c
}

// eventSize is the text an event wrote, in characters (SPEC §6.1).
func (a *eventReader) eventSize(is *model.Issue, ev *event) int {
	switch {
	case ev.kind == kindCreate:
		return a.createSize(is)
	case ev.c != nil:
		if ev.c.BodySize > 0 {
			return ev.c.BodySize
		}
		return utf8.RuneCountInString(ev.c.Body)
	case ev.h != nil:
		n := 0
		for k := range ev.h.Items {
			it := &ev.h.Items[k]
			if isTextField(a.fields.kind(it)) {
				n += abs(utf8.RuneCountInString(it.ToString) - utf8.RuneCountInString(it.FromString))
			}
		}
		return n
	}
	return 0
}

// createSize is the summary plus the description as first saved: the
// fromString of the first later change of each, else the current value.
func (a *eventReader) createSize(is *model.Issue) int {
	summary, desc := -1, -1
	for _, h := range a.act.Histories[is.ID] {
		for k := range h.Items {
			it := &h.Items[k]
			switch a.fields.kind(it) {
			case fieldSummary:
				if summary < 0 {
					summary = utf8.RuneCountInString(it.FromString)
				}
			case fieldDescription:
				if desc < 0 {
					desc = utf8.RuneCountInString(it.FromString)
				}
			}
		}
	}
	if summary < 0 {
		summary = utf8.RuneCountInString(is.Summary)
	}
	if desc < 0 {
		desc = is.DescriptionSize
		if desc == 0 {
			desc = utf8.RuneCountInString(is.Description)
		}
	}
	return summary + desc
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}
