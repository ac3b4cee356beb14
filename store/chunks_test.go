package store

import (
	"reflect"
	"testing"

	"github.com/roleload/roleload/model"
)

// TestChunks: each slice holds its values, also across arrays and
// longer than one, stays intact when the next is built, and is capped.
func TestChunks(t *testing.T) {
	var c chunks[int]
	long := make([]int, 3*chunkLen)
	for i := range long {
		long[i] = i
	}
	want := [][]int{{1}, {}, {2, 3}, make([]int, chunkLen-4), {4, 5}, long, {6}}
	var got [][]int
	for _, xs := range want {
		for _, x := range xs {
			c.add(x)
		}
		got = append(got, c.done())
	}
	for i, xs := range got {
		if cap(xs) != len(xs) {
			t.Errorf("slice %d: cap %d, len %d", i, cap(xs), len(xs))
		}
	}
	_ = append(got[2], 9) // must not overwrite got[3]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("slices %v, want %v", got, want)
	}
}

// BenchmarkChunks builds the items of 48,000 histories (one or two each,
// as in BenchmarkLoadActivity's store) in chunks, and in a slice each.
func BenchmarkChunks(b *testing.B) {
	items := []model.HistoryItem{{Field: "status"}, {Field: "Rank"}}
	kept := make([][]model.HistoryItem, 48000) // as the histories hold them
	b.Run("chunks", func(b *testing.B) {
		for b.Loop() {
			var c chunks[model.HistoryItem]
			for h := range kept {
				for _, it := range items[:1+h%3/2] {
					c.add(it)
				}
				kept[h] = c.done()
			}
		}
	})
	b.Run("slice_each", func(b *testing.B) {
		for b.Loop() {
			for h := range kept {
				var xs []model.HistoryItem
				for _, it := range items[:1+h%3/2] {
					xs = append(xs, it)
				}
				kept[h] = xs
			}
		}
	})
}
