package doctor

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/roleload/roleload/mail"
)

// mailChecks connects to the relay, does STARTTLS (or implicit TLS) and
// logs in, then quits: nothing is sent.
func (d *run) mailChecks(ctx context.Context, add func(Check)) {
	e := d.cfg.Email
	const name = "mail relay"
	if e.Host == "" {
		add(ok(name, "not configured (email.host): reports are archived, not sent, and alerts are not e-mailed"))
		return
	}
	if err := d.cfg.RequireMailPassword(); err != nil {
		add(fail(name, fmt.Sprintf("export %s=<the SMTP password of %s>", e.PasswordEnv, e.Username),
			"environment variable %s (email.password_env) is not set", e.PasswordEnv))
		return
	}
	port := mail.Port(e)
	c, err := mail.NewClient(e, d.opts.MailTLS, d.opts.StepTimeout)
	if err != nil {
		add(fail(name, "check email.host, email.port and email.tls", "%v", err))
		return
	}
	start := time.Now() // wallclock:duration
	if err := c.DialWithContext(ctx); err != nil {
		add(fail(name, mailFix(err.Error(), e.Username, e.PasswordEnv), "%s:%d (%s): %v", e.Host, port, e.TLS, err))
		return
	}
	_ = c.Close()
	login := "no login configured"
	if e.Username != "" {
		login = "logged in as " + e.Username
	}
	add(ok(name, "%s:%d accepted the connection (%s) and %s in %s; nothing sent", e.Host, port, e.TLS, login,
		time.Since(start).Round(time.Millisecond)))
}

func mailFix(msg, user, passEnv string) string {
	switch {
	case strings.Contains(msg, "535") || strings.Contains(strings.ToLower(msg), "auth"):
		return fmt.Sprintf("check email.username (%s) and the password in $%s", user, passEnv)
	case strings.Contains(strings.ToLower(msg), "tls") || strings.Contains(strings.ToLower(msg), "certificate"):
		return "check email.tls and email.port (starttls: 587, implicit: 465)"
	}
	return "check email.host and email.port, and that the relay is reachable from this machine"
}
