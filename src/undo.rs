//! Undoing a done action (`focusd undo ID`, and the Undo button of a decline's notification):
//! the inverse recorded like any other action, and applied only while the calendar still
//! shows what the action left.
//!
//! Architecture invariant: one way to undo. The command line and the daemon both come here,
//! so a click on Undo and `focusd undo ID` check, record and write alike.

use chrono::{DateTime, Utc};

use crate::actions::{Action, Intent, reflected};
use crate::backend::Calendar;
use crate::error::Error;
use crate::event::{Me, Snapshot};
use crate::model::Timeline;
use crate::policy::Policy;
use crate::store::{Record, Status, Store};

/// What came of an undo that was recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Undone {
    /// Done: the inverse is action `new_id`.
    Done { new_id: i64 },
    /// Not done, and recorded as abandoned: why (the calendar changed since, or a block
    /// would land on a meeting).
    Refused(String),
    /// The calendar failed; recorded as failed.
    Failed(String),
}

/// The record of action `id` if it can be undone: done, and not undone already.
pub fn undoable(store: &Store, id: i64) -> Result<Record, Error> {
    let record = store
        .record(id)?
        .ok_or_else(|| Error::Usage(format!("no action {id} in the audit log")))?;
    if record.status != Status::Done {
        return Err(Error::Usage(
            format!(
                "action {id} is {:?}, not done: nothing to undo",
                record.status
            )
            .to_lowercase(),
        ));
    }
    if let Some(by) = record.undone_by {
        return Err(Error::Usage(format!(
            "action {id} was already undone by action {by}"
        )));
    }
    Ok(record)
}

/// Whose answer an undo gives: an answer is undone for the person it was given for, never
/// for whoever `me` is now (an error when they differ).
pub fn answerer(record: &Record, me: &Me) -> Result<Me, Error> {
    if let Action::Decline { me: then, .. } | Action::Withdraw { me: then, .. } = &record.action
        && !then.is_empty()
    {
        let same_user = crate::event::my_addresses(then).any(|a| crate::event::is_me(me, &a));
        if !me.is_empty() && !same_user {
            return Err(Error::Usage(format!(
                "action {} answered for {then}, but the user is now {me}: not undone",
                record.id
            )));
        }
        return Ok(Me::new(then));
    }
    Ok(me.clone())
}

/// How an undo was asked for.
pub struct Asked<'a> {
    /// Undo even when the calendar no longer shows what the action left.
    pub force: bool,
    /// The reason the inverse is recorded with.
    pub why: &'a str,
    /// The wall clock the audit log is written with.
    pub wall: &'a dyn Fn() -> DateTime<Utc>,
}

/// Records and applies the inverse of `record` on `calendar` (the one it was taken on),
/// with `asked.why` as its reason: the calendar must still show what the action left (else the
/// user or someone else changed it since, and an undo would overwrite that; `force` skips
/// that check), and a block is never restored over a meeting. Done, the original is marked
/// undone in the same commit, so the daemon leaves that invitation or block alone.
pub async fn undo<C: Calendar>(
    store: &Store,
    calendar: &mut C,
    record: &Record,
    policy: &Policy,
    me: &Me,
    asked: Asked<'_>,
) -> Result<Undone, Error> {
    let Asked { force, why, wall } = asked;
    let id = record.id;
    let inverse = record.action.inverse(policy).ok_or_else(|| {
        Error::Usage(format!(
            "action {id} is a nudge: it changed nothing to undo"
        ))
    })?;
    let intent = Intent {
        action: inverse,
        reason: why.to_string(),
    };
    let new_id = store.intent(&record.calendar, &intent, wall(), Some(id))?;
    let (from, to) = undo_window(&record.action);
    let snapshot = match calendar.sync(from, to).await {
        Ok(s) => s,
        Err(e) => {
            store.finish(new_id, Status::Failed, &e.to_string(), wall())?;
            return Ok(Undone::Failed(e.to_string()));
        }
    };
    let refusal = if let Some(meeting) = restored_over_meeting(&intent.action, &snapshot, me) {
        Some(format!(
            "it would put a focus block back over \"{meeting}\""
        ))
    } else if !force && !reflected(&record.action, &snapshot.instances, me) {
        Some(
            "the calendar no longer shows what it left (changed since); pass --force to undo anyway"
                .to_string(),
        )
    } else {
        None
    };
    if let Some(why) = refusal {
        store.finish(
            new_id,
            Status::Abandoned,
            &format!("refused: {why}"),
            wall(),
        )?;
        return Ok(Undone::Refused(why));
    }
    match crate::backend::execute(calendar, &intent.action).await {
        Ok(_) => {
            store.finish(new_id, Status::Done, "done", wall())?;
            Ok(Undone::Done { new_id })
        }
        Err(e) => {
            store.finish(new_id, Status::Failed, &e.to_string(), wall())?;
            Ok(Undone::Failed(e.to_string()))
        }
    }
}

/// The time around an action that an undo reads to check the calendar.
fn undo_window(action: &Action) -> (DateTime<Utc>, DateTime<Utc>) {
    let (start, end) = match action {
        Action::BookBlock { block } => (block.start, block.end),
        Action::MoveBlock {
            block,
            previous_start,
            previous_end,
        } => (
            block.start.min(*previous_start),
            block.end.max(*previous_end),
        ),
        Action::DeleteBlock { start, end, .. } => (*start, *end),
        Action::Decline { start, .. }
        | Action::Withdraw { start, .. }
        | Action::Nudge { start, .. }
        | Action::Reply { start, .. } => (*start, *start),
    };
    (
        start - chrono::Duration::days(1),
        end + chrono::Duration::days(1),
    )
}

/// The title of a meeting that a block this action books or moves would overlap.
fn restored_over_meeting(action: &Action, snapshot: &Snapshot, me: &str) -> Option<String> {
    let (Action::BookBlock { block } | Action::MoveBlock { block, .. }) = action else {
        return None;
    };
    let timeline = Timeline::new(&snapshot.instances, me);
    let span = crate::model::Span::new(
        crate::model::minute(block.start),
        crate::model::minute(block.end),
    );
    timeline
        .meetings_in(span)
        .map(|(i, _)| crate::text::shorten(snapshot.instances[i].summary(), 80))
        .next()
}
