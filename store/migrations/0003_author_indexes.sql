-- A team's analysis reads every issue its PMs and POs touched (their time
-- there is "other" time): without these, finding them scans all activity
-- of the store, a cost that grows with the organisation, not the team
-- (measured on 1M events: 170 ms without, 60 ms with).
CREATE INDEX histories_author ON histories (author_id);
CREATE INDEX comments_author ON comments (author_id);
CREATE INDEX worklogs_author ON worklogs (author_id);
