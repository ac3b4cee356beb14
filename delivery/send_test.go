package delivery

import (
	"context"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"github.com/roleload/roleload/app"
	"github.com/roleload/roleload/internal/isoweek"
	"github.com/roleload/roleload/reports"
)

// A weekly report's e-mail is delivered at least once, as an alert's
// (SPEC §7.3, §7.4): after a crash between the recorded intent and the
// recorded send, the store lists the report as owed, and sending it again
// reuses its Message-ID; after the recorded send, nothing is owed.
func TestReportSendCrashMidDelivery(t *testing.T) {
	e := newAlertEnv(t)
	ctx := context.Background()
	log := slog.New(slog.DiscardHandler)
	team := &e.cfg.Teams[0]
	root := filepath.Join(t.TempDir(), "reports")
	week := isoweek.LastComplete(e.now, team.Location)
	for _, tc := range []struct {
		point           string
		atCrash, atLast int // e-mails at the relay after the crash, and in the end
		owed            bool
	}{
		{afterIntent, 0, 1, true},
		{afterSend, 1, 2, true},
		{afterRecord, 1, 1, false},
	} {
		t.Run(tc.point, func(t *testing.T) {
			week = week.Previous() // a week of its own
			r, err := app.BuildReport(ctx, e.st, e.cfg, team, app.ReportRequest{Week: week, Now: e.now})
			if err != nil {
				t.Fatal(err)
			}
			dir, err := reports.WriteArchive(root, r)
			if err != nil {
				t.Fatal(err)
			}
			before := len(e.smtp.Messages())
			c := func() (c *crash) {
				defer func() {
					if p := recover(); p != nil {
						cr := p.(crash)
						c = &cr
					}
				}()
				if err := sendReport(ctx, e.st, e.cfg, r, dir, e.now, log, crashAt(tc.point)); err != nil {
					t.Fatal(err)
				}
				return nil
			}()
			if c == nil {
				t.Fatal("the crash never happened")
			}
			if n := len(e.smtp.Messages()) - before; n != tc.atCrash {
				t.Fatalf("%d e-mails at the relay after the crash, want %d", n, tc.atCrash)
			}
			e.open(t) // the restart asks the store what is owed
			owed, err := e.st.ReportsOwed(ctx)
			if err != nil {
				t.Fatal(err)
			}
			switch {
			case !tc.owed && len(owed) != 0:
				t.Fatalf("owed after the send was recorded: %+v", owed)
			case tc.owed && (len(owed) != 1 || owed[0].MessageID != c.messageID || owed[0].Week != week.String() || owed[0].Dir != dir):
				t.Fatalf("owed %+v, want %s %s with Message-ID %s", owed, team.Name, week, c.messageID)
			case tc.owed:
				again, err := app.BuildReport(ctx, e.st, e.cfg, team, app.ReportRequest{Week: week, Now: owed[0].BuiltAt})
				if err != nil {
					t.Fatal(err)
				}
				if err := SendReport(ctx, e.st, e.cfg, again, owed[0].Dir, e.now.Add(time.Hour), log); err != nil {
					t.Fatal(err)
				}
			}
			ids := messageIDs(t, e.smtp)[before:]
			if len(ids) != tc.atLast {
				t.Fatalf("%d e-mails in the end, want %d", len(ids), tc.atLast)
			}
			for _, id := range ids {
				if id != "<"+c.messageID+">" {
					t.Errorf("Message-ID %s, want the one recorded with the intent: <%s>", id, c.messageID)
				}
			}
			rec, err := e.st.ReportSend(ctx, team.Name, week.String())
			if err != nil || rec.Owed() || rec.SentAt.IsZero() || rec.Recipients != 1 {
				t.Errorf("record in the end %+v, %v: want sent to 1 recipient", rec, err)
			}
		})
	}
}
