-- SPEC §7.3: the state of each alert (a rule for one team), so that a
-- restart neither forgets a pending alert nor re-sends what was sent.
CREATE TABLE alert_state (
    rule        TEXT NOT NULL,
    team        TEXT NOT NULL,
    state       TEXT NOT NULL,
    since       TEXT,
    fired_at    TEXT,
    last_sent   TEXT,
    resolved_at TEXT,
    detail      TEXT NOT NULL DEFAULT '',
    updated_at  TEXT,
    PRIMARY KEY (rule, team)
) WITHOUT ROWID;
