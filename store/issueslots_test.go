package store

import (
	"cmp"
	"fmt"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/model"
)

// TestPlacerMiscounted covers rows that do not match the counts read
// before them (a sync committed in between): more rows than counted for
// an issue, some for an issue counted at none, fewer than counted.
func TestPlacerMiscounted(t *testing.T) {
	p := slotsFor[int]([]string{"a", "b", "c"}, map[string]int32{"a": 0, "b": 1, "c": 2}, []int32{1, 0, 2})
	for _, r := range []struct{ issue, v int32 }{{0, 5}, {2, 7}, {0, 3}, {1, 9}} {
		s := p.put(r.issue, int(r.v))
		if got := *p.at(s); got != int(r.v) {
			t.Errorf("at(%d) = %d, want %d", s, got, r.v)
		}
	}
	got := p.parts(func(a, b *int) int { return cmp.Compare(*a, *b) })
	want := map[string][]int{"a": {3, 5}, "b": {9}, "c": {7}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("parts %v, want %v", got, want)
	}
	for id, part := range got {
		if cap(part) != len(part) {
			t.Errorf("part %s: cap %d, len %d", id, cap(part), len(part))
		}
	}
}

// BenchmarkIssueSlots groups 32,000 comments of 4,000 issues, read in
// storage order (issues interleaved), by issue and sorts each issue's by
// time: with issueSlots, and with a map of appended slices.
func BenchmarkIssueSlots(b *testing.B) {
	const issues, per = 4000, 8
	ids := make([]string, issues)
	index := make(map[string]int32, issues)
	counts := make([]int32, issues)
	for i := range ids {
		ids[i] = fmt.Sprint(100000 + i)
		index[ids[i]] = int32(i)
		counts[i] = per
	}
	base := time.Date(2026, 3, 1, 8, 0, 0, 0, time.UTC)
	var rows []model.Comment
	for k := range per {
		for i := range issues {
			rows = append(rows, model.Comment{ID: fmt.Sprintf("%d-c%d", i, k), IssueID: fmt.Sprint(100000 + i),
				Created: base.Add(time.Duration(k*issues+i) * time.Second)})
		}
	}
	order := func(a, b *model.Comment) int {
		return cmp.Or(a.Created.Compare(b.Created), strings.Compare(a.ID, b.ID))
	}
	b.Run("issueSlots", func(b *testing.B) {
		for b.Loop() {
			slots := slotsFor[model.Comment](ids, index, counts)
			for _, c := range rows {
				if i, ok := slots.issue(&c.IssueID); ok {
					slots.put(i, c)
				}
			}
			slots.parts(order)
		}
	})
	b.Run("appended", func(b *testing.B) {
		for b.Loop() {
			m := make(map[string][]model.Comment)
			for _, c := range rows {
				if _, ok := index[c.IssueID]; ok {
					m[c.IssueID] = append(m[c.IssueID], c)
				}
			}
			for _, part := range m {
				slices.SortFunc(part, func(a, b model.Comment) int { return order(&a, &b) })
			}
		}
	})
}
