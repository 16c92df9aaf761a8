//! Triage of invitations (SPEC section 3: meetings are APIs).
//!
//! Architecture invariant: pure. `(timeline, policy, me, now) -> Vec<Decision>`. Only
//! invitations are ever decided on: future events inside the horizon where the user is an
//! attendee, not the organizer, and has not answered. Everything else is never touched
//! (SPEC section 10, invariant 1). A false decline is worse than a missed one: every decline
//! rule needs the agenda detector to have found nothing.

use std::collections::HashMap;

use chrono::{DateTime, Duration, NaiveDate, Utc};
use serde::Serialize;

use crate::agenda;
use crate::event::{EventKind, EventStatus, Instance, Response, Role};
use crate::model::{self, Params, Span, Timeline};
use crate::planner;
use crate::policy::{Mode, Policy, Rules};

/// What focusd does with an invitation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    Keep,
    Nudge,
    Decline,
}

/// The rule behind a decision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// An exemption covers the invitation.
    Exempt,
    FocusConflict,
    Agenda,
    MaxAttendees,
    ReadAhead,
    Standup,
    Status,
    Demo,
    /// No rule applies.
    None,
}

/// One decision on one invitation, explained in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    pub instance: usize,
    pub uid: String,
    pub summary: String,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub action: Verdict,
    pub rule: Rule,
    pub reason: String,
    /// The comment sent with a decline.
    pub message: Option<String>,
}

/// What one rule found.
struct Finding {
    rule: Rule,
    action: Verdict,
    reason: String,
    message: Option<String>,
}

/// Whether `instance` is an invitation focusd may act on at `now`.
pub fn is_invitation(
    instance: &Instance,
    me: &str,
    now: DateTime<Utc>,
    until: DateTime<Utc>,
) -> bool {
    let d = &instance.details;
    instance.start > now
        && instance.start < until
        && !instance.all_day
        && d.status != EventStatus::Cancelled
        && d.read_only.is_none()
        && d.kind_for(me) == EventKind::Default
        && !d.is_focusd_block(me)
        && d.role(me) == Role::Attendee(Response::NeedsAction)
}

/// Decides on every invitation in the horizon, in time order, with the signature lines
/// learned from the timeline's invitations.
pub fn triage(timeline: &Timeline, policy: &Policy, me: &str, now: DateTime<Utc>) -> Vec<Decision> {
    triage_with(timeline, &signatures(timeline), policy, me, now)
}

/// The signature lines the calendar's invitations repeat (see [`agenda::Signatures`]).
pub fn signatures(timeline: &Timeline) -> agenda::Signatures {
    agenda::Signatures::learn(timeline.instances.iter().map(|i| &*i.details))
}

/// [`triage`] with the signature lines already learned.
pub fn triage_with(
    timeline: &Timeline,
    signatures: &agenda::Signatures,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
) -> Vec<Decision> {
    let (range, _) = planner::horizon(policy, now);
    let until = model::instant(range.end);
    let mut losses = DayLosses::default();
    timeline
        .instances
        .iter()
        .enumerate()
        .filter(|(_, inst)| is_invitation(inst, me, now, until))
        .map(|(index, inst)| {
            let agenda = agenda::detect_with(&inst.details, signatures);
            decide(
                timeline,
                policy,
                me,
                now,
                (index, inst),
                &agenda,
                &mut losses,
            )
        })
        .collect()
}

/// Decides on one invitation (which must pass [`is_invitation`]), with the focus losses of
/// the days already looked at.
fn decide(
    timeline: &Timeline,
    policy: &Policy,
    me: &str,
    now: DateTime<Utc>,
    (index, inst): (usize, &Instance),
    agenda: &agenda::Agenda,
    losses: &mut DayLosses,
) -> Decision {
    let make = |action, rule, reason: String, message| Decision {
        instance: index,
        uid: inst.uid().to_string(),
        summary: inst.summary().to_string(),
        start: inst.start,
        end: inst.end,
        action,
        rule,
        reason,
        message,
    };
    if let Some(why) = exemption(policy, me, inst) {
        return make(Verdict::Keep, Rule::Exempt, format!("exempt: {why}"), None);
    }
    let findings = findings(timeline, policy, now, inst, agenda, losses);
    // The strongest action wins; among equals, the first rule in SPEC order.
    let Some(best) = findings
        .iter()
        .max_by_key(|f| (f.action, std::cmp::Reverse(f.rule as u8)))
    else {
        let reason = match &agenda.evidence {
            Some(e) => format!("has an agenda: {}", e.describe()),
            None => format!("{} with {}: no rule applies", minutes(inst), people(inst)),
        };
        return make(Verdict::Keep, Rule::None, reason, None);
    };
    let mut reason = best.reason.clone();
    let others: Vec<&str> = findings
        .iter()
        .filter(|f| f.rule != best.rule)
        .map(|f| f.reason.as_str())
        .collect();
    if !others.is_empty() {
        reason = format!("{reason} (also: {})", others.join("; "));
    }
    make(best.action, best.rule, reason, best.message.clone())
}

/// SPEC section 3: organizers and domains on the exempt lists, exempt titles, 1:1s where the
/// policy says so. (Answered events never reach triage.)
fn exemption(policy: &Policy, me: &str, inst: &Instance) -> Option<String> {
    let m = &policy.meetings;
    let d = &inst.details;
    if let Some(org) = d.organizer.as_deref() {
        if m.exempt_organizers
            .iter()
            .any(|e| crate::event::normalise_address(e) == crate::event::normalise_address(org))
        {
            return Some(format!("organizer {org} is on the exempt list"));
        }
        let domain = org.rsplit_once('@').map_or("", |(_, dom)| dom);
        if m.exempt_domains
            .iter()
            .any(|e| e.trim().trim_start_matches('@').to_lowercase() == domain.to_lowercase())
        {
            return Some(format!("domain {domain} is on the exempt list"));
        }
    }
    if let Some(p) = m
        .exempt_titles
        .iter()
        .find(|p| title_matches(&d.summary, p))
    {
        return Some(format!("title matches \"{p}\""));
    }
    if m.exempt_one_on_ones {
        let others = d
            .attendees
            .iter()
            .filter(|a| {
                !crate::event::is_me(me, &a.email)
                    && d.organizer.as_deref().map(crate::event::normalise_address)
                        != Some(crate::event::normalise_address(&a.email))
            })
            .count();
        if others == 0 && d.organizer.is_some() {
            return Some("a 1:1".into());
        }
    }
    None
}

/// What the description was, for a "no agenda" reason: ": only a placeholder ('TBD')".
fn why_no_agenda(agenda: &agenda::Agenda) -> String {
    agenda
        .absence
        .as_ref()
        .map_or_else(String::new, |a| format!(": {}", a.describe()))
}

fn findings(
    timeline: &Timeline,
    policy: &Policy,
    now: DateTime<Utc>,
    inst: &Instance,
    agenda: &agenda::Agenda,
    losses: &mut DayLosses,
) -> Vec<Finding> {
    let mut found = Found {
        policy,
        list: Vec::new(),
    };
    found.focus_conflict(timeline, inst);
    found.without_agenda(inst, agenda);
    found.read_ahead(now, inst, agenda);
    found.async_instead(timeline, inst, losses);
    found.list
}

/// The findings of one invitation, as the rules report them.
struct Found<'p> {
    policy: &'p Policy,
    list: Vec<Finding>,
}

impl Found<'_> {
    /// Records what a rule found, as its mode says: off, a suggestion (a decline becomes a
    /// nudge saying it would decline), or enforced.
    fn add(
        &mut self,
        rule: Rule,
        mode_of: fn(&Rules) -> Option<Mode>,
        declines: bool,
        reason: String,
        message: Option<&str>,
    ) {
        let action = match (self.policy.mode(mode_of), declines) {
            (Mode::Off, _) => return,
            (Mode::Enforce, true) => Verdict::Decline,
            (Mode::Suggest, true) => {
                self.list.push(Finding {
                    rule,
                    action: Verdict::Nudge,
                    reason: format!("would decline: {reason}"),
                    message: None,
                });
                return;
            }
            (_, false) => Verdict::Nudge,
        };
        self.list.push(Finding {
            rule,
            action,
            reason,
            message: (action == Verdict::Decline).then(|| message.unwrap_or_default().to_string()),
        });
    }

    /// The invitation lands on one of the user's focus blocks.
    fn focus_conflict(&mut self, timeline: &Timeline, inst: &Instance) {
        let Some((_, block)) = timeline.focus_blocks_in(Span::of(inst)).next() else {
            return;
        };
        let zone = self.policy.zone();
        let at = |minute| model::instant(minute).with_timezone(&zone).format("%H:%M");
        let reason = format!(
            "conflicts with your focus block {}-{}",
            at(block.start),
            at(block.end)
        );
        let message = self.policy.focus.decline_message.clone();
        self.add(
            Rule::FocusConflict,
            |r| r.focus_conflict,
            true,
            reason,
            Some(&message),
        );
    }

    /// No agenda: long enough to need one, or too many people without one.
    fn without_agenda(&mut self, inst: &Instance, agenda: &agenda::Agenda) {
        if agenda.present {
            return;
        }
        let m = &self.policy.meetings;
        let message = m.decline_message.clone();
        if inst.duration_minutes() >= i64::from(m.agenda_min_minutes) {
            let reason = format!(
                "no agenda{}; {} with {}",
                why_no_agenda(agenda),
                minutes(inst),
                people(inst)
            );
            self.add(Rule::Agenda, |r| r.agenda, true, reason, Some(&message));
        }
        let m = &self.policy.meetings;
        if inst.details.attendees.len() > m.max_attendees as usize {
            let reason = format!(
                "no agenda and {} (more than {}){}",
                people(inst),
                m.max_attendees,
                why_no_agenda(agenda)
            );
            self.add(
                Rule::MaxAttendees,
                |r| r.max_attendees,
                true,
                reason,
                Some(&message),
            );
        }
    }

    /// A brainstorm without a read-ahead document: asked for, then declined 24 hours
    /// before.
    fn read_ahead(&mut self, now: DateTime<Utc>, inst: &Instance, agenda: &agenda::Agenda) {
        let m = &self.policy.meetings;
        let brainstorm = m
            .brainstorm_titles
            .iter()
            .any(|p| title_matches(&inst.details.summary, p));
        if agenda.read_ahead.is_some() || !brainstorm {
            return;
        }
        let message = m.decline_message.clone();
        let deadline = inst.start - Duration::hours(24);
        if now >= deadline {
            self.add(
                Rule::ReadAhead,
                |r| r.read_ahead,
                true,
                "no read-ahead document linked 24 hours before".into(),
                Some(&message),
            );
        } else {
            let reason = format!(
                "ask for a read-ahead document; without one it is declined at {}",
                deadline.with_timezone(&self.policy.zone()).to_rfc3339()
            );
            self.add(Rule::ReadAhead, |r| r.read_ahead, false, reason, None);
        }
    }

    /// Meetings that could be shorter or async: an over-long stand-up, a demo, a status
    /// meeting; each with the focus it costs.
    fn async_instead(&mut self, timeline: &Timeline, inst: &Instance, losses: &mut DayLosses) {
        let policy = self.policy;
        // The focus it costs, and what it costs in people's time where the policy has a
        // rate (`meetings.cost_per_hour`).
        let money = model::money_cost(inst, policy)
            .filter(|c| *c > 0.0)
            .map(|c| format!(" and {c:.0} in people's time"));
        let mut loss = || match (losses.of(timeline, policy, inst), &money) {
            (0, None) => String::new(),
            (0, Some(m)) => format!("; it costs{m}"),
            (n, m) => format!(
                "; it costs you {} of focus{}",
                human_minutes(n),
                m.as_deref().unwrap_or_default()
            ),
        };
        for (rule, why) in async_rules(policy, inst) {
            let reason = format!("{why}{}", loss());
            match rule {
                Rule::Standup => self.add(rule, |r| r.standup, false, reason, None),
                Rule::Demo => self.add(rule, |r| r.demo, false, reason, None),
                _ => self.add(rule, |r| r.status, false, reason, None),
            }
        }
    }
}

/// The nudge rules that say a meeting could be shorter or async (SPEC section 4), with why:
/// an over-long stand-up, a demo (a 3-minute recording), a status meeting (an e-mail or a
/// dashboard). Triage nudges with them; the weekly report marks its costliest meetings.
pub fn async_rules(policy: &Policy, inst: &Instance) -> Vec<(Rule, String)> {
    let (m, n) = (&policy.meetings, &policy.nudges);
    let summary = &inst.details.summary;
    let titled = |patterns: &[String]| patterns.iter().any(|p| title_matches(summary, p));
    let mut out = Vec::new();
    if inst.duration_minutes() > i64::from(m.standup_max_minutes) && titled(&m.standup_titles) {
        out.push((
            Rule::Standup,
            format!(
                "a {} stand-up: suggest a hard stop at {} minutes",
                minutes(inst),
                m.standup_max_minutes
            ),
        ));
    }
    if titled(&n.demo_titles) {
        out.push((Rule::Demo, "a demo: a 3-minute recording instead".into()));
    } else if titled(&n.async_titles) {
        out.push((
            Rule::Status,
            "a status meeting: an e-mail or a dashboard instead".into(),
        ));
    }
    out
}

/// The focus losses of the days triage has looked at (SPEC section 1), each day computed
/// once with [`model::focus_losses`]: a day of many invitations (a series every minute) costs
/// one pass, not one per invitation.
#[derive(Default)]
struct DayLosses {
    /// Per local date, its meetings' spans in time order with each one's loss; `None` on a
    /// day off.
    days: HashMap<NaiveDate, Option<Vec<(Span, i64)>>>,
}

impl DayLosses {
    /// The focus this invitation costs on its day: the loss of the day's first meeting with
    /// its span (copies of one span cost the same), 0 when it is none of them.
    fn of(&mut self, timeline: &Timeline, policy: &Policy, inst: &Instance) -> i64 {
        let date = model::local_date(policy.zone(), inst.start);
        let day = self.days.entry(date).or_insert_with(|| {
            timeline.day(policy, date).map(|day| {
                let spans = day.meeting_spans();
                let losses = model::focus_losses(&day.window, &spans, Params::from(policy));
                spans.into_iter().zip(losses).collect()
            })
        });
        let Some(day) = day else {
            return 0;
        };
        let own = Span::of(inst);
        let k = day.partition_point(|(s, _)| *s < own);
        match day.get(k) {
            Some((s, loss)) if *s == own => *loss,
            _ => 0,
        }
    }
}

/// Case-insensitive match of a title pattern on word boundaries: "demo" matches "Sprint
/// demo" but not "demolition".
pub fn title_matches(title: &str, pattern: &str) -> bool {
    let title = title.to_lowercase();
    let pattern = pattern.trim().to_lowercase();
    if pattern.is_empty() {
        return false;
    }
    let boundary = |c: Option<char>| c.is_none_or(|c| !c.is_alphanumeric());
    title.match_indices(&pattern).any(|(i, _)| {
        boundary(title[..i].chars().next_back())
            && boundary(title[i + pattern.len()..].chars().next())
    })
}

fn minutes(inst: &Instance) -> String {
    format!("{} min", inst.duration_minutes())
}

fn people(inst: &Instance) -> String {
    match inst.details.attendees.len() {
        1 => "1 person".into(),
        n => format!("{n} people"),
    }
}

/// "2 h 5 min", "45 min".
pub fn human_minutes(m: i64) -> String {
    match (m / 60, m % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::event::{Attendee, EventDetails};
    use chrono::TimeZone;
    use proptest::prelude::*;
    use std::sync::Arc;

    const ME: &str = "me@example.com";

    fn now() -> DateTime<Utc> {
        Utc.with_ymd_and_hms(2026, 11, 30, 7, 0, 0).unwrap()
    }

    fn invite(summary: &str, hour: i64, minutes: i64, people: usize) -> Instance {
        let mut attendees = vec![Attendee {
            email: ME.into(),
            response: Response::NeedsAction,
            comment: None,
        }];
        attendees.extend((0..people.saturating_sub(1)).map(|i| Attendee {
            email: format!("p{i}@corp.example"),
            response: Response::Accepted,
            comment: None,
        }));
        let start = now() + Duration::hours(hour);
        Instance {
            details: Arc::new(EventDetails {
                uid: summary.into(),
                summary: summary.into(),
                organizer: Some("p0@corp.example".into()),
                attendees,
                ..Default::default()
            }),
            recurrence_id: None,
            start,
            end: start + Duration::minutes(minutes),
            all_day: false,
        }
    }

    fn decide_one(inst: Instance, policy: &Policy) -> Decision {
        let all = [inst];
        let t = Timeline::new(&all, ME);
        let mut d = triage(&t, policy, ME, now());
        assert_eq!(d.len(), 1, "expected one decision");
        d.remove(0)
    }

    #[test]
    fn agenda_less_meeting_is_declined_with_reason_and_message() {
        let d = decide_one(invite("Sync", 26, 45, 9), &Policy::default());
        assert_eq!((d.action, d.rule), (Verdict::Decline, Rule::Agenda));
        assert!(
            d.reason
                .starts_with("no agenda: the description is empty; 45 min with 9 people"),
            "{}",
            d.reason
        );
        assert_eq!(
            d.message.as_deref(),
            Some(Policy::default().meetings.decline_message.as_str())
        );
    }

    #[test]
    fn a_signature_the_organizer_repeats_is_read_as_one() {
        let signed = |summary: &str, hour: i64, own: &str| {
            let mut inst = invite(summary, hour, 45, 9);
            let details = Arc::make_mut(&mut inst.details);
            details.description = format!(
                "{own}\n\nBest,\n\n--\nOlivia Grant\nHalden & Pryce LLP\n\
                 M: +1 646 813 7924\nolivia@halden.example\nDesign that sells."
            );
            inst
        };
        let alone = decide_one(signed("Intro", 26, "Let's chat"), &Policy::default());
        assert_eq!(
            (alone.action, alone.rule),
            (Verdict::Keep, Rule::None),
            "{}",
            alone.reason
        );
        let all = [
            signed("Intro", 26, "Let's chat"),
            signed("Pricing", 50, "Holding the slot."),
            signed("QBR", 74, "Hi all!"),
        ];
        let decisions = triage(&Timeline::new(&all, ME), &Policy::default(), ME, now());
        assert_eq!(decisions.len(), 3);
        for d in decisions {
            assert_eq!(
                (d.action, d.rule),
                (Verdict::Decline, Rule::Agenda),
                "{}",
                d.reason
            );
            assert!(d.reason.starts_with("no agenda: only"), "{}", d.reason);
        }
    }

    #[test]
    fn short_meetings_need_no_agenda() {
        let d = decide_one(invite("Quick question", 26, 10, 3), &Policy::default());
        assert_eq!((d.action, d.rule), (Verdict::Keep, Rule::None));
    }

    #[test]
    fn many_people_without_agenda_is_declined_even_when_short() {
        let d = decide_one(invite("Quick all-hands", 26, 10, 12), &Policy::default());
        assert_eq!((d.action, d.rule), (Verdict::Decline, Rule::MaxAttendees));
        assert!(d.reason.contains("12 people (more than 8)"), "{}", d.reason);
    }

    #[test]
    fn exemptions_cover_every_rule() {
        let mut p = Policy::default();
        p.meetings.exempt_organizers = vec!["P0@corp.example".into()];
        let d = decide_one(invite("Sync", 26, 45, 9), &p);
        assert_eq!((d.action, d.rule), (Verdict::Keep, Rule::Exempt));
        let mut p = Policy::default();
        p.meetings.exempt_domains = vec!["corp.example".into()];
        assert_eq!(decide_one(invite("Sync", 26, 45, 9), &p).rule, Rule::Exempt);
        let d = decide_one(
            invite("Incident review: outage", 26, 45, 9),
            &Policy::default(),
        );
        assert_eq!(d.reason, "exempt: title matches \"incident\"");
        // A 1:1: the organizer and the user.
        let d = decide_one(invite("Catch-up", 26, 45, 2), &Policy::default());
        assert_eq!(
            (d.action, d.reason.as_str()),
            (Verdict::Keep, "exempt: a 1:1")
        );
        let mut p = Policy::default();
        p.meetings.exempt_one_on_ones = false;
        assert_eq!(
            decide_one(invite("Catch-up", 26, 45, 2), &p).action,
            Verdict::Decline
        );
    }

    #[test]
    fn suggest_mode_only_nudges_and_off_does_nothing() {
        let mut p = Policy::default();
        p.meetings.mode = Mode::Suggest;
        let d = decide_one(invite("Sync", 26, 45, 9), &p);
        assert_eq!((d.action, d.rule), (Verdict::Nudge, Rule::Agenda));
        assert!(
            d.reason.starts_with("would decline: no agenda"),
            "{}",
            d.reason
        );
        assert_eq!(d.message, None);
        p.meetings.mode = Mode::Enforce;
        p.meetings.rules.agenda = Some(Mode::Off);
        p.meetings.rules.max_attendees = Some(Mode::Off);
        assert_eq!(
            decide_one(invite("Sync", 26, 45, 9), &p).action,
            Verdict::Keep
        );
    }

    /// Review finding 2: an outsider's event posing as focus time (Google's type, or
    /// focusd's own mark and id) is an invitation like any other, and declines nothing.
    #[test]
    fn an_outsiders_focus_time_is_an_invitation_and_declines_nothing() {
        let mut review = invite("Design review", 26, 60, 3);
        Arc::make_mut(&mut review.details).description =
            "Agenda:\n1. Compaction strategy\n2. Migration plan".into();
        for (kind, mark, uid) in [
            (EventKind::FocusTime, false, "evil"),
            (EventKind::Default, true, "focusd2ugtd2q0or8p6"),
            (EventKind::FocusTime, true, "focusdevil"),
        ] {
            let mut evil = invite("Focus", 20, 24 * 60, 2);
            let d = Arc::make_mut(&mut evil.details);
            d.organizer = Some("mallory@evil.example".into());
            d.uid = uid.into();
            d.kind = kind;
            d.focusd_block = mark;
            d.description = "Agenda: keep this slot".into();
            // With no attendees but another organizer, it is not the user's own either.
            let mut bare = evil.clone();
            Arc::make_mut(&mut bare.details).attendees.clear();
            for fake in [evil, bare] {
                let all = [review.clone(), fake.clone()];
                let t = Timeline::new(&all, ME);
                assert_eq!(t.focus_blocks_in(Span::of(&review)).count(), 0);
                for d in triage(&t, &Policy::default(), ME, now()) {
                    assert_ne!(
                        d.rule,
                        Rule::FocusConflict,
                        "{kind:?} {mark} {uid}: {}",
                        d.reason
                    );
                }
                assert!(fake.is_meeting(ME) || fake.details.attendees.is_empty());
            }
        }
    }

    #[test]
    fn aliases_and_unicode_case_name_the_same_user() {
        let mut inv = invite("Sync", 26, 45, 3);
        Arc::make_mut(&mut inv.details).attendees[0].email = "åsa@example.com".into();
        let all = [inv];
        let t = Timeline::new(&all, ME);
        for me in [
            "ÅSA@example.com",
            "asa@old.example, åsa@example.com",
            "mailto:Åsa@Example.com",
        ] {
            assert_eq!(triage(&t, &Policy::default(), me, now()).len(), 1, "{me}");
        }
        assert!(triage(&t, &Policy::default(), "asa@example.com", now()).is_empty());
    }

    #[test]
    fn focus_block_conflict_declines_with_the_focus_message() {
        let inv = invite("Sync", 26, 30, 3);
        let mut block = invite("Focus", 26, 120, 0);
        let details = Arc::make_mut(&mut block.details);
        details.attendees.clear();
        details.organizer = None;
        details.kind = EventKind::FocusTime;
        let all = [inv, block];
        let d = triage(&Timeline::new(&all, ME), &Policy::default(), ME, now());
        assert_eq!(d.len(), 1);
        assert_eq!(
            (d[0].action, d[0].rule),
            (Verdict::Decline, Rule::FocusConflict)
        );
        assert_eq!(
            d[0].reason.split(" (also").next().unwrap(),
            "conflicts with your focus block 09:00-11:00"
        );
        assert_eq!(
            d[0].message.as_deref(),
            Some(Policy::default().focus.decline_message.as_str())
        );
    }

    #[test]
    fn brainstorm_needs_a_read_ahead_24_hours_before() {
        let mut p = Policy::default();
        p.meetings.rules.agenda = Some(Mode::Off);
        let early = decide_one(invite("Brainstorm: Q3 ideas", 72, 10, 3), &p);
        assert_eq!(
            (early.action, early.rule),
            (Verdict::Nudge, Rule::ReadAhead)
        );
        assert!(
            early
                .reason
                .contains("declined at 2026-12-02T07:00:00+00:00"),
            "{}",
            early.reason
        );
        let late = decide_one(invite("Brainstorm: Q3 ideas", 20, 10, 3), &p);
        assert_eq!(
            (late.action, late.rule),
            (Verdict::Decline, Rule::ReadAhead)
        );
    }

    #[test]
    fn nudges_for_standups_status_meetings_and_demos() {
        let mut p = Policy::default();
        p.meetings.rules.agenda = Some(Mode::Off);
        let d = decide_one(invite("Daily stand-up", 26, 30, 5), &p);
        assert_eq!((d.action, d.rule), (Verdict::Nudge, Rule::Standup));
        assert!(
            d.reason
                .starts_with("a 30 min stand-up: suggest a hard stop at 15 minutes"),
            "{}",
            d.reason
        );
        let d = decide_one(invite("Weekly status", 26, 30, 5), &p);
        assert_eq!((d.action, d.rule), (Verdict::Nudge, Rule::Status));
        assert!(d.reason.contains("it costs you"), "{}", d.reason);
        assert!(!d.reason.contains("people's time"), "{}", d.reason);
        let d = decide_one(invite("Sprint demo", 26, 30, 5), &p);
        assert_eq!((d.action, d.rule), (Verdict::Nudge, Rule::Demo));
        // With a rate, the money cost too (SPEC section 1: attendees x (duration + R) x rate).
        p.meetings.cost_per_hour = Some(90.0);
        let d = decide_one(invite("Weekly status", 26, 30, 5), &p);
        let people = invite("Weekly status", 26, 30, 5)
            .details
            .attendees
            .len()
            .max(1) as f64;
        let minutes = 30.0 + f64::from(p.refocus.minutes);
        let cost = format!(
            " and {:.0} in people's time",
            people * minutes / 60.0 * 90.0
        );
        assert!(d.reason.contains(&cost), "{} / {cost}", d.reason);
        assert_eq!(
            decide_one(invite("Demolition plans", 26, 30, 5), &p).rule,
            Rule::None
        );
    }

    #[test]
    fn a_day_of_many_invitations_prices_each_as_the_model_does() {
        // One status invitation every minute, each an hour long, and one alone later: each
        // day's losses are computed once, and every reason carries the model's number.
        let mut p = Policy::default();
        p.meetings.rules.agenda = Some(Mode::Off);
        p.refocus.min_focus_minutes = 60;
        let base = invite("Weekly status", 26, 60, 5);
        let mut all: Vec<Instance> = (0..600)
            .map(|m| {
                let mut i = base.clone();
                i.start = base.start + Duration::minutes(m);
                i.end = i.start + Duration::minutes(60);
                i
            })
            .collect();
        all.push(invite("Weekly status", 50, 30, 5));
        let t = Timeline::new(&all, ME);
        let decisions = triage(&t, &p, ME, now());
        assert_eq!(decisions.len(), all.len());
        let params = Params::from(&p);
        for d in &decisions {
            let inst = &all[d.instance];
            let date = model::local_date(p.zone(), inst.start);
            let day = t.day(&p, date).unwrap();
            let spans = day.meeting_spans();
            // Those after the working day are no meeting of it and cost nothing.
            let loss = day
                .meetings
                .iter()
                .position(|(i, _)| *i == d.instance)
                .map_or(0, |k| model::focus_loss(&day.window, &spans, k, params));
            let said = match loss {
                0 => String::new(),
                n => format!("; it costs you {} of focus", human_minutes(n)),
            };
            assert!(
                d.reason.ends_with(&format!("dashboard instead{said}")),
                "{}: {} (loss {loss})",
                d.instance,
                d.reason
            );
        }
        assert!(decisions.iter().any(|d| d.reason.contains("it costs you")));
    }

    #[test]
    fn title_patterns_match_on_word_boundaries() {
        assert!(title_matches("Sprint DEMO", "demo"));
        assert!(title_matches("demo", "demo"));
        assert!(title_matches("Team stand-up (daily)", "stand-up"));
        assert!(!title_matches("Demolition", "demo"));
        assert!(!title_matches("statusboard", "status"));
        assert!(title_matches("Ünïcode status ✓", "status"));
        assert!(!title_matches("anything", "  "));
    }

    fn arb_event() -> impl Strategy<Value = Instance> {
        let roles = prop::sample::select(vec![
            Role::Own,
            Role::Organizer,
            Role::Attendee(Response::NeedsAction),
            Role::Attendee(Response::Accepted),
            Role::Attendee(Response::Declined),
            Role::Attendee(Response::Tentative),
            Role::NotInvited,
        ]);
        let titles = prop::sample::select(vec![
            "Sync",
            "Incident call",
            "Interview: SWE",
            "Weekly status",
            "Brainstorm",
            "Daily standup",
            "Demo",
            "x",
        ]);
        (
            roles,
            titles,
            -48i64..300,
            0i64..240,
            0usize..15,
            any::<bool>(),
            any::<bool>(),
            0u8..3,
        )
            .prop_map(
                |(role, title, hour, minutes, people, all_day, cancelled, org)| {
                    let mut inst = invite(title, hour, minutes, people.max(1));
                    inst.all_day = all_day;
                    let d = Arc::make_mut(&mut inst.details);
                    d.organizer = match org {
                        0 => Some("boss@exempt.example".into()),
                        1 => Some("p0@corp.example".into()),
                        _ => None,
                    };
                    if cancelled {
                        d.status = EventStatus::Cancelled;
                    }
                    match role {
                        Role::Own => d.attendees.clear(),
                        Role::Organizer => d.organizer = Some(ME.into()),
                        Role::Attendee(r) => d.attendees[0].response = r,
                        Role::NotInvited => d.attendees[0].email = "someone@else.example".into(),
                    }
                    inst
                },
            )
    }

    proptest! {
        /// SPEC section 10, invariant 1: nothing is declined that the user organizes, already
        /// answered, or that an exemption covers; nothing past, all-day or cancelled.
        #[test]
        fn declines_only_unanswered_unexempt_future_invitations(events in prop::collection::vec(arb_event(), 0..20)) {
            let mut policy = Policy::default();
            policy.meetings.exempt_domains = vec!["exempt.example".into()];
            let t = Timeline::new(&events, ME);
            for d in triage(&t, &policy, ME, now()) {
                let inst = &events[d.instance];
                prop_assert_eq!(inst.details.role(ME), Role::Attendee(Response::NeedsAction));
                prop_assert!(inst.start > now() && !inst.all_day);
                prop_assert!(inst.details.status != EventStatus::Cancelled);
                if d.action == Verdict::Decline {
                    prop_assert!(exemption(&policy, ME, inst).is_none());
                    prop_assert!(inst.details.organizer.as_deref() != Some("boss@exempt.example"));
                    prop_assert!(!title_matches(inst.summary(), "incident") && !title_matches(inst.summary(), "interview"));
                    prop_assert!(d.message.is_some());
                }
            }
        }
    }
}
