package analysis

import "strings"

// hasQuestion reports a question mark in a comment body outside code
// ({code}, {noformat}, ``` fences, `inline`), quotes ({quote}, lines
// starting with "bq. " or ">") and URLs: a '?' there is someone else's text
// or a query string, not a question to the PM.
func hasQuestion(body string) bool {
	closer := "" // the token that ends the block we are in
	for body != "" {
		line, rest, _ := strings.Cut(body, "\n")
		body = rest
		if closer == "" {
			t := strings.TrimLeft(line, " \t")
			if strings.HasPrefix(t, "bq. ") || strings.HasPrefix(t, ">") {
				continue
			}
		}
		var found bool
		closer, found = scanLine(line, closer)
		if found {
			return true
		}
	}
	return false
}

// scanLine scans one line, starting inside the block that closer ends (if
// any); it returns the block still open at the line's end and whether a
// question mark was seen outside blocks.
func scanLine(line, closer string) (string, bool) {
	for i := 0; i < len(line); {
		if closer != "" {
			k := indexFold(line[i:], closer)
			if k < 0 {
				return closer, false
			}
			i += k + len(closer)
			closer = ""
			continue
		}
		rest := line[i:]
		switch {
		case hasPrefixFold(rest, "{code"):
			closer = "{code}"
			i += skipMacro(rest)
		case hasPrefixFold(rest, "{noformat"):
			closer = "{noformat}"
			i += skipMacro(rest)
		case hasPrefixFold(rest, "{quote"):
			closer = "{quote}"
			i += skipMacro(rest)
		case strings.HasPrefix(rest, "```"):
			closer = "```"
			i += 3
		case rest[0] == '`':
			k := strings.IndexByte(rest[1:], '`')
			if k < 0 {
				i++
				continue
			}
			i += k + 2
		case hasPrefixFold(rest, "http://") || hasPrefixFold(rest, "https://"):
			i += urlLen(rest)
		case rest[0] == '?':
			return "", true
		default:
			i++
		}
	}
	return closer, false
}

// skipMacro returns the length of an opening macro tag like {code:java}.
func skipMacro(s string) int {
	if k := strings.IndexByte(s, '}'); k >= 0 {
		return k + 1
	}
	return len(s)
}

// urlLen is the length of the URL at the start of s: up to whitespace or
// the end of Jira link markup.
func urlLen(s string) int {
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case ' ', '\t', '\r', ']', '|', '<', '>', '"':
			return i
		}
	}
	return len(s)
}

func hasPrefixFold(s, p string) bool { return len(s) >= len(p) && strings.EqualFold(s[:len(p)], p) }

func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}
