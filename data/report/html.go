package report

import (
	"embed"
	"html/template"
)

//go:embed templates/page.html templates/progress.html templates/style.css
var templates embed.FS

// parseTemplates reads the page template with its stylesheet inlined.
func parseTemplates() (*template.Template, error) {
	css, err := templates.ReadFile("templates/style.css")
	if err != nil {
		return nil, err
	}
	funcs := template.FuncMap{"css": func() template.CSS { return template.CSS(css) }}
	return template.New("page").Funcs(funcs).ParseFS(templates, "templates/page.html", "templates/progress.html")
}
