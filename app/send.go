package app

import (
	"context"
	"errors"
	"log/slog"

	"github.com/roleload/roleload/config"
	"github.com/roleload/roleload/reports"
)

// CheckMail says whether the config can send e-mail.
func CheckMail(cfg *config.Config) error { return errors.New("TODO") }

// SendReport e-mails a report.
func SendReport(ctx context.Context, cfg *config.Config, r *reports.Report, log *slog.Logger) error {
	return errors.New("TODO")
}
