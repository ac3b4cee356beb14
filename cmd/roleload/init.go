package main

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/roleload/roleload/setup"
)

func runInit(ctx context.Context, e *env, args []string) error {
	fs := newFlags(e, "init")
	url := fs.String("url", "", "Jira URL, e.g. https://acme.atlassian.net")
	projects := fs.String("projects", "", "project keys, comma-separated: delivery and Product Discovery ones")
	email := fs.String("email", "", "the API token's account (Jira Cloud)")
	tokenEnv := fs.String("token-env", "JIRA_API_TOKEN", "environment variable that holds the API token or personal access token")
	out := fs.String("out", "roleload.yaml", "config file to write")
	force := fs.Bool("force", false, "overwrite --out if it exists")
	if _, err := parseFlags(fs, args); err != nil {
		return err
	}
	if *url == "" || *projects == "" {
		return usagef("--url and --projects are required")
	}
	var keys []string
	for k := range strings.SplitSeq(*projects, ",") {
		if k = strings.TrimSpace(k); k != "" {
			keys = append(keys, k)
		}
	}
	token := e.getenv(*tokenEnv)
	if token == "" {
		return usagef("--token-env: environment variable %s is not set", *tokenEnv)
	}
	res, err := setup.Init(ctx, setup.Options{URL: *url, Email: *email, TokenEnv: *tokenEnv, Token: token,
		Projects: keys, Out: *out, Force: *force, Log: e.log})
	if errors.Is(err, setup.ErrExists) {
		return usageError{err.Error()}
	}
	if err != nil {
		return err
	}
	pm := "none found"
	if len(res.PMs) > 0 {
		pm = res.PMs[0].User.DisplayName + " (" + res.PMs[0].Evidence() + ")"
	}
	fmt.Fprintf(e.stdout, "wrote %s from %d issues (%s, %d requests)\nPM guess   %s\nwaiting    %s\nready      %s\nnext: check the comments in %s, then: roleload doctor --config %s\n",
		res.Path, res.Issues, res.Flavor, res.Requests, pm, strings.Join(res.Waiting, ", "), strings.Join(res.Ready, ", "), res.Path, res.Path)
	return nil
}
