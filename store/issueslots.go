package store

import (
	"fmt"
	"slices"
)

// issueSlots groups one kind of activity by issue without an SQL sort:
// each row goes straight into its issue's part of one array, sized from
// a count per issue read just before, and each part is then sorted in
// Go. It replaces ORDER BY issue_id, created over a whole table (a
// temporary B-tree) and one small slice per issue grown by append, which
// took twice the time and bytes (BenchmarkIssueSlots).
//
// Rows past an issue's count (a sync committed in between) wait in extra
// and the parts are then built anew.
type issueSlots[T any] struct {
	ids        []string         // the loaded issues' ids, in load order
	index      map[string]int32 // position in ids
	start, end []int32          // issue i's part is out[start[i]:end[i]]
	out        []T
	extra      []T
	extraOf    []int32
}

// newIssueSlots counts the rows of table per loaded issue.
func newIssueSlots[T any](l *activityLoader, table string) (*issueSlots[T], error) {
	rows, err := l.query(l.order.counts(table))
	if err != nil {
		return nil, fmt.Errorf("count %s: %w", table, err)
	}
	defer rows.Close()
	counts := make([]int32, len(l.ids))
	var id string
	var n int32
	for rows.Next() {
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count %s: %w", table, err)
		}
		if i, ok := l.index[id]; ok {
			counts[i] = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count %s: %w", table, err)
	}
	return slotsFor[T](l.ids, l.index, counts), nil
}

func slotsFor[T any](ids []string, index map[string]int32, counts []int32) *issueSlots[T] {
	p := &issueSlots[T]{ids: ids, index: index, start: make([]int32, len(ids)+1)}
	for i, n := range counts {
		p.start[i+1] = p.start[i] + n
	}
	p.out = make([]T, p.start[len(ids)])
	p.end = slices.Clone(p.start[:len(ids)])
	return p
}

// issue is the position of the loaded issue *id, which it replaces by
// the issue's own copy of the id; false if that issue is not loaded (a
// storage-order scan reads every issue's rows).
func (p *issueSlots[T]) issue(id *string) (int32, bool) {
	i, ok := p.index[*id]
	if ok {
		*id = p.ids[i]
	}
	return i, ok
}

// put places v, of issue i, and returns its slot for at.
func (p *issueSlots[T]) put(i int32, v T) int32 {
	if k := p.end[i]; k < p.start[i+1] {
		p.out[k] = v
		p.end[i]++
		return k
	}
	p.extra, p.extraOf = append(p.extra, v), append(p.extraOf, i)
	return -int32(len(p.extra))
}

// at is the row in slot, valid until the next put.
func (p *issueSlots[T]) at(slot int32) *T {
	if slot < 0 {
		return &p.extra[-slot-1]
	}
	return &p.out[slot]
}

// parts sorts each issue's part with order and maps the issue ids that
// have any to their part. The parts are capped: appending to one copies
// it rather than overwrite the next.
func (p *issueSlots[T]) parts(order func(a, b *T) int) map[string][]T {
	if len(p.extra) > 0 {
		return p.regroup().parts(order)
	}
	issues := 0
	for i := range p.ids {
		if p.end[i] > p.start[i] {
			issues++
		}
	}
	m := make(map[string][]T, issues)
	for i, id := range p.ids {
		lo, hi := p.start[i], p.end[i]
		if lo == hi {
			continue
		}
		part := p.out[lo:hi:hi]
		if !isSorted(part, order) {
			copy(part, sortedBy(part, order))
		}
		m[id] = part
	}
	return m
}

// regroup is p with the extra rows in place, counted now.
func (p *issueSlots[T]) regroup() *issueSlots[T] {
	counts := make([]int32, len(p.ids))
	for i := range p.ids {
		counts[i] = p.end[i] - p.start[i]
	}
	for _, i := range p.extraOf {
		counts[i]++
	}
	q := slotsFor[T](p.ids, p.index, counts)
	for i := range p.ids {
		for k := p.start[i]; k < p.end[i]; k++ {
			q.put(int32(i), p.out[k])
		}
	}
	for k, i := range p.extraOf {
		q.put(i, p.extra[k])
	}
	return q
}

// sortedBy returns xs in order, sorting a permutation rather than
// moving the large values around on every comparison.
func sortedBy[T any](xs []T, order func(a, b *T) int) []T {
	if isSorted(xs, order) {
		return xs
	}
	perm := make([]int32, len(xs))
	for i := range perm {
		perm[i] = int32(i)
	}
	slices.SortFunc(perm, func(a, b int32) int { return order(&xs[a], &xs[b]) })
	out := make([]T, len(xs))
	for i, k := range perm {
		out[i] = xs[k]
	}
	return out
}

func isSorted[T any](xs []T, order func(a, b *T) int) bool {
	for i := 1; i < len(xs); i++ {
		if order(&xs[i-1], &xs[i]) > 0 {
			return false
		}
	}
	return true
}
