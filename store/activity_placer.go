package store

import (
	"fmt"
	"slices"
)

// placer puts each issue's rows of one kind straight into the issue's
// part of one array, sized from counts read just before. Rows past an
// issue's count (a sync committed in between) wait in extra and the
// parts are then built anew.
type placer[T any] struct {
	ids        []string
	start, end []int32 // issue i's part is out[start[i]:end[i]]
	out        []T
	extra      []T
	extraOf    []int32
}

func newPlacer[T any](l *activityLoader, table string) (*placer[T], error) {
	q, args := `SELECT issue_id, count(*) FROM `+table, []any(nil)
	if !l.scan {
		q, args = q+` WHERE issue_id IN (`+l.filter+`)`, l.args
	}
	rows, err := l.db.QueryContext(l.qctx, q+` GROUP BY issue_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("count %s: %w", table, err)
	}
	defer rows.Close()
	p := &placer[T]{ids: l.ids, start: make([]int32, len(l.ids)+1)}
	var id string
	var n int32
	for rows.Next() {
		if err := rows.Scan(&id, &n); err != nil {
			return nil, fmt.Errorf("count %s: %w", table, err)
		}
		if i, ok := l.index[id]; ok {
			p.start[i+1] = n
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("count %s: %w", table, err)
	}
	for i := range l.ids {
		p.start[i+1] += p.start[i]
	}
	p.out = make([]T, p.start[len(l.ids)])
	p.end = slices.Clone(p.start[:len(l.ids)])
	return p, nil
}

// put places v, of issue i, and returns its slot for at.
func (p *placer[T]) put(i int32, v T) int32 {
	if k := p.end[i]; k < p.start[i+1] {
		p.out[k] = v
		p.end[i]++
		return k
	}
	p.extra, p.extraOf = append(p.extra, v), append(p.extraOf, i)
	return -int32(len(p.extra))
}

func (p *placer[T]) at(slot int32) *T {
	if slot < 0 {
		return &p.extra[-slot-1]
	}
	return &p.out[slot]
}

// parts sorts each issue's part with order and maps the issue ids that
// have any to their part. The parts are capped: appending to one copies
// it rather than overwrite the next.
func (p *placer[T]) parts(order func(a, b *T) int) map[string][]T {
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
func (p *placer[T]) regroup() *placer[T] {
	q := &placer[T]{ids: p.ids, start: make([]int32, len(p.ids)+1)}
	for i := range p.ids {
		q.start[i+1] = p.end[i] - p.start[i]
	}
	for _, i := range p.extraOf {
		q.start[i+1]++
	}
	for i := range p.ids {
		q.start[i+1] += q.start[i]
	}
	q.out = make([]T, q.start[len(p.ids)])
	q.end = slices.Clone(q.start[:len(p.ids)])
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
