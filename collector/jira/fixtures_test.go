package jira

import (
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strconv"
	"testing"
)

// fixtureDir finds the real Jira responses: the repo's copy under
// testdata/jira, else the shared fixtures next to the module. Missing is
// a failure, not a skip: CI has them.
func fixtureDir(t *testing.T) string {
	t.Helper()
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for ; ; dir = filepath.Dir(dir) {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		if filepath.Dir(dir) == dir {
			t.Fatal("module root not found")
		}
	}
	for _, c := range []string{filepath.Join(dir, "testdata", "jira"), filepath.Join(dir, "..", "shared", "fixtures", "jira")} {
		if _, err := os.Stat(filepath.Join(c, "README.md")); err == nil {
			return c
		}
	}
	t.Fatalf("Jira fixtures missing: neither %s/testdata/jira nor %s/../shared/fixtures/jira", dir, dir)
	return ""
}

func readFixture(t *testing.T, name string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fixtureDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// csvData returns the `data` column of a connector's raw table dump.
func csvData(t *testing.T, name string) [][]byte {
	t.Helper()
	f, err := os.Open(filepath.Join(fixtureDir(t), name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	col := -1
	for i, h := range rows[0] {
		if h == "data" {
			col = i
		}
	}
	if col < 0 {
		t.Fatalf("%s: no data column", name)
	}
	var out [][]byte
	for _, r := range rows[1:] {
		out = append(out, []byte(r[col]))
	}
	return out
}

func decode(t *testing.T, name string, b []byte, v any) {
	t.Helper()
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// generic reads JSON without our types, to compare against.
func generic(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatal(err)
	}
	return v
}

func textOf(v any) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64)
	case bool:
		return strconv.FormatBool(x)
	}
	b, _ := json.Marshal(v)
	return string(b)
}

func userID(v any) string {
	m, _ := v.(map[string]any)
	for _, k := range []string{"accountId", "key", "name"} {
		if s, _ := m[k].(string); s != "" {
			return s
		}
	}
	return ""
}

// checkHistories compares decoded histories with the generic JSON.
func checkHistories(t *testing.T, where string, got []History, raw []any) {
	t.Helper()
	if len(got) != len(raw) {
		t.Fatalf("%s: %d histories, JSON has %d", where, len(got), len(raw))
	}
	for i, r := range raw {
		rh := r.(map[string]any)
		h := got[i]
		if h.ID != textOf(rh["id"]) || h.Author.ID() != userID(rh["author"]) || h.Created.IsZero() {
			t.Errorf("%s history %d: got id %s author %s created %v, JSON %v %v %v", where, i, h.ID, h.Author.ID(), h.Created, rh["id"], userID(rh["author"]), rh["created"])
		}
		items := rh["items"].([]any)
		if len(h.Items) != len(items) {
			t.Fatalf("%s history %s: %d items, JSON has %d", where, h.ID, len(h.Items), len(items))
		}
		for j, ri := range items {
			m := ri.(map[string]any)
			it := h.Items[j]
			got := []string{it.Field, it.FieldType, it.FieldID, string(it.From), string(it.FromString), string(it.To), string(it.ToString)}
			for k, key := range []string{"field", "fieldtype", "fieldId", "from", "fromString", "to", "toString"} {
				if got[k] != textOf(m[key]) {
					t.Errorf("%s history %s item %d %s: got %q, JSON %q", where, h.ID, j, key, got[k], textOf(m[key]))
				}
			}
		}
	}
}
