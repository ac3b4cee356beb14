package store

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"github.com/roleload/roleload/model"
)

// TeamScope is what one team's analysis can use of the collected projects.
type TeamScope struct {
	Collected []string // every project collected for the config: nothing outside them is read
	Projects  []string // the team's delivery and discovery projects: all their issues
	People    []string // person IDs (the team's PMs and POs): every issue they touched
}

// LoadTeamActivity is LoadActivity of the issues a team's analysis can
// use, among the Collected projects: those of the team's projects and of
// Jira Product Discovery projects (discovery wherever they are), those
// the people created or wrote a history, comment or worklog on (their
// time there is "other" time), and the parent chains of all these (a
// child is discovery when its epic is). ChangelogsComplete speaks of
// these issues only.
func (s *Store) LoadTeamActivity(ctx context.Context, scope TeamScope) (*model.Activity, error) {
	ids, err := s.teamIssueIDs(ctx, scope)
	if err != nil {
		return nil, fmt.Errorf("load team activity: %w", err)
	}
	// The ids are read once; one JSON parameter, whatever their number,
	// then selects them in every query of the loader.
	list, err := json.Marshal(ids)
	if err != nil {
		return nil, fmt.Errorf("load team activity: %w", err)
	}
	return s.loadActivity(ctx, `i.id IN (SELECT value FROM json_each(?))`, []any{string(list)}, loadPlan{})
}

func (s *Store) teamIssueIDs(ctx context.Context, scope TeamScope) ([]string, error) {
	inCollected := `i.deleted = 0 AND i.project_key IN (` + placeholders(len(scope.Collected)) + `)`
	people := placeholders(len(scope.People))
	q := `WITH RECURSIVE w(id, parent_key) AS (
		SELECT i.id, i.parent_key FROM issues i WHERE ` + inCollected + ` AND (
			i.project_key IN (` + placeholders(len(scope.Projects)) + `) OR i.project_type = 'product_discovery'
			OR i.creator_id IN (` + people + `)
			OR i.id IN (SELECT issue_id FROM histories WHERE author_id IN (` + people + `))
			OR i.id IN (SELECT issue_id FROM comments WHERE author_id IN (` + people + `))
			OR i.id IN (SELECT issue_id FROM worklogs WHERE author_id IN (` + people + `)))
		UNION
		SELECT i.id, i.parent_key FROM w JOIN issues i ON i.key = w.parent_key
		WHERE w.parent_key != '' AND ` + inCollected + `)
		SELECT id FROM w`
	var args []any
	args = append(args, anySlice(scope.Collected)...)
	args = append(args, anySlice(scope.Projects)...)
	for range 4 {
		args = append(args, anySlice(scope.People)...)
	}
	args = append(args, anySlice(scope.Collected)...)
	rows, err := s.db.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("team issues: %w", err)
	}
	defer rows.Close()
	ids := []string{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("team issues: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("team issues: %w", err)
	}
	slices.Sort(ids)
	return slices.Compact(ids), nil
}
