package reports

import (
	"bytes"
	"embed"
	"fmt"
	"html/template"
)

//go:embed templates/report.html.tmpl
var templateFS embed.FS

// The template is parsed once and never changed: read-only state.
var reportHTML = template.Must(template.New("report.html.tmpl").Funcs(template.FuncMap{
	"bannerStyle": bannerStyle,
	"toneStyle":   toneStyle,
}).ParseFS(templateFS, "templates/report.html.tmpl"))

// RenderHTML renders the report as one e-mail-safe HTML page: inline
// styles, table layout, no script, 640 px wide. mode says whether charts
// are files of the archive folder or MIME parts by Content-ID.
func RenderHTML(r *Report, mode ImageMode) ([]byte, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	var buf bytes.Buffer
	if err := reportHTML.Execute(&buf, newView(r, mode)); err != nil {
		return nil, fmt.Errorf("render html: %w", err)
	}
	return buf.Bytes(), nil
}

// bannerStyle colours the headline by verdict. The values are constants,
// so they are safe to mark as CSS.
func bannerStyle(level string) template.CSS {
	switch level {
	case "hire_po":
		return "background:#c62828;color:#ffffff;"
	case "watch":
		return "background:#f9a825;color:#222222;"
	case "ok":
		return "background:#2e7d32;color:#ffffff;"
	}
	return "background:#eeeeee;color:#222222;"
}

func toneStyle(t string) template.CSS {
	switch t {
	case "bad":
		return "color:#c62828;"
	case "good":
		return "color:#2e7d32;"
	}
	return "color:#666666;"
}
