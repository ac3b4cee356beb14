package jql

import (
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Env is what a query is resolved against: the API user's zone that JQL
// dates are read in, the clock that relative dates ("-5d") count from, and
// the projects and keys that exist at that clock.
type Env struct {
	Loc      *time.Location
	Now      time.Time
	Projects map[string]string // upper-case key, name or id -> project key
	// KeyToID resolves an upper-case issue key, old keys of moved issues
	// included, to the id of a visible issue.
	KeyToID func(key string) (string, bool)
}

// Issue is what a query reads of an issue: the fields its clauses and
// ORDER BY can name, as they are at the Env's clock.
type Issue interface {
	IssueID() string // numeric, "10042"
	IssueKey() string
	IssueProject() string // project key
	IssueCreated() time.Time
	IssueUpdated() time.Time
}

// Matcher says whether an issue matches a query's WHERE part.
type Matcher func(Issue) bool

// Compile resolves the query's WHERE part against env: unknown projects
// and keys, unsupported operators and bad dates are *Error, as in Jira.
func (q *Query) Compile(env *Env) (Matcher, error) { return compile(q.where, env) }

// Periods like "-5d", "4w 2d", "-1h 30m", relative to now.
var periodRe = regexp.MustCompile(`^([+-])?\s*((?:\d+\s*[wdhm]\s*)+)$`)
var periodPart = regexp.MustCompile(`(\d+)\s*([wdhm])`)

// parseDate reads a JQL date value in loc: minute resolution, like Jira.
func parseDate(v string, loc *time.Location, now time.Time) (time.Time, bool) {
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

func compile(n node, env *Env) (Matcher, error) {
	switch n := n.(type) {
	case nil:
		return func(Issue) bool { return true }, nil
	case andNode, orNode:
		var a, b node
		if x, ok := n.(andNode); ok {
			a, b = x.a, x.b
		} else {
			a, b = n.(orNode).a, n.(orNode).b
		}
		ma, err := compile(a, env)
		if err != nil {
			return nil, err
		}
		mb, err := compile(b, env)
		if err != nil {
			return nil, err
		}
		if _, ok := n.(andNode); ok {
			return func(iv Issue) bool { return ma(iv) && mb(iv) }, nil
		}
		return func(iv Issue) bool { return ma(iv) || mb(iv) }, nil
	case notNode:
		m, err := compile(n.a, env)
		if err != nil {
			return nil, err
		}
		return func(iv Issue) bool { return !m(iv) }, nil
	case clause:
		return compileClause(n, env)
	}
	return nil, fmt.Errorf("jql: unexpected node %T", n)
}

func compileClause(c clause, env *Env) (Matcher, error) {
	switch c.field {
	case "created", "updated":
		return dateClause(c, env)
	case "project", "key":
		return setClause(c, env)
	case "id":
		return idClause(c)
	}
	return nil, &Error{fmt.Sprintf("Field '%s' does not exist or you do not have permission to view it.", c.at.text)}
}

func unsupported(c clause) error {
	return &Error{fmt.Sprintf("The operator '%s' is not supported by the '%s' field.", strings.ToUpper(c.op), c.at.text)}
}

// dateClause compares against a minute in the API user's zone; "=" means
// within that minute.
func dateClause(c clause, env *Env) (Matcher, error) {
	if c.op == "in" || c.op == "not in" || c.op == "!=" {
		return nil, unsupported(c)
	}
	t, ok := parseDate(c.values[0].text, env.Loc, env.Now)
	if !ok {
		return nil, &Error{fmt.Sprintf("Date value '%s' for field '%s' is invalid. Valid formats include: 'yyyy/MM/dd HH:mm', 'yyyy-MM-dd HH:mm', 'yyyy/MM/dd', 'yyyy-MM-dd', or a period format e.g. '-5d', '4w 2d'.", c.values[0].text, c.at.text)}
	}
	get := func(iv Issue) time.Time { return iv.IssueUpdated() }
	if c.field == "created" {
		get = func(iv Issue) time.Time { return iv.IssueCreated() }
	}
	if c.op == "=" {
		return func(iv Issue) bool { return !get(iv).Before(t) && get(iv).Before(t.Add(time.Minute)) }, nil
	}
	return func(iv Issue) bool { return cmpOp(c.op, get(iv).Compare(t)) }, nil
}

// setClause is project or key with =, !=, in, not in. Unknown values are
// errors, as in Jira; a key resolves old keys of moved issues too.
func setClause(c clause, env *Env) (Matcher, error) {
	if c.op != "=" && c.op != "!=" && c.op != "in" && c.op != "not in" {
		return nil, unsupported(c)
	}
	want := map[string]bool{}
	for _, v := range c.values {
		var ref string
		var ok bool
		if c.field == "project" {
			ref, ok = env.Projects[strings.ToUpper(v.text)]
		} else {
			ref, ok = env.KeyToID(strings.ToUpper(v.text))
		}
		switch {
		case !ok && c.field == "project":
			return nil, &Error{fmt.Sprintf("The value '%s' does not exist for the field '%s'.", v.text, c.at.text)}
		case !ok:
			return nil, &Error{fmt.Sprintf("An issue with key '%s' does not exist for field '%s'.", v.text, c.at.text)}
		}
		want[ref] = true
	}
	neg := c.op == "!=" || c.op == "not in"
	if c.field == "project" {
		return func(iv Issue) bool { return want[iv.IssueProject()] != neg }, nil
	}
	return func(iv Issue) bool { return want[iv.IssueID()] != neg }, nil
}

func idClause(c clause) (Matcher, error) {
	ids := map[string]bool{}
	for _, v := range c.values {
		if _, err := strconv.ParseInt(v.text, 10, 64); err != nil {
			return nil, &Error{fmt.Sprintf("The issue id '%s' for field 'id' is invalid.", v.text)}
		}
		ids[v.text] = true
	}
	switch c.op {
	case "=", "in":
		return func(iv Issue) bool { return ids[iv.IssueID()] }, nil
	case "!=", "not in":
		return func(iv Issue) bool { return !ids[iv.IssueID()] }, nil
	}
	ref := c.values[0].text
	return func(iv Issue) bool { return cmpOp(c.op, CompareIDs(iv.IssueID(), ref)) }, nil
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

// Sort orders a query's result by its ORDER BY, then by id so that pages
// are stable; without ORDER BY Jira's order is not defined, and id is as
// good as any stable order.
func Sort[T Issue](q *Query, issues []T) {
	slices.SortStableFunc(issues, func(a, b T) int {
		for _, o := range q.order {
			var c int
			switch o.field {
			case "created":
				c = a.IssueCreated().Compare(b.IssueCreated())
			case "updated":
				c = a.IssueUpdated().Compare(b.IssueUpdated())
			case "key":
				c = CompareKeys(a.IssueKey(), b.IssueKey())
			case "id":
				c = CompareIDs(a.IssueID(), b.IssueID())
			}
			if o.desc {
				c = -c
			}
			if c != 0 {
				return c
			}
		}
		return CompareIDs(a.IssueID(), b.IssueID())
	})
}
