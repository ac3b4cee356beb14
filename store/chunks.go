package store

// chunks builds many small slices (the items of each history) one value
// at a time in a few large arrays: one allocation per chunkLen values
// instead of one per slice, and each value written once, where it stays
// (BenchmarkChunks: half the time of a slice each). The histories are the
// slowest part of LoadActivity.
type chunks[T any] struct {
	buf  []T // the current array; buf[open:] is the slice being built
	open int
}

const chunkLen = 1024

// add appends v to the slice being built.
func (c *chunks[T]) add(v T) {
	if len(c.buf) == cap(c.buf) {
		part := c.buf[c.open:]
		c.buf = append(make([]T, 0, max(chunkLen, 2*len(part))), part...)
		c.open = 0
	}
	c.buf = append(c.buf, v)
}

// done returns the slice built since the last done, capped so that
// appending to it copies it rather than overwrite the next one.
func (c *chunks[T]) done() []T {
	out := c.buf[c.open:len(c.buf):len(c.buf)]
	c.open = len(c.buf)
	return out
}
