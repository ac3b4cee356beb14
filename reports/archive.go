package reports

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
)

var isoWeek = regexp.MustCompile(`^[0-9]{4}-W[0-9]{2}$`)

// SafeName turns a team name (config text) into one path element: letters,
// digits, '.', '_' and '-' kept, everything else '-', no leading dot, so a
// name like "../x" or "a/b" can never leave the archive root.
func SafeName(s string) string {
	var b strings.Builder
	for _, r := range strings.TrimSpace(s) {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '_', r == '-', r == '.':
			b.WriteRune(r)
		default:
			b.WriteByte('-')
		}
	}
	out := strings.TrimLeft(b.String(), ".")
	if out == "" {
		return "team"
	}
	return out
}

// WriteArchive writes root/<team>/<week>/ with report.html, report.md,
// report.json and charts/<name>.png and .svg, and returns that folder.
//
// The folder is built under a temporary name next to its final place and
// then renamed into place, so a reader never sees a half-written report.
// Re-running a week replaces the old folder: it is first renamed aside and
// removed only after the new one is in place (rename cannot replace a
// non-empty directory), so a crash leaves either the old or the new report.
func WriteArchive(root string, r *Report) (dir string, err error) {
	if err := r.check(); err != nil {
		return "", err
	}
	if !isoWeek.MatchString(r.Week) {
		return "", fmt.Errorf("write archive: week %q is not an ISO week like 2026-W47", r.Week)
	}
	parent := filepath.Join(root, SafeName(r.Team))
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return "", fmt.Errorf("write archive: %w", err)
	}
	dir = filepath.Join(parent, r.Week)
	tmp, err := os.MkdirTemp(parent, "."+r.Week+".tmp-")
	if err != nil {
		return "", fmt.Errorf("write archive: %w", err)
	}
	defer func() {
		if err != nil {
			os.RemoveAll(tmp)
		}
	}()
	if err := writeFiles(tmp, r); err != nil {
		return "", fmt.Errorf("write archive %s: %w", dir, err)
	}
	// MkdirTemp makes 0700; the archive is for readers of the folder too.
	if err := os.Chmod(tmp, 0o755); err != nil {
		return "", fmt.Errorf("write archive: %w", err)
	}
	return dir, swap(tmp, dir)
}

// files is every file of a report by its path relative to the report folder.
func files(r *Report) (map[string][]byte, error) {
	html, err := RenderHTML(r, ImageFiles)
	if err != nil {
		return nil, err
	}
	md, err := RenderMarkdown(r)
	if err != nil {
		return nil, err
	}
	js, err := RenderJSON(r)
	if err != nil {
		return nil, err
	}
	out := map[string][]byte{"report.html": html, "report.md": md, "report.json": js}
	for _, c := range r.Charts {
		if len(c.PNG) > 0 {
			out[chartFile(c.Name, "png")] = c.PNG
		}
		if len(c.SVG) > 0 {
			out[chartFile(c.Name, "svg")] = c.SVG
		}
	}
	return out, nil
}

// writeFiles writes a report into dir, a fresh temporary folder.
func writeFiles(dir string, r *Report) error {
	fs, err := files(r)
	if err != nil {
		return err
	}
	if err := os.Mkdir(filepath.Join(dir, "charts"), 0o755); err != nil {
		return err
	}
	for name, b := range fs {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return err
		}
	}
	return nil
}

// WriteDir writes a report's files straight into dir (which may hold other
// things, as the demo's folder holds its store) and returns their paths,
// report.html first. Each file is written to a temporary name and renamed,
// so none is ever half-written.
func WriteDir(dir string, r *Report) ([]string, error) {
	if err := r.check(); err != nil {
		return nil, err
	}
	fs, err := files(r)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(filepath.Join(dir, "charts"), 0o755); err != nil {
		return nil, fmt.Errorf("write report: %w", err)
	}
	names := make([]string, 0, len(fs))
	for name := range fs {
		names = append(names, name)
	}
	sort.Strings(names) // report.* sort after charts/: put them first below
	var paths, charts []string
	for _, name := range names {
		path := filepath.Join(dir, name)
		if err := WriteFileAtomic(path, fs[name]); err != nil {
			return nil, fmt.Errorf("write report: %w", err)
		}
		if strings.HasPrefix(name, "charts/") {
			charts = append(charts, path)
		} else {
			paths = append(paths, path)
		}
	}
	return append(paths, charts...), nil
}

// WriteFileAtomic writes data to path through a temporary file and a
// rename, so a reader never sees half a file.
func WriteFileAtomic(path string, data []byte) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp-")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// swap puts tmp at dir, replacing whatever was there.
func swap(tmp, dir string) error {
	old := ""
	if _, err := os.Stat(dir); err == nil {
		old = tmp + ".old"
		if err := os.Rename(dir, old); err != nil {
			return fmt.Errorf("write archive: move old report aside: %w", err)
		}
	} else if !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("write archive: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		if old != "" {
			_ = os.Rename(old, dir) // put the old report back
		}
		return fmt.Errorf("write archive: %w", err)
	}
	if old != "" {
		if err := os.RemoveAll(old); err != nil {
			return fmt.Errorf("write archive: remove old report: %w", err)
		}
	}
	return nil
}
