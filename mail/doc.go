// Package mail sends roleload's e-mails over SMTP: one Sender, one real
// implementation on github.com/wneessen/go-mail.
//
// Transport security is never downgraded: "starttls" requires STARTTLS and
// fails if the server does not offer it, "implicit" speaks TLS from the
// first byte, and "none" (plaintext) is refused unless the server is on
// this machine (tests, local relays). Temporary failures (SMTP 4xx,
// network errors) are retried with bounded backoff; permanent ones (5xx,
// bad certificates) are reported at once as *Error with Permanent set.
//
// It imports reports only to turn a weekly report into a Message
// (ReportMessage); it knows nothing of the store or the analysis.
package mail
