package config

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"reflect"
	"regexp"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"
)

// Duration is a time.Duration written in YAML as "15m", "7d" or "168h".
type Duration time.Duration

// UnmarshalYAML accepts Go durations plus a "d" suffix for days.
func (d *Duration) UnmarshalYAML(n *yaml.Node) error {
	var s string
	if err := n.Decode(&s); err != nil {
		return fmt.Errorf("line %d: want a duration like 15m or 7d", n.Line)
	}
	v, err := ParseDuration(s)
	if err != nil {
		return fmt.Errorf("line %d: %w", n.Line, err)
	}
	*d = Duration(v)
	return nil
}

// MarshalYAML writes the duration in Go syntax.
func (d Duration) MarshalYAML() (any, error) { return time.Duration(d).String(), nil }

// D returns the value as a time.Duration.
func (d Duration) D() time.Duration { return time.Duration(d) }

// ParseDuration parses Go durations and whole days ("7d").
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if strings.HasSuffix(s, "d") {
		var days int
		if _, err := fmt.Sscanf(s, "%dd", &days); err == nil && fmt.Sprintf("%dd", days) == s {
			return time.Duration(days) * 24 * time.Hour, nil
		}
	}
	v, err := time.ParseDuration(s)
	if err != nil {
		return 0, fmt.Errorf("bad duration %q: want e.g. 15m, 1h, 7d", s)
	}
	return v, nil
}

// Error lists every problem found in a config file.
type Error struct {
	Path     string
	Problems []string
}

func (e *Error) Error() string {
	return fmt.Sprintf("config %s: %s", e.Path, strings.Join(e.Problems, "; "))
}

// Load reads and validates the config file at path, with secrets looked up
// through getenv (os.Getenv in the program).
func Load(path string, getenv func(string) string) (*Config, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, &Error{Path: path, Problems: []string{err.Error()}}
	}
	defer f.Close()
	return parse(f, path, getenv, false)
}

// Parse reads a config from r; name is used in messages.
func Parse(r io.Reader, name string, getenv func(string) string) (*Config, error) {
	return parse(r, name, getenv, false)
}

// parse reads a config; offline: secrets whose variable is unset are not
// a problem (see LoadOffline).
func parse(r io.Reader, name string, getenv func(string) string, offline bool) (*Config, error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, &Error{Path: name, Problems: []string{err.Error()}}
	}
	c := Default()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return nil, &Error{Path: name, Problems: yamlProblems(err)}
	}
	c.Path = name
	if problems := c.validate(getenv, offline); len(problems) > 0 {
		return nil, &Error{Path: name, Problems: problems}
	}
	return c, nil
}

// yamlProblems splits a yaml.TypeError into one problem per line it lists.
func yamlProblems(err error) []string {
	var te *yaml.TypeError
	if errors.As(err, &te) {
		out := make([]string, 0, len(te.Errors))
		for _, e := range te.Errors {
			out = append(out, strings.TrimPrefix(e, "yaml: "))
		}
		return out
	}
	return []string{strings.TrimPrefix(err.Error(), "yaml: ")}
}

// Default returns a config holding every default of SPEC §4 and §6.
func Default() *Config {
	return &Config{
		Jira: Jira{TokenEnv: "JIRA_API_TOKEN", PageSize: 100, Overlap: Duration(2 * time.Minute), Timeout: Duration(60 * time.Second), MaxRetries: 5,
			// The census lists every key: daily keeps incremental runs proportional to what changed.
			CensusEvery: Duration(24 * time.Hour)},
		Store: Store{Path: "./roleload.db"},
		Thresholds: Thresholds{
			DailyInputs: 0.8, DailyInputsMinRequesters: 2, SlowAnswers: 8, Unanswered: 3, UnansweredAfter: 16,
			POWorkHeavy: 12, DiscoverySqueezed: 0.2, AfterHours: 0.2, ThinBacklog: 1.0, OverwhelmedMin: 2,
		},
		TimeModel: TimeModel{
			CreateMinutes: 5, TextEditMinutes: 3, FieldEditMinutes: 1, TransitionMinutes: 0.5, CommentMinutes: 2,
			ComposeRate: 40, CapMinutes: 45, IdleGap: Duration(15 * time.Minute),
		},
		Alerts:   Alerts{RepeatInterval: Duration(7 * 24 * time.Hour), StaleAfter: Duration(48 * time.Hour), FailedSyncs: 3},
		Schedule: Schedule{Collect: "@every 1h", Report: "0 8 * * MON", Alerts: "after-collect"},
		Email:    Email{Port: 587, TLS: "starttls", PasswordEnv: "SMTP_PASSWORD"},
		Reports:  Reports{Dir: "./reports"},
		Serve:    Serve{Addr: "127.0.0.1:8080"},
		Calendar: CalendarSettings{KeepTitles: true},
	}
}

// ApplyTeamDefaults fills the calendar and the lists a team leaves out
// (config.Load does; callers that build a Team by hand may).
func ApplyTeamDefaults(t *Team) {
	if t.Timezone == "" {
		t.Timezone = "UTC"
	}
	if t.WorkingHours == "" {
		t.WorkingHours = "09:00-17:00"
	}
	if t.WorkingDays == nil {
		t.WorkingDays = []string{"mon", "tue", "wed", "thu", "fri"}
	}
	if t.WaitingStatuses == nil {
		t.WaitingStatuses = []string{"Needs Info", "Needs Clarification", "Waiting for Product"}
	}
	if t.InputLabels == nil {
		t.InputLabels = []string{"needs-info", "needs-product"}
	}
	if t.OffDayRequests == "" {
		t.OffDayRequests = OffDayIgnore
	}
	if t.ReadyStatuses == nil {
		t.ReadyStatuses = []string{"Ready for Dev", "Selected for Development"}
	}
	if t.Discovery.IssueTypes == nil {
		t.Discovery.IssueTypes = []string{"Idea", "Research", "Experiment", "Opportunity"}
	}
	if t.Discovery.Labels == nil {
		t.Discovery.Labels = []string{"discovery", "user-research"}
	}
}

// Values of teams[].off_day_requests.
const (
	OffDayIgnore         = "ignore"
	OffDayNextWorkingDay = "next_working_day"
)

var (
	hoursRe   = regexp.MustCompile(`^(\d\d):(\d\d)-(\d\d):(\d\d)$`)
	weekdayOf = map[string]time.Weekday{"sun": time.Sunday, "mon": time.Monday, "tue": time.Tuesday, "wed": time.Wednesday, "thu": time.Thursday, "fri": time.Friday, "sat": time.Saturday}
)

func (c *Config) validate(getenv func(string) string, offline bool) []string {
	var p []string
	add := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }

	switch c.Jira.Flavor {
	case "", "cloud", "server":
	default:
		add("jira.flavor: %q is not cloud or server", c.Jira.Flavor)
	}
	if c.Jira.URL != "" && !strings.HasPrefix(c.Jira.URL, "http://") && !strings.HasPrefix(c.Jira.URL, "https://") {
		add("jira.url: %q is not an http(s) URL", c.Jira.URL)
	}
	if c.Jira.PageSize <= 0 || c.Jira.PageSize > 5000 {
		add("jira.page_size: %d is not between 1 and 5000", c.Jira.PageSize)
	}
	if c.Jira.URL != "" {
		if c.Jira.TokenEnv == "" {
			add("jira.token_env: must name the environment variable that holds the token")
		} else if c.Jira.Token = getenv(c.Jira.TokenEnv); c.Jira.Token == "" && !offline {
			add("jira.token_env: environment variable %s is not set", c.Jira.TokenEnv)
		}
		if c.Jira.Flavor == "cloud" && c.Jira.Email == "" {
			add("jira.email: required for cloud (basic auth user)")
		}
	}
	if c.Store.Path == "" {
		add("store.path: must not be empty")
	}
	if err := c.parseNow(); err != nil {
		add("now: %v", err)
	}

	seen := map[string]bool{}
	for i := range c.Teams {
		t := &c.Teams[i]
		key := fmt.Sprintf("teams[%d]", i)
		if t.Name == "" {
			add("%s.name: must not be empty", key)
		} else if seen[t.Name] {
			add("%s.name: team %q is listed twice", key, t.Name)
		}
		seen[t.Name] = true
		ApplyTeamDefaults(t)
		p = append(p, validateTeam(t, key)...)
	}
	p = append(p, c.validateNumbers()...)
	p = append(p, c.validateCalendars(getenv)...)

	for _, s := range []struct{ key, expr string }{{"schedule.collect", c.Schedule.Collect}, {"schedule.report", c.Schedule.Report}, {"schedule.alerts", c.Schedule.Alerts}} {
		if s.expr == "" || s.expr == AfterCollect && s.key == "schedule.alerts" {
			continue
		}
		if _, err := CronParser.Parse(s.expr); err != nil {
			add("%s: bad cron expression %q: %v", s.key, s.expr, err)
		}
	}
	p = append(p, c.validateHTTPAddr()...)
	if c.Schedule.Timezone != "" {
		if _, err := time.LoadLocation(c.Schedule.Timezone); err != nil {
			add("schedule.timezone: unknown time zone %q", c.Schedule.Timezone)
		}
	}
	for i, r := range c.Alerts.Rules {
		if r.Signal == "" {
			add("alerts.rules[%d].signal: must name a signal or verdict", i)
		}
		if r.Team != "" && !seen[r.Team] {
			add("alerts.rules[%d].team: unknown team %q", i, r.Team)
		}
	}
	switch c.Email.TLS {
	case "starttls", "implicit", "none":
	default:
		add("email.tls: %q is not starttls, implicit or none", c.Email.TLS)
	}
	if c.Email.Host != "" && c.Email.Username != "" {
		if c.Email.PasswordEnv == "" {
			add("email.password_env: must name the environment variable that holds the SMTP password")
		} else if c.Email.Password = getenv(c.Email.PasswordEnv); c.Email.Password == "" && !offline {
			add("email.password_env: environment variable %s is not set", c.Email.PasswordEnv)
		}
	}
	if c.Serve.PasswordEnv != "" {
		c.Serve.Password = getenv(c.Serve.PasswordEnv)
	}
	return p
}

func validateTeam(t *Team, key string) []string {
	var p []string
	add := func(format string, a ...any) { p = append(p, fmt.Sprintf(format, a...)) }
	loc, err := time.LoadLocation(t.Timezone)
	if err != nil {
		add("%s.timezone: unknown time zone %q", key, t.Timezone)
	}
	t.Location = loc
	if m := hoursRe.FindStringSubmatch(t.WorkingHours); m == nil {
		add("%s.working_hours: %q is not HH:MM-HH:MM", key, t.WorkingHours)
	} else {
		var h1, m1, h2, m2 int
		fmt.Sscanf(t.WorkingHours, "%d:%d-%d:%d", &h1, &m1, &h2, &m2)
		t.DayStart = time.Duration(h1)*time.Hour + time.Duration(m1)*time.Minute
		t.DayEnd = time.Duration(h2)*time.Hour + time.Duration(m2)*time.Minute
		if h1 > 23 || h2 > 24 || m1 > 59 || m2 > 59 || t.DayEnd <= t.DayStart {
			add("%s.working_hours: %q is not a range within one day", key, t.WorkingHours)
		}
	}
	for _, d := range t.WorkingDays {
		wd, ok := weekdayOf[strings.ToLower(d)]
		if !ok {
			add("%s.working_days: %q is not one of mon..sun", key, d)
			continue
		}
		t.Weekdays[wd] = true
	}
	t.Holiday = map[string]bool{}
	for _, h := range t.Holidays {
		if _, err := time.Parse("2006-01-02", h); err != nil {
			add("%s.holidays: %q is not a date YYYY-MM-DD", key, h)
		}
		t.Holiday[h] = true
	}
	if t.OffDayRequests != OffDayIgnore && t.OffDayRequests != OffDayNextWorkingDay {
		add("%s.off_day_requests: %q is not %s or %s", key, t.OffDayRequests, OffDayIgnore, OffDayNextWorkingDay)
	}
	if len(t.ProductManagers) == 0 && len(t.ProductOwners) == 0 {
		add("%s.product_managers: a team needs at least one product manager", key)
	}
	if len(t.DeliveryProjects) == 0 {
		add("%s.delivery_projects: must list at least one project key", key)
	}
	return p
}

// thresholdKey is the config path of a Thresholds field, from its yaml
// tag: the signal names are written once in this package, on the tags.
func thresholdKey(field string) string {
	f, _ := reflect.TypeFor[Thresholds]().FieldByName(field)
	return "thresholds." + f.Tag.Get("yaml")
}

// validateNumbers refuses what the analysis cannot judge by (it fills no
// default: a zero here would reach it).
func (c *Config) validateNumbers() []string {
	var p []string
	th, tm := c.Thresholds, c.TimeModel
	for _, s := range []struct {
		key string
		v   float64
	}{
		{thresholdKey("DailyInputs"), th.DailyInputs}, {thresholdKey("DiscoverySqueezed"), th.DiscoverySqueezed}, {thresholdKey("AfterHours"), th.AfterHours},
	} {
		if s.v < 0 || s.v > 1 {
			p = append(p, fmt.Sprintf("%s: %v is not a share between 0 and 1", s.key, s.v))
		}
	}
	for _, s := range []struct {
		key string
		v   float64
	}{
		{thresholdKey("SlowAnswers"), th.SlowAnswers}, {thresholdKey("UnansweredAfter"), th.UnansweredAfter}, {thresholdKey("POWorkHeavy"), th.POWorkHeavy},
		{thresholdKey("ThinBacklog"), th.ThinBacklog}, {thresholdKey("Unanswered"), float64(th.Unanswered)},
		{"time_model.create_minutes", tm.CreateMinutes}, {"time_model.text_edit_minutes", tm.TextEditMinutes},
		{"time_model.field_edit_minutes", tm.FieldEditMinutes}, {"time_model.transition_minutes", tm.TransitionMinutes},
		{"time_model.comment_minutes", tm.CommentMinutes}, {"time_model.compose_rate", tm.ComposeRate},
		{"time_model.cap_minutes", tm.CapMinutes}, {"time_model.idle_gap", tm.IdleGap.D().Minutes()},
	} {
		if s.v <= 0 {
			p = append(p, fmt.Sprintf("%s: %v must be positive", s.key, s.v))
		}
	}
	if th.OverwhelmedMin < 0 {
		p = append(p, "thresholds.overwhelmed_min: must not be negative")
	}
	return p
}
