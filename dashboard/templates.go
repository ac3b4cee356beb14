package dashboard

import (
	"embed"
	"html/template"
)

//go:embed templates/*.tmpl
var templateFS embed.FS

// pageTemplates are parsed once and never changed: read-only state.
var pageTemplates = template.Must(template.New("").Funcs(template.FuncMap{
	"levelText": levelText,
}).ParseFS(templateFS, "templates/*.tmpl"))
