package jql

import (
	"fmt"
	"strings"
	"unicode"
)

type tokKind int

const (
	tEOF tokKind = iota
	tWord
	tString
	tOp
	tLParen
	tRParen
	tComma
)

type token struct {
	kind tokKind
	text string
	pos  int // 1-based character, as in Jira's messages
}

// Error is a JQL problem worded like Jira's, which a server returns as a
// 400 with the message as its one error message.
type Error struct{ msg string }

func (e *Error) Error() string { return e.msg }

func syntaxErr(t token, format string, args ...any) error {
	return &Error{fmt.Sprintf("Error in the JQL Query: "+format+" (line 1, character %d)", append(args, t.pos)...)}
}

func lex(q string) ([]token, error) {
	rs := []rune(q)
	var toks []token
	for i := 0; i < len(rs); {
		r := rs[i]
		switch {
		case unicode.IsSpace(r):
			i++
		case r == '(' || r == ')' || r == ',':
			k := map[rune]tokKind{'(': tLParen, ')': tRParen, ',': tComma}[r]
			toks = append(toks, token{k, string(r), i + 1})
			i++
		case r == '"' || r == '\'':
			j := i + 1
			var b strings.Builder
			for j < len(rs) && rs[j] != r {
				if rs[j] == '\\' && j+1 < len(rs) {
					j++
				}
				b.WriteRune(rs[j])
				j++
			}
			if j >= len(rs) {
				return nil, syntaxErr(token{pos: i + 1}, "The quoted string '%s' has not been completed.", b.String())
			}
			toks = append(toks, token{tString, b.String(), i + 1})
			i = j + 1
		case strings.ContainsRune("=!<>~", r):
			j := i + 1
			if j < len(rs) && (rs[j] == '=' || rs[j] == '~') && r != '=' && r != '~' {
				j++
			}
			op := string(rs[i:j])
			if op == "!" {
				return nil, syntaxErr(token{pos: i + 1}, "The character '!' is a reserved JQL character. You must enclose it in a string or use the escape '\\u0021' instead.")
			}
			toks = append(toks, token{tOp, op, i + 1})
			i = j
		default:
			j := i
			for j < len(rs) && !unicode.IsSpace(rs[j]) && !strings.ContainsRune("()=,!<>~\"'", rs[j]) {
				j++
			}
			if j == i {
				return nil, syntaxErr(token{pos: i + 1}, "The character '%c' is a reserved JQL character.", r)
			}
			toks = append(toks, token{tWord, string(rs[i:j]), i + 1})
			i = j
		}
	}
	return append(toks, token{tEOF, "", len(rs) + 1}), nil
}

// Query is a parsed JQL query: its WHERE part (see Compile) and its ORDER
// BY (see Sort).
type Query struct {
	where node // nil: every issue
	order []orderTerm
}

// The parse tree.
type (
	orderTerm struct {
		field string // created | updated | key | id
		desc  bool
	}
	node    interface{}
	andNode struct{ a, b node }
	orNode  struct{ a, b node }
	notNode struct{ a node }
	clause  struct {
		field  string // canonical: project | key | id | created | updated
		op     string // = != < <= > >= in "not in"
		values []token
		at     token
	}
)

type parser struct {
	toks []token
	i    int
}

func (p *parser) peek() token { return p.toks[p.i] }
func (p *parser) next() token { t := p.toks[p.i]; p.i = min(p.i+1, len(p.toks)-1); return t }

func (p *parser) isWord(w string) bool {
	t := p.peek()
	return t.kind == tWord && strings.EqualFold(t.text, w)
}

func describe(t token) string {
	if t.kind == tEOF {
		return "the end of the query"
	}
	return "'" + t.text + "'"
}

// Parse reads a query; its errors are *Error, worded as Jira words them.
func Parse(q string) (*Query, error) {
	toks, err := lex(q)
	if err != nil {
		return nil, err
	}
	p := &parser{toks: toks}
	out := &Query{}
	if p.peek().kind != tEOF && !p.isWord("order") {
		if out.where, err = p.or(); err != nil {
			return nil, err
		}
	}
	if p.isWord("order") {
		if out.order, err = p.orderBy(); err != nil {
			return nil, err
		}
	}
	if t := p.peek(); t.kind != tEOF {
		return nil, syntaxErr(t, "Expecting either 'OR' or 'AND' but got %s.", describe(t))
	}
	return out, nil
}

func (p *parser) or() (node, error) {
	a, err := p.and()
	for err == nil && p.isWord("or") {
		p.next()
		var b node
		if b, err = p.and(); err == nil {
			a = orNode{a, b}
		}
	}
	return a, err
}

func (p *parser) and() (node, error) {
	a, err := p.unary()
	for err == nil && p.isWord("and") {
		p.next()
		var b node
		if b, err = p.unary(); err == nil {
			a = andNode{a, b}
		}
	}
	return a, err
}

func (p *parser) unary() (node, error) {
	switch t := p.peek(); {
	case p.isWord("not"):
		p.next()
		a, err := p.unary()
		return notNode{a}, err
	case t.kind == tLParen:
		p.next()
		a, err := p.or()
		if err != nil {
			return nil, err
		}
		if c := p.next(); c.kind != tRParen {
			return nil, syntaxErr(c, "Expecting ')' but got %s.", describe(c))
		}
		return a, nil
	}
	return p.clause()
}

func (p *parser) clause() (node, error) {
	f := p.next()
	if f.kind != tWord && f.kind != tString {
		return nil, syntaxErr(f, "Expecting a field name but got %s.", describe(f))
	}
	c := clause{field: canonicalField(f.text), at: f}
	if c.field == "" {
		return nil, &Error{fmt.Sprintf("Field '%s' does not exist or you do not have permission to view it.", f.text)}
	}
	switch op := p.next(); {
	case op.kind == tOp && op.text != "~" && op.text != "!~":
		c.op = op.text
		v := p.next()
		if v.kind != tWord && v.kind != tString {
			return nil, syntaxErr(v, "Expecting either a value, list or function but got %s.", describe(v))
		}
		c.values = []token{v}
	case op.kind == tWord && (strings.EqualFold(op.text, "in") || strings.EqualFold(op.text, "not") && p.isWord("in")):
		c.op = "in"
		if strings.EqualFold(op.text, "not") {
			p.next()
			c.op = "not in"
		}
		vs, err := p.list()
		if err != nil {
			return nil, err
		}
		c.values = vs
	default:
		return nil, syntaxErr(op, "Expecting operator but got %s. The valid operators are '=', '!=', '<', '>', '<=', '>=', '~', '!~', 'IN', 'NOT IN', 'IS' and 'IS NOT'.", describe(op))
	}
	return c, nil
}

func (p *parser) list() ([]token, error) {
	if t := p.next(); t.kind != tLParen {
		return nil, syntaxErr(t, "Expecting '(' but got %s.", describe(t))
	}
	var vs []token
	for {
		v := p.next()
		if v.kind != tWord && v.kind != tString {
			return nil, syntaxErr(v, "Expecting either a value, list or function but got %s.", describe(v))
		}
		vs = append(vs, v)
		switch t := p.next(); t.kind {
		case tComma:
		case tRParen:
			return vs, nil
		default:
			return nil, syntaxErr(t, "Expecting ')' but got %s.", describe(t))
		}
	}
}

func (p *parser) orderBy() ([]orderTerm, error) {
	p.next()
	if !p.isWord("by") {
		t := p.peek()
		return nil, syntaxErr(t, "Expecting 'by' but got %s.", describe(t))
	}
	p.next()
	var out []orderTerm
	for {
		f := p.next()
		name := canonicalField(f.text)
		if f.kind != tWord && f.kind != tString || name == "" || name == "project" {
			return nil, &Error{fmt.Sprintf("Not able to sort using field '%s'.", f.text)}
		}
		term := orderTerm{field: name}
		if p.isWord("asc") || p.isWord("desc") {
			term.desc = strings.EqualFold(p.next().text, "desc")
		}
		out = append(out, term)
		if p.peek().kind != tComma {
			return out, nil
		}
		p.next()
	}
}

func canonicalField(f string) string {
	switch strings.ToLower(f) {
	case "project":
		return "project"
	case "key", "issuekey", "issue":
		return "key"
	case "id":
		return "id"
	case "created", "createddate":
		return "created"
	case "updated", "updateddate":
		return "updated"
	}
	return ""
}
