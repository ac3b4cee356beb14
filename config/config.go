package config

import (
	"time"

	"github.com/robfig/cron/v3"
)

// Config is the whole roleload.yaml.
type Config struct {
	Jira       Jira       `yaml:"jira"`
	Store      Store      `yaml:"store"`
	Teams      []Team     `yaml:"teams"`
	Bots       []string   `yaml:"bots"`
	Thresholds Thresholds `yaml:"thresholds"`
	TimeModel  TimeModel  `yaml:"time_model"`
	Alerts     Alerts     `yaml:"alerts"`
	Schedule   Schedule   `yaml:"schedule"`
	Email      Email      `yaml:"email"`
	Reports    Reports    `yaml:"reports"`
	Serve      Serve      `yaml:"serve"`
	// Now fixes "now" for every command (RFC 3339, or YYYY-MM-DD for the
	// end of that day in UTC): the simulated Jira's clock in `demo` and
	// `sim` configs, or the moment a copied store is to be read as of.
	// Unset (a live Jira): the wall clock.
	Now string `yaml:"now"`

	// Calendars are the PMs' iCalendar feeds (SPEC §5.1; config/calendar.go).
	Calendars []CalendarFeed   `yaml:"calendars"`
	Calendar  CalendarSettings `yaml:"calendar"`

	// Path is the file the config was read from (for messages).
	Path string `yaml:"-"`
	// fixedNow is Now parsed; zero when Now is unset.
	fixedNow time.Time
}

// Jira says where and how to collect.
type Jira struct {
	URL      string   `yaml:"url"`
	SiteURL  string   `yaml:"site_url"` // links in reports; default: url, or serverInfo's baseUrl
	Flavor   string   `yaml:"flavor"`   // cloud | server | "" (detect)
	Email    string   `yaml:"email"`
	TokenEnv string   `yaml:"token_env"`
	Projects []string `yaml:"projects"`
	JQL      string   `yaml:"jql"`
	// PageSize is the search page size asked for (Jira may return fewer).
	PageSize int `yaml:"page_size"`
	// Overlap is subtracted from the watermark on incremental runs.
	Overlap Duration `yaml:"overlap"`
	// Timeout bounds one HTTP request.
	Timeout Duration `yaml:"timeout"`
	// MaxRetries bounds retries of 5xx and network errors.
	MaxRetries int `yaml:"max_retries"`
	// CensusEvery is how often the census of keys runs (0: every run; default 24h).
	CensusEvery Duration `yaml:"census_every"`

	// Token is read from the environment variable TokenEnv at load time.
	Token string `yaml:"-"`
}

// Store says where the SQLite file lives.
type Store struct {
	Path string `yaml:"path"`
}

// Team is one product team: its people, calendar, projects and the
// statuses and labels that mean something to the analysis.
type Team struct {
	Name             string    `yaml:"name"`
	Timezone         string    `yaml:"timezone"`
	WorkingHours     string    `yaml:"working_hours"`
	WorkingDays      []string  `yaml:"working_days"`
	Holidays         []string  `yaml:"holidays"`
	ProductManagers  []string  `yaml:"product_managers"`
	ProductOwners    []string  `yaml:"product_owners"`
	Engineers        []string  `yaml:"engineers"`
	DeliveryProjects []string  `yaml:"delivery_projects"`
	Discovery        Discovery `yaml:"discovery"`
	WaitingStatuses  []string  `yaml:"waiting_statuses"`
	InputLabels      []string  `yaml:"input_labels"`
	ReadyStatuses    []string  `yaml:"ready_statuses"`
	// OffDayRequests says where an input request opened on a weekend or
	// holiday counts for days_with_requests: "ignore" (SPEC §6.5 read
	// literally: only working days on which a request opened) or
	// "next_working_day" (the day the PM meets it). Judgement call, so
	// configurable; default ignore.
	OffDayRequests string `yaml:"off_day_requests"`

	// Parsed forms, filled by Load.
	Location *time.Location  `yaml:"-"`
	DayStart time.Duration   `yaml:"-"` // since midnight
	DayEnd   time.Duration   `yaml:"-"`
	Weekdays [7]bool         `yaml:"-"` // indexed by time.Weekday
	Holiday  map[string]bool `yaml:"-"` // YYYY-MM-DD
}

// Discovery lists what counts as discovery work.
type Discovery struct {
	Projects   []string `yaml:"projects"`
	IssueTypes []string `yaml:"issue_types"`
	Labels     []string `yaml:"labels"`
}

// Thresholds are the signal thresholds of SPEC §6.6.
type Thresholds struct {
	DailyInputs              float64 `yaml:"daily_inputs"`
	DailyInputsMinRequesters int     `yaml:"daily_inputs_min_requesters"`
	SlowAnswers              float64 `yaml:"slow_answers"`
	Unanswered               int     `yaml:"unanswered"`
	UnansweredAfter          float64 `yaml:"unanswered_after"` // working hours
	POWorkHeavy              float64 `yaml:"po_work_heavy"`
	DiscoverySqueezed        float64 `yaml:"discovery_squeezed"`
	AfterHours               float64 `yaml:"after_hours"`
	ThinBacklog              float64 `yaml:"thin_backlog"`
	OverwhelmedMin           int     `yaml:"overwhelmed_min"`
}

// TimeModel holds the constants of SPEC §6.3 (minutes unless said).
type TimeModel struct {
	CreateMinutes     float64  `yaml:"create_minutes"`
	TextEditMinutes   float64  `yaml:"text_edit_minutes"`
	FieldEditMinutes  float64  `yaml:"field_edit_minutes"`
	TransitionMinutes float64  `yaml:"transition_minutes"`
	CommentMinutes    float64  `yaml:"comment_minutes"`
	ComposeRate       float64  `yaml:"compose_rate"` // characters a minute
	CapMinutes        float64  `yaml:"cap_minutes"`
	IdleGap           Duration `yaml:"idle_gap"`
}

// Alerts configures SPEC §7.3.
type Alerts struct {
	RepeatInterval Duration    `yaml:"repeat_interval"`
	StaleAfter     Duration    `yaml:"stale_after"`  // data older than this is an alert
	FailedSyncs    int         `yaml:"failed_syncs"` // consecutive failed runs that alert
	Rules          []AlertRule `yaml:"rules"`
}

// AlertRule is one alert: a signal name or "verdict", for a team.
type AlertRule struct {
	Name   string   `yaml:"name"`
	Team   string   `yaml:"team"` // empty: every team
	Signal string   `yaml:"signal"`
	Level  string   `yaml:"level"` // for signal "verdict": watch | hire_po
	For    Duration `yaml:"for"`
}

// CronParser reads the schedule's expressions: five fields (minute hour
// day-of-month month day-of-week) or a descriptor (@daily, @every 1h).
var CronParser = cron.NewParser(cron.Minute | cron.Hour | cron.Dom | cron.Month | cron.Dow | cron.Descriptor)

// AfterCollect as schedule.alerts runs the alerts after every collect.
const AfterCollect = "after-collect"

// Schedule holds the cron expressions of SPEC §7.4.
type Schedule struct {
	Collect  string `yaml:"collect"`
	Report   string `yaml:"report"`
	Alerts   string `yaml:"alerts"` // cron, or "after-collect"
	Timezone string `yaml:"timezone"`
	// HTTPAddr, when set, makes `roleload run` serve /healthz and /metrics there.
	HTTPAddr string `yaml:"http_addr"`
}

// Email configures the SMTP sender.
type Email struct {
	Host        string   `yaml:"host"`
	Port        int      `yaml:"port"`
	TLS         string   `yaml:"tls"` // starttls | implicit | none (loopback only)
	Username    string   `yaml:"username"`
	PasswordEnv string   `yaml:"password_env"`
	From        string   `yaml:"from"`
	To          []string `yaml:"to"`

	Password string `yaml:"-"`
}

// Reports says where weekly reports are archived.
type Reports struct {
	Dir string `yaml:"dir"`
}

// Serve configures the dashboard.
type Serve struct {
	Addr        string `yaml:"addr"`
	PasswordEnv string `yaml:"password_env"`
	Password    string `yaml:"-"`
}

// Team returns the team with that name.
func (c *Config) Team(name string) (*Team, bool) {
	for i := range c.Teams {
		if c.Teams[i].Name == name {
			return &c.Teams[i], true
		}
	}
	return nil, false
}
