package store

// interner keeps one copy of each distinct string that one LoadActivity
// reads. Author ids, statuses, field names and history values repeat on
// most rows (an edited text's old value is the previous edit's new one),
// and the driver returns a fresh string for every column of every row.
// Shared, 100,000 account ids hold 0.4 times the bytes, for a map look-up
// each (BenchmarkIntern: about 50 ns a string), and fewer live bytes
// make the analysis after the load faster too. Bodies, descriptions and
// ids are rarely repeated and not interned.
type interner map[string]string

func newInterner() interner { return make(interner, 4096) }

// String returns the shared copy of s.
func (in interner) String(s string) string {
	if c, ok := in[s]; ok {
		return c
	}
	in[s] = s
	return s
}
