package setup

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/config"
)

// Options say which Jira to read and where to write.
type Options struct {
	URL, Email string
	// TokenEnv names the variable that holds Token; it is written into the
	// config, the token never is.
	TokenEnv, Token string
	Projects        []string
	Out             string
	Force           bool
	HTTPClient      *http.Client
	Log             *slog.Logger
	// MaxIssues bounds the sample (default 5000 issues: 50 pages).
	MaxIssues int
}

// ErrExists is returned when Out exists and Force is not set.
var ErrExists = errors.New("exists")

// Evidence windows of SPEC §3.1.
const (
	peopleWeeks = 12
	labelDays   = 90
)

// Result is what Init found and wrote.
type Result struct {
	Path     string
	YAML     string
	Flavor   string
	PMs      []*Person
	Waiting  []string
	Ready    []string
	Issues   int // in the sample
	Requests int // HTTP requests sent to Jira
}

// Init reads the Jira of opts and writes a starter config to opts.Out. The
// file is checked with the config loader before it is written, and an
// existing file is kept unless opts.Force.
func Init(ctx context.Context, opts Options) (*Result, error) {
	if !opts.Force {
		if _, err := os.Stat(opts.Out); err == nil {
			return nil, fmt.Errorf("%s %w: not overwritten without --force", opts.Out, ErrExists)
		}
	}
	if opts.MaxIssues <= 0 {
		opts.MaxIssues = 5000
	}
	c, err := jira.New(jira.Config{URL: opts.URL, Email: opts.Email, Token: opts.Token, HTTPClient: opts.HTTPClient,
		Timeout: time.Minute, MaxRetries: 3, Logger: opts.Log})
	if err != nil {
		return nil, err
	}
	site, err := Connect(ctx, c)
	if err != nil {
		return nil, err
	}
	if site.Flavor == "cloud" && opts.Email == "" {
		return nil, fmt.Errorf("%s is Jira Cloud: --email is needed (the API token's account)", opts.URL)
	}
	f, err := survey(ctx, site, opts)
	if err != nil {
		return nil, err
	}
	f.Requests = c.Requests()
	text := f.render(opts)
	getenv := func(k string) string {
		if k == opts.TokenEnv {
			return opts.Token
		}
		return ""
	}
	if _, err := config.ParseOffline(strings.NewReader(text), opts.Out, getenv); err != nil {
		return nil, fmt.Errorf("the config written for %s does not load (a bug): %w", opts.URL, err)
	}
	if err := writeFile(opts.Out, text); err != nil {
		return nil, err
	}
	return &Result{Path: opts.Out, YAML: text, Flavor: site.Flavor, PMs: f.PMs, Waiting: f.Waiting, Ready: f.Ready,
		Issues: len(f.Sample.Issues), Requests: f.Requests}, nil
}

// findings is everything init learnt, ready to be written.
type findings struct {
	Site                        *Site
	Delivery, Discovery, Others []Project
	Statuses                    []Status
	IssueTypes                  []string
	Waiting, Ready              []string
	Fields                      []jira.Mapping
	Boards                      []string // one line each: name, type, sprints
	scrumWithSprints            bool
	ReadyFrom                   string // why Ready holds what it holds, when not by its name
	Sample                      *Sample
	Labels                      []Label
	PMs, Engineers, Bots        []*Person
	TimeZone, TimeZoneFrom      string
	Requests                    int
}

func survey(ctx context.Context, site *Site, opts Options) (*findings, error) {
	f := &findings{Site: site}
	all, err := site.Projects(ctx)
	if err != nil {
		return nil, err
	}
	for _, key := range opts.Projects {
		i := slices.IndexFunc(all, func(p Project) bool { return strings.EqualFold(p.Key, key) })
		if i < 0 {
			keys := make([]string, len(all))
			for j, p := range all {
				keys[j] = p.Key
			}
			return nil, fmt.Errorf("project %s is not visible to %s on %s (visible: %s)", key, site.Me.DisplayName, opts.URL, strings.Join(keys, ", "))
		}
		if all[i].Discovery() {
			f.Discovery = append(f.Discovery, all[i])
		} else {
			f.Delivery = append(f.Delivery, all[i])
		}
	}
	for _, p := range all {
		if p.Discovery() && !slices.ContainsFunc(f.Discovery, func(q Project) bool { return q.Key == p.Key }) {
			f.Others = append(f.Others, p)
		}
	}
	if len(f.Delivery) == 0 {
		return nil, fmt.Errorf("--projects %s: none is a delivery (non-Product-Discovery) project", strings.Join(opts.Projects, ","))
	}
	for _, p := range f.Delivery {
		sts, types, err := site.ProjectStatuses(ctx, p.Key)
		if err != nil {
			return nil, err
		}
		for _, s := range sts {
			if !slices.ContainsFunc(f.Statuses, func(x Status) bool { return x.Name == s.Name }) {
				f.Statuses = append(f.Statuses, s)
			}
		}
		for _, t := range types {
			if !slices.Contains(f.IssueTypes, t) {
				f.IssueTypes = append(f.IssueTypes, t)
			}
		}
	}
	f.Waiting, f.Ready = GuessStatuses(f.Statuses)
	fields, err := site.Client.Fields(ctx)
	if err != nil {
		return nil, fmt.Errorf("jira fields: %w", err)
	}
	_, f.Fields = jira.FindFields(fields)
	if err := f.boards(ctx, site); err != nil {
		return nil, err
	}
	// A scrum team without a "Ready" status plans stories into the sprint
	// from To Do: on its board, To Do in an active sprint is the ready
	// backlog (SPEC §3.1).
	if len(f.Ready) == 0 && f.scrumWithSprints && slices.ContainsFunc(f.Statuses, func(s Status) bool { return s.Name == "To Do" }) {
		f.Ready, f.ReadyFrom = []string{"To Do"}, "no ready-like status: To Do on a scrum board with sprints"
	}
	keys := make([]string, 0, len(opts.Projects))
	for _, p := range append(slices.Clone(f.Delivery), f.Discovery...) {
		keys = append(keys, p.Key)
	}
	since := site.Clock.AddDate(0, 0, -labelDays)
	if f.Sample, err = site.FetchSample(ctx, keys, since, opts.MaxIssues); err != nil {
		return nil, err
	}
	f.Labels = Labels(f.Sample, since)
	people := People(f.Sample, site.Clock.AddDate(0, 0, -7*peopleWeeks), site.Clock.Add(time.Minute), f.isDiscovery)
	f.PMs, f.Engineers, f.Bots = Roles(people)
	f.TimeZone, f.TimeZoneFrom = "UTC", "no PM candidate or API user with a time zone in Jira"
	switch {
	case len(f.PMs) > 0 && f.PMs[0].User.TimeZone != "":
		f.TimeZone, f.TimeZoneFrom = f.PMs[0].User.TimeZone, "the Jira profile of "+f.PMs[0].User.DisplayName
	case site.Me.TimeZone != "":
		f.TimeZone, f.TimeZoneFrom = site.Me.TimeZone, "the Jira profile of the API user "+site.Me.DisplayName
	}
	if _, err := time.LoadLocation(f.TimeZone); err != nil {
		f.TimeZone, f.TimeZoneFrom = "UTC", fmt.Sprintf("Jira's %q is not a time zone this machine knows", f.TimeZone)
	}
	return f, nil
}

func (f *findings) isDiscovery(is *SampleIssue) bool {
	if slices.ContainsFunc(f.Discovery, func(p Project) bool { return p.Key == is.Project }) || discTypeRe.MatchString(is.Type) {
		return true
	}
	return slices.ContainsFunc(is.Labels, discLblRe.MatchString)
}

// boards lists each delivery project's boards with their sprints.
func (f *findings) boards(ctx context.Context, site *Site) error {
	for _, p := range f.Delivery {
		page, err := site.Client.Boards(ctx, p.Key, 0)
		if err != nil {
			var je *jira.Error
			if errors.As(err, &je) && (je.Kind == jira.KindNotFound || je.Kind == jira.KindPermission) {
				continue // no Jira Software, or no board: no sprints
			}
			return fmt.Errorf("jira boards of %s: %w", p.Key, err)
		}
		for _, b := range page.Values {
			line := fmt.Sprintf("%s: board %q (%s)", p.Key, b.Name, b.Type)
			if sp, err := site.Client.Sprints(ctx, b.ID, 0); err == nil && len(sp.Values) > 0 {
				active := 0
				for _, s := range sp.Values {
					if s.State == "active" {
						active++
					}
				}
				line += fmt.Sprintf(", %d sprints (%d active)", len(sp.Values), active)
				f.scrumWithSprints = f.scrumWithSprints || b.Type == "scrum"
				if !sp.IsLast {
					line += " and more"
				}
			}
			f.Boards = append(f.Boards, line)
		}
	}
	return nil
}

// writeFile writes text to path through a temporary file and a rename,
// so that a failed write never leaves half a config.
func writeFile(path, text string) error {
	tmp, err := os.CreateTemp(filepath.Dir(path), ".roleload-init-*")
	if err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.WriteString(text); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}
