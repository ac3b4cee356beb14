package collector

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"time"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/config"
)

// Options configure one Run.
type Options struct {
	Jira       config.Jira
	HTTPClient *http.Client // optional: its Transport and Timeout are used
	Logger     *slog.Logger // nil: discard
	// Progress gets a running counter (nil: quiet). Pass a terminal only.
	Progress io.Writer
	// Now is the local clock that dates the run's record (nil: the wall
	// clock). The watermark never comes from it: it is Jira's (SPEC §5).
	Now func() time.Time
	// Sleep waits between retries; nil: a real timer. Tests shorten it.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Summary is what one run did.
type Summary struct {
	Flavor    string
	Issues    int // issues saved (created or updated)
	Histories int // histories fetched
	Comments  int
	Worklogs  int
	Deleted   int // issues the census marked deleted
	Requests  int // HTTP requests, retries included
	Duration  time.Duration
	Watermark time.Time // Jira time up to which the store is complete
}

// String is the one-line summary the CLI prints.
func (s Summary) String() string {
	wm := "none"
	if !s.Watermark.IsZero() {
		wm = s.Watermark.UTC().Format(time.RFC3339)
	}
	return fmt.Sprintf("collected %d issues, %d histories, %d comments, %d worklogs; %d deleted; %d requests in %s (%s, watermark %s)",
		s.Issues, s.Histories, s.Comments, s.Worklogs, s.Deleted, s.Requests, s.Duration.Round(time.Millisecond), s.Flavor, wm)
}

// Error is a failed Jira request (collector/jira.Error): 401/403/404 and
// exhausted retries end a run with one; errors.Is matches the sentinels.
type Error = jira.Error

// Sentinels the CLI can test with errors.Is.
var (
	ErrUnreachable = jira.ErrUnreachable
	ErrAuth        = jira.ErrAuth
	ErrPermission  = jira.ErrPermission
	ErrNotFound    = jira.ErrNotFound
	ErrBadRequest  = jira.ErrBadRequest
	ErrServer      = jira.ErrServer
)
