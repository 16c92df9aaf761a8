//! The team report (SPEC section 5): the week of every member of `[team] members`, each
//! computed with the same model as their own report, aggregated so that no one's meeting
//! titles and no per-person rows reach the others unless the team policy says so
//! (`report.show_titles`, `report.per_person`).
//!
//! Pure: the members' calendars come in as instances, already read. Linear in the members'
//! instances (each member's week is one `model::analyze`), so 500 members take a fraction
//! of a second once read (`benches/core.rs`, "team report").

use std::collections::HashMap;

use chrono::{NaiveDate, Timelike};
use serde::Serialize;

use super::{Week, hours};
use crate::event::Instance;
use crate::model::{self, Span, Timeline};
use crate::policy::Policy;

/// One member's calendar, as read.
pub struct Member<'a> {
    /// Their address, which decides what is theirs in the calendar.
    pub address: &'a str,
    pub instances: &'a [Instance],
}

/// The distribution of one number over the members: median and quartiles, lowest and
/// highest (nearest rank).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Spread {
    pub median: i64,
    pub p25: i64,
    pub p75: i64,
    pub min: i64,
    pub max: i64,
}

impl Spread {
    pub fn of(values: &mut [i64]) -> Spread {
        if values.is_empty() {
            return Spread::default();
        }
        values.sort_unstable();
        let at = |q: usize| values[(values.len() - 1) * q / 100];
        Spread {
            median: at(50),
            p25: at(25),
            p75: at(75),
            min: values[0],
            max: values[values.len() - 1],
        }
    }
}

/// One day over the team.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamDay {
    pub date: NaiveDate,
    /// Members with a working window that day.
    pub members: usize,
    pub focus_minutes: Spread,
    pub meeting_minutes: Spread,
    pub fragmented_minutes: Spread,
    /// Share of those members whose focus reached the daily target.
    pub on_target: f64,
}

/// A recurring meeting of the team, its instances over every member summed.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamMeeting {
    /// Only with `report.show_titles`; without it the meeting is described by its shape.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub summary: Option<String>,
    /// "30 min, Tue 10:00" (the first instance's length, weekday and local start).
    pub shape: String,
    /// Members it took focus from.
    pub members: usize,
    /// Instances over all members.
    pub instances: usize,
    pub focus_loss_minutes: i64,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub cost: Option<f64>,
}

/// What the team's focus windows (`focus.team_windows`) kept free.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Windows {
    /// Window minutes in the week, per member, summed.
    pub window_minutes: i64,
    /// Meeting minutes that fell inside them, summed.
    pub meeting_minutes: i64,
    /// `1 - meeting / window`.
    pub kept_free: f64,
    /// Median focus per member inside the windows and outside them.
    pub focus_inside: i64,
    pub focus_outside: i64,
}

/// One member's row, only with `report.per_person`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Person {
    pub address: String,
    pub focus_minutes: i64,
    pub meeting_minutes: i64,
    pub days_on_target: usize,
}

/// The whole team report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TeamReport {
    pub team: String,
    pub week: String,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub timezone: String,
    pub headline: String,
    pub members: usize,
    /// Weekly focus per member.
    pub focus_minutes: Spread,
    pub meeting_minutes: Spread,
    /// Share of members whose week's focus reached the weekly target.
    pub on_target: f64,
    pub target_minutes: i64,
    pub days: Vec<TeamDay>,
    pub meetings: Vec<TeamMeeting>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub windows: Option<Windows>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub people: Option<Vec<Person>>,
    /// Members listed in the policy whose calendar was not there.
    pub missing: usize,
    /// Members whose calendar could not be read (left out, named only in the log).
    pub unreadable: usize,
}

/// One day's numbers over the members: focus, meeting and fragmented minutes, and how
/// many reached the target.
type DayValues = (Vec<i64>, Vec<i64>, Vec<i64>, usize);

/// The team report of `week` over `members` (`missing`: listed members without a calendar).
pub fn build(members: &[Member], policy: &Policy, week: Week, missing: usize) -> TeamReport {
    let target = i64::from(policy.focus.daily_target_minutes);
    let zone = policy.zone();
    let mut weekly_focus = Vec::with_capacity(members.len());
    let mut weekly_meeting = Vec::with_capacity(members.len());
    let mut on_target = 0;
    let mut target_minutes = 0;
    let mut per_day: HashMap<NaiveDate, DayValues> = HashMap::new();
    let mut series: HashMap<String, (TeamMeeting, usize)> = HashMap::new();
    let mut people = Vec::new();
    let (mut window_minutes, mut window_meetings) = (0, 0);
    let (mut inside, mut outside) = (Vec::new(), Vec::new());
    for m in members {
        let timeline = Timeline::new(m.instances, m.address);
        let a = model::analyze(&timeline, policy, week.monday, week.sunday());
        let member_target = target * a.days.len() as i64;
        target_minutes = target_minutes.max(member_target);
        weekly_focus.push(a.totals.focus_minutes);
        weekly_meeting.push(a.totals.meeting_minutes);
        if a.totals.focus_minutes >= member_target {
            on_target += 1;
        }
        let mut days_on_target = 0;
        for d in &a.days {
            let e = per_day.entry(d.date).or_default();
            e.0.push(d.stats.focus_minutes);
            e.1.push(d.stats.meeting_minutes);
            e.2.push(d.stats.fragmented_minutes);
            if d.stats.focus_minutes >= target {
                e.3 += 1;
                days_on_target += 1;
            }
        }
        let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
        for cost in &a.meetings {
            let inst = &m.instances[cost.instance];
            if inst.recurrence_id.is_none() {
                continue;
            }
            let key = inst.series_ref().map(|s| s.id).unwrap_or_default();
            let local = inst.start.with_timezone(&zone);
            let (entry, _) = series.entry(key.clone()).or_insert_with(|| {
                (
                    TeamMeeting {
                        summary: policy
                            .report
                            .show_titles
                            .then(|| inst.summary().to_string()),
                        shape: format!(
                            "{}, {} {:02}:{:02}",
                            hours(inst.duration_minutes()),
                            local.format("%a"),
                            local.hour(),
                            local.minute()
                        ),
                        members: 0,
                        instances: 0,
                        focus_loss_minutes: 0,
                        cost: None,
                    },
                    0,
                )
            });
            entry.instances += 1;
            entry.focus_loss_minutes += cost.focus_loss_minutes;
            if let Some(c) = cost.cost {
                entry.cost = Some(((entry.cost.unwrap_or(0.0) + c) * 100.0).round() / 100.0);
            }
            if seen.insert(key) {
                entry.members += 1;
            }
        }
        // The team windows: their minutes, the meetings inside, focus inside and out.
        if !policy.focus.team_windows.is_empty() {
            let (mut focus_in, mut focus_all) = (0, 0);
            for date in model::dates(week.monday, week.sunday()) {
                let Some(day) = timeline.day(policy, date) else {
                    continue;
                };
                let windows = team_windows(policy, date, &day.window);
                window_minutes += windows.iter().map(|w| w.len()).sum::<i64>();
                let blocks = model::meeting_blocks(&day.window, &day.meeting_spans());
                for w in &windows {
                    window_meetings += blocks
                        .iter()
                        .filter_map(|b| b.intersect(*w))
                        .map(|s| s.len())
                        .sum::<i64>();
                }
                let params = model::Params::from(policy);
                for gap in model::gaps(&day.window, &blocks, params.refocus) {
                    if gap.effective() < params.min_focus {
                        continue;
                    }
                    let focus = gap.effective_span();
                    focus_all += focus.len();
                    focus_in += windows
                        .iter()
                        .filter_map(|w| w.intersect(focus))
                        .map(|s| s.len())
                        .sum::<i64>();
                }
            }
            inside.push(focus_in);
            outside.push(focus_all - focus_in);
        }
        if policy.report.per_person {
            people.push(Person {
                address: m.address.to_string(),
                focus_minutes: a.totals.focus_minutes,
                meeting_minutes: a.totals.meeting_minutes,
                days_on_target,
            });
        }
    }
    let mut days: Vec<TeamDay> = per_day
        .into_iter()
        .map(|(date, (mut f, mut mt, mut fr, met))| TeamDay {
            date,
            members: f.len(),
            on_target: share(met, f.len()),
            focus_minutes: Spread::of(&mut f),
            meeting_minutes: Spread::of(&mut mt),
            fragmented_minutes: Spread::of(&mut fr),
        })
        .collect();
    days.sort_by_key(|d| d.date);
    let mut meetings: Vec<TeamMeeting> = series
        .into_values()
        .map(|(m, _)| m)
        .filter(|m| m.focus_loss_minutes > 0)
        .collect();
    meetings.sort_by(|a, b| {
        b.focus_loss_minutes
            .cmp(&a.focus_loss_minutes)
            .then(a.shape.cmp(&b.shape))
    });
    meetings.truncate(super::COSTLIEST);
    let focus = Spread::of(&mut weekly_focus);
    let windows = (!policy.focus.team_windows.is_empty()).then(|| Windows {
        window_minutes,
        meeting_minutes: window_meetings,
        kept_free: if window_minutes > 0 {
            1.0 - window_meetings as f64 / window_minutes as f64
        } else {
            1.0
        },
        focus_inside: Spread::of(&mut inside).median,
        focus_outside: Spread::of(&mut outside).median,
    });
    people.sort_by(|a, b| a.address.cmp(&b.address));
    TeamReport {
        team: policy.team.name.clone(),
        week: week.label(),
        from: week.monday,
        to: week.sunday(),
        timezone: zone.name().to_string(),
        headline: format!(
            "Team {}: median focus {} of {}, week {}",
            policy.team.name,
            hours(focus.median),
            hours(target_minutes),
            week.iso().week()
        ),
        members: members.len(),
        focus_minutes: focus,
        meeting_minutes: Spread::of(&mut weekly_meeting),
        on_target: share(on_target, members.len()),
        target_minutes,
        days,
        meetings,
        windows,
        people: policy.report.per_person.then_some(people),
        missing,
        unreadable: 0,
    }
}

fn share(n: usize, of: usize) -> f64 {
    if of == 0 {
        0.0
    } else {
        (n as f64 / of as f64 * 1000.0).round() / 1000.0
    }
}

/// The team windows of `date`, clipped to the working window.
fn team_windows(policy: &Policy, date: NaiveDate, window: &[Span]) -> Vec<Span> {
    let weekday = chrono::Datelike::weekday(&date);
    let zone = policy.zone();
    policy
        .focus
        .team_windows
        .iter()
        .filter(|w| w.days.iter().any(|d| d.0 == weekday))
        .map(|w| {
            Span::new(
                model::minute(model::local_instant(zone, date, w.start.0)),
                model::minute(model::local_instant(zone, date, w.end.0)),
            )
        })
        .flat_map(|t| window.iter().filter_map(move |w| w.intersect(t)))
        .collect()
}

/// The team report as text.
pub fn text(r: &TeamReport) -> String {
    use std::fmt::Write;
    let mut o = String::new();
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    let _ = writeln!(
        o,
        "focusd team report, {} ({} to {}, {})",
        r.week, r.from, r.to, r.timezone
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", crate::text::shorten(&r.headline, 200));
    let summary = format!(
        "{} members; {} reached the weekly focus target. Weekly focus per member: median {}, middle half {} to {}. Meetings: median {}.",
        r.members,
        pct(r.on_target),
        hours(r.focus_minutes.median),
        hours(r.focus_minutes.p25),
        hours(r.focus_minutes.p75),
        hours(r.meeting_minutes.median),
    );
    o.push_str(&super::text::wrap(&summary, 78, ""));
    if r.missing > 0 {
        let _ = writeln!(
            o,
            "{} listed member{} had no calendar and {} left out.",
            r.missing,
            if r.missing == 1 { "" } else { "s" },
            if r.missing == 1 { "is" } else { "are" }
        );
    }
    if r.unreadable > 0 {
        let _ = writeln!(
            o,
            "{} member{} calendar could not be read and {} left out.",
            r.unreadable,
            if r.unreadable == 1 { "'s" } else { "s'" },
            if r.unreadable == 1 { "is" } else { "are" }
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "PER DAY (median, and the middle half of the team)");
    let _ = writeln!(
        o,
        "{:<10}  {:>20}  {:>20}  {:>9}",
        "", "focus", "meetings", "on target"
    );
    for d in &r.days {
        let range = |s: &Spread| format!("{} ({}-{})", hours(s.median), hours(s.p25), hours(s.p75));
        let _ = writeln!(
            o,
            "{:<10}  {:>20}  {:>20}  {:>9}",
            d.date.format("%a %d %b"),
            range(&d.focus_minutes),
            range(&d.meeting_minutes),
            pct(d.on_target)
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "THE TEAM'S COSTLIEST RECURRING MEETINGS");
    if r.meetings.is_empty() {
        let _ = writeln!(o, "  None cost focus this week.");
    }
    for (k, m) in r.meetings.iter().enumerate() {
        let what = m
            .summary
            .as_deref()
            .map(|s| format!("{}, ", crate::text::shorten(s, 60)))
            .unwrap_or_default();
        let cost = m
            .cost
            .map(|c| format!(", {} in people's time", crate::report::text::money(c)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "{:>3}. {what}{}: {} of focus over {} member{} ({} instances{cost})",
            k + 1,
            m.shape,
            hours(m.focus_loss_minutes),
            m.members,
            if m.members == 1 { "" } else { "s" },
            m.instances
        );
    }
    if let Some(w) = &r.windows {
        let _ = writeln!(o);
        let _ = writeln!(o, "TEAM FOCUS WINDOWS");
        let _ = writeln!(
            o,
            "  {} kept free of meetings ({} of meetings in {} of windows over the team).",
            pct(w.kept_free),
            hours(w.meeting_minutes),
            hours(w.window_minutes)
        );
        let _ = writeln!(
            o,
            "  Median focus per member inside the windows: {}; outside them: {}.",
            hours(w.focus_inside),
            hours(w.focus_outside)
        );
    }
    if let Some(people) = &r.people {
        let _ = writeln!(o);
        let _ = writeln!(o, "PER PERSON (report.per_person)");
        for p in people {
            let _ = writeln!(
                o,
                "  {:<40} focus {:>8}  meetings {:>8}  days on target {}",
                crate::text::shorten(&p.address, 40),
                hours(p.focus_minutes),
                hours(p.meeting_minutes),
                p.days_on_target
            );
        }
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "--");
    let _ = writeln!(
        o,
        "{}",
        super::text::wrap(
            "No member's meeting titles or per-person numbers are in this report unless the \
             team policy sets report.show_titles or report.per_person. The numbers come from \
             the same model as each member's own report (refocus.minutes, \
             refocus.min_focus_minutes; the 23 minutes are a heuristic).",
            78,
            ""
        )
        .trim_end()
    );
    o
}

/// The team report as an HTML e-mail: the same tables, inline styles and escaping as the
/// personal one (`report::html`).
pub fn html(r: &TeamReport) -> String {
    use super::html::{cell, close, escape, footnote, heading, open, paragraph};
    let pct = |x: f64| format!("{:.0}%", x * 100.0);
    let mut o = String::new();
    open(&mut o, &format!("focusd team report, {}", r.week));
    paragraph(
        &mut o,
        &format!(
            "<span style=\"color:#777777;font-size:13px;\">{} &middot; {} to {} &middot; {}</span>",
            escape(&r.week),
            r.from,
            r.to,
            escape(&r.timezone)
        ),
    );
    paragraph(
        &mut o,
        &format!(
            "<span style=\"font-size:24px;font-weight:bold;color:#222222;\">{}</span>",
            escape(&r.headline)
        ),
    );
    let mut summary = format!(
        "{} members; {} reached the weekly focus target. Weekly focus per member: median {}, middle half {} to {}. Meetings: median {}.",
        r.members,
        pct(r.on_target),
        hours(r.focus_minutes.median),
        hours(r.focus_minutes.p25),
        hours(r.focus_minutes.p75),
        hours(r.meeting_minutes.median)
    );
    if r.missing > 0 {
        summary.push_str(&format!(
            " {} listed member(s) had no calendar and are left out.",
            r.missing
        ));
    }
    if r.unreadable > 0 {
        summary.push_str(&format!(
            " {} member(s)' calendar could not be read and are left out.",
            r.unreadable
        ));
    }
    paragraph(&mut o, &escape(&summary));

    heading(&mut o, "Per day (median, and the middle half of the team)");
    let _ = std::fmt::Write::write_str(
        &mut o,
        "<tr><td><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\"><tr>",
    );
    for h in ["", "focus", "meetings", "on target"] {
        cell(&mut o, "font-size:12px;color:#777777;text-align:right;", h);
    }
    let _ = std::fmt::Write::write_str(&mut o, "</tr>");
    for d in &r.days {
        let range = |s: &Spread| {
            format!(
                "<b>{}</b> <span style=\"color:#888888;\">({} to {})</span>",
                hours(s.median),
                hours(s.p25),
                hours(s.p75)
            )
        };
        let _ = std::fmt::Write::write_str(&mut o, "<tr>");
        cell(
            &mut o,
            "white-space:nowrap;",
            &d.date.format("%a %d %b").to_string(),
        );
        cell(
            &mut o,
            "text-align:right;white-space:nowrap;",
            &range(&d.focus_minutes),
        );
        cell(
            &mut o,
            "text-align:right;white-space:nowrap;",
            &range(&d.meeting_minutes),
        );
        cell(&mut o, "text-align:right;", &pct(d.on_target));
        let _ = std::fmt::Write::write_str(&mut o, "</tr>");
    }
    let _ = std::fmt::Write::write_str(&mut o, "</table></td></tr>");

    heading(&mut o, "The team's costliest recurring meetings");
    if r.meetings.is_empty() {
        paragraph(&mut o, "None cost focus this week.");
    }
    for m in &r.meetings {
        let name = m
            .summary
            .as_deref()
            .map(|t| format!("<b>{}</b>, ", escape(&crate::text::shorten(t, 80))))
            .unwrap_or_default();
        let cost = m
            .cost
            .map(|c| format!(", {} in people's time", crate::report::text::money(c)))
            .unwrap_or_default();
        paragraph(
            &mut o,
            &format!(
                "{name}{}: <b style=\"color:#d9534f;\">{} of focus</b> over {} member(s) ({} instances{})",
                escape(&m.shape),
                hours(m.focus_loss_minutes),
                m.members,
                m.instances,
                escape(&cost)
            ),
        );
    }
    if let Some(w) = &r.windows {
        heading(&mut o, "Team focus windows");
        paragraph(
            &mut o,
            &escape(&format!(
                "{} kept free of meetings ({} of meetings in {} of windows over the team). Median focus per member inside the windows: {}; outside them: {}.",
                pct(w.kept_free),
                hours(w.meeting_minutes),
                hours(w.window_minutes),
                hours(w.focus_inside),
                hours(w.focus_outside)
            )),
        );
    }
    if let Some(people) = &r.people {
        heading(&mut o, "Per person");
        for p in people {
            paragraph(
                &mut o,
                &escape(&format!(
                    "{}: focus {}, meetings {}, {} day(s) on target",
                    crate::text::shorten(&p.address, 60),
                    hours(p.focus_minutes),
                    hours(p.meeting_minutes),
                    p.days_on_target
                )),
            );
        }
    }
    footnote(
        &mut o,
        &[
            "No member's meeting titles or per-person numbers are in this report unless the team policy sets report.show_titles or report.per_person.",
            "The numbers come from the same model as each member's own report (refocus.minutes, refocus.min_focus_minutes; the 23 minutes are a heuristic).",
        ],
    );
    close(&mut o);
    o
}
