package alerts_test

import (
	"testing"
	"time"

	"github.com/roleload/roleload/alerts"
	"github.com/roleload/roleload/store"
)

// TestStepRepeatEdges: repeat_interval 0 sends no repeat however long the
// alert fires; a repeat is due exactly one interval after the last e-mail,
// not a moment before; hold is met exactly at its end.
func TestStepRepeatEdges(t *testing.T) {
	t0 := time.Date(2026, 11, 30, 9, 0, 0, 0, time.UTC)
	firing := store.Alert{AlertKey: store.AlertKey{Rule: "r", Team: "t"}, State: alerts.Firing, Since: t0, FiredAt: t0, LastSent: t0}
	tests := []struct {
		name   string
		st     store.Alert
		at     time.Duration
		hold   time.Duration
		repeat time.Duration
		state  string
		notice string
	}{
		{"no repeat interval", firing, 30 * 24 * time.Hour, 0, 0, alerts.Firing, alerts.NoticeNone},
		{"a moment before the repeat", firing, 24*time.Hour - time.Second, 0, 24 * time.Hour, alerts.Firing, alerts.NoticeNone},
		{"exactly at the repeat", firing, 24 * time.Hour, 0, 24 * time.Hour, alerts.Firing, alerts.NoticeRepeat},
		{"pending a moment before hold", store.Alert{State: alerts.Pending, Since: t0}, time.Hour - time.Second, time.Hour, 0, alerts.Pending, alerts.NoticeNone},
		{"pending exactly at hold", store.Alert{State: alerts.Pending, Since: t0}, time.Hour, time.Hour, 0, alerts.Firing, alerts.NoticeFiring},
	}
	for _, tc := range tests {
		st, notice := alerts.Step(tc.st, true, t0.Add(tc.at), tc.hold, tc.repeat)
		if st.State != tc.state || notice != tc.notice {
			t.Errorf("%s: state %s notice %q, want %s %q", tc.name, st.State, notice, tc.state, tc.notice)
		}
	}
}
