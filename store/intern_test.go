package store

import (
	"fmt"
	"runtime"
	"testing"
	"unsafe"
)

// TestInternerShares: equal strings read apart come back as one copy.
func TestInternerShares(t *testing.T) {
	in := newInterner()
	a, b := fmt.Sprint("p", 12), fmt.Sprint("p", 12)
	if unsafe.StringData(a) == unsafe.StringData(b) {
		t.Fatal("test strings already shared")
	}
	x, y := in.String(a), in.String(b)
	if x != "p12" || unsafe.StringData(x) != unsafe.StringData(y) {
		t.Errorf("String(%q), String(%q) = %q at %p, %q at %p; want one copy", a, b, x, unsafe.StringData(x), y, unsafe.StringData(y))
	}
}

// BenchmarkIntern reads 100,000 author ids as the driver returns them (a
// fresh string per row; 200 distinct Jira Cloud account ids) and keeps
// them, interned or not: ns/op is the reading, held-MB what the kept
// values hold once the garbage is collected.
func BenchmarkIntern(b *testing.B) {
	const rows = 100_000
	for _, intern := range []bool{true, false} {
		b.Run(fmt.Sprintf("interned=%v", intern), func(b *testing.B) {
			var held uint64
			for b.Loop() {
				b.StopTimer()
				var before, after runtime.MemStats
				runtime.GC()
				runtime.ReadMemStats(&before)
				b.StartTimer()
				in := newInterner()
				kept := make([]string, rows)
				for i := range kept {
					s := fmt.Sprintf("5b10ac8d82e05b22cc7d%04d", i%200)
					if intern {
						s = in.String(s)
					}
					kept[i] = s
				}
				b.StopTimer()
				in = nil
				runtime.GC()
				runtime.ReadMemStats(&after)
				held = after.HeapAlloc - before.HeapAlloc
				runtime.KeepAlive(kept)
				b.StartTimer()
			}
			b.ReportMetric(float64(held)/(1<<20), "held-MB")
		})
	}
}
