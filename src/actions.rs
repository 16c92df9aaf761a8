//! From a plan and triage decisions to the actions the daemon carries out (pure).
//!
//! Architecture invariant: pure. `(timeline, plan, decisions, memory, policy, now) ->
//! Vec<Intent>`. What focusd remembers between cycles (which invitations existed at the
//! first sync, what it declined, what the user undid, which nudges were shown) comes in as
//! [`Memory`]; the store keeps it.

use std::collections::{HashMap, HashSet};

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::agenda;
use crate::backend::{BlockWrite, EventRef};
use crate::event::{Response, Role};
use crate::model::Timeline;
use crate::planner::{BlockAction, Plan};
use crate::policy::Policy;
use crate::triage::{Action as Verdict, Decision, Rule};

/// One thing to do to the calendar (or to the user's attention).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Action {
    /// Create a focus block.
    BookBlock { block: BlockWrite },
    /// Move or shorten focusd's own block.
    MoveBlock {
        block: BlockWrite,
        previous_start: DateTime<Utc>,
        previous_end: DateTime<Utc>,
    },
    /// Delete focusd's own block.
    DeleteBlock {
        id: String,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
    },
    /// Decline an invitation, with a comment to the organizer.
    Decline {
        event: EventRef,
        summary: String,
        start: DateTime<Utc>,
        comment: String,
        notify: bool,
        rule: Rule,
    },
    /// Take back a decline: back to not answered, or accepted.
    Withdraw {
        event: EventRef,
        summary: String,
        start: DateTime<Utc>,
        to: Response,
        notify: bool,
    },
    /// Tell the user something (a notification, or the log without a desktop).
    Nudge {
        key: String,
        summary: String,
        start: DateTime<Utc>,
        text: String,
    },
}

impl Action {
    /// A short name for logs and the audit trail.
    pub fn kind(&self) -> &'static str {
        match self {
            Action::BookBlock { .. } => "book_block",
            Action::MoveBlock { .. } => "move_block",
            Action::DeleteBlock { .. } => "delete_block",
            Action::Decline { .. } => "decline",
            Action::Withdraw { .. } => "withdraw",
            Action::Nudge { .. } => "nudge",
        }
    }

    /// The event the action is about, as the audit log names it.
    pub fn subject(&self) -> String {
        match self {
            Action::BookBlock { block } | Action::MoveBlock { block, .. } => block.id.clone(),
            Action::DeleteBlock { id, .. } => id.clone(),
            Action::Decline { event, .. } | Action::Withdraw { event, .. } => event_key(event),
            Action::Nudge { key, .. } => key.clone(),
        }
    }

    /// The action that reverses this one. `policy` supplies what a re-booked block is
    /// called. A nudge changed nothing on the calendar and has no inverse.
    pub fn inverse(&self, policy: &Policy) -> Option<Action> {
        Some(match self {
            Action::BookBlock { block } => Action::DeleteBlock {
                id: block.id.clone(),
                start: block.start,
                end: block.end,
            },
            Action::DeleteBlock { id, start, end } => Action::BookBlock {
                block: BlockWrite {
                    id: id.clone(),
                    start: *start,
                    end: *end,
                    title: policy.focus.title.clone(),
                    decline_message: policy.focus.decline_message.clone(),
                },
            },
            Action::MoveBlock {
                block,
                previous_start,
                previous_end,
            } => Action::MoveBlock {
                block: BlockWrite {
                    start: *previous_start,
                    end: *previous_end,
                    ..block.clone()
                },
                previous_start: block.start,
                previous_end: block.end,
            },
            Action::Decline {
                event,
                summary,
                start,
                notify,
                ..
            } => Action::Withdraw {
                event: event.clone(),
                summary: summary.clone(),
                start: *start,
                to: Response::NeedsAction,
                notify: *notify,
            },
            Action::Withdraw {
                event,
                summary,
                start,
                notify,
                ..
            } => Action::Decline {
                event: event.clone(),
                summary: summary.clone(),
                start: *start,
                comment: String::new(),
                notify: *notify,
                rule: Rule::None,
            },
            Action::Nudge { .. } => return None,
        })
    }
}

/// An action with the reason it is taken, in words.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Intent {
    pub action: Action,
    pub reason: String,
}

/// `uid` or `uid@recurrence-id`: one key per event instance, stable across cycles.
pub fn event_key(event: &EventRef) -> String {
    match event.recurrence_id {
        Some(r) => format!("{}@{}", event.id, r.to_rfc3339()),
        None => event.id.clone(),
    }
}

/// What focusd remembers between cycles.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Memory {
    /// Invitations already there when focusd first synced the calendar (by event key).
    pub existing: HashSet<String>,
    /// Invitations focusd declined and has not withdrawn, with the rule (by event key).
    pub declined: HashMap<String, Rule>,
    /// Invitations whose decline, and blocks whose booking, the user undid (by event key or
    /// block id): focusd never declines or books them again.
    pub hands_off: HashSet<String>,
    /// Nudges already given.
    pub nudged: HashSet<String>,
}

/// Every intent for this cycle, in a stable order: block removals first (they free time),
/// then moves and bookings, then answers, then nudges.
pub fn intents(
    timeline: &Timeline,
    plan: &Plan,
    decisions: &[Decision],
    memory: &Memory,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
) -> Vec<Intent> {
    let mut out = Vec::new();
    for r in plan
        .remove
        .iter()
        .filter(|r| !memory.hands_off.contains(&r.uid))
    {
        out.push(Intent {
            action: Action::DeleteBlock {
                id: r.uid.clone(),
                start: r.start,
                end: r.end,
            },
            reason: r.reason.clone(),
        });
    }
    for b in &plan.blocks {
        let block = BlockWrite {
            id: b.id.clone(),
            start: b.start,
            end: b.end,
            title: policy.focus.title.clone(),
            decline_message: policy.focus.decline_message.clone(),
        };
        match b.action {
            BlockAction::Keep => {}
            BlockAction::Book if memory.hands_off.contains(&b.id) => {}
            BlockAction::Book => out.push(Intent {
                action: Action::BookBlock { block },
                reason: if b.team_window {
                    "team focus window".into()
                } else {
                    format!(
                        "daily focus target of {} min",
                        policy.focus.daily_target_minutes
                    )
                },
            }),
            BlockAction::Trim if memory.hands_off.contains(&b.id) => {}
            BlockAction::Trim => out.push(Intent {
                action: Action::MoveBlock {
                    block,
                    previous_start: b.instance.map_or(b.start, |i| timeline.instances[i].start),
                    previous_end: b.instance.map_or(b.end, |i| timeline.instances[i].end),
                },
                reason: "a meeting now overlaps part of it".into(),
            }),
        }
    }
    for d in decisions {
        let inst = &timeline.instances[d.instance];
        let event = inst.event_ref();
        let key = event_key(&event);
        let nudge = |text: String| Intent {
            action: Action::Nudge {
                key: format!("{}:{key}", rule_name(d.rule)),
                summary: d.summary.clone(),
                start: d.start,
                text,
            },
            reason: d.reason.clone(),
        };
        match d.action {
            Verdict::Keep => {}
            Verdict::Decline if memory.hands_off.contains(&key) => {}
            Verdict::Decline
                if memory.existing.contains(&key) && !policy.meetings.decline_existing =>
            {
                out.push(nudge(format!(
                    "would decline \"{}\" ({}), but it was there before focusd started",
                    d.summary, d.reason
                )));
            }
            Verdict::Decline => out.push(Intent {
                action: Action::Decline {
                    event,
                    summary: d.summary.clone(),
                    start: d.start,
                    comment: d.message.clone().unwrap_or_default(),
                    notify: policy.meetings.notify_organizer,
                    rule: d.rule,
                },
                reason: d.reason.clone(),
            }),
            Verdict::Nudge => out.push(nudge(format!("\"{}\": {}", d.summary, d.reason))),
        }
    }
    out.extend(second_chances(timeline, memory, policy, me, now));
    out.retain(|i| match &i.action {
        Action::Nudge { key, .. } => !memory.nudged.contains(key),
        _ => true,
    });
    out
}

/// SPEC section 3: when an organizer adds an agenda (or a read-ahead) to an invitation that
/// focusd declined for lacking one, and the user has not answered since, the decline is
/// withdrawn before the meeting starts.
fn second_chances(
    timeline: &Timeline,
    memory: &Memory,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
) -> Vec<Intent> {
    let mut out = Vec::new();
    for inst in timeline.instances {
        if inst.start <= now || inst.details.role(me) != Role::Attendee(Response::Declined) {
            continue;
        }
        let event = inst.event_ref();
        let key = event_key(&event);
        let Some(rule) = memory.declined.get(&key) else {
            continue;
        };
        if memory.hands_off.contains(&key) {
            continue;
        }
        let found = agenda::detect(&inst.details);
        let fixed = match rule {
            Rule::Agenda | Rule::MaxAttendees => found.present,
            Rule::ReadAhead => found.read_ahead.is_some(),
            _ => false,
        };
        if fixed {
            let to = if policy.meetings.accept_on_second_chance {
                Response::Accepted
            } else {
                Response::NeedsAction
            };
            out.push(Intent {
                action: Action::Withdraw {
                    event,
                    summary: inst.summary().to_string(),
                    start: inst.start,
                    to,
                    notify: policy.meetings.notify_organizer,
                },
                reason: match found.evidence {
                    Some(e) => format!(
                        "second chance: the organizer added an agenda ({})",
                        e.describe()
                    ),
                    None => "second chance: the organizer added an agenda".into(),
                },
            });
        }
    }
    out
}

fn rule_name(rule: Rule) -> String {
    serde_json::to_value(rule)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}
