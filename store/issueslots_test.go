package store

import (
	"cmp"
	"reflect"
	"testing"
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
