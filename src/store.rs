//! The daemon's durable state: a SQLite file under the state directory.
//!
//! - `actions` is the audit log. Every action is written as an `intent` before it is applied
//!   and marked `done`, `failed` (with the reason) or `abandoned` after; nothing is ever
//!   deleted from it.
//! - `calendars` remembers each calendar's first and last sync and the last error.
//! - `existing` lists the invitations present at a calendar's first sync (the first-start
//!   rule).
//! - Everything else the daemon remembers is derived from the audit log, so that one commit
//!   records both an outcome and what follows from it: the nudges given (done nudges), the
//!   events and blocks the user wants left alone (actions that were undone).
//!
//! Schema changes are numbered migrations, applied in order inside a transaction
//! (`PRAGMA user_version` holds the number applied).

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OptionalExtension, params};
use serde::Serialize;

use crate::actions::{Action, Intent, Memory};

const MIGRATIONS: &[&str] = &[
    // 1: the audit log and the daemon's memory.
    "CREATE TABLE actions (
        id INTEGER PRIMARY KEY,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        calendar TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        payload TEXT NOT NULL,
        reason TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('intent', 'done', 'failed', 'abandoned')),
        result TEXT NOT NULL DEFAULT '',
        undoes INTEGER REFERENCES actions(id),
        undone_by INTEGER REFERENCES actions(id)
    );
    CREATE INDEX actions_status ON actions(status);
    CREATE INDEX actions_subject ON actions(subject);
    CREATE TABLE calendars (
        name TEXT PRIMARY KEY,
        first_sync TEXT,
        last_sync TEXT,
        last_error TEXT NOT NULL DEFAULT ''
    );
    CREATE TABLE existing (calendar TEXT NOT NULL, event TEXT NOT NULL, PRIMARY KEY (calendar, event));",
    // 2: the circuit breaker (SPEC section 3): open while `tripped` is set, until a resume.
    "CREATE TABLE breaker (
        calendar TEXT PRIMARY KEY,
        tripped TEXT,
        reason TEXT NOT NULL DEFAULT '',
        resumed TEXT
    );
    ALTER TABLE calendars ADD COLUMN unreadable TEXT NOT NULL DEFAULT '';",
];

/// The state of an action in the audit log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Intent,
    Done,
    Failed,
    Abandoned,
}

impl Status {
    fn as_str(self) -> &'static str {
        match self {
            Status::Intent => "intent",
            Status::Done => "done",
            Status::Failed => "failed",
            Status::Abandoned => "abandoned",
        }
    }

    fn parse(s: &str) -> Status {
        match s {
            "done" => Status::Done,
            "failed" => Status::Failed,
            "abandoned" => Status::Abandoned,
            _ => Status::Intent,
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Record {
    pub id: i64,
    pub created: DateTime<Utc>,
    pub updated: DateTime<Utc>,
    /// The calendar acted on (a local path, or a backend's name for it).
    pub calendar: String,
    pub kind: String,
    pub subject: String,
    pub action: Action,
    pub reason: String,
    pub status: Status,
    pub result: String,
    pub undoes: Option<i64>,
    pub undone_by: Option<i64>,
}

/// What `focusd status` shows about a calendar's syncing.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SyncInfo {
    /// `None` while no sync of the calendar has succeeded yet.
    pub first_sync: Option<DateTime<Utc>>,
    pub last_sync: Option<DateTime<Utc>>,
    pub last_error: String,
    /// The events the last cycle could not read, one per line (file, line and reason).
    pub unreadable: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("state database: {0}")]
    Sql(#[from] rusqlite::Error),
    #[error("state database: the task running it failed: {0}")]
    Task(String),
    #[error("state database: an action cannot be stored: {0}")]
    Payload(#[from] serde_json::Error),
    #[error(
        "state database {path}: schema version {found} is newer than this focusd knows ({known})"
    )]
    TooNew {
        path: String,
        found: i64,
        known: i64,
    },
}

impl From<StoreError> for crate::error::Error {
    fn from(e: StoreError) -> Self {
        crate::error::Error::Io {
            context: "state database".into(),
            source: std::io::Error::other(e.to_string()),
        }
    }
}

pub struct Store {
    conn: Connection,
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

fn parse_ts(s: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(s).map_or(DateTime::<Utc>::MIN_UTC, |t| t.with_timezone(&Utc))
}

impl Store {
    /// Opens (creating if needed) the database at `path` and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let conn = Connection::open(path)?;
        Store::init(conn, &path.display().to_string())
    }

    /// A database in memory, for tests and dry runs.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?, ":memory:")
    }

    fn init(mut conn: Connection, path: &str) -> Result<Store, StoreError> {
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // WAL keeps readers (focusd log, status) from blocking the daemon; FULL sync makes a
        // committed intent survive a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let version: i64 = conn.pragma_query_value(None, "user_version", |r| r.get(0))?;
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: path.to_string(),
                found: version,
                known,
            });
        }
        for (i, sql) in MIGRATIONS.iter().enumerate().skip(version as usize) {
            let tx = conn.transaction()?;
            tx.execute_batch(sql)?;
            tx.pragma_update(None, "user_version", i as i64 + 1)?;
            tx.commit()?;
        }
        Ok(Store { conn })
    }

    /// Records an action on `calendar` before it is applied; returns its id.
    pub fn intent(
        &self,
        calendar: &str,
        intent: &Intent,
        now: DateTime<Utc>,
        undoes: Option<i64>,
    ) -> Result<i64, StoreError> {
        let payload = serde_json::to_string(&intent.action)?;
        self.conn.execute(
            "INSERT INTO actions
                 (created, updated, calendar, kind, subject, payload, reason, status, undoes)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, 'intent', ?7)",
            params![
                ts(now),
                calendar,
                intent.action.kind(),
                intent.action.subject(),
                payload,
                intent.reason,
                undoes,
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    /// Marks an action done, failed or abandoned. Finishing an undo links the two records.
    pub fn finish(
        &self,
        id: i64,
        status: Status,
        result: &str,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        tx.execute(
            "UPDATE actions SET status = ?2, result = ?3, updated = ?4 WHERE id = ?1",
            params![id, status.as_str(), result, ts(now)],
        )?;
        if status == Status::Done {
            tx.execute(
                "UPDATE actions SET undone_by = ?1
                 WHERE id = (SELECT undoes FROM actions WHERE id = ?1)",
                params![id],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    fn records(
        &self,
        filter: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<Vec<Record>, StoreError> {
        let sql = format!(
            "SELECT id, created, updated, calendar, kind, subject, payload, reason, status,
                    result, undoes, undone_by
             FROM actions {filter} ORDER BY id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(args, |r| {
            let payload: String = r.get(6)?;
            let action = serde_json::from_str(&payload).map_err(|e| {
                rusqlite::Error::FromSqlConversionFailure(
                    6,
                    rusqlite::types::Type::Text,
                    Box::new(e),
                )
            })?;
            Ok(Record {
                id: r.get(0)?,
                created: parse_ts(&r.get::<_, String>(1)?),
                updated: parse_ts(&r.get::<_, String>(2)?),
                calendar: r.get(3)?,
                kind: r.get(4)?,
                subject: r.get(5)?,
                action,
                reason: r.get(7)?,
                status: Status::parse(&r.get::<_, String>(8)?),
                result: r.get(9)?,
                undoes: r.get(10)?,
                undone_by: r.get(11)?,
            })
        })?;
        Ok(rows.collect::<Result<_, _>>()?)
    }

    /// The whole audit log, oldest first.
    pub fn log(&self) -> Result<Vec<Record>, StoreError> {
        self.records("", &[])
    }

    pub fn record(&self, id: i64) -> Result<Option<Record>, StoreError> {
        Ok(self.records("WHERE id = ?1", &[&id])?.pop())
    }

    /// Intents recorded but never finished (the process stopped in between).
    pub fn unfinished(&self) -> Result<Vec<Record>, StoreError> {
        self.records("WHERE status = 'intent'", &[])
    }

    /// Remembers a calendar's first successful sync and the invitations it had then. Only
    /// the first call for a calendar has an effect (failed syncs before it do not count).
    pub fn first_sync(
        &self,
        calendar: &str,
        invitations: &[String],
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let inserted = tx.execute(
            "INSERT INTO calendars (name, first_sync) VALUES (?1, ?2)
             ON CONFLICT(name) DO UPDATE SET first_sync = ?2 WHERE first_sync IS NULL",
            params![calendar, ts(now)],
        )?;
        if inserted == 1 {
            let mut stmt =
                tx.prepare("INSERT OR IGNORE INTO existing (calendar, event) VALUES (?1, ?2)")?;
            for key in invitations {
                stmt.execute(params![calendar, key])?;
            }
        }
        tx.commit()?;
        Ok(inserted == 1)
    }

    /// Records which events the last cycle could not read (one per line; empty: none).
    pub fn unreadable(&self, calendar: &str, events: &str) -> Result<(), StoreError> {
        self.conn.execute(
            "UPDATE calendars SET unreadable = ?2 WHERE name = ?1",
            params![calendar, events],
        )?;
        Ok(())
    }

    /// Records the outcome of a sync.
    pub fn synced(
        &self,
        calendar: &str,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        match error {
            None => self.conn.execute(
                "UPDATE calendars SET last_sync = ?2, last_error = '' WHERE name = ?1",
                params![calendar, ts(now)],
            )?,
            Some(e) => self.conn.execute(
                "INSERT INTO calendars (name, last_error) VALUES (?1, ?2)
                 ON CONFLICT(name) DO UPDATE SET last_error = ?2",
                params![calendar, e],
            )?,
        };
        Ok(())
    }

    pub fn sync_info(&self, calendar: &str) -> Result<Option<SyncInfo>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT first_sync, last_sync, last_error, unreadable FROM calendars WHERE name = ?1",
                params![calendar],
                |r| {
                    Ok(SyncInfo {
                        first_sync: r.get::<_, Option<String>>(0)?.map(|s| parse_ts(&s)),
                        last_sync: r.get::<_, Option<String>>(1)?.map(|s| parse_ts(&s)),
                        last_error: r.get(2)?,
                        unreadable: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Nudges given since `since` (for the hourly limit).
    pub fn nudges_since(&self, since: DateTime<Utc>) -> Result<u32, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM actions WHERE kind = 'nudge' AND status = 'done' AND updated >= ?1",
            params![ts(since)],
            |r| r.get(0),
        )?)
    }

    /// Opens the circuit breaker for `calendar` (a no-op while it is open already); returns
    /// whether it was closed before.
    pub fn trip(
        &self,
        calendar: &str,
        reason: &str,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let changed = self.conn.execute(
            "INSERT INTO breaker (calendar, tripped, reason) VALUES (?1, ?2, ?3)
             ON CONFLICT(calendar) DO UPDATE SET tripped = ?2, reason = ?3 WHERE tripped IS NULL",
            params![calendar, ts(now), reason],
        )?;
        Ok(changed == 1)
    }

    /// Closes the circuit breaker (`focusd resume`): declines counted before `now` no longer
    /// count against today's caps. Returns why it was open, if it was.
    pub fn resume(&self, calendar: &str, now: DateTime<Utc>) -> Result<Option<String>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let was: Option<String> = tx
            .query_row(
                "SELECT reason FROM breaker WHERE calendar = ?1 AND tripped IS NOT NULL",
                params![calendar],
                |r| r.get(0),
            )
            .optional()?;
        tx.execute(
            "INSERT INTO breaker (calendar, resumed) VALUES (?1, ?2)
             ON CONFLICT(calendar) DO UPDATE SET tripped = NULL, reason = '', resumed = ?2",
            params![calendar, ts(now)],
        )?;
        tx.commit()?;
        Ok(was)
    }

    /// Closes every open circuit breaker; returns each calendar with why it was open.
    pub fn resume_all(&self, now: DateTime<Utc>) -> Result<Vec<(String, String)>, StoreError> {
        let open: Vec<String> = self
            .conn
            .prepare("SELECT calendar FROM breaker WHERE tripped IS NOT NULL ORDER BY calendar")?
            .query_map([], |r| r.get(0))?
            .collect::<Result<_, _>>()?;
        let mut out = Vec::new();
        for calendar in open {
            if let Some(why) = self.resume(&calendar, now)? {
                out.push((calendar, why));
            }
        }
        Ok(out)
    }

    /// Why the circuit breaker of `calendar` is open, while it is.
    pub fn breaker(&self, calendar: &str) -> Result<Option<(DateTime<Utc>, String)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT tripped, reason FROM breaker WHERE calendar = ?1 AND tripped IS NOT NULL",
                params![calendar],
                |r| Ok((parse_ts(&r.get::<_, String>(0)?), r.get(1)?)),
            )
            .optional()?)
    }

    /// What the pure core needs to remember for `calendar`. Declines count against the
    /// breaker's caps from `day_start` (the start of the user's day), or from the last
    /// resume if that is later.
    pub fn memory(&self, calendar: &str, day_start: DateTime<Utc>) -> Result<Memory, StoreError> {
        let mut memory = Memory::default();
        let resumed: Option<String> = self
            .conn
            .query_row(
                "SELECT resumed FROM breaker WHERE calendar = ?1",
                params![calendar],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        let since = resumed.map_or(day_start, |r| parse_ts(&r).max(day_start));
        memory.breaker = self.breaker(calendar)?.map(|(_, why)| why);
        for r in self.records(
            "WHERE calendar = ?1 AND kind = 'decline' AND status IN ('done', 'intent') AND created >= ?2",
            &[&calendar, &ts(since)],
        )? {
            if let Action::Decline { organizer, .. } = r.action {
                memory.recent_declines.push(organizer);
            }
        }
        let mut stmt = self.conn.prepare(
            "SELECT DISTINCT subject FROM actions
             WHERE calendar = ?1 AND kind = 'book_block' AND status = 'failed'
               AND result LIKE '%id taken:%'",
        )?;
        for row in stmt.query_map(params![calendar], |r| r.get::<_, String>(0))? {
            memory.taken_ids.insert(row?);
        }
        // Writes that failed since they last succeeded, for the back-off.
        let mut stmt = self.conn.prepare(
            "SELECT kind, subject, status, updated FROM actions
             WHERE calendar = ?1 AND kind != 'nudge' AND status IN ('done', 'failed') ORDER BY id",
        )?;
        let rows = stmt.query_map(params![calendar], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
            ))
        })?;
        for row in rows {
            let (kind, subject, status, updated) = row?;
            let key = format!("{kind}:{subject}");
            if status == "done" {
                memory.failures.remove(&key);
            } else {
                let f = memory
                    .failures
                    .entry(key)
                    .or_insert(crate::actions::Failures {
                        count: 0,
                        last: parse_ts(&updated),
                    });
                f.count += 1;
                f.last = parse_ts(&updated);
            }
        }
        let mut stmt = self
            .conn
            .prepare("SELECT event FROM existing WHERE calendar = ?1")?;
        for row in stmt.query_map(params![calendar], |r| r.get::<_, String>(0))? {
            memory.existing.insert(row?);
        }
        // What the user undid is left alone from then on.
        let mut stmt = self
            .conn
            .prepare("SELECT subject FROM actions WHERE undone_by IS NOT NULL")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            memory.hands_off.insert(row?);
        }
        let mut stmt = self
            .conn
            .prepare("SELECT subject FROM actions WHERE kind = 'nudge' AND status = 'done'")?;
        for row in stmt.query_map([], |r| r.get::<_, String>(0))? {
            memory.nudged.insert(row?);
        }
        // Declines in force: done, and neither undone nor withdrawn by a later action.
        for r in self.records(
            "WHERE kind IN ('decline', 'withdraw') AND status = 'done'",
            &[],
        )? {
            match r.action {
                Action::Decline { rule, .. } if r.undone_by.is_none() => {
                    memory.declined.insert(r.subject, rule);
                }
                Action::Withdraw { .. } => {
                    memory.declined.remove(&r.subject);
                }
                _ => {}
            }
        }
        Ok(memory)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::backend::EventRef;
    use crate::triage::Rule;
    use chrono::TimeZone;

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 8, 0, 0).unwrap()
    }

    fn decline(id: &str) -> Intent {
        Intent {
            action: Action::Decline {
                event: EventRef {
                    id: id.into(),
                    recurrence_id: None,
                },
                summary: "Sync".into(),
                start: now(),
                comment: "no agenda".into(),
                notify: true,
                rule: Rule::Agenda,
                organizer: Some("pm@example.com".into()),
                me: "alex@example.com".into(),
            },
            reason: "no agenda; 45 min with 9 people".into(),
        }
    }

    #[test]
    fn intent_then_done_and_memory() {
        let s = Store::in_memory().unwrap();
        let id = s.intent("cal", &decline("q1"), now(), None).unwrap();
        assert_eq!(s.unfinished().unwrap().len(), 1);
        assert!(
            s.memory("cal", DateTime::<Utc>::MIN_UTC)
                .unwrap()
                .declined
                .is_empty(),
            "an intent is not a decline yet"
        );
        s.finish(id, Status::Done, "declined", now()).unwrap();
        assert!(s.unfinished().unwrap().is_empty());
        assert_eq!(
            s.memory("cal", DateTime::<Utc>::MIN_UTC)
                .unwrap()
                .declined
                .get("q1"),
            Some(&Rule::Agenda)
        );
        // Undo: a withdraw that undoes the decline.
        let undo = Intent {
            action: decline("q1").action.inverse(&Default::default()).unwrap(),
            reason: "undo".into(),
        };
        let uid = s.intent("cal", &undo, now(), Some(id)).unwrap();
        s.finish(uid, Status::Done, "withdrawn", now()).unwrap();
        assert_eq!(s.record(id).unwrap().unwrap().undone_by, Some(uid));
        assert!(
            s.memory("cal", DateTime::<Utc>::MIN_UTC)
                .unwrap()
                .declined
                .is_empty()
        );
        let log = s.log().unwrap();
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].action, decline("q1").action);
        assert_eq!(log[1].kind, "withdraw");
    }

    /// A first start whose first cycles fail (calendar unreachable) is still a first start
    /// once a sync succeeds: the invitations there then are remembered.
    #[test]
    fn failed_syncs_before_the_first_do_not_count_as_it() {
        let s = Store::in_memory().unwrap();
        s.synced("cal", Some("unreachable"), now()).unwrap();
        assert_eq!(s.sync_info("cal").unwrap().unwrap().first_sync, None);
        assert!(s.first_sync("cal", &["a".into()], now()).unwrap());
        assert!(
            s.memory("cal", DateTime::<Utc>::MIN_UTC)
                .unwrap()
                .existing
                .contains("a")
        );
        assert_eq!(s.sync_info("cal").unwrap().unwrap().first_sync, Some(now()));
    }

    #[test]
    fn first_sync_is_remembered_once() {
        let s = Store::in_memory().unwrap();
        assert!(
            s.first_sync("cal", &["a".into(), "b".into()], now())
                .unwrap()
        );
        assert!(!s.first_sync("cal", &["c".into()], now()).unwrap());
        let m = s.memory("cal", DateTime::<Utc>::MIN_UTC).unwrap();
        assert_eq!(m.existing.len(), 2);
        assert!(!m.existing.contains("c"));
        s.synced("cal", None, now()).unwrap();
        assert_eq!(s.sync_info("cal").unwrap().unwrap().last_sync, Some(now()));
        s.synced("cal", Some("disk full"), now()).unwrap();
        assert_eq!(s.sync_info("cal").unwrap().unwrap().last_error, "disk full");
    }

    #[test]
    fn migrations_are_applied_once_and_a_newer_schema_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let s = Store::open(&path).unwrap();
        s.intent("cal", &decline("x"), now(), None).unwrap();
        drop(s);
        let s = Store::open(&path).unwrap();
        assert_eq!(s.log().unwrap().len(), 1);
        s.conn.pragma_update(None, "user_version", 99).unwrap();
        drop(s);
        let e = Store::open(&path).err().unwrap().to_string();
        assert!(e.contains("schema version 99 is newer"), "{e}");
    }
}
