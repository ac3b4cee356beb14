package model_test

import (
	"slices"
	"testing"

	"github.com/roleload/roleload/model"
)

func TestMatchPeople(t *testing.T) {
	ps := []model.Person{
		{ID: "acc-1", AccountID: "acc-1", DisplayName: "Ann Lee", Email: "ann@example.com"},
		{ID: "bob", Name: "bob", Key: "JIRAUSER10", DisplayName: "Bob Roe"},
		{ID: "acc-3", AccountID: "acc-3", DisplayName: "Sam"},
		{ID: "acc-4", AccountID: "acc-4", DisplayName: "Sam"},
	}
	for _, tc := range []struct {
		idents []string
		want   []string
	}{
		{[]string{"ANN@example.com"}, []string{"acc-1"}},
		{[]string{"jirauser10", "Bob Roe", "bob"}, []string{"bob"}}, // key, display name, username: once
		{[]string{"acc-1", "ann lee"}, []string{"acc-1"}},
		{[]string{"Sam"}, []string{"acc-3", "acc-4"}}, // ambiguous: the analysis refuses it, the load reads both
		{[]string{"nobody"}, nil},
		{nil, nil},
	} {
		if got := model.MatchPeople(ps, tc.idents); !slices.Equal(got, tc.want) {
			t.Errorf("MatchPeople(%q) = %q, want %q", tc.idents, got, tc.want)
		}
	}
}
