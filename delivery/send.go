package delivery

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/mail"
	"github.com/roleload/roleload/reports"
	"github.com/roleload/roleload/store"
)

// CheckMail refuses, before any work is done, a config that cannot send.
func CheckMail(cfg *config.Config) error {
	if cfg.Email.Host == "" || len(cfg.Email.To) == 0 || cfg.Email.From == "" {
		return &config.Error{Path: cfg.Path, Problems: []string{"email: host, from and to are needed to send reports"}}
	}
	if _, err := mail.New(cfg.Email, slog.New(slog.DiscardHandler)); err != nil {
		return &config.Error{Path: cfg.Path, Problems: []string{err.Error()}}
	}
	return nil
}

// SendReport e-mails a weekly report, archived in dir, to email.to with
// its charts inline, at least once; now dates the records (SPEC §7.4): the archive and the
// intent with its Message-ID are recorded in the store, the e-mail is
// sent, then the send is recorded. A report whose intent was recorded
// and not its send (a crash, a refused e-mail) keeps its Message-ID when
// it is sent again. The daemon and `report --send` both come through here.
func SendReport(ctx context.Context, st *store.Store, cfg *config.Config, r *reports.Report, dir string, now time.Time, log *slog.Logger, opts ...mail.Option) error {
	return sendReport(ctx, st, cfg, r, dir, now, log, nil, opts...)
}

func sendReport(ctx context.Context, st *store.Store, cfg *config.Config, r *reports.Report, dir string, now time.Time, log *slog.Logger, crash crashHook, opts ...mail.Option) error {
	s, err := mail.New(cfg.Email, log, opts...)
	if err != nil {
		return err
	}
	m, err := mail.ReportMessage(r, cfg.Email.To)
	if err != nil {
		return fmt.Errorf("report mail %s %s: %w", r.Team, r.Week, err)
	}
	if err := st.ReportArchived(ctx, r.Team, r.Week, dir, r.Generated); err != nil {
		return err
	}
	rec, err := st.ReportSend(ctx, r.Team, r.Week)
	if err != nil {
		return err
	}
	// A report sent already and sent again on request is a new e-mail.
	if m.MessageID = rec.MessageID; !rec.Owed() {
		if m.MessageID, err = newMessageID(cfg.Email.From, "report"); err != nil {
			return err
		}
		if err := st.ReportIntent(ctx, r.Team, r.Week, m.MessageID, now, len(cfg.Email.To)); err != nil {
			return err
		}
	}
	crash.at(afterIntent, m.MessageID)
	if err := s.Send(ctx, m); err != nil {
		return fmt.Errorf("send report %s %s (owed: sent again with the same Message-ID): %w", r.Team, r.Week, err)
	}
	crash.at(afterSend, m.MessageID)
	// Even when ctx was cancelled mid-send: the relay took it.
	if err := st.ReportSent(context.WithoutCancel(ctx), r.Team, r.Week, m.MessageID, now); err != nil {
		return err
	}
	crash.at(afterRecord, m.MessageID)
	return nil
}

// newMessageID makes a Message-ID (without angle brackets) in the domain
// of the from address; kind says what the e-mail is. It is random, not
// derived from the alert or the week, so that two stores (a demo run
// twice) never reuse one: mail readers hide a second e-mail with a
// Message-ID they have seen.
func newMessageID(from, kind string) (string, error) {
	domain := "roleload.invalid"
	if a, err := netmail.ParseAddress(from); err == nil {
		if _, d, ok := strings.Cut(a.Address, "@"); ok && d != "" {
			domain = d
		}
	}
	var b [12]byte
	if _, err := rand.Read(b[:]); err != nil {
		return "", fmt.Errorf("message-id: %w", err)
	}
	return fmt.Sprintf("roleload.%s.%s@%s", kind, hex.EncodeToString(b[:]), domain), nil
}
