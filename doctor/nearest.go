package doctor

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/agnivade/levenshtein"
)

// nearest returns up to three of names closest to s by edit distance
// (case-insensitive), close enough to be a misspelling of it.
func nearest(s string, names []string) []string {
	type cand struct {
		name string
		d    int
	}
	limit := max(2, len([]rune(s))/3)
	var cs []cand
	for _, n := range names {
		d := levenshtein.ComputeDistance(strings.ToLower(s), strings.ToLower(n))
		if d <= limit && n != s {
			cs = append(cs, cand{n, d})
		}
	}
	slices.SortFunc(cs, func(a, b cand) int { return cmp.Or(cmp.Compare(a.d, b.d), cmp.Compare(a.name, b.name)) })
	var out []string
	for _, c := range cs[:min(3, len(cs))] {
		out = append(out, c.name)
	}
	return out
}

// quoted writes names as "a", "b".
func quoted(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = fmt.Sprintf("%q", n)
	}
	return strings.Join(q, ", ")
}
