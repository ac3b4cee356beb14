package analysis

import (
	"fmt"
	"slices"
	"strings"

	"github.com/roleload/roleload/model"
)

// Role is a person's role in the team.
type Role uint8

// Roles of a person in the team.
const (
	roleNone     Role = iota // anyone else: an engineer when none are configured
	roleEngineer             // configured engineer
	rolePM
	rolePO
	roleBot
)

// people indexes the Jira people once so that an event's author is one map
// lookup. Authors missing from Activity.People get a placeholder entry:
// their events still count, under their ID.
type people struct {
	list  []model.Person
	role  []Role
	byID  map[string]int32 // Person.ID, exact (authors are stored by ID)
	alias map[string]int32 // every identifier lowercased (mentions, assignee items)
	// engineersConfigured: only listed engineers open requests.
	engineersConfigured bool
	// pending holds configured bots and engineers that matched nobody in
	// Activity.People: an author who shows up later under that ID gets
	// the role (a listed bot must never pass for an engineer).
	pending map[string]Role
}

func newPeople(ps []model.Person) *people {
	pp := &people{
		list:  append([]model.Person(nil), ps...),
		role:  make([]Role, len(ps), len(ps)+8),
		byID:  make(map[string]int32, len(ps)),
		alias: make(map[string]int32, 4*len(ps)),
	}
	for i := range pp.list {
		p := &pp.list[i]
		pp.byID[p.ID] = int32(i)
		if p.AccountType == "app" {
			pp.role[i] = roleBot // Jira app accounts are automation
		}
	}
	// Lower-priority identifiers first so that IDs win a collision.
	for _, pick := range []func(*model.Person) string{
		func(p *model.Person) string { return p.DisplayName },
		func(p *model.Person) string { return p.Email },
		func(p *model.Person) string { return p.Name },
		func(p *model.Person) string { return p.Key },
		func(p *model.Person) string { return p.AccountID },
		func(p *model.Person) string { return p.ID },
	} {
		for i := range pp.list {
			if s := pick(&pp.list[i]); s != "" {
				pp.alias[strings.ToLower(s)] = int32(i)
			}
		}
	}
	return pp
}

// author returns the index of the person with that ID, adding a
// placeholder for an unknown one; -1 for anonymous (system) changes.
func (pp *people) author(id string) int32 {
	if id == "" {
		return -1
	}
	if i, ok := pp.byID[id]; ok {
		return i
	}
	i := int32(len(pp.list))
	pp.list = append(pp.list, model.Person{ID: id, DisplayName: id})
	pp.role = append(pp.role, pp.pending[strings.ToLower(id)])
	pp.byID[id] = i
	pp.alias[strings.ToLower(id)] = i
	return i
}

// lookup finds a person by any identifier (ID, accountId, username, key,
// email, display name), case-insensitively; -1 when nobody matches.
func (pp *people) lookup(s string) int32 {
	if s == "" {
		return -1
	}
	if i, ok := pp.byID[s]; ok {
		return i
	}
	if i, ok := pp.alias[strings.ToLower(s)]; ok {
		return i
	}
	return -1
}

// match returns every person a configured identifier names.
func (pp *people) match(ident string) []int32 {
	var out []int32
	for i := range pp.list {
		if pp.list[i].Names(ident) {
			out = append(out, int32(i))
		}
	}
	return out
}

// assign gives the role to the person each identifier names and returns
// those who got it. A PM or PO who matches nobody, or several people, is an
// error: a verdict about the wrong person is worse than none.
func (pp *people) assign(team string, idents []string, role Role, notFound error) ([]int32, error) {
	var out []int32
	for _, id := range idents {
		m := pp.match(id)
		switch {
		case len(m) == 0 && notFound == nil:
			if pp.pending == nil {
				pp.pending = map[string]Role{}
			}
			pp.pending[strings.ToLower(id)] = role
		case len(m) == 0:
			return nil, fmt.Errorf("team %s: %q matches no Jira person: %w", team, id, notFound)
		case len(m) > 1 && notFound != nil:
			return nil, fmt.Errorf("team %s: %q matches %d Jira people: %w", team, id, len(m), ErrAmbiguousPerson)
		}
		for _, i := range m {
			if pp.role[i] == roleNone || pp.role[i] == roleEngineer || role == roleBot {
				pp.role[i] = role
			}
			// Listed twice (by ID and by e-mail) or already a PM: once only.
			if pp.role[i] == role && !slices.Contains(out, i) {
				out = append(out, i)
			}
		}
	}
	return out, nil
}

// isProduct reports a PM or PO.
func (pp *people) isProduct(i int32) bool {
	return i >= 0 && (pp.role[i] == rolePM || pp.role[i] == rolePO)
}

// isEngineer reports whether the person can open input requests.
func (pp *people) isEngineer(i int32) bool {
	if i < 0 {
		return false
	}
	if pp.engineersConfigured {
		return pp.role[i] == roleEngineer
	}
	return pp.role[i] == roleNone || pp.role[i] == roleEngineer
}

func (pp *people) name(i int32) string {
	if i < 0 {
		return ""
	}
	if n := pp.list[i].DisplayName; n != "" {
		return n
	}
	return pp.list[i].ID
}
