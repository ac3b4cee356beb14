package app

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/mail"
	"github.com/roleload/roleload/reports"
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

// SendReport e-mails a weekly report to email.to, charts inline. The
// daemon and `report --send` both come through here.
func SendReport(ctx context.Context, cfg *config.Config, r *reports.Report, log *slog.Logger, opts ...mail.Option) error {
	s, err := mail.New(cfg.Email, log, opts...)
	if err != nil {
		return err
	}
	m, err := mail.ReportMessage(r, cfg.Email.To)
	if err != nil {
		return fmt.Errorf("report mail: %w", err)
	}
	if err := s.Send(ctx, m); err != nil {
		return fmt.Errorf("send report %s %s: %w", r.Team, r.Week, err)
	}
	return nil
}
