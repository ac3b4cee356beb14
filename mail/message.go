package mail

import (
	"bytes"
	"fmt"
	netmail "net/mail"
	"strings"
	"unicode"

	gomail "github.com/wneessen/go-mail"
)

// Message is one e-mail: a plain-text body, an optional HTML alternative
// and the images the HTML shows by Content-ID ("cid:" URLs).
type Message struct {
	Subject string
	To      []string // empty: the configured recipients
	Text    string
	HTML    []byte
	Inline  []Inline
	// MessageID (without angle brackets) is set by a caller that may send
	// the same e-mail again after a crash, so the copies share one
	// Message-ID; "" for a fresh one.
	MessageID string
}

// Inline is an image part referenced from the HTML as cid:CID.
type Inline struct {
	CID         string // without angle brackets
	Filename    string
	ContentType string // image/png
	Data        []byte
}

// headerText makes text safe for a header: control characters (CR and LF
// above all, which would start a new header) become spaces, runs of
// spaces collapse.
func headerText(s string) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) {
			return ' '
		}
		return r
	}, s)
	return strings.Join(strings.Fields(s), " ")
}

// parseAddrs checks every address strictly: an address that does not
// parse is refused rather than passed on to the server.
func parseAddrs(list []string) ([]*netmail.Address, error) {
	var out []*netmail.Address
	for _, s := range list {
		if strings.ContainsAny(s, "\r\n") {
			return nil, fmt.Errorf("address %q contains a line break", s)
		}
		a, err := netmail.ParseAddress(s)
		if err != nil {
			return nil, fmt.Errorf("address %q: %w", s, err)
		}
		out = append(out, a)
	}
	return out, nil
}

// build turns m into a go-mail message: multipart/alternative text and
// HTML inside multipart/related with the inline images.
func (s *Sender) build(m Message) (*gomail.Msg, []*netmail.Address, error) {
	list := m.To
	if len(list) == 0 {
		list = s.cfg.To
	}
	to, err := parseAddrs(list)
	if err != nil {
		return nil, nil, fmt.Errorf("recipients: %w", err)
	}
	if len(to) == 0 {
		return nil, nil, fmt.Errorf("no recipients (email.to is empty)")
	}
	msg := gomail.NewMsg()
	msg.FromMailAddress(s.from)
	msg.SetAddrHeaderFromMailAddress(gomail.HeaderTo, to...)
	msg.Subject(headerText(m.Subject))
	msg.SetDate()
	if m.MessageID == "" {
		msg.SetMessageID()
	} else if id := m.MessageID; strings.Count(id, "@") == 1 && !strings.ContainsAny(id, "<> \t\r\n") {
		msg.SetMessageIDWithValue(id)
	} else {
		return nil, nil, fmt.Errorf("message-id %q: want local@domain without spaces or brackets", id)
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if len(m.HTML) > 0 {
		msg.AddAlternativeString(gomail.TypeTextHTML, string(m.HTML))
	}
	for _, in := range m.Inline {
		cid := headerText(strings.Trim(in.CID, "<>"))
		if cid == "" || strings.ContainsAny(cid, "<> ") {
			return nil, nil, fmt.Errorf("inline %q: bad Content-ID %q", in.Filename, in.CID)
		}
		ct := in.ContentType
		if ct == "" {
			ct = "application/octet-stream"
		}
		err := msg.EmbedReader(headerText(in.Filename), bytes.NewReader(in.Data),
			gomail.WithFileContentID("<"+cid+">"), gomail.WithFileContentType(gomail.ContentType(headerText(ct))))
		if err != nil {
			return nil, nil, fmt.Errorf("inline %q: %w", in.Filename, err)
		}
	}
	return msg, to, nil
}
