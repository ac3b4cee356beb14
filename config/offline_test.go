package config

import (
	"errors"
	"strings"
	"testing"
)

const offlineYAML = `jira:
  url: https://acme.atlassian.net
  email: me@acme.com
  projects: [CHK]
email:
  host: smtp.acme.com
  username: roleload
  from: roleload@acme.com
  to: [lead@acme.com]
teams:
  - name: checkout
    product_managers: [Mara]
    delivery_projects: [CHK]
`

func TestOfflineNeedsNoSecrets(t *testing.T) {
	none := func(string) string { return "" }
	if _, err := Parse(strings.NewReader(offlineYAML), "x.yaml", none); err == nil || !strings.Contains(err.Error(), "JIRA_API_TOKEN") {
		t.Fatalf("Parse without the token: %v, want a refusal naming JIRA_API_TOKEN", err)
	}
	c, err := ParseOffline(strings.NewReader(offlineYAML), "x.yaml", none)
	if err != nil {
		t.Fatalf("ParseOffline: %v", err)
	}
	for _, tc := range []struct {
		name string
		err  error
		want string
	}{
		{"jira", c.RequireJiraToken(), "JIRA_API_TOKEN"},
		{"mail", c.RequireMailPassword(), "SMTP_PASSWORD"},
	} {
		var ce *Error
		if !errors.As(tc.err, &ce) || !strings.Contains(tc.err.Error(), tc.want) {
			t.Errorf("%s: %v, want a config error naming %s", tc.name, tc.err, tc.want)
		}
	}
	set := func(k string) string { return map[string]string{"JIRA_API_TOKEN": "t", "SMTP_PASSWORD": "p"}[k] }
	c, err = ParseOffline(strings.NewReader(offlineYAML), "x.yaml", set)
	if err != nil || c.RequireJiraToken() != nil || c.RequireMailPassword() != nil || c.Jira.Token != "t" {
		t.Fatalf("with both variables set: %v, %+v", err, c)
	}
}

func TestHTTPAddr(t *testing.T) {
	none := func(string) string { return "" }
	for _, tc := range []struct {
		addr string
		ok   bool
	}{{"127.0.0.1:9090", true}, {":9090", true}, {"9090", false}} {
		_, err := ParseOffline(strings.NewReader(offlineYAML+"schedule:\n  http_addr: \""+tc.addr+"\"\n"), "x.yaml", none)
		if (err == nil) != tc.ok {
			t.Errorf("http_addr %q: err %v, want ok=%v", tc.addr, err, tc.ok)
		}
	}
}
