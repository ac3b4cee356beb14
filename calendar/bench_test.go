package calendar

import (
	"bytes"
	"context"
	"fmt"
	"path/filepath"
	"runtime"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/roleload/roleload/store"
)

// busyFeed is a year of a busy calendar: n events, 30% of them weekly
// series without end, the rest single meetings, in an Exchange zone.
func busyFeed(person, n int, clock time.Time) []byte {
	var b strings.Builder
	b.WriteString("BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:bench\r\n")
	start := clock.AddDate(-1, 0, 0)
	titles := []string{"Customer interview", "Backlog refinement", "1:1", "Team sync", "Sprint planning", "Usability test"}
	for i := 0; i < n; i++ {
		day := start.AddDate(0, 0, (i*7)%365)
		at := time.Date(day.Year(), day.Month(), day.Day(), 8+i%9, (i%2)*30, 0, 0, time.UTC)
		fmt.Fprintf(&b, "BEGIN:VEVENT\r\nUID:p%d-e%d\r\nDTSTAMP:20260101T000000Z\r\nSUMMARY:%s %d\r\n", person, i, titles[i%len(titles)], i)
		fmt.Fprintf(&b, "DTSTART;TZID=W. Europe Standard Time:%s\r\nDURATION:PT30M\r\n", at.Format("20060102T150405"))
		fmt.Fprintf(&b, "ORGANIZER:mailto:p%d@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:p%d@example.com\r\nATTENDEE:mailto:guest%d@client%d.org\r\n", person, person, i, i%7)
		if i%10 < 3 {
			b.WriteString("RRULE:FREQ=WEEKLY\r\n")
		}
		b.WriteString("END:VEVENT\r\n")
	}
	b.WriteString("END:VCALENDAR\r\n")
	return []byte(b.String())
}

// BenchmarkCollect20People: parse + expand + store a busy year for 20
// people. Reports occurrences stored and the peak heap.
func BenchmarkCollect20People(b *testing.B) {
	clock := time.Date(2026, 11, 27, 8, 0, 0, 0, time.UTC)
	from, to := Window(clock)
	feeds := make([][]byte, 20)
	for p := range feeds {
		feeds[p] = busyFeed(p, 2000, clock)
	}
	ctx := context.Background()
	for b.Loop() {
		b.StopTimer()
		st, err := store.Open(ctx, filepath.Join(b.TempDir(), "bench.db"))
		if err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var peak atomic.Uint64
		done := make(chan struct{})
		go func() {
			var ms runtime.MemStats
			for {
				select {
				case <-done:
					return
				case <-time.After(2 * time.Millisecond):
					runtime.ReadMemStats(&ms)
					if ms.HeapInuse > peak.Load() {
						peak.Store(ms.HeapInuse)
					}
				}
			}
		}()
		b.StartTimer()
		total := 0
		for p, body := range feeds {
			feed, err := Read(bytes.NewReader(body), Options{Email: fmt.Sprintf("p%d@example.com", p), CompanyDomains: []string{"example.com"},
				Rules: DefaultRules(), KeepTitles: true, From: from, To: to})
			if err != nil {
				b.Fatal(err)
			}
			occs := make([]store.CalendarOccurrence, len(feed.Occurrences))
			for i, o := range feed.Occurrences {
				occs[i] = store.CalendarOccurrence{UID: o.UID, RecurrenceID: o.RecurrenceID, Start: o.Start, End: o.End, Title: o.Title,
					Attendees: o.Attendees, External: o.External, Category: o.Category, Rule: o.Rule}
			}
			if err := st.ReplaceCalendar(ctx, store.CalendarLoad{Person: fmt.Sprintf("p%d", p), Source: "bench", At: clock, Status: store.CalendarOK, From: from, To: to}, occs); err != nil {
				b.Fatal(err)
			}
			total += len(occs)
		}
		b.StopTimer()
		close(done)
		st.Close()
		b.ReportMetric(float64(total), "occurrences")
		b.ReportMetric(float64(peak.Load())/(1<<20), "peak-heap-MB")
		b.StartTimer()
	}
}
