package model

import (
	"slices"
	"strings"
)

// Names reports whether ident, as a config names a person, is p: any of
// p's identifiers (ID, accountId, username, user key, e-mail, display
// name), case-insensitively (SPEC §4: people are named by any of them).
// It is the one rule; the store's loading, the analysis and doctor use it.
func (p *Person) Names(ident string) bool {
	for _, s := range [...]string{p.ID, p.AccountID, p.Name, p.Key, p.Email, p.DisplayName} {
		if s != "" && strings.EqualFold(s, ident) {
			return true
		}
	}
	return false
}

// MatchPeople returns the IDs of the people the identifiers name, each
// once, in the order of the identifiers. An identifier that names several
// people gives them all: the analysis refuses such a PM, but loading
// reads every candidate.
func MatchPeople(ps []Person, identifiers []string) []string {
	var out []string
	for _, ident := range identifiers {
		for i := range ps {
			if ps[i].Names(ident) && !slices.Contains(out, ps[i].ID) {
				out = append(out, ps[i].ID)
			}
		}
	}
	return out
}
