package jira

import (
	"bytes"
	"encoding/json"
	"regexp"
	"strings"
)

// ADF is a node of an Atlassian Document Format document.
type ADF struct {
	Type    string         `json:"type"`
	Text    string         `json:"text"`
	Attrs   map[string]any `json:"attrs"`
	Content []ADF          `json:"content"`
}

// BodyText turns a body as Jira sends it (a wiki string on v2, an ADF
// document on v3, or null) into text. ADF mentions become [~accountid:ID]
// so that one scanner finds mentions in both.
func BodyText(raw json.RawMessage) (string, error) {
	raw = bytes.TrimSpace(raw)
	switch {
	case len(raw) == 0 || string(raw) == "null":
		return "", nil
	case raw[0] == '"':
		var s string
		err := json.Unmarshal(raw, &s)
		return s, err
	}
	var doc ADF
	if err := json.Unmarshal(raw, &doc); err != nil {
		return "", err
	}
	var b strings.Builder
	doc.flatten(&b)
	return strings.TrimRight(b.String(), "\n"), nil
}

// blockNodes end with a line break when flattened.
var blockNodes = map[string]bool{
	"paragraph": true, "heading": true, "codeBlock": true, "blockquote": true, "listItem": true,
	"rule": true, "panel": true, "tableRow": true, "taskItem": true, "decisionItem": true, "expand": true,
	"mediaSingle": true, "mediaGroup": true,
}

func (n *ADF) flatten(b *strings.Builder) {
	switch n.Type {
	case "text":
		b.WriteString(n.Text)
	case "hardBreak":
		b.WriteByte('\n')
	case "mention":
		if id, _ := n.Attrs["id"].(string); id != "" {
			b.WriteString("[~accountid:" + id + "]")
		} else if t, _ := n.Attrs["text"].(string); t != "" {
			b.WriteString(t)
		}
	case "emoji":
		if t, _ := n.Attrs["text"].(string); t != "" {
			b.WriteString(t)
		} else if t, _ := n.Attrs["shortName"].(string); t != "" {
			b.WriteString(t)
		}
	case "inlineCard", "blockCard", "embedCard":
		if u, _ := n.Attrs["url"].(string); u != "" {
			b.WriteString(u)
		}
	case "status", "date", "placeholder":
		for _, k := range []string{"text", "timestamp"} {
			if t, _ := n.Attrs[k].(string); t != "" {
				b.WriteString(t)
				break
			}
		}
	case "tableCell", "tableHeader":
		for i := range n.Content {
			n.Content[i].flatten(b)
		}
		b.WriteByte('\t')
		return
	}
	for i := range n.Content {
		n.Content[i].flatten(b)
	}
	if blockNodes[n.Type] {
		b.WriteByte('\n')
	}
}

var (
	mentionAccountRe = regexp.MustCompile(`\[~accountid:([^\]\s]+)\]`)
	mentionNameRe    = regexp.MustCompile(`\[~([^\]\s~]+)\]`)
)

// Mentions returns the ids mentioned in a flattened body, each once, in
// order: accountIds from [~accountid:ID], usernames from [~name] mapped
// through byName (Server/DC user name -> key) when known.
func Mentions(text string, byName func(string) string) []string {
	if !strings.Contains(text, "[~") {
		return nil
	}
	var out []string
	seen := map[string]bool{}
	add := func(id string) {
		if id != "" && !seen[id] {
			seen[id] = true
			out = append(out, id)
		}
	}
	for _, m := range mentionAccountRe.FindAllStringSubmatch(text, -1) {
		add(m[1])
	}
	for _, m := range mentionNameRe.FindAllStringSubmatch(text, -1) {
		if strings.HasPrefix(m[1], "accountid:") {
			continue
		}
		id := m[1]
		if byName != nil {
			if k := byName(id); k != "" {
				id = k
			}
		}
		add(id)
	}
	return out
}
