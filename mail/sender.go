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
	cfg.Port = Port(cfg)
	s := &Sender{cfg: cfg, from: from, log: logger, tries: 4, wait: 2 * time.Second, dialTO: 30 * time.Second}
	for _, o := range opts {
		o(s)
	}
	s.tls = clientTLS(s.tls, cfg.Host)
	return s, nil
}

// Port is the port cfg's relay is reached on: email.port, else the
// default of email.tls (implicit 465, none 25, starttls 587).
func Port(cfg config.Email) int {
	if cfg.Port != 0 {
		return cfg.Port
	}
	if p := map[string]int{"implicit": 465, "none": 25}[cfg.TLS]; p != 0 {
		return p
	}
	return 587
}

// clientTLS returns a copy of base (nil: the system roots) whose
// ServerName defaults to host and which accepts nothing below TLS 1.2.
func clientTLS(base *tls.Config, host string) *tls.Config {
	tc := &tls.Config{}
	if base != nil {
		tc = base.Clone()
	}
	if tc.ServerName == "" {
		tc.ServerName = host
	}
	tc.MinVersion = max(tc.MinVersion, tls.VersionTLS12)
	return tc
}

// NewClient returns an SMTP client, not yet connected, for the relay of
// cfg: the port of Port, each connection bounded by timeout, TLS from tc
// (nil: the system roots; ServerName defaults to email.host; TLS 1.2 at
// least) as email.tls says, and a login when email.username is set. The
// Sender sends with it; roleload doctor dials it to check the relay.
func NewClient(cfg config.Email, tc *tls.Config, timeout time.Duration) (*gomail.Client, error) {
	opts := []gomail.Option{
		gomail.WithPort(Port(cfg)),
		gomail.WithTimeout(timeout),
		gomail.WithTLSConfig(clientTLS(tc, cfg.Host)),
	}
	switch cfg.TLS {
	case "implicit":
		opts = append(opts, gomail.WithSSL())
	case "none":
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	default:
		// Mandatory: a server (or a man in the middle) that hides
		// STARTTLS makes the send fail instead of going out in clear.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	}
	if cfg.Username != "" {
		auth := gomail.SMTPAuthPlain
		if cfg.TLS == "none" {
			auth = gomail.SMTPAuthPlainNoEnc // loopback only, checked in New
		}
		opts = append(opts, gomail.WithSMTPAuth(auth), gomail.WithUsername(cfg.Username), gomail.WithPassword(cfg.Password))
	}
	return gomail.NewClient(cfg.Host, opts...)
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
	c, err := NewClient(s.cfg, s.tls, s.dialTO)
	if err != nil {
		return err
	}
	return c.DialAndSendWithContext(ctx, msg)
}
