package collector

import (
	"context"
	"errors"

	"github.com/roleload/roleload/collector/jira"
	"github.com/roleload/roleload/model"
)

// syncSprints reads the boards of the configured projects and their
// sprints. Without Jira Software (the agile API answers 404, or 403 / 400)
// it logs and goes on: sprints then come only from issues' Sprint field.
func (r *runner) syncSprints(ctx context.Context) error {
	var sprints []model.Sprint
	seenBoard := map[int64]bool{}
	for _, project := range r.cfg.Projects {
		for startAt := 0; ; {
			p, err := r.c.Boards(ctx, project, startAt)
			if skipAgile(err) {
				r.log.Info("agile API not available, sprints only from issues", "project", project, "err", err)
				return nil
			}
			if err != nil {
				return err
			}
			for _, b := range p.Values {
				if seenBoard[b.ID] {
					continue
				}
				seenBoard[b.ID] = true
				sps, err := r.boardSprints(ctx, b.ID)
				if err != nil {
					return err
				}
				sprints = append(sprints, sps...)
			}
			startAt += len(p.Values)
			if p.IsLast || len(p.Values) == 0 || (p.Total > 0 && startAt >= p.Total) {
				break
			}
		}
	}
	return r.st.SaveSprints(ctx, sprints)
}

func (r *runner) boardSprints(ctx context.Context, board int64) ([]model.Sprint, error) {
	var out []model.Sprint
	for startAt := 0; ; {
		p, err := r.c.Sprints(ctx, board, startAt)
		if skipAgile(err) {
			// Kanban boards do not support sprints: Jira answers 400.
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		for i := range p.Values {
			out = append(out, p.Values[i].Model(board))
		}
		startAt += len(p.Values)
		if p.IsLast || len(p.Values) == 0 {
			return out, nil
		}
	}
}

func skipAgile(err error) bool {
	return errors.Is(err, jira.ErrNotFound) || errors.Is(err, jira.ErrPermission) || errors.Is(err, jira.ErrBadRequest)
}
