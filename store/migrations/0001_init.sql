-- People met anywhere in Jira: authors, assignees, mentioned users.
-- id is the accountId on Cloud, the user key on Server/DC.
CREATE TABLE people (
    id           TEXT PRIMARY KEY,
    account_id   TEXT NOT NULL DEFAULT '',
    name         TEXT NOT NULL DEFAULT '',
    user_key     TEXT NOT NULL DEFAULT '',
    display_name TEXT NOT NULL DEFAULT '',
    email        TEXT NOT NULL DEFAULT '',
    account_type TEXT NOT NULL DEFAULT '',
    time_zone    TEXT NOT NULL DEFAULT '',
    active       INTEGER NOT NULL DEFAULT 1
);

-- Issues by Jira's numeric id: a moved issue (new key) stays one row.
CREATE TABLE issues (
    id               TEXT PRIMARY KEY,
    key              TEXT NOT NULL,
    project_key      TEXT NOT NULL,
    project_type     TEXT NOT NULL DEFAULT '',
    type             TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT '',
    status_category  TEXT NOT NULL DEFAULT '',
    summary          TEXT NOT NULL DEFAULT '',
    description      TEXT NOT NULL DEFAULT '',
    description_size INTEGER NOT NULL DEFAULT 0,
    labels           TEXT NOT NULL DEFAULT '[]',
    components       TEXT NOT NULL DEFAULT '[]',
    reporter_id      TEXT NOT NULL DEFAULT '',
    creator_id       TEXT NOT NULL DEFAULT '',
    assignee_id      TEXT NOT NULL DEFAULT '',
    created          TEXT,
    updated          TEXT,
    resolved         TEXT,
    parent_key       TEXT NOT NULL DEFAULT '',
    story_points     REAL,
    sprint_ids       TEXT NOT NULL DEFAULT '[]',
    flagged          INTEGER NOT NULL DEFAULT 0,
    links            TEXT NOT NULL DEFAULT '[]',
    changelog_total  INTEGER NOT NULL DEFAULT 0,
    deleted          INTEGER NOT NULL DEFAULT 0,
    -- The fields object as Jira sent it, without what has its own
    -- columns or tables (description, comment, worklog).
    raw              TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX issues_project ON issues (project_key, deleted);
CREATE INDEX issues_key ON issues (key);

CREATE TABLE histories (
    id        TEXT PRIMARY KEY,
    issue_id  TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL DEFAULT '',
    created   TEXT NOT NULL
);
CREATE INDEX histories_issue ON histories (issue_id, created);

CREATE TABLE history_items (
    history_id  TEXT NOT NULL REFERENCES histories (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    field       TEXT NOT NULL DEFAULT '',
    field_type  TEXT NOT NULL DEFAULT '',
    field_id    TEXT NOT NULL DEFAULT '',
    from_value  TEXT NOT NULL DEFAULT '',
    from_string TEXT NOT NULL DEFAULT '',
    to_value    TEXT NOT NULL DEFAULT '',
    to_string   TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (history_id, seq)
) WITHOUT ROWID;

CREATE TABLE comments (
    id        TEXT PRIMARY KEY,
    issue_id  TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL DEFAULT '',
    created   TEXT NOT NULL,
    updated   TEXT,
    body      TEXT NOT NULL DEFAULT '',
    body_size INTEGER NOT NULL DEFAULT 0,
    mentions  TEXT NOT NULL DEFAULT '[]'
);
CREATE INDEX comments_issue ON comments (issue_id, created);

CREATE TABLE worklogs (
    id        TEXT PRIMARY KEY,
    issue_id  TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    author_id TEXT NOT NULL DEFAULT '',
    started   TEXT NOT NULL,
    seconds   INTEGER NOT NULL DEFAULT 0,
    created   TEXT,
    updated   TEXT
);
CREATE INDEX worklogs_issue ON worklogs (issue_id, started);

CREATE TABLE sprints (
    id       INTEGER PRIMARY KEY,
    board_id INTEGER NOT NULL DEFAULT 0,
    name     TEXT NOT NULL DEFAULT '',
    state    TEXT NOT NULL DEFAULT '',
    start_at    TEXT,
    end_at      TEXT,
    complete_at TEXT
);

-- Sprints an issue is in now; no foreign key: the agile API may be off.
CREATE TABLE issue_sprints (
    issue_id  TEXT NOT NULL REFERENCES issues (id) ON DELETE CASCADE,
    sprint_id INTEGER NOT NULL,
    PRIMARY KEY (issue_id, sprint_id)
) WITHOUT ROWID;

-- Custom fields found through /rest/api/2/field, by what they mean to us
-- (story_points, sprint, flagged, epic_link).
CREATE TABLE fields (
    purpose   TEXT PRIMARY KEY,
    field_id  TEXT NOT NULL,
    name      TEXT NOT NULL DEFAULT '',
    schema    TEXT NOT NULL DEFAULT ''
);

-- One row per source (issues, census): the committed watermark and, while
-- a pass is under way, where it started and how far it has committed.
CREATE TABLE sync_state (
    source      TEXT PRIMARY KEY,
    watermark   TEXT,
    pass_from   TEXT,
    pass_start  TEXT,
    cursor      TEXT NOT NULL DEFAULT '',
    updated_at  TEXT
);

CREATE TABLE sync_runs (
    id        INTEGER PRIMARY KEY AUTOINCREMENT,
    started   TEXT NOT NULL,
    finished  TEXT,
    status    TEXT NOT NULL DEFAULT 'running',
    flavor    TEXT NOT NULL DEFAULT '',
    issues    INTEGER NOT NULL DEFAULT 0,
    histories INTEGER NOT NULL DEFAULT 0,
    comments  INTEGER NOT NULL DEFAULT 0,
    worklogs  INTEGER NOT NULL DEFAULT 0,
    deleted   INTEGER NOT NULL DEFAULT 0,
    requests  INTEGER NOT NULL DEFAULT 0,
    error     TEXT NOT NULL DEFAULT ''
);
