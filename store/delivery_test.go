package store_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/roleload/roleload/store"
)

// The records of at-least-once delivery (SPEC §7.3, §7.4): an intent is
// owed until its send is recorded, a send is recorded once, and all of it
// survives reopening the store.
func TestDeliveryRecords(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "db.sqlite")
	st := open(t, path)
	t0 := time.Date(2026, 11, 30, 8, 0, 0, 0, time.UTC)
	k := store.AlertKey{Rule: "daily_inputs", Team: "checkout"}

	// Alerts: the state and the intent in one row.
	a := store.Alert{AlertKey: k, State: "firing", Since: t0, FiredAt: t0, LastSent: t0, Detail: "daily_inputs 0.95", UpdatedAt: t0,
		Owed: "firing", MessageID: "roleload.alert.1@example.com"}
	must(t, st.PutAlert(ctx, a))
	if err := st.AlertSent(ctx, k, "roleload.alert.other@example.com", t0); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("another e-mail's send: %v, want ErrNotFound", err)
	}
	st.Close()
	st = open(t, path) // a restart
	rows, err := st.Alerts(ctx)
	must(t, err)
	if got := rows[k]; got != a {
		t.Fatalf("after reopening: %+v, want %+v", got, a)
	}
	must(t, st.AlertSent(ctx, k, a.MessageID, t0.Add(time.Second)))
	if err := st.AlertSent(ctx, k, a.MessageID, t0.Add(2*time.Second)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("recorded as sent twice: %v, want ErrNotFound", err)
	}
	rows, err = st.Alerts(ctx)
	must(t, err)
	if got := rows[k]; got.Owed != "" || got.MessageID != a.MessageID || !got.SentAt.Equal(t0.Add(time.Second)) {
		t.Errorf("after the send: %+v, want nothing owed, sent at +1s", got)
	}

	// Reports: archived, intent, sent.
	if _, err := st.ReportSend(ctx, "checkout", "2026-W48"); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("never archived: %v, want ErrNotFound", err)
	}
	if err := st.ReportIntent(ctx, "checkout", "2026-W48", "r1@example.com", t0, 2); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("intent for a report never archived: %v, want ErrNotFound", err)
	}
	must(t, st.ReportArchived(ctx, "checkout", "2026-W48", "/reports/checkout/2026-W48", t0))
	must(t, st.ReportIntent(ctx, "checkout", "2026-W48", "r1@example.com", t0.Add(time.Minute), 2))
	must(t, st.ReportArchived(ctx, "checkout", "2026-W48", "/reports/checkout/2026-W48", t0.Add(time.Hour))) // rewritten: the intent stays
	st.Close()
	st = open(t, path)
	owed, err := st.ReportsOwed(ctx)
	must(t, err)
	want := store.ReportSend{Team: "checkout", Week: "2026-W48", Dir: "/reports/checkout/2026-W48", BuiltAt: t0.Add(time.Hour),
		MessageID: "r1@example.com", IntentAt: t0.Add(time.Minute), Recipients: 2}
	if len(owed) != 1 || owed[0] != want || !owed[0].Owed() {
		t.Fatalf("owed %+v, want %+v", owed, want)
	}
	must(t, st.ReportSent(ctx, "checkout", "2026-W48", "r1@example.com", t0.Add(2*time.Minute)))
	if err := st.ReportSent(ctx, "checkout", "2026-W48", "r1@example.com", t0.Add(3*time.Minute)); !errors.Is(err, store.ErrNotFound) {
		t.Errorf("recorded as sent twice: %v, want ErrNotFound", err)
	}
	owed, err = st.ReportsOwed(ctx)
	must(t, err)
	rec, err := st.ReportSend(ctx, "checkout", "2026-W48")
	must(t, err)
	if len(owed) != 0 || rec.Owed() || !rec.SentAt.Equal(t0.Add(2*time.Minute)) {
		t.Errorf("after the send: owed %+v, record %+v", owed, rec)
	}
}
