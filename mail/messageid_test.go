package mail

import (
	"context"
	"strings"
	"testing"

	"github.com/roleload/roleload/mail/smtptest"
)

// A caller's Message-ID goes out as given (an e-mail sent again after a
// crash keeps it); one that could smuggle a header or break the syntax is
// refused before anything is sent.
func TestMessageID(t *testing.T) {
	ts := smtptest.Start(t, "starttls")
	s := newSender(t, ts, "starttls")
	for _, tc := range []struct {
		id   string
		want string // the header that arrives, "" for a refusal
	}{
		{"roleload.alert.0a1b@example.com", "<roleload.alert.0a1b@example.com>"},
		{"", "<"}, // a fresh one
		{"a@example.com\r\nBcc: evil@example.com", ""},
		{"<a@example.com>", ""},
		{"no-domain", ""},
	} {
		m := plainMessage()
		m.MessageID = tc.id
		before := len(ts.Messages())
		err := s.Send(context.Background(), m)
		if tc.want == "" {
			if !IsPermanent(err) || len(ts.Messages()) != before {
				t.Errorf("Message-ID %q: err %v, %d sent; want a permanent refusal, nothing sent", tc.id, err, len(ts.Messages())-before)
			}
			continue
		}
		if err != nil {
			t.Fatalf("Message-ID %q: %v", tc.id, err)
		}
		msg, _ := parse(t, ts.Messages()[before].Data)
		if got := msg.Header.Get("Message-Id"); !strings.HasPrefix(got, tc.want) || tc.id != "" && got != tc.want {
			t.Errorf("Message-ID %q went out as %q, want %q", tc.id, got, tc.want)
		}
	}
}
