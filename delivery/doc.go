// Package delivery is the at-least-once delivery of alert and report
// e-mails (SPEC §7.3/§7.4): record the intent, send, record the send;
// re-send an intent without a send with the same Message-ID.
//
//   - alerts.go: RunAlerts evaluates every alert (alerts.Step, pure) on
//     the analysis its caller hands it, stores each new state with the
//     e-mail it owes, sends it and records the send; an e-mail owed by an
//     earlier evaluation goes out first. The alert e-mail's text is here.
//   - send.go: SendReport does the same for a weekly report's e-mail;
//     CheckMail refuses, before any work, a config that cannot send.
//
// alerts.Step is pure and mail knows no store: the sequence that needs
// the store and SMTP together lives here. It is given the analysis by its
// caller (cmd/roleload and daemon pass app.AnalyzeNow) and never imports
// the wiring, app.
package delivery
