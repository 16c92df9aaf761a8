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
//! Schema changes are numbered migrations (`PRAGMA user_version` holds the number applied),
//! applied in one `BEGIN IMMEDIATE` transaction that reads the version itself, so that two
//! processes creating a fresh state never both apply one. A schema newer than this focusd
//! knows is refused before anything is written, the journal mode included.
//!
//! Writers ([`Store::open`]) create the file private (0600, and SQLite gives its `-wal` and
//! `-shm` the same mode). Readers ([`Store::open_read_only`]: `focusd log`, `status`, a dry
//! run) change nothing: no pragma that writes, no migration, and a read-only state folder
//! still serves them.

use std::path::Path;

use chrono::{DateTime, Utc};
use rusqlite::{Connection, OpenFlags, OptionalExtension, TransactionBehavior, params};
use serde::Serialize;

use crate::actions::{Action, Intent, Memory};
pub use crate::error::StoreError;
use crate::nudges::{Held, Kind};

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
    // 3: which process recorded an intent (see `this_process`), so that an intent another
    // live process is applying is never taken for one a stopped process left.
    "ALTER TABLE actions ADD COLUMN owner TEXT NOT NULL DEFAULT '';",
    // 4: desktop notices (SPEC section 4): held until a break, then shown, dropped, acted on
    // or dismissed; one per calendar, kind and subject, so a dismissed one never comes back.
    // `notification` is the desktop's id for a shown notice (a click after a restart).
    "CREATE TABLE notices (
        id INTEGER PRIMARY KEY,
        calendar TEXT NOT NULL,
        kind TEXT NOT NULL,
        subject TEXT NOT NULL,
        action INTEGER NOT NULL REFERENCES actions(id),
        title TEXT NOT NULL,
        start TEXT,
        text TEXT NOT NULL,
        created TEXT NOT NULL,
        updated TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('held', 'shown', 'dropped', 'acted', 'dismissed')),
        notification INTEGER,
        UNIQUE (calendar, kind, subject)
    );
    CREATE INDEX notices_state ON notices(state);",
    // 5: the buttons of desktop notifications (SPEC section 4). Which notification server
    // showed a notice (`server`: the bus's id and the server's unique name there, so a click
    // is taken only from the server that showed it, and an id a restarted server gives again
    // is not taken for an old one), and what an async suggestion's mail needs (the
    // organizer, the focus the meeting costs).
    "ALTER TABLE notices ADD COLUMN server TEXT;
    ALTER TABLE notices ADD COLUMN organizer TEXT;
    ALTER TABLE notices ADD COLUMN focus INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX notices_notification ON notices(server, notification);",
    // 6: a pause of the desktop's notifications focusd made for a focus block (Do Not
    // Disturb), so that a restart after a crash resumes them, and never a pause the user
    // made: at most one row.
    "CREATE TABLE paused (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        desktop TEXT NOT NULL,
        until TEXT NOT NULL,
        held INTEGER NOT NULL,
        since TEXT NOT NULL
    );",
    // 7: the weekly report (SPEC section 5): one row per calendar and ISO week once the
    // daemon tried to mail it; `sent` once it went out (never again that week), else
    // `failed` with the attempts and the last error (retried by later cycles).
    "CREATE TABLE reports (
        calendar TEXT NOT NULL,
        week TEXT NOT NULL,
        state TEXT NOT NULL CHECK (state IN ('sent', 'failed')),
        attempts INTEGER NOT NULL DEFAULT 0,
        error TEXT NOT NULL DEFAULT '',
        updated TEXT NOT NULL,
        PRIMARY KEY (calendar, week)
    );",
];

/// The oldest schema a reader can read (it cannot migrate): what `log`, `status` and a dry
/// run select exists from this version on.
const READABLE_FROM: i64 = 2;

/// How long a statement waits for another process's write to finish.
const BUSY_TIMEOUT: std::time::Duration = std::time::Duration::from_secs(5);

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
    /// As stored, and as `focusd log --json` shows it.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Intent => "intent",
            Status::Done => "done",
            Status::Failed => "failed",
            Status::Abandoned => "abandoned",
        }
    }

    /// `None` for a status this focusd does not know (never taken for an intent to apply).
    fn parse(s: &str) -> Option<Status> {
        match s {
            "intent" => Some(Status::Intent),
            "done" => Some(Status::Done),
            "failed" => Some(Status::Failed),
            "abandoned" => Some(Status::Abandoned),
            _ => None,
        }
    }
}

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq)]
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

impl From<Record> for crate::report::Audit {
    fn from(r: Record) -> crate::report::Audit {
        crate::report::Audit {
            created: r.created,
            action: r.action,
            reason: r.reason,
            status: r.status.as_str().to_string(),
            undoes: r.undoes,
        }
    }
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

/// An intent recorded but never finished.
#[derive(Debug, Clone, PartialEq)]
pub struct Unfinished {
    pub record: Record,
    /// The pid of another focusd process that recorded it and is still running: it is
    /// applying the action now, so it is not this process's to reconcile.
    pub applying: Option<u32>,
}

impl From<Unfinished> for crate::actions::Leftover {
    fn from(u: Unfinished) -> crate::actions::Leftover {
        crate::actions::Leftover {
            id: u.record.id,
            calendar: u.record.calendar,
            action: u.record.action,
            reason: u.record.reason,
            applying: u.applying,
        }
    }
}

pub struct Store {
    conn: Connection,
    /// This process (see [`this_process`]), recorded with every intent.
    owner: String,
}

fn ts(t: DateTime<Utc>) -> String {
    t.to_rfc3339()
}

/// Notices as [`Store::held`] and its siblings select them.
fn notices(mut rows: rusqlite::Rows<'_>) -> Result<Vec<Held>, StoreError> {
    let mut out = Vec::new();
    while let Some(r) = rows.next()? {
        out.push(Held {
            id: r.get(0)?,
            kind: Kind::parse(&r.get::<_, String>(1)?),
            action: r.get(2)?,
            title: r.get(3)?,
            start: r.get::<_, Option<String>>(4)?.map(|s| parse_ts(&s)),
            text: r.get(5)?,
            organizer: r.get(6)?,
            focus: r.get(7)?,
        });
    }
    Ok(out)
}

/// A time focusd wrote; one it cannot read is the earliest time there is, which makes a
/// pause, a sync or a notice read as long past (the audit log's own times are read strictly,
/// `strict_ts`: a record with a time it cannot read is reported and skipped).
fn parse_ts(s: &str) -> DateTime<Utc> {
    strict_ts(s).unwrap_or(DateTime::<Utc>::MIN_UTC)
}

fn strict_ts(s: &str) -> Option<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .ok()
        .map(|t| t.with_timezone(&Utc))
}

impl Store {
    /// Opens the database at `path` for writing, creating it (mode 0600) if needed, and
    /// brings its schema up to date. A schema newer than this focusd knows is refused before
    /// anything is written.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let name = path.display().to_string();
        create_private(path).map_err(|source| StoreError::File {
            path: name.clone(),
            source,
        })?;
        let conn = Connection::open(path).map_err(|source| StoreError::Open {
            path: name.clone(),
            source,
        })?;
        Store::init(conn, &name).map_err(|e| match e {
            StoreError::Sql(source) => StoreError::Open { path: name, source },
            other => other,
        })
    }

    /// Opens the database at `path` for reading only (`focusd log`, `status`, a dry run):
    /// nothing is written, not even the journal mode, and no migration runs. On a read-only
    /// state folder SQLite cannot create the `-shm` file a WAL database needs; when no
    /// write-ahead log waits to be read, the file is then opened as immutable.
    pub fn open_read_only(path: &Path) -> Result<Store, StoreError> {
        let name = path.display().to_string();
        match std::fs::metadata(path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::Missing {
                    path: name,
                    empty: false,
                });
            }
            Ok(m) if m.len() == 0 => {
                return Err(StoreError::Missing {
                    path: name,
                    empty: true,
                });
            }
            _ => {}
        }
        let open = |uri: &str| -> Result<(Connection, i64), rusqlite::Error> {
            let conn = Connection::open_with_flags(
                uri,
                OpenFlags::SQLITE_OPEN_READ_ONLY
                    | OpenFlags::SQLITE_OPEN_URI
                    | OpenFlags::SQLITE_OPEN_NO_MUTEX,
            )?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            let version = user_version(&conn)?;
            Ok((conn, version))
        };
        let uri = file_uri(path);
        let (conn, version) = match open(&uri) {
            Ok(opened) => opened,
            Err(first) => {
                let wal = std::path::PathBuf::from(format!("{name}-wal"));
                let pending = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
                if pending {
                    return Err(StoreError::Open {
                        path: name,
                        source: first,
                    });
                }
                open(&format!("{uri}?immutable=1")).map_err(|_| StoreError::Open {
                    path: name.clone(),
                    source: first,
                })?
            }
        };
        let known = MIGRATIONS.len() as i64;
        if version > known {
            return Err(StoreError::TooNew {
                path: name,
                found: version,
                known,
            });
        }
        if version == 0 {
            return Err(StoreError::Missing {
                path: name,
                empty: true,
            });
        }
        if version < READABLE_FROM {
            return Err(StoreError::TooOld {
                path: name,
                found: version,
                needed: READABLE_FROM,
            });
        }
        Ok(Store {
            conn,
            owner: this_process(),
        })
    }

    /// A database in memory, for tests and dry runs.
    pub fn in_memory() -> Result<Store, StoreError> {
        Store::init(Connection::open_in_memory()?, ":memory:")
    }

    fn init(mut conn: Connection, path: &str) -> Result<Store, StoreError> {
        conn.busy_timeout(BUSY_TIMEOUT)?;
        let known = MIGRATIONS.len() as i64;
        let too_new = |found: i64| StoreError::TooNew {
            path: path.to_string(),
            found,
            known,
        };
        // Before anything is written: `journal_mode=WAL` rewrites the file's header.
        let version = user_version(&conn)?;
        if version > known {
            return Err(too_new(version));
        }
        // Switching to WAL and taking the write lock can meet another process doing the same
        // on a fresh file; SQLite then answers "locked" at once, without waiting (it cannot
        // wait without risking a deadlock), so the whole step is tried again.
        let mut tries = 0;
        loop {
            match Store::migrate(&mut conn, known) {
                Err(rusqlite::Error::SqliteFailure(e, _))
                    if matches!(
                        e.code,
                        rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
                    ) && tries < 50 =>
                {
                    tries += 1;
                    std::thread::sleep(std::time::Duration::from_millis(20 * tries.min(10)));
                }
                Err(e) => return Err(e.into()),
                Ok(version) if version > known => return Err(too_new(version)),
                Ok(_) => break,
            }
        }
        Ok(Store {
            conn,
            owner: this_process(),
        })
    }

    /// WAL, sync and foreign keys on, then the migrations in one `BEGIN IMMEDIATE`
    /// transaction that reads the version again under the write lock (another process may
    /// have migrated meanwhile). Returns the version found (a newer one is left untouched).
    fn migrate(conn: &mut Connection, known: i64) -> Result<i64, rusqlite::Error> {
        // WAL keeps readers (focusd log, status) from blocking the daemon; FULL sync makes a
        // committed intent survive a power cut.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
        let version = user_version(&tx)?;
        if version > known {
            return Ok(version);
        }
        if version < known {
            for sql in MIGRATIONS.iter().skip(version as usize) {
                tx.execute_batch(sql)?;
            }
            tx.pragma_update(None, "user_version", known)?;
        }
        tx.commit()?;
        Ok(version)
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
                 (created, updated, calendar, kind, subject, payload, reason, status, undoes, owner)
             VALUES (?1, ?1, ?2, ?3, ?4, ?5, ?6, 'intent', ?7, ?8)",
            params![
                ts(now),
                calendar,
                intent.action.kind(),
                intent.action.subject(),
                payload,
                intent.reason,
                undoes,
                self.owner,
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
        let (records, unreadable) = self.records_checked(filter, args)?;
        for why in unreadable {
            tracing::warn!("{why}");
        }
        Ok(records)
    }

    /// The records `filter` selects, and why each row this focusd cannot read (written by
    /// another version, or damaged) was passed over: it never stops the log or a cycle, and
    /// is never taken for an intent.
    fn records_checked(
        &self,
        filter: &str,
        args: &[&dyn rusqlite::ToSql],
    ) -> Result<(Vec<Record>, Vec<String>), StoreError> {
        let sql = format!(
            "SELECT id, created, updated, calendar, kind, subject, payload, reason, status,
                    result, undoes, undone_by
             FROM actions {filter} ORDER BY id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let mut rows = stmt.query(args)?;
        let mut out = Vec::new();
        let mut unreadable = Vec::new();
        while let Some(r) = rows.next()? {
            let id: i64 = r.get(0)?;
            let payload: String = r.get(6)?;
            let status: String = r.get(8)?;
            let action = match serde_json::from_str(&payload) {
                Ok(a) => a,
                Err(e) => {
                    unreadable.push(format!("audit record {id} cannot be read, skipped: {e}"));
                    continue;
                }
            };
            let Some(status) = Status::parse(&status) else {
                unreadable.push(format!(
                    "audit record {id} has an unknown status \"{}\", skipped",
                    crate::escape::escape(&status)
                ));
                continue;
            };
            let times = (r.get::<_, String>(1)?, r.get::<_, String>(2)?);
            let (Some(created), Some(updated)) = (strict_ts(&times.0), strict_ts(&times.1)) else {
                unreadable.push(format!(
                    "audit record {id} has a time that is not RFC 3339 (\"{}\", \"{}\"), skipped",
                    crate::escape::escape(&times.0),
                    crate::escape::escape(&times.1)
                ));
                continue;
            };
            out.push(Record {
                id,
                created,
                updated,
                calendar: r.get(3)?,
                kind: r.get(4)?,
                subject: r.get(5)?,
                action,
                reason: r.get(7)?,
                status,
                result: r.get(9)?,
                undoes: r.get(10)?,
                undone_by: r.get(11)?,
            });
        }
        Ok((out, unreadable))
    }

    /// The whole audit log, oldest first.
    pub fn log(&self) -> Result<Vec<Record>, StoreError> {
        self.records("", &[])
    }

    /// The whole audit log, and why each row that cannot be read was skipped (for `focusd
    /// log`, which says so on stderr).
    pub fn log_checked(&self) -> Result<(Vec<Record>, Vec<String>), StoreError> {
        self.records_checked("", &[])
    }

    pub fn record(&self, id: i64) -> Result<Option<Record>, StoreError> {
        Ok(self.records("WHERE id = ?1", &[&id])?.pop())
    }

    /// Intents recorded but never finished: left by a process that stopped in between, or
    /// (`applying`) being applied by another focusd process that is still running.
    pub fn unfinished(&self) -> Result<Vec<Unfinished>, StoreError> {
        let mut owners = std::collections::HashMap::new();
        let mut stmt = self
            .conn
            .prepare("SELECT id, owner FROM actions WHERE status = 'intent'")?;
        for row in stmt.query_map([], |r| Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?)))? {
            let (id, owner) = row?;
            owners.insert(id, owner);
        }
        Ok(self
            .records("WHERE status = 'intent'", &[])?
            .into_iter()
            .map(|record| {
                let owner = owners.get(&record.id).map_or("", String::as_str);
                let applying = (owner != self.owner).then(|| running(owner)).flatten();
                Unfinished { record, applying }
            })
            .collect())
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

    /// Holds a notice until the next break; nothing if one of that kind about `subject` was
    /// ever held (de-duplication: a shown or dismissed notice does not come back). Returns
    /// whether it was held.
    pub fn hold(
        &self,
        calendar: &str,
        kind: Kind,
        subject: &str,
        held: &Held,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        let n = self.conn.execute(
            "INSERT OR IGNORE INTO notices
             (calendar, kind, subject, action, title, start, text, created, updated, state,
              organizer, focus)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?8, 'held', ?9, ?10)",
            params![
                calendar,
                kind.as_str(),
                subject,
                held.action,
                held.title,
                held.start.map(ts),
                held.text,
                ts(now),
                held.organizer,
                held.focus
            ],
        )?;
        Ok(n == 1)
    }

    /// The notices of `calendar` waiting for a break, oldest first.
    pub fn held(&self, calendar: &str) -> Result<Vec<Held>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, action, title, start, text, organizer, focus FROM notices
             WHERE calendar = ?1 AND state = 'held' ORDER BY id",
        )?;
        notices(stmt.query(params![calendar])?)
    }

    /// Moves notices to `state` (`shown`, `dropped`, `acted`, `dismissed`), with the
    /// desktop's notification id and the server that showed it for a shown one, in one
    /// commit.
    pub fn mark_notices(
        &self,
        ids: &[i64],
        state: &str,
        shown: Option<(u32, &str)>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let (notification, server) = shown.unzip();
        for id in ids {
            self.conn.execute(
                "UPDATE notices SET state = ?2, updated = ?3,
                 notification = coalesce(?4, notification), server = coalesce(?5, server)
                 WHERE id = ?1",
                params![id, state, ts(now), notification, server],
            )?;
        }
        tx.commit()?;
        Ok(())
    }

    /// The notices still shown behind notification `notification` of the notification
    /// server `server` (the bus's id and the server's name there), oldest first.
    pub fn notices_of(&self, server: &str, notification: u32) -> Result<Vec<Held>, StoreError> {
        let mut stmt = self.conn.prepare(
            "SELECT id, kind, action, title, start, text, organizer, focus FROM notices
             WHERE server = ?1 AND notification = ?2 AND state = 'shown' ORDER BY id",
        )?;
        notices(stmt.query(params![server, notification])?)
    }

    /// What became of each notice, by the audit log's action it is about: (its state,
    /// when it got there), for `focusd log`.
    pub fn notice_states(
        &self,
    ) -> Result<std::collections::HashMap<i64, (String, DateTime<Utc>)>, StoreError> {
        let mut stmt = self
            .conn
            .prepare("SELECT action, state, updated FROM notices ORDER BY id")?;
        let mut rows = stmt.query([])?;
        let mut out = std::collections::HashMap::new();
        while let Some(r) = rows.next()? {
            out.insert(
                r.get::<_, i64>(0)?,
                (r.get::<_, String>(1)?, parse_ts(&r.get::<_, String>(2)?)),
            );
        }
        Ok(out)
    }

    /// The pause of the desktop's notifications focusd made, if any: (the desktop, the
    /// pause).
    pub fn paused(&self) -> Result<Option<(String, crate::nudges::Paused)>, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT desktop, until, held FROM paused WHERE one = 1",
                [],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        crate::nudges::Paused {
                            until: parse_ts(&r.get::<_, String>(1)?),
                            held: r.get(2)?,
                        },
                    ))
                },
            )
            .optional()?)
    }

    /// Remembers focusd's pause of `desktop`'s notifications (`None`: forgets it).
    pub fn set_paused(
        &self,
        pause: Option<(&str, &crate::nudges::Paused)>,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        match pause {
            Some((desktop, p)) => self.conn.execute(
                "INSERT INTO paused (one, desktop, until, held, since) VALUES (1, ?1, ?2, ?3, ?4)
                 ON CONFLICT (one) DO UPDATE SET desktop = ?1, until = ?2, held = ?3",
                params![desktop, ts(p.until), p.held, ts(now)],
            )?,
            None => self.conn.execute("DELETE FROM paused", [])?,
        };
        Ok(())
    }

    /// Notifications shown since `since` (a batch is one), for the hourly cap.
    pub fn shown_since(&self, since: DateTime<Utc>) -> Result<u32, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(DISTINCT coalesce(notification, -id)) FROM notices
             WHERE state IN ('shown', 'acted', 'dismissed') AND updated >= ?1",
            params![ts(since)],
            |r| r.get(0),
        )?)
    }

    /// Whether the weekly report of `week` (`2026-W49`) went out for `calendar`.
    pub fn report_sent(&self, calendar: &str, week: &str) -> Result<bool, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT state FROM reports WHERE calendar = ?1 AND week = ?2",
                params![calendar, week],
                |r| r.get::<_, String>(0),
            )
            .optional()?
            .is_some_and(|s| s == "sent"))
    }

    /// The attempts to mail the weekly report of `week` for `calendar` recorded so far (0
    /// before the first): what the daemon's Message-ID of the next attempt is made of.
    pub fn report_attempts(&self, calendar: &str, week: &str) -> Result<i64, StoreError> {
        Ok(self
            .conn
            .query_row(
                "SELECT attempts FROM reports WHERE calendar = ?1 AND week = ?2",
                params![calendar, week],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(0))
    }

    /// Records an attempt to mail the weekly report: sent, or failed with `error` (the
    /// attempts counted). Returns the attempts so far.
    pub fn report_attempt(
        &self,
        calendar: &str,
        week: &str,
        error: Option<&str>,
        now: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        let state = if error.is_some() { "failed" } else { "sent" };
        self.conn.execute(
            "INSERT INTO reports (calendar, week, state, attempts, error, updated)
             VALUES (?1, ?2, ?3, 1, ?4, ?5)
             ON CONFLICT (calendar, week) DO UPDATE SET state = ?3,
             attempts = attempts + 1, error = ?4, updated = ?5",
            params![calendar, week, state, error.unwrap_or_default(), ts(now)],
        )?;
        Ok(self.conn.query_row(
            "SELECT attempts FROM reports WHERE calendar = ?1 AND week = ?2",
            params![calendar, week],
            |r| r.get(0),
        )?)
    }

    /// Notices the user acted on (from the desktop) between `from` and `to`.
    pub fn acted_between(
        &self,
        from: DateTime<Utc>,
        to: DateTime<Utc>,
    ) -> Result<usize, StoreError> {
        Ok(self.conn.query_row(
            "SELECT count(*) FROM notices WHERE state = 'acted' AND updated >= ?1 AND updated < ?2",
            params![ts(from), ts(to)],
            |r| r.get::<_, i64>(0),
        )? as usize)
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

    /// Opens the circuit breaker for `calendar` and records its nudge as an intent, in one
    /// commit, so that a trip never goes without its nudge: one not given yet when the
    /// process stops is a leftover intent, given at the next start while the breaker is
    /// still open. Returns the nudge's id; `None`, with nothing recorded, while the breaker
    /// is open already.
    pub fn trip_with_nudge(
        &self,
        calendar: &str,
        reason: &str,
        nudge: &Intent,
        now: DateTime<Utc>,
    ) -> Result<Option<i64>, StoreError> {
        let tx = self.conn.unchecked_transaction()?;
        let id = if self.trip(calendar, reason, now)? {
            Some(self.intent(calendar, nudge, now, None)?)
        } else {
            None
        };
        tx.commit()?;
        Ok(id)
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
                if r.status == Status::Intent {
                    memory.in_flight.insert(r.subject);
                }
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

fn user_version(conn: &Connection) -> Result<i64, rusqlite::Error> {
    conn.pragma_query_value(None, "user_version", |r| r.get(0))
}

/// Creates the database file with mode 0600 unless it exists, so that it is private from
/// its first byte whoever starts focusd (SQLite gives `-wal` and `-shm` the same mode). An
/// existing file open to others (written by an older focusd) is made private.
fn create_private(path: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    match std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)
    {
        Ok(_) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            for suffix in ["", "-wal", "-shm"] {
                let file = std::path::PathBuf::from(format!("{}{suffix}", path.display()));
                if let Ok(meta) = std::fs::metadata(&file)
                    && meta.is_file()
                    && meta.permissions().mode() & 0o077 != 0
                {
                    let private = meta.permissions().mode() & 0o700;
                    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(private))?;
                }
            }
            Ok(())
        }
        Err(e) => Err(e),
    }
}

/// A path as an SQLite `file:` URI (every byte but the plainest percent-encoded).
fn file_uri(path: &Path) -> String {
    use std::os::unix::ffi::OsStrExt;
    let mut uri = String::from("file:");
    for &b in path.as_os_str().as_bytes() {
        if b.is_ascii_alphanumeric() || b"/._-~".contains(&b) {
            uri.push(b as char);
        } else {
            uri.push_str(&format!("%{b:02X}"));
        }
    }
    uri
}

/// This process as `boot id/pid/start time`: pids are reused, a start time counts from the
/// boot, the three together name one process. Empty parts where `/proc` does not tell.
pub fn this_process() -> String {
    let pid = std::process::id();
    format!(
        "{}/{pid}/{}",
        boot_id(),
        start_time(pid).unwrap_or_default()
    )
}

/// The pid of the process `owner` names (see [`this_process`]), if it is still running.
pub fn running(owner: &str) -> Option<u32> {
    let mut parts = owner.splitn(3, '/');
    let (boot, pid, start) = (parts.next()?, parts.next()?, parts.next()?);
    let pid: u32 = pid.parse().ok()?;
    (!boot.is_empty()
        && !start.is_empty()
        && boot == boot_id()
        && start_time(pid).as_deref() == Some(start))
    .then_some(pid)
}

fn boot_id() -> String {
    std::fs::read_to_string("/proc/sys/kernel/random/boot_id")
        .map(|s| s.trim().to_string())
        .unwrap_or_default()
}

/// Field 22 of `/proc/PID/stat`: when the process started, in clock ticks since the boot.
fn start_time(pid: u32) -> Option<String> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The command name (field 2) is in parentheses and may hold anything: count from after it.
    let rest = &stat[stat.rfind(')')? + 1..];
    rest.split_whitespace().nth(19).map(str::to_string)
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

    /// A row a focusd cannot read (a newer one's, or damaged) is reported and skipped.
    #[test]
    fn a_row_that_cannot_be_read_is_skipped_and_never_taken_for_an_intent() {
        let s = Store::in_memory().unwrap();
        let good = s.intent("cal", &decline("good"), now(), None).unwrap();
        let bad = s.intent("cal", &decline("bad"), now(), None).unwrap();
        let odd = s.intent("cal", &decline("odd"), now(), None).unwrap();
        s.conn
            .execute(
                "UPDATE actions SET payload = '{\"Renamed\":{}}' WHERE id = ?1",
                [bad],
            )
            .unwrap();
        // A status the schema's CHECK refuses (a newer focusd's, or a damaged file).
        s.conn
            .pragma_update(None, "ignore_check_constraints", true)
            .unwrap();
        s.conn
            .execute("UPDATE actions SET status = 'paused' WHERE id = ?1", [odd])
            .unwrap();
        let late = s.intent("cal", &decline("late"), now(), None).unwrap();
        s.conn
            .execute(
                "UPDATE actions SET created = 'yesterday' WHERE id = ?1",
                [late],
            )
            .unwrap();
        let ids: Vec<i64> = s.log().unwrap().iter().map(|r| r.id).collect();
        assert_eq!(ids, [good]);
        let (records, unreadable) = s.log_checked().unwrap();
        assert_eq!(records.len(), 1);
        assert_eq!(unreadable.len(), 3, "{unreadable:?}");
        assert!(unreadable[0].starts_with(&format!("audit record {bad} cannot be read")));
        assert!(
            unreadable[1].contains(&format!("{odd} has an unknown status \"paused\"")),
            "{unreadable:?}"
        );
        assert!(unreadable[2].contains(&format!("{late} has a time that is not RFC 3339")));
        let unfinished: Vec<i64> = s
            .unfinished()
            .unwrap()
            .iter()
            .map(|u| u.record.id)
            .collect();
        assert_eq!(unfinished, [good]);
    }

    /// The audit log's stored payloads, one of each kind, as written today: a renamed type
    /// or field must keep reading (and writing) these, or old logs become unreadable and
    /// `focusd log --json` changes under its readers.
    #[test]
    fn the_stored_payloads_keep_their_shape() {
        use crate::actions::BlockWrite;
        use crate::event::{EventRef, Response};
        use crate::triage::Rule;
        let t = |h| Utc.with_ymd_and_hms(2026, 12, 1, h, 0, 0).unwrap();
        let block = BlockWrite {
            id: "focusd-1".into(),
            start: t(9),
            end: t(11),
            title: "Focus time".into(),
            decline_message: "In a focus block".into(),
        };
        let event = EventRef {
            id: "q1@example.com".into(),
            recurrence_id: Some(t(10)),
        };
        let cases = [
            (
                Action::BookBlock {
                    block: block.clone(),
                },
                r#"{"kind":"book_block","block":{"id":"focusd-1","start":"2026-12-01T09:00:00Z","end":"2026-12-01T11:00:00Z","title":"Focus time","decline_message":"In a focus block"}}"#,
            ),
            (
                Action::MoveBlock {
                    block,
                    previous_start: t(8),
                    previous_end: t(10),
                },
                r#"{"kind":"move_block","block":{"id":"focusd-1","start":"2026-12-01T09:00:00Z","end":"2026-12-01T11:00:00Z","title":"Focus time","decline_message":"In a focus block"},"previous_start":"2026-12-01T08:00:00Z","previous_end":"2026-12-01T10:00:00Z"}"#,
            ),
            (
                Action::DeleteBlock {
                    id: "focusd-1".into(),
                    start: t(9),
                    end: t(11),
                },
                r#"{"kind":"delete_block","id":"focusd-1","start":"2026-12-01T09:00:00Z","end":"2026-12-01T11:00:00Z"}"#,
            ),
            (
                Action::Decline {
                    event: event.clone(),
                    summary: "Sync".into(),
                    start: t(10),
                    comment: "No agenda".into(),
                    notify: true,
                    rule: Rule::Agenda,
                    organizer: Some("pm@example.com".into()),
                    me: "alex@example.com".into(),
                },
                r#"{"kind":"decline","event":{"id":"q1@example.com","recurrence_id":"2026-12-01T10:00:00Z"},"summary":"Sync","start":"2026-12-01T10:00:00Z","comment":"No agenda","notify":true,"rule":"agenda","organizer":"pm@example.com","me":"alex@example.com"}"#,
            ),
            (
                Action::Withdraw {
                    event,
                    summary: "Sync".into(),
                    start: t(10),
                    to: Response::NeedsAction,
                    notify: false,
                    me: "alex@example.com".into(),
                },
                r#"{"kind":"withdraw","event":{"id":"q1@example.com","recurrence_id":"2026-12-01T10:00:00Z"},"summary":"Sync","start":"2026-12-01T10:00:00Z","to":"needs_action","notify":false,"me":"alex@example.com"}"#,
            ),
            (
                Action::Nudge {
                    key: "status:x".into(),
                    summary: "Weekly status".into(),
                    start: t(10),
                    text: "Send an e-mail instead".into(),
                },
                r#"{"kind":"nudge","key":"status:x","summary":"Weekly status","start":"2026-12-01T10:00:00Z","text":"Send an e-mail instead"}"#,
            ),
            (
                Action::Reply {
                    key: "status:x".into(),
                    summary: "Weekly status".into(),
                    start: t(10),
                    reply: crate::actions::Reply::SuggestAsync {
                        to: "pm@example.com".into(),
                    },
                },
                r#"{"kind":"reply","key":"status:x","summary":"Weekly status","start":"2026-12-01T10:00:00Z","reply":{"suggest_async":{"to":"pm@example.com"}}}"#,
            ),
            (
                Action::Reply {
                    key: "status:x".into(),
                    summary: "Weekly status".into(),
                    start: t(10),
                    reply: crate::actions::Reply::Dismiss,
                },
                r#"{"kind":"reply","key":"status:x","summary":"Weekly status","start":"2026-12-01T10:00:00Z","reply":"dismiss"}"#,
            ),
        ];
        for (action, stored) in cases {
            assert_eq!(serde_json::to_string(&action).unwrap(), stored);
            assert_eq!(serde_json::from_str::<Action>(stored).unwrap(), action);
        }
        // Records written before `organizer` and `me` existed still read.
        let old = r#"{"kind":"decline","event":{"id":"q1","recurrence_id":null},"summary":"Sync","start":"2026-12-01T10:00:00Z","comment":"c","notify":true,"rule":"agenda"}"#;
        assert!(matches!(
            serde_json::from_str::<Action>(old).unwrap(),
            Action::Decline {
                organizer: None,
                ..
            }
        ));
    }

    /// Two processes creating a fresh state at once (here: threads with a connection each)
    /// never both migrate: the version is read under `BEGIN IMMEDIATE`.
    #[test]
    fn concurrent_first_opens_migrate_once() {
        for _ in 0..10 {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("state.db");
            let barrier = std::sync::Arc::new(std::sync::Barrier::new(6));
            let handles: Vec<_> = (0..6)
                .map(|_| {
                    let (path, barrier) = (path.clone(), std::sync::Arc::clone(&barrier));
                    std::thread::spawn(move || {
                        barrier.wait();
                        Store::open(&path).map(|_| ()).map_err(|e| e.to_string())
                    })
                })
                .collect();
            for h in handles {
                assert_eq!(h.join().unwrap(), Ok(()));
            }
            let s = Store::open(&path).unwrap();
            assert_eq!(user_version(&s.conn).unwrap(), MIGRATIONS.len() as i64);
        }
    }

    #[test]
    fn a_newer_schema_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        {
            let c = Connection::open(&path).unwrap();
            c.pragma_update(None, "journal_mode", "DELETE").unwrap();
            c.execute_batch("CREATE TABLE future (x); PRAGMA user_version = 99;")
                .unwrap();
        }
        let before = std::fs::read(&path).unwrap();
        let e = Store::open(&path).err().unwrap().to_string();
        assert!(e.contains("schema version 99 is newer"), "{e}");
        assert_eq!(e.matches("state database").count(), 1, "{e}");
        let e = Store::open_read_only(&path).err().unwrap().to_string();
        assert!(e.contains("schema version 99 is newer"), "{e}");
        assert_eq!(std::fs::read(&path).unwrap(), before);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec!["state.db"]);
    }

    #[test]
    fn a_reader_changes_nothing_and_says_what_is_missing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("state.db");
        let e = Store::open_read_only(&path).err().unwrap().to_string();
        assert!(e.contains("does not exist"), "{e}");
        assert!(!path.exists());
        let s = Store::open(&path).unwrap();
        s.intent("cal", &decline("q1"), now(), None).unwrap();
        drop(s);
        let before = std::fs::read(&path).unwrap();
        let r = Store::open_read_only(&path).unwrap();
        assert_eq!(r.log().unwrap().len(), 1);
        assert!(r.intent("cal", &decline("q2"), now(), None).is_err());
        drop(r);
        assert_eq!(std::fs::read(&path).unwrap(), before);
        // A schema older than the readers' is not upgraded by them.
        Connection::open(&path)
            .unwrap()
            .pragma_update(None, "user_version", 1)
            .unwrap();
        let e = Store::open_read_only(&path).err().unwrap().to_string();
        assert!(e.contains("schema version 1 is older"), "{e}");
    }

    /// The breaker's trip and its nudge's intent are one commit; a second trip records
    /// nothing. A decline recorded and not finished counts against today's caps, and is
    /// known to be in flight.
    /// A click is about what that server's notification showed: the same id from another
    /// server (a restarted one, another bus) finds nothing, and an answered notice is not
    /// found again. Focusd's pause is one row, remembered and forgotten.
    #[test]
    fn a_notification_is_found_by_its_server_and_a_pause_is_remembered() {
        let s = Store::in_memory().unwrap();
        let id = s.intent("cal", &decline("r1"), now(), None).unwrap();
        s.finish(id, Status::Done, "done", now()).unwrap();
        let held = Held {
            id: 0,
            kind: Kind::Declined,
            action: id,
            title: "Roadmap".into(),
            start: None,
            text: "no agenda".into(),
            organizer: Some("pm@corp.example".into()),
            focus: 30,
        };
        assert!(s.hold("cal", Kind::Declined, "r1", &held, now()).unwrap());
        assert!(!s.hold("cal", Kind::Declined, "r1", &held, now()).unwrap());
        let n = s.held("cal").unwrap();
        s.mark_notices(&[n[0].id], "shown", Some((1, "bus :1.7")), now())
            .unwrap();
        let found = s.notices_of("bus :1.7", 1).unwrap();
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].organizer.as_deref(), Some("pm@corp.example"));
        assert_eq!(found[0].focus, 30);
        assert!(s.notices_of("bus :1.8", 1).unwrap().is_empty());
        assert!(s.notices_of("other-bus :1.7", 1).unwrap().is_empty());
        s.mark_notices(&[n[0].id], "acted", None, now()).unwrap();
        assert!(s.notices_of("bus :1.7", 1).unwrap().is_empty());
        assert_eq!(s.notice_states().unwrap()[&id].0, "acted");

        assert_eq!(s.paused().unwrap(), None);
        let p = crate::nudges::Paused {
            until: now(),
            held: true,
        };
        s.set_paused(Some(("dunst", &p)), now()).unwrap();
        s.set_paused(Some(("dunst", &p)), now()).unwrap();
        assert_eq!(s.paused().unwrap(), Some(("dunst".to_string(), p)));
        s.set_paused(None, now()).unwrap();
        assert_eq!(s.paused().unwrap(), None);
    }

    #[test]
    fn a_trip_records_its_nudge_and_unfinished_declines_are_in_flight() {
        let s = Store::in_memory().unwrap();
        let nudge = crate::actions::breaker_nudge("too many declines", now());
        let id = s
            .trip_with_nudge("cal", "too many declines", &nudge, now())
            .unwrap()
            .expect("closed before");
        let unfinished = s.unfinished().unwrap();
        assert_eq!(unfinished.len(), 1);
        assert_eq!(
            (unfinished[0].record.id, &unfinished[0].record.action),
            (id, &nudge.action)
        );
        assert_eq!(s.breaker("cal").unwrap().unwrap().1, "too many declines");
        assert_eq!(
            s.trip_with_nudge("cal", "again", &nudge, now()).unwrap(),
            None
        );
        assert_eq!(s.unfinished().unwrap().len(), 1);

        let done = s.intent("cal", &decline("q1"), now(), None).unwrap();
        s.finish(done, Status::Done, "declined", now()).unwrap();
        s.intent("cal", &decline("q2"), now(), None).unwrap();
        let m = s.memory("cal", DateTime::<Utc>::MIN_UTC).unwrap();
        assert_eq!(m.recent_declines.len(), 2);
        assert_eq!(
            m.in_flight,
            std::collections::HashSet::from(["q2".to_string()])
        );
    }

    #[test]
    fn an_intent_of_another_live_process_is_left_to_it() {
        let s = Store::in_memory().unwrap();
        let mine = s.intent("cal", &decline("mine"), now(), None).unwrap();
        let theirs = s.intent("cal", &decline("theirs"), now(), None).unwrap();
        let gone = s.intent("cal", &decline("gone"), now(), None).unwrap();
        let legacy = s.intent("cal", &decline("legacy"), now(), None).unwrap();
        // pid 1 runs for as long as the machine (or the container) does.
        let init = format!("{}/1/{}", boot_id(), start_time(1).unwrap());
        let dead = format!("{}/1/{}0", boot_id(), start_time(1).unwrap());
        for (id, owner) in [(theirs, init.as_str()), (gone, dead.as_str()), (legacy, "")] {
            s.conn
                .execute(
                    "UPDATE actions SET owner = ?2 WHERE id = ?1",
                    params![id, owner],
                )
                .unwrap();
        }
        let applying: Vec<(i64, Option<u32>)> = s
            .unfinished()
            .unwrap()
            .into_iter()
            .map(|u| (u.record.id, u.applying))
            .collect();
        assert_eq!(
            applying,
            vec![
                (mine, None),
                (theirs, Some(1)),
                (gone, None),
                (legacy, None)
            ]
        );
        assert_eq!(running(&this_process()), Some(std::process::id()));
    }
}
