package reports

import (
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps rendering pure (doc.go): besides the standard library,
// reports may import analysis, its charts package and go-chart (charts
// only), never the store, mail, config or anything doing I/O for it.
func TestImports(t *testing.T) {
	allowed := map[string][]string{
		".":      {"github.com/roleload/roleload/analysis", "github.com/roleload/roleload/reports/charts"},
		"charts": {"github.com/roleload/roleload/analysis", "github.com/wcharczuk/go-chart/v2", "github.com/golang/freetype"},
	}
	for dir, ok := range allowed {
		files, _ := filepath.Glob(filepath.Join(dir, "*.go"))
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			src, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, src, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if !strings.Contains(strings.Split(path, "/")[0], ".") {
					continue // standard library
				}
				if !allowedImport(path, ok) {
					t.Errorf("%s imports %s", file, path)
				}
			}
		}
	}
}

func allowedImport(path string, ok []string) bool {
	for _, p := range ok {
		if path == p || strings.HasPrefix(path, p+"/") {
			return true
		}
	}
	return false
}
