package store_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"
)

func TestDoctorQueries(t *testing.T) {
	ctx := context.Background()
	st := open(t, filepath.Join(t.TempDir(), "r.db"))
	b := sampleBatch()
	must(t, st.SaveBatch(ctx, b, nil))
	// The sample issue reports 2 histories and holds 2: complete.
	if n, err := st.IncompleteChangelogs(ctx); err != nil || n != 0 {
		t.Errorf("incomplete changelogs = %d, %v; want 0", n, err)
	}
	b.Issues[0].Issue.ChangelogTotal = 5
	must(t, st.SaveBatch(ctx, b, nil))
	if n, err := st.IncompleteChangelogs(ctx); err != nil || n != 1 {
		t.Errorf("incomplete changelogs = %d, %v; want 1", n, err)
	}
	last, err := st.LastActive(ctx, []string{"u1", "u2", "nobody"})
	must(t, err)
	// u1 created the issue and wrote h1 (t0+1m); u2 commented at t0+3m and
	// logged work started at t0.
	for id, want := range map[string]time.Time{"u1": t0.Add(time.Minute), "u2": t0.Add(3 * time.Minute)} {
		if !last[id].Equal(want) {
			t.Errorf("last active %s = %s, want %s", id, last[id], want)
		}
	}
	if _, ok := last["nobody"]; ok || len(last) != 2 {
		t.Errorf("last active: %v, want u1 and u2 only", last)
	}
}
