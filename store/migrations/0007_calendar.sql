-- Calendar feeds (SPEC §5.1). One row per configured person's feed; its
-- occurrences are a snapshot replaced in one transaction on each good load.
-- A feed's URL is never stored: `source` is a file path or the name of the
-- environment variable holding a secret URL.
CREATE TABLE calendar_feeds (
    person        TEXT PRIMARY KEY,   -- as configured under calendars[].person
    source        TEXT NOT NULL DEFAULT '',
    etag          TEXT NOT NULL DEFAULT '',
    last_modified TEXT NOT NULL DEFAULT '',
    last_good     TEXT,               -- when the last good copy was loaded (local clock)
    last_attempt  TEXT,
    last_status   TEXT NOT NULL DEFAULT '',   -- ok | not_modified | failed
    last_error    TEXT NOT NULL DEFAULT '',
    problems      INTEGER NOT NULL DEFAULT 0, -- of the last good copy
    events        INTEGER NOT NULL DEFAULT 0,
    window_from   TEXT,
    window_to     TEXT
);

CREATE TABLE calendar_occurrences (
    person        TEXT NOT NULL REFERENCES calendar_feeds(person) ON DELETE CASCADE,
    uid           TEXT NOT NULL,
    recurrence_id TEXT NOT NULL DEFAULT '',
    start         TEXT NOT NULL,
    end           TEXT NOT NULL,
    title         TEXT NOT NULL DEFAULT '',
    attendees     INTEGER NOT NULL DEFAULT 0,
    external      INTEGER NOT NULL DEFAULT 0,
    category      TEXT NOT NULL,
    rule          TEXT NOT NULL DEFAULT '',
    PRIMARY KEY (person, uid, recurrence_id)
);
CREATE INDEX calendar_occurrences_start ON calendar_occurrences (person, start);

-- Every load attempt, for status and doctor.
CREATE TABLE calendar_loads (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    person      TEXT NOT NULL,
    at          TEXT NOT NULL,
    status      TEXT NOT NULL,              -- ok | not_modified | failed
    occurrences INTEGER NOT NULL DEFAULT 0,
    problems    INTEGER NOT NULL DEFAULT 0,
    detail      TEXT NOT NULL DEFAULT ''    -- the error, or the first problems
);
CREATE INDEX calendar_loads_person ON calendar_loads (person, id);
