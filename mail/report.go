package mail

import (
	"github.com/roleload/roleload/reports"
)

// ReportMessage makes the weekly report's e-mail: subject with team, week
// and verdict, the plain-text report, the HTML report with its charts
// inline by Content-ID. to may be empty for the configured recipients.
func ReportMessage(r *reports.Report, to []string) (Message, error) {
	html, err := reports.RenderHTML(r, reports.ImageCID)
	if err != nil {
		return Message{}, err
	}
	m := Message{Subject: reports.Subject(r), To: to, Text: reports.RenderText(r), HTML: html}
	for _, c := range r.Charts {
		if len(c.PNG) == 0 {
			continue
		}
		m.Inline = append(m.Inline, Inline{CID: reports.ContentID(c), Filename: reports.SafeName(c.Name) + ".png",
			ContentType: "image/png", Data: c.PNG})
	}
	return m, nil
}
