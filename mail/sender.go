package mail

import (
	"context"
	"crypto/tls"
	"fmt"
	"log/slog"
	"net"
	netmail "net/mail"
	"strings"
	"time"

	"github.com/roleload/roleload/config"
	gomail "github.com/wneessen/go-mail"
)

// Sender sends messages through one SMTP server. It is safe for
// concurrent use: each Send dials its own connection.
type Sender struct {
	cfg    config.Email
	from   *netmail.Address
	log    *slog.Logger
	tls    *tls.Config
	tries  int           // attempts per message, the first included
	wait   time.Duration // backoff before the second attempt, doubled after
	dialTO time.Duration
}

// Option adjusts a Sender.
type Option func(*Sender)

// WithTLSConfig sets the TLS settings (tests pass RootCAs that trust their
// self-signed certificate). ServerName defaults to the configured host.
func WithTLSConfig(c *tls.Config) Option {
	return func(s *Sender) { s.tls = c.Clone() }
}

// WithRetry sets the attempts per message and the first backoff.
func WithRetry(attempts int, backoff time.Duration) Option {
	return func(s *Sender) { s.tries, s.wait = max(1, attempts), backoff }
}

// WithTimeout bounds each connection (dial and conversation).
func WithTimeout(d time.Duration) Option {
	return func(s *Sender) { s.dialTO = d }
}

// New checks the e-mail config and returns a Sender for it.
func New(cfg config.Email, logger *slog.Logger, opts ...Option) (*Sender, error) {
	if logger == nil {
		logger = slog.New(slog.DiscardHandler)
	}
	if cfg.Host == "" {
		return nil, fmt.Errorf("email.host is empty")
	}
	from, err := netmail.ParseAddress(cfg.From)
	if err != nil || strings.ContainsAny(cfg.From, "\r\n") {
		return nil, fmt.Errorf("email.from %q is not an e-mail address", cfg.From)
	}
	if _, err := parseAddrs(cfg.To); err != nil {
		return nil, fmt.Errorf("email.to: %w", err)
	}
	switch cfg.TLS {
	case "", "starttls", "implicit":
	case "none":
		if !isLoopback(cfg.Host) {
			return nil, fmt.Errorf("email.tls none sends mail and password in clear text: only allowed for a server on this machine (localhost), not %q; use starttls or implicit", cfg.Host)
		}
	default:
		return nil, fmt.Errorf("email.tls %q: want starttls, implicit or none", cfg.TLS)
	}
	if cfg.Port == 0 {
		cfg.Port = map[string]int{"implicit": 465, "none": 25}[cfg.TLS]
		if cfg.Port == 0 {
			cfg.Port = 587
		}
	}
	s := &Sender{cfg: cfg, from: from, log: logger, tries: 4, wait: 2 * time.Second, dialTO: 30 * time.Second}
	for _, o := range opts {
		o(s)
	}
	if s.tls == nil {
		s.tls = &tls.Config{}
	}
	if s.tls.ServerName == "" {
		s.tls.ServerName = cfg.Host
	}
	s.tls.MinVersion = max(s.tls.MinVersion, tls.VersionTLS12)
	return s, nil
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(strings.Trim(host, "[]"))
	return ip != nil && ip.IsLoopback()
}

// Send delivers m, retrying temporary failures with exponential backoff
// (bounded by the attempts and by ctx). The error is an *Error that says
// whether the failure is permanent and carries the SMTP code.
func (s *Sender) Send(ctx context.Context, m Message) error {
	msg, to, err := s.build(m)
	if err != nil {
		return &Error{Permanent: true, Attempts: 0, Err: err}
	}
	wait := s.wait
	for attempt := 1; ; attempt++ {
		err := s.attempt(ctx, msg)
		if err == nil {
			s.log.Info("mail sent", "subject", headerText(m.Subject), "recipients", len(to), "attempts", attempt)
			return nil
		}
		e := classify(err)
		e.Attempts = attempt
		if e.Permanent || attempt >= s.tries {
			return e
		}
		s.log.Warn("mail send failed, will retry", "attempt", attempt, "code", e.Code, "backoff", wait, "err", err)
		select {
		case <-ctx.Done():
			e.Err = fmt.Errorf("%w (gave up: %w)", e.Err, ctx.Err())
			return e
		case <-time.After(wait):
		}
		wait *= 2
	}
}

// attempt dials a fresh connection and sends msg once.
func (s *Sender) attempt(ctx context.Context, msg *gomail.Msg) error {
	opts := []gomail.Option{
		gomail.WithPort(s.cfg.Port),
		gomail.WithTimeout(s.dialTO),
		gomail.WithTLSConfig(s.tls),
	}
	switch s.cfg.TLS {
	case "implicit":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		// Mandatory: a server (or a man in the middle) that hides
		// STARTTLS makes the send fail instead of going out in clear.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if s.cfg.Username != "" {
		auth := gomail.SMTPAuthPlain
		if s.cfg.TLS == "none" {
			auth = gomail.SMTPAuthPlainNoEnc // loopback only, checked in New
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(s.cfg.Username), gomail.WithPassword(s.cfg.Password))
	}
	c, err := gomail.NewClient(s.cfg.Host, opts...)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}
