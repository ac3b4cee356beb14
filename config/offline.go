package config

import (
	"fmt"
	"io"
	"net"
	"os"
)

// LoadOffline is Load for a command that only reads the store (status,
// analyze, report, chart, serve, alerts --dry-run): a secret whose
// environment variable is unset is left empty instead of refused, so that
// a store copied to another machine can be analysed there without the
// Jira token (SPEC §3). Commands that then talk to Jira or SMTP call
// RequireJiraToken or RequireMailPassword first.
func LoadOffline(path string, getenv func(string) string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Problems: []string{err.Error()}}
	}
	defer f.Close()
	return ParseOffline(f, path, getenv)
}

// ParseOffline is Parse without requiring the secrets' variables.
func ParseOffline(r io.Reader, name string, getenv func(string) string) (*Config, error) {
	return parse(r, name, getenv, true)
}

// validateHTTPAddr checks schedule.http_addr (validate calls it).
func (c *Config) validateHTTPAddr() []string {
	if c.Schedule.HTTPAddr == "" {
		return nil
	}
	if _, _, err := net.SplitHostPort(c.Schedule.HTTPAddr); err != nil {
		return []string{fmt.Sprintf("schedule.http_addr: %q is not host:port", c.Schedule.HTTPAddr)}
	}
	return nil
}

// RequireJiraToken refuses a config loaded offline whose Jira token
// variable is unset, naming it (exit 2, as Load would have).
func (c *Config) RequireJiraToken() error {
	if c.Jira.URL != "" && c.Jira.TokenEnv != "" && c.Jira.Token == "" {
		return &Error{Path: c.Path, Problems: []string{fmt.Sprintf("jira.token_env: environment variable %s is not set", c.Jira.TokenEnv)}}
	}
	return nil
}

// RequireMailPassword refuses a config loaded offline whose SMTP password
// variable is unset while a login is configured, naming the variable.
func (c *Config) RequireMailPassword() error {
	if c.Email.Host != "" && c.Email.Username != "" && c.Email.PasswordEnv != "" && c.Email.Password == "" {
		return &Error{Path: c.Path, Problems: []string{fmt.Sprintf("email.password_env: environment variable %s is not set", c.Email.PasswordEnv)}}
	}
	return nil
}
