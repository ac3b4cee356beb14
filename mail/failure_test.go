package mail

import (
	"context"
	"crypto/tls"
	"errors"
	"github.com/roleload/roleload/mail/smtptest"
	"net"
	"strings"
	"testing"
	"time"

	"github.com/roleload/roleload/config"
)

func plainMessage() Message {
	return Message{Subject: "roleload test", Text: "hello"}
}

func TestTemporaryFailureIsRetried(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	ts.FailNextData(smtptest.ErrTemp, smtptest.ErrTemp)
	s := newSender(t, ts, "starttls")
	if err := s.Send(context.Background(), plainMessage()); err != nil {
		t.Fatalf("send after two 451s: %v", err)
	}
	if n := len(ts.Messages()); n != 1 {
		t.Errorf("delivered %d messages, want 1", n)
	}
	if ts.Attempts() != 3 {
		t.Errorf("%d attempts, want 3 (two failures, one success)", ts.Attempts())
	}
}

func TestTemporaryFailureGivesUp(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	ts.FailNextData(smtptest.ErrTemp, smtptest.ErrTemp, smtptest.ErrTemp, smtptest.ErrTemp)
	s := newSender(t, ts, "starttls")
	err := s.Send(context.Background(), plainMessage())
	var e *Error
	if !errors.As(err, &e) || e.Permanent || e.Code != 451 || e.Attempts != 3 {
		t.Fatalf("err = %v, want a temporary 451 after 3 attempts", err)
	}
}

func TestPermanentFailureIsReported(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	ts.FailNextRcpt(smtptest.ErrPerm)
	s := newSender(t, ts, "starttls")
	err := s.Send(context.Background(), plainMessage())
	if !IsPermanent(err) {
		t.Fatalf("err = %v, want permanent", err)
	}
	var e *Error
	errors.As(err, &e)
	if e.Code != 550 || e.Attempts != 1 || !strings.Contains(err.Error(), "permanent") || !strings.Contains(err.Error(), "550") {
		t.Errorf("err = %v (code %d, attempts %d), want permanent 550 after 1 attempt", err, e.Code, e.Attempts)
	}
	if ts.Attempts() != 1 {
		t.Errorf("%d attempts: a permanent failure must not be retried", ts.Attempts())
	}
}

func TestSecurityFailuresArePermanent(t *testing.T) {
	tests := []struct {
		name, serverTLS string
		opts            []Option
		want            string
	}{
		{"server without STARTTLS", "none", nil, "STARTTLS"},
		{"untrusted certificate", "starttls", []Option{WithTLSConfig(&tls.Config{})}, "certificate"},
		{"wrong password", "starttls", []Option{func(s *Sender) { s.cfg.Password = "wrong" }}, "535"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := smtptest.Start(t, tt.serverTLS)
			s := newSender(t, ts, "starttls", tt.opts...)
			err := s.Send(context.Background(), plainMessage())
			if !IsPermanent(err) || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want a permanent error mentioning %q", err, tt.want)
			}
			if n := len(ts.Messages()); n != 0 {
				t.Errorf("%d messages delivered", n)
			}
			if strings.Contains(err.Error(), smtptest.Pass) {
				t.Error("error reveals the password")
			}
		})
	}
}

func TestNoTLSOnlyOnLoopback(t *testing.T) {
	base := config.Email{Port: 25, TLS: "none", From: "r@example.com", To: []string{"a@example.com"}}
	for host, ok := range map[string]bool{"127.0.0.1": true, "localhost": true, "::1": true, "smtp.example.com": false, "10.0.0.1": false} {
		cfg := base
		cfg.Host = host
		_, err := New(cfg, nil)
		if ok && err != nil {
			t.Errorf("%s: %v", host, err)
		}
		if !ok && (err == nil || !strings.Contains(err.Error(), "localhost")) {
			t.Errorf("%s: err = %v, want a refusal that explains", host, err)
		}
	}
	// And it really sends in clear to a loopback server.
	ts := smtptest.Start(t, "none")
	s := newSender(t, ts, "none")
	if err := s.Send(context.Background(), plainMessage()); err != nil {
		t.Fatal(err)
	}
}

func TestNewRefusesBadConfig(t *testing.T) {
	good := config.Email{Host: "smtp.example.com", TLS: "starttls", From: "r@example.com", To: []string{"a@example.com"}}
	tests := map[string]func(*config.Email){
		"no host":        func(c *config.Email) { c.Host = "" },
		"bad from":       func(c *config.Email) { c.From = "not an address" },
		"bad to":         func(c *config.Email) { c.To = []string{"x@example.com\r\nBcc: evil@example.com"} },
		"unknown tls":    func(c *config.Email) { c.TLS = "ssl3" },
		"header in from": func(c *config.Email) { c.From = "r@example.com\nBcc: e@example.com" },
	}
	for name, mutate := range tests {
		cfg := good
		mutate(&cfg)
		if _, err := New(cfg, nil); err == nil {
			t.Errorf("%s: accepted", name)
		}
	}
}

func TestHeaderInjection(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	s := newSender(t, ts, "starttls")
	r := testReport(t)
	r.Team = "checkout\r\nBcc: evil@example.com"
	m, err := ReportMessage(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	m.Subject += "\r\nBcc: evil2@example.com\nX-Evil: 1"
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	got := ts.Messages()
	if len(got) != 1 {
		t.Fatalf("%d messages", len(got))
	}
	if strings.Join(got[0].To, ",") != "lead@example.com,cpo@example.com" {
		t.Errorf("recipients %v: injection added one", got[0].To)
	}
	msg, _ := parse(t, got[0].Data)
	for _, h := range []string{"Bcc", "X-Evil"} {
		if v := msg.Header.Get(h); v != "" {
			t.Errorf("injected header %s: %q", h, v)
		}
	}
	if strings.Contains(string(got[0].Data), "\nBcc:") {
		t.Error("raw message has a Bcc line")
	}
	checkReportMessageRecipients(t, got[0])
}

func checkReportMessageRecipients(t *testing.T, rc smtptest.Received) {
	t.Helper()
	for _, to := range rc.To {
		if strings.Contains(to, "evil") {
			t.Errorf("evil recipient %q", to)
		}
	}
}

func TestSendStopsOnCancel(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	ts.FailNextData(smtptest.ErrTemp, smtptest.ErrTemp, smtptest.ErrTemp)
	s := newSender(t, ts, "starttls", WithRetry(5, time.Hour))
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	start := time.Now()
	if err := s.Send(ctx, plainMessage()); err == nil {
		t.Fatal("want an error")
	}
	if time.Since(start) > 10*time.Second {
		t.Error("Send ignored the context during backoff")
	}
}

func TestServerDownIsTemporary(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	s := newSender(t, ts, "starttls")
	s.cfg.Port = closedPort(t)
	err := s.Send(context.Background(), plainMessage())
	var e *Error
	if !errors.As(err, &e) || e.Permanent || e.Attempts != 3 {
		t.Fatalf("err = %v, want temporary after 3 attempts", err)
	}
}

func closedPort(t *testing.T) int {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := l.Addr().(*net.TCPAddr).Port
	l.Close()
	return port
}

func TestMessageRecipients(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	s := newSender(t, ts, "starttls")
	m := plainMessage()
	m.To = []string{"Only <only@example.com>"}
	if err := s.Send(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	if got := ts.Messages()[0].To; len(got) != 1 || got[0] != "only@example.com" {
		t.Errorf("recipients %v, want only@example.com", got)
	}
	m.To = []string{"a@example.com\r\nBcc: evil@example.com"}
	if err := s.Send(context.Background(), m); !IsPermanent(err) {
		t.Errorf("err = %v, want a permanent refusal of a recipient with a line break", err)
	}
	if n := len(ts.Messages()); n != 1 {
		t.Errorf("%d messages delivered, want still 1", n)
	}
}
