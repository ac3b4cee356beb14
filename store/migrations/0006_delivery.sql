-- SPEC §7.3: delivery at least once. An alert's row also holds the e-mail
-- it owes: the intent is recorded (owed, with its Message-ID) before the
-- e-mail is sent, and the send after it (owed cleared, sent_at set), so a
-- crash in between re-sends on restart with the same Message-ID.
ALTER TABLE alert_state ADD COLUMN owed TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_state ADD COLUMN message_id TEXT NOT NULL DEFAULT '';
ALTER TABLE alert_state ADD COLUMN sent_at TEXT;

-- SPEC §7.4: the weekly report of each team and week, archived and sent
-- once. The daemon asks this table what is due; `report --send` records
-- here too. built_at is the clock the report was built with, so a re-send
-- after a crash rebuilds the same report; message_id is fixed with the
-- intent (intent_at) and sent_at is set once the relay took the e-mail.
CREATE TABLE report_send (
    team        TEXT NOT NULL,
    week        TEXT NOT NULL,
    dir         TEXT NOT NULL DEFAULT '',
    built_at    TEXT NOT NULL,
    message_id  TEXT NOT NULL DEFAULT '',
    intent_at   TEXT,
    sent_at     TEXT,
    recipients  INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (team, week)
) WITHOUT ROWID;
