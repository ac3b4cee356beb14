package store

import (
	"reflect"
	"testing"

	"github.com/roleload/roleload/model"
)

// TestChunksCopy: each copy holds its values, stays intact when the
// next is made, and is capped.
func TestChunksCopy(t *testing.T) {
	var c chunks[int]
	var got [][]int
	want := [][]int{{1}, {2, 3}, make([]int, chunkLen+1), {4}}
	for _, xs := range want {
		got = append(got, c.copy(xs))
	}
	for i, xs := range got {
		if cap(xs) != len(xs) {
			t.Errorf("copy %d: cap %d, len %d", i, cap(xs), len(xs))
		}
	}
	_ = append(got[0], 9) // must not overwrite got[1]
	if !reflect.DeepEqual(got, want) {
		t.Errorf("copies %v, want %v", got, want)
	}
}

// BenchmarkChunks keeps the items of 48,000 histories (one or two each,
// as in BenchmarkLoadActivity's store) in chunks, and in a slice each.
func BenchmarkChunks(b *testing.B) {
	items := []model.HistoryItem{{Field: "status"}, {Field: "Rank"}}
	kept := make([][]model.HistoryItem, 48000) // as the histories hold them
	b.Run("chunks", func(b *testing.B) {
		for b.Loop() {
			var c chunks[model.HistoryItem]
			for h := range 48000 {
				kept[h] = c.copy(items[:1+h%3/2])
			}
		}
	})
	b.Run("slice_each", func(b *testing.B) {
		for b.Loop() {
			for h := range 48000 {
				xs := items[:1+h%3/2]
				kept[h] = append(make([]model.HistoryItem, 0, len(xs)), xs...)
			}
		}
	})
}
