package jirasim

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// jqlEnv is what a query is resolved against: the server's data at the
// clock, and the API user's zone that JQL dates are read in.
type jqlEnv struct {
	loc      *time.Location
	now      time.Time
	projects map[string]string // upper key, name or id -> key
	keyToID  func(key string) (string, bool)
}

type matcher func(*issueView) bool

// Periods like "-5d", "4w 2d", "-1h 30m", relative to now.
var periodRe = regexp.MustCompile(`^([+-])?\s*((?:\d+\s*[wdhm]\s*)+)$`)
var periodPart = regexp.MustCompile(`(\d+)\s*([wdhm])`)

// parseJQLDate reads a JQL date value in loc: minute resolution, like Jira.
func parseJQLDate(v string, loc *time.Location, now time.Time) (time.Time, bool) {
	v = strings.TrimSpace(v)
	// Jira's date formats in JQL; a date without a time means its midnight.
	for _, l := range []string{"2006/01/02 15:04", "2006-01-02 15:04", "2006/01/02", "2006-01-02"} {
		if t, err := time.ParseInLocation(l, v, loc); err == nil {
			return t, true
		}
	}
	m := periodRe.FindStringSubmatch(strings.ToLower(v))
	if m == nil {
		return time.Time{}, false
	}
	var d time.Duration
	for _, p := range periodPart.FindAllStringSubmatch(m[2], -1) {
		n, _ := strconv.Atoi(p[1])
		unit := map[string]time.Duration{"w": 7 * 24 * time.Hour, "d": 24 * time.Hour, "h": time.Hour, "m": time.Minute}[p[2]]
		d += time.Duration(n) * unit
	}
	if m[1] == "-" {
		d = -d
	}
	return now.Add(d).Truncate(time.Minute), true
}

func compileJQL(n jqlNode, env *jqlEnv) (matcher, error) {
	switch n := n.(type) {
	case nil:
		return func(*issueView) bool { return true }, nil
	case andNode, orNode:
		var a, b jqlNode
		if x, ok := n.(andNode); ok {
			a, b = x.a, x.b
		} else {
			a, b = n.(orNode).a, n.(orNode).b
		}
		ma, err := compileJQL(a, env)
		if err != nil {
			return nil, err
		}
		mb, err := compileJQL(b, env)
		if err != nil {
			return nil, err
		}
		if _, ok := n.(andNode); ok {
			return func(iv *issueView) bool { return ma(iv) && mb(iv) }, nil
		}
		return func(iv *issueView) bool { return ma(iv) || mb(iv) }, nil
	case notNode:
		m, err := compileJQL(n.a, env)
		if err != nil {
			return nil, err
		}
		return func(iv *issueView) bool { return !m(iv) }, nil
	case clause:
		return compileClause(n, env)
	}
	return nil, fmt.Errorf("jql: unexpected node %T", n)
}

func compileClause(c clause, env *jqlEnv) (matcher, error) {
	switch c.field {
	case "created", "updated":
		return dateClause(c, env)
	case "project", "key":
		return setClause(c, env)
	case "id":
		return idClause(c)
	}
	return nil, &jqlError{fmt.Sprintf("Field '%s' does not exist or you do not have permission to view it.", c.at.text)}
}

func unsupported(c clause) error {
	return &jqlError{fmt.Sprintf("The operator '%s' is not supported by the '%s' field.", strings.ToUpper(c.op), c.at.text)}
}

// dateClause compares against a minute in the API user's zone; "=" means
// within that minute.
func dateClause(c clause, env *jqlEnv) (matcher, error) {
	if c.op == "in" || c.op == "not in" || c.op == "!=" {
		return nil, unsupported(c)
	}
	t, ok := parseJQLDate(c.values[0].text, env.loc, env.now)
	if !ok {
		return nil, &jqlError{fmt.Sprintf("Date value '%s' for field '%s' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.", c.values[0].text, c.at.text)}
	}
	get := func(iv *issueView) time.Time { return iv.Updated }
	if c.field == "created" {
		get = func(iv *issueView) time.Time { return iv.Created }
	}
	if c.op == "=" {
		return func(iv *issueView) bool { return !get(iv).Before(t) && get(iv).Before(t.Add(time.Minute)) }, nil
	}
	return func(iv *issueView) bool { return cmpOp(c.op, get(iv).Compare(t)) }, nil
}

// setClause is project or key with =, !=, in, not in. Unknown values are
// errors, as in Jira; a key resolves old keys of moved issues too.
func setClause(c clause, env *jqlEnv) (matcher, error) {
	if c.op != "=" && c.op != "!=" && c.op != "in" && c.op != "not in" {
		return nil, unsupported(c)
	}
	want := map[string]bool{}
	for _, v := range c.values {
		var ref string
		var ok bool
		if c.field == "project" {
			ref, ok = env.projects[strings.ToUpper(v.text)]
		} else {
			ref, ok = env.keyToID(strings.ToUpper(v.text))
		}
		switch {
		case !ok && c.field == "project":
			return nil, &jqlError{fmt.Sprintf("The value '%s' does not exist for the field '%s'.", v.text, c.at.text)}
		case !ok:
			return nil, &jqlError{fmt.Sprintf("An issue with key '%s' does not exist for field '%s'.", v.text, c.at.text)}
		}
		want[ref] = true
	}
	neg := c.op == "!=" || c.op == "not in"
	if c.field == "project" {
		return func(iv *issueView) bool { return want[iv.ProjectKey] != neg }, nil
	}
	return func(iv *issueView) bool { return want[iv.ID] != neg }, nil
}

func idClause(c clause) (matcher, error) {
	ids := map[string]bool{}
	for _, v := range c.values {
		if _, err := strconv.ParseInt(v.text, 10, 64); err != nil {
			return nil, &jqlError{fmt.Sprintf("The issue id '%s' for field 'id' is invalid.", v.text)}
		}
		ids[v.text] = true
	}
	switch c.op {
	case "=", "in":
		return func(iv *issueView) bool { return ids[iv.ID] }, nil
	case "!=", "not in":
		return func(iv *issueView) bool { return !ids[iv.ID] }, nil
	}
	ref := c.values[0].text
	return func(iv *issueView) bool { return cmpOp(c.op, cmpID(iv.ID, ref)) }, nil
}

// cmpOp applies an ordering operator to a comparison result.
func cmpOp(op string, c int) bool {
	switch op {
	case "<":
		return c < 0
	case "<=":
		return c <= 0
	case ">":
		return c > 0
	case ">=":
		return c >= 0
	}
	return false
}

// sortIssues orders a result by ORDER BY, then by id so that pages are
// stable; without ORDER BY Jira's order is not defined, and id is as good
// as any stable order.
func sortIssues(ivs []*issueView, order []orderTerm) {
	slices.SortStableFunc(ivs, func(a, b *issueView) int {
		for _, o := range order {
			var c int
			switch o.field {
			case "created":
				c = a.Created.Compare(b.Created)
			case "updated":
				c = a.Updated.Compare(b.Updated)
			case "key":
				c = cmpKey(a.Key, b.Key)
			case "id":
				c = cmpID(a.ID, b.ID)
			}
			if o.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return cmpID(a.ID, b.ID)
	})
}
