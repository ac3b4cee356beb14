package store

import (
	"database/sql"
	"encoding/json"
	"reflect"
	"testing"
	"time"
)

// FuzzParseTimeText holds the hand-written reading of stored times to
// what time.Parse makes of the same text.
func FuzzParseTimeText(f *testing.F) {
	for _, s := range []string{"2026-11-02T09:30:15.123Z", "2024-02-29T23:59:59.999Z", "2025-02-29T00:00:00.000Z",
		"2026-04-31T00:00:00.000Z", "2026-13-01T00:00:00.000Z", "2026-01-01T24:00:00.000Z", "2026-01-01T23:60:00.000Z",
		"2026-01-01T23:59:60.000Z", "0000-01-01T00:00:00.000Z", "9999-12-31T23:59:59.999Z", "2026-1x-01T00:00:00.000Z",
		"2026-11-02T10:30:15+01:00", "2026-11-02T09:30:15.5Z", "2026-11-02T09:30:15.123456789Z", "", "garbage"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := parseTimeText(s)
		want, werr := time.Parse(time.RFC3339Nano, s)
		want = want.UTC()
		if s == "" {
			want, werr = time.Time{}, nil
		}
		if (err != nil) != (werr != nil) || err == nil && !reflect.DeepEqual(got, want) {
			t.Errorf("parseTimeText(%q) = %v, %v; time.Parse: %v, %v", s, got, err, want, werr)
		}
		if _, ok := parseFixedUTC(s); ok && len(s) != len(timeLayout)-5 {
			t.Errorf("parseFixedUTC took %q", s)
		}
	})
}

// FuzzStoredLists holds the hand-written list readers to encoding/json.
func FuzzStoredLists(f *testing.F) {
	for _, s := range []string{`[]`, `["a","b"]`, `["a,b"]`, `["a\",\"b"]`, `[""]`, `["ü"]`, `[ "a"]`, `null`, `["a",]`,
		`[1,2]`, `[0]`, `[-3]`, `[-0]`, `[01]`, `[+1]`, `[1,]`, `[9223372036854775808]`, `[1.5]`, `["\u00e9"]`, `[,]`} {
		f.Add(s)
	}
	in := newInterner()
	f.Fuzz(func(t *testing.T, s string) {
		var ws []string
		werr := json.Unmarshal([]byte(s), &ws)
		gs, err := stringList(s, in)
		if (err != nil) != (werr != nil) || err == nil && !reflect.DeepEqual(gs, ws) {
			t.Errorf("stringList(%q) = %#v, %v; encoding/json: %#v, %v", s, gs, err, ws, werr)
		}
		var wi []int64
		werr = json.Unmarshal([]byte(s), &wi)
		gi, err := int64s(s)
		if (err != nil) != (werr != nil) || err == nil && !reflect.DeepEqual(gi, wi) {
			t.Errorf("int64s(%q) = %#v, %v; encoding/json: %#v, %v", s, gi, err, wi, werr)
		}
	})
}

// BenchmarkParseTime reads a stored time as LoadActivity does (timeText:
// the driver's string straight into a time.Time) and as it would without
// it (into a sql.NullString, then time.Parse).
func BenchmarkParseTime(b *testing.B) {
	text := dbTime(time.Date(2026, 11, 2, 9, 30, 15, 123e6, time.UTC)) // an any, as the driver gives it
	var t time.Time
	b.Run("timeText", func(b *testing.B) {
		for b.Loop() {
			if err := timeText(&t).Scan(text); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("NullString+time.Parse", func(b *testing.B) {
		for b.Loop() {
			var ns sql.NullString
			if err := ns.Scan(text); err != nil {
				b.Fatal(err)
			}
			v, err := time.Parse(time.RFC3339Nano, ns.String) // what LoadActivity did before parseTimeText
			if err != nil {
				b.Fatal(err)
			}
			t = v.UTC()
		}
	})
}

// BenchmarkStoredLists decodes the lists LoadActivity meets most (a
// mention, no labels, one sprint) by hand and with encoding/json.
func BenchmarkStoredLists(b *testing.B) {
	in := newInterner()
	lists := []string{`["p12"]`, `[]`, `["discovery","web"]`}
	b.Run("stringList", func(b *testing.B) {
		for b.Loop() {
			for _, s := range lists {
				if _, err := stringList(s, in); err != nil {
					b.Fatal(err)
				}
			}
			if _, err := int64s(`[3]`); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("encoding/json", func(b *testing.B) {
		for b.Loop() {
			for _, s := range lists {
				var out []string
				if err := json.Unmarshal([]byte(s), &out); err != nil {
					b.Fatal(err)
				}
			}
			var ids []int64
			if err := json.Unmarshal([]byte(`[3]`), &ids); err != nil {
				b.Fatal(err)
			}
		}
	})
}
