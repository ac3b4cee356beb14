package analysis

import (
	"go/parser"
	"go/token"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// TestImports keeps the analysis pure and config-free (doc.go): besides
// the standard library, analysis imports only model and analysis/signal,
// and analysis/signal nothing; neither reads config (app maps it).
func TestImports(t *testing.T) {
	const mod = "github.com/roleload/roleload/"
	allowed := map[string][]string{
		".":      {mod + "model", mod + "analysis/signal"},
		"signal": nil,
	}
	for dir, ok := range allowed {
		files, err := filepath.Glob(filepath.Join(dir, "*.go"))
		if err != nil || len(files) == 0 {
			t.Fatalf("no Go files in %s: %v", dir, err)
		}
		for _, file := range files {
			if strings.HasSuffix(file, "_test.go") {
				continue
			}
			f, err := parser.ParseFile(token.NewFileSet(), file, nil, parser.ImportsOnly)
			if err != nil {
				t.Fatal(err)
			}
			for _, imp := range f.Imports {
				path, _ := strconv.Unquote(imp.Path.Value)
				if strings.Contains(strings.Split(path, "/")[0], ".") && !slices.Contains(ok, path) {
					t.Errorf("%s imports %s", file, path)
				}
			}
		}
	}
}
