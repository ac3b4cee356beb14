package collector

import (
	"context"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/model"
)

// search pages through a JQL result, calling fn once per page (last says
// it is the final one). Page sizes are whatever Jira returns, never
// assumed to be what was asked.
func (r *runner) search(ctx context.Context, jql string, fields []string, expand string, size int,
	fn func(issues []jira.Issue, last bool) error) error {
	q := jira.SearchQuery{JQL: jql, Fields: fields, Expand: expand, MaxResults: size}
	for {
		var p *jira.SearchPage
		var err error
		if r.flavor == model.Cloud {
			p, err = r.c.SearchCloud(ctx, q)
		} else {
			p, err = r.c.SearchServer(ctx, q)
		}
		if err != nil {
			return err
		}
		var last bool
		if r.flavor == model.Cloud {
			last = p.NextPageToken == "" || (p.IsLast != nil && *p.IsLast) || len(p.Issues) == 0
			q.PageToken = p.NextPageToken
		} else {
			q.StartAt += len(p.Issues)
			last = len(p.Issues) == 0 || q.StartAt >= p.Total
		}
		if err := fn(p.Issues, last); err != nil {
			return err
		}
		if last {
			return nil
		}
	}
}
