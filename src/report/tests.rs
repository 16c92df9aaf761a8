use std::path::Path;
use std::sync::Arc;

use chrono::{NaiveDate, TimeZone, Utc};

use super::*;
use crate::actions::BlockWrite;
use crate::event::{Attendee, EventDetails, EventRef, Response};
use crate::ical::{self, ReadOptions};
use crate::triage::Rule;

fn example() -> (Vec<Instance>, Policy) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let policy = crate::settings::load_policy(&[root.join("policies/platform.toml")]).unwrap();
    let week = Week::parse("2026-W49").unwrap();
    let (from, to) = read_range(&policy, week);
    let snapshot = ical::read_calendar(
        &root.join("examples/week.ics"),
        &ReadOptions {
            zone: policy.zone(),
            from,
            to,
        },
    )
    .unwrap();
    (snapshot.instances, policy)
}

const ME: &str = "alex@example.com";

fn example_report() -> Report {
    let (instances, policy) = example();
    build(
        &instances,
        &policy,
        ME,
        Week::parse("2026-W49").unwrap(),
        &[],
        0,
    )
}

#[test]
fn weeks_read_and_print_as_iso_weeks() {
    let w = Week::parse("2026-W49").unwrap();
    assert_eq!(w.monday, NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
    assert_eq!(w.sunday(), NaiveDate::from_ymd_opt(2026, 12, 6).unwrap());
    assert_eq!(w.label(), "2026-W49");
    assert_eq!(Week::parse("2020-W53").unwrap().label(), "2020-W53");
    assert_eq!(
        Week::parse("2026-W01").unwrap().monday.to_string(),
        "2025-12-29"
    );
    for bad in ["2026-W54", "2026-49", "W49", "2026-W", "", "2026-W4x9"] {
        assert!(Week::parse(bad).is_err(), "{bad}");
    }
    let tuesday = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
    assert_eq!(Week::last_complete(tuesday).label(), "2026-W48");
    let sunday = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    assert_eq!(Week::last_complete(sunday).label(), "2026-W48");
}

/// The report's days are `analyze --json`'s days, field for field and number for number.
#[test]
fn the_days_and_totals_equal_analyze() {
    let (instances, policy) = example();
    let r = example_report();
    let timeline = Timeline::new(&instances, ME);
    let from = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let to = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let analysis = model::analyze(&timeline, &policy, from, to);
    let view = crate::render::AnalysisView::new(&analysis, &instances, &policy);
    let analyzed = serde_json::to_value(&view).unwrap();
    let reported = serde_json::to_value(&r).unwrap();
    assert_eq!(reported["days"], analyzed["days"]);
    for key in [
        "working_minutes",
        "meeting_minutes",
        "refocus_minutes",
        "focus_minutes",
        "fragmented_minutes",
        "switches",
    ] {
        assert_eq!(reported["totals"][key], analyzed["totals"][key], "{key}");
    }
    let total_loss: i64 = analysis.meetings.iter().map(|m| m.focus_loss_minutes).sum();
    assert!(r.meetings.iter().map(|m| m.focus_loss_minutes).sum::<i64>() <= total_loss);
    for key in ["days", "totals", "trend", "meetings", "actions", "coming"] {
        assert!(reported.get(key).is_some(), "{key}");
    }
}

#[test]
fn the_headline_names_the_focus_the_target_and_the_week() {
    let r = example_report();
    assert_eq!(r.headline, "Focus: 17 h 20 of 15 h, week 49");
    assert_eq!(r.totals.working_days, 5);
    assert_eq!(r.totals.target_minutes, 900);
    assert_eq!(hours(65), "1 h 05");
    assert_eq!(hours(120), "2 h");
    assert_eq!(hours(7), "7 min");
    assert_eq!(hours(-65), "-1 h 05");
}

#[test]
fn a_series_is_one_line_with_its_instances_summed() {
    let (instances, policy) = example();
    let r = example_report();
    let standup = r
        .meetings
        .iter()
        .find(|m| m.uid == "standup@example.com")
        .expect("the stand-up series is among the costliest");
    assert!(standup.recurring);
    assert_eq!(standup.instances, 4);
    // Its loss is the sum of its instances' losses in analyze.
    let timeline = Timeline::new(&instances, ME);
    let w = Week::parse("2026-W49").unwrap();
    let a = model::analyze(&timeline, &policy, w.monday, w.sunday());
    let sum: i64 = a
        .meetings
        .iter()
        .filter(|m| instances[m.instance].uid() == "standup@example.com")
        .map(|m| m.focus_loss_minutes)
        .sum();
    assert_eq!(standup.focus_loss_minutes, sum);
    assert!(
        r.meetings
            .windows(2)
            .all(|p| p[0].focus_loss_minutes >= p[1].focus_loss_minutes)
    );
    assert!(r.meetings.len() <= COSTLIEST);
    // The demo looks async-able by the nudge rules.
    let demo = r
        .meetings
        .iter()
        .find(|m| m.summary == "Sprint demo")
        .unwrap();
    assert_eq!(demo.async_rule.as_deref(), Some("demo"));
    // No money without a rate; with one, the sum of the instances' costs.
    assert!(r.meetings.iter().all(|m| m.cost.is_none()));
    let mut priced = policy.clone();
    priced.meetings.cost_per_hour = Some(100.0);
    let r = build(&instances, &priced, ME, w, &[], 0);
    let standup = r
        .meetings
        .iter()
        .find(|m| m.uid == "standup@example.com")
        .unwrap();
    let expected: f64 = a
        .meetings
        .iter()
        .filter(|m| instances[m.instance].uid() == "standup@example.com")
        .map(|m| model::money_cost(&instances[m.instance], &priced).unwrap())
        .sum();
    assert!((standup.cost.unwrap() - expected).abs() < 0.01);
}

/// With `meetings.cost_per_hour` set, each listed meeting shows its money cost in the text,
/// the HTML and the JSON; without it, none does.
#[test]
fn the_money_cost_is_shown_when_a_rate_is_set() {
    let plain = example_report();
    assert!(!text::render(&plain).contains(" in people's time"));
    assert!(!html::render(&plain).contains(" in people's time"));
    let (instances, mut policy) = example();
    policy.meetings.cost_per_hour = Some(100.0);
    let r = build(
        &instances,
        &policy,
        ME,
        Week::parse("2026-W49").unwrap(),
        &[],
        0,
    );
    // The stand-up: 7 attendees, three 15-minute instances and one of 45, R = 23 minutes,
    // at 100 an hour: 3 x 443.33 + 793.33.
    let text = text::render(&r);
    assert!(
        text.contains(
            "\n  1. Daily stand-up: 4 h of focus (4 instances, 1 h 30 in all, 2123.32 in people's time)\n"
        ),
        "{text}"
    );
    let page = html::render(&r);
    assert!(
        page.contains(">4 instances, 1 h 30 in all, 2123.32 in people's time</span>"),
        "{page}"
    );
    assert_eq!(
        serde_json::to_value(&r).unwrap()["meetings"][0]["cost"],
        2123.32
    );
    // Two decimals, no grouping, no currency, as `text::money` says.
    assert_eq!(text::money(1234.5), "1234.50");
    assert_eq!(text::money(443.333), "443.33");
    for m in &r.meetings {
        let shown = format!(", {} in people's time", text::money(m.cost.unwrap()));
        assert!(text.contains(&shown), "{} in the text", m.summary);
        assert!(page.contains(&shown), "{} in the HTML", m.summary);
    }
}

fn meeting(uid: &str, summary: &str, start: DateTime<Utc>, minutes: i64) -> Instance {
    Instance {
        details: Arc::new(EventDetails {
            uid: uid.into(),
            summary: summary.into(),
            organizer: Some("lead@example.com".into()),
            attendees: vec![
                Attendee {
                    email: ME.into(),
                    response: Response::Accepted,
                    comment: None,
                },
                Attendee {
                    email: "lead@example.com".into(),
                    response: Response::Accepted,
                    comment: None,
                },
            ],
            ..EventDetails::default()
        }),
        recurrence_id: None,
        start,
        end: start + chrono::Duration::minutes(minutes),
        all_day: false,
    }
}

fn utc(y: i32, mo: u32, d: u32, h: u32, mi: u32) -> DateTime<Utc> {
    Utc.with_ymd_and_hms(y, mo, d, h, mi, 0).unwrap()
}

#[test]
fn the_trend_uses_the_weeks_the_calendar_covers_and_says_when_it_starts() {
    let policy = Policy::default();
    let week = Week::parse("2026-W49").unwrap();
    // Only this week: nothing to compare with.
    let now_only = vec![meeting("a", "Sync", utc(2026, 12, 1, 10, 0), 60)];
    let r = build(&now_only, &policy, ME, week, &[], 0);
    assert!(r.trend.weeks.is_empty());
    assert_eq!(r.trend.average_focus_minutes, None);
    assert!(
        r.trend
            .note
            .as_deref()
            .unwrap()
            .contains("starts this week")
    );
    // Two weeks before: two weeks compared.
    let mut two = now_only.clone();
    two.push(meeting("b", "Sync", utc(2026, 11, 17, 10, 0), 60));
    let r = build(&two, &policy, ME, week, &[], 0);
    let labels: Vec<&str> = r.trend.weeks.iter().map(|w| w.week.as_str()).collect();
    assert_eq!(labels, ["2026-W47", "2026-W48"]);
    assert!(r.trend.note.as_deref().unwrap().contains("2026-W47"));
    // Week 48 had no meeting: 5 x 8 h of focus; week 47 one meeting on Tuesday.
    assert_eq!(r.trend.weeks[1].focus_minutes, 5 * 480);
    let avg = r.trend.average_focus_minutes.unwrap();
    assert_eq!(
        r.trend.change_minutes,
        Some(r.totals.stats.focus_minutes - avg)
    );
    // A long history: four weeks and no note.
    let mut long = now_only;
    long.push(meeting("c", "Sync", utc(2026, 9, 1, 10, 0), 60));
    let r = build(&long, &policy, ME, week, &[], 0);
    assert_eq!(r.trend.weeks.len(), 4);
    assert_eq!(r.trend.note, None);
}

#[test]
fn what_focusd_did_comes_from_the_audit_log_of_the_week() {
    let policy = Policy::default();
    let week = Week::parse("2026-W49").unwrap();
    let at = utc(2026, 12, 1, 8, 0);
    let block = |id: &str| Action::BookBlock {
        block: BlockWrite {
            id: id.into(),
            start: utc(2026, 12, 2, 9, 0),
            end: utc(2026, 12, 2, 11, 0),
            title: "Focus time".into(),
            decline_message: String::new(),
        },
    };
    let decline = Action::Decline {
        event: EventRef {
            id: "x".into(),
            recurrence_id: None,
        },
        summary: "No agenda <here>".into(),
        start: utc(2026, 12, 3, 10, 0),
        comment: String::new(),
        notify: true,
        rule: Rule::Agenda,
        organizer: None,
        me: ME.into(),
    };
    let entry = |action: Action, status: &str, created, undoes| Audit {
        created,
        action,
        reason: "no agenda".into(),
        status: status.into(),
        undoes,
    };
    let nudge = Action::Nudge {
        key: "k".into(),
        summary: "Status".into(),
        start: at,
        text: "t".into(),
    };
    let audit = vec![
        entry(block("focusd-kept"), "done", at, None),
        entry(block("focusd-gone"), "done", at, None),
        entry(decline.clone(), "done", at, None),
        entry(decline.clone(), "done", utc(2026, 11, 20, 8, 0), None),
        entry(decline, "failed", at, None),
        entry(nudge.clone(), "done", at, None),
        entry(nudge, "done", at, Some(1)),
    ];
    let mut kept = meeting("focusd-kept", "Focus time", utc(2026, 12, 2, 9, 0), 120);
    Arc::make_mut(&mut kept.details).focusd_block = true;
    Arc::make_mut(&mut kept.details).attendees.clear();
    Arc::make_mut(&mut kept.details).organizer = None;
    let r = build(&[kept], &policy, ME, week, &audit, 2);
    let a = &r.actions;
    assert_eq!((a.blocks_booked, a.blocks_kept), (2, 1));
    assert_eq!(a.declines.len(), 1);
    assert_eq!(a.declines[0].rule, "agenda");
    assert_eq!(a.failed, 1);
    assert_eq!(a.nudges_shown, 1);
    assert_eq!(a.undos, 1);
    assert_eq!(a.nudges_acted, 2);
    // The block kept is focus protected in its week, not the coming one.
    assert_eq!(r.coming.protected_minutes, 0);
}

#[test]
fn the_coming_week_shows_meetings_protection_and_days_at_risk() {
    let policy = Policy::default();
    let week = Week::parse("2026-W48").unwrap();
    let mut block = meeting("focusd-1", "Focus time", utc(2026, 12, 2, 9, 0), 120);
    Arc::make_mut(&mut block.details).focusd_block = true;
    Arc::make_mut(&mut block.details).attendees.clear();
    Arc::make_mut(&mut block.details).organizer = None;
    let instances = vec![
        block,
        // Tuesday cut to pieces: no stretch of two hours.
        meeting("a", "A", utc(2026, 12, 1, 10, 0), 30),
        meeting("b", "B", utc(2026, 12, 1, 12, 0), 30),
        meeting("c", "C", utc(2026, 12, 1, 14, 0), 30),
        meeting("d", "D", utc(2026, 12, 1, 16, 0), 30),
    ];
    let r = build(&instances, &policy, ME, week, &[], 0);
    assert_eq!(r.coming.week, "2026-W49");
    assert_eq!(r.coming.meeting_minutes, 120);
    assert_eq!(r.coming.protected_minutes, 120);
    assert_eq!(
        r.coming.days_at_risk,
        [NaiveDate::from_ymd_opt(2026, 12, 1).unwrap()]
    );
}

#[test]
fn a_bar_adds_up_and_shows_every_part() {
    let stats = DayStats {
        working_minutes: 480,
        meeting_minutes: 1,
        refocus_minutes: 23,
        focus_minutes: 400,
        fragmented_minutes: 56,
        switches: 1,
    };
    let b = bar(&stats, 480, 40);
    assert_eq!(b.iter().sum::<usize>(), 40);
    assert!(b.iter().all(|n| *n > 0), "{b:?}");
    let half = DayStats {
        working_minutes: 240,
        focus_minutes: 240,
        ..DayStats::default()
    };
    assert_eq!(bar(&half, 480, 40), [0, 0, 0, 20]);
    assert_eq!(bar(&half, 0, 40), [0; 4]);
}

/// The text report of the example week, as committed (`UPDATE_GOLDEN=1` rewrites it).
#[test]
fn the_text_report_of_the_example_week_is_the_golden_one() {
    let text = text::render(&example_report());
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/report/golden/week-2026-W49.txt");
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, &text).unwrap();
    }
    let golden = std::fs::read_to_string(&path).unwrap();
    assert_eq!(text, golden, "UPDATE_GOLDEN=1 rewrites the golden file");
}

/// One table row per day, its bar as coloured cells whose widths add up, and a legend;
/// nothing a mail client drops.
#[test]
fn the_html_draws_the_week_as_table_cells() {
    let r = example_report();
    let page = html::render(&r);
    for banned in [
        "<svg",
        "<script",
        "<style",
        "<img",
        "javascript:",
        "<link",
        "class=",
    ] {
        assert!(!page.to_lowercase().contains(banned), "{banned}");
    }
    let bars: Vec<&str> = page
        .split("<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\"><tr><td width=")
        .skip(1)
        .collect();
    assert_eq!(bars.len(), r.days.len());
    for (bar, day) in bars.iter().zip(&r.days) {
        let row = &bar[..bar.find("</tr></table>").unwrap()];
        let widths: usize = format!("<td width={row}")
            .split("<td width=\"")
            .skip(1)
            .map(|c| c[..c.find('%').unwrap()].parse::<usize>().unwrap())
            .sum();
        assert_eq!(widths, 100, "{}", day.date);
        // Every cell is one of the legend's colours (or the pale rest of a short day).
        for cell in row.split("bgcolor=\"").skip(1) {
            let colour = &cell[..cell.find('"').unwrap()];
            assert!(
                colour == html::AWAY || html::COLOURS.iter().any(|(c, _)| *c == colour),
                "{colour} on {}",
                day.date
            );
        }
        assert!(
            row.contains("bgcolor=\"#d9534f\""),
            "meetings drawn on {}",
            day.date
        );
    }
    for (colour, name) in html::COLOURS {
        assert!(page.contains(&format!("bgcolor=\"{colour}\"")));
        assert!(
            page.contains(&format!(">{name}</td>")),
            "legend names {name}"
        );
    }
}

/// The example's own markup-looking title, from a week where its meeting is the costliest
/// (in the whole example week it is not among the five shown): text in the HTML, as written
/// in the plain text.
#[test]
fn the_examples_markup_title_is_shown_escaped() {
    let (instances, policy) = example();
    let lunch: Vec<Instance> = instances
        .into_iter()
        .filter(|i| i.uid() == "lunch-learn@example.com")
        .collect();
    assert_eq!(lunch.len(), 1);
    let r = build(
        &lunch,
        &policy,
        ME,
        Week::parse("2026-W49").unwrap(),
        &[],
        0,
    );
    assert_eq!(r.meetings.len(), 1);
    assert_eq!(r.meetings[0].summary, "Lunch & learn: <b>Rust</b> async");
    let page = html::render(&r);
    assert!(
        page.contains("<b>Lunch &amp; learn: &lt;b&gt;Rust&lt;/b&gt; async</b>"),
        "{page}"
    );
    assert!(!page.contains("<b>Rust</b>"), "{page}");
    let text = text::render(&r);
    assert!(
        text.contains("  1. Lunch & learn: <b>Rust</b> async: 53 min of focus (30 min)"),
        "{text}"
    );
}

#[test]
fn a_hostile_title_is_escaped_in_the_html_and_flattened_in_the_text() {
    let policy = Policy::default();
    let week = Week::parse("2026-W49").unwrap();
    let hostile =
        "<script>alert(1)</script>\"><img src=x onerror=alert(2)>\r\nBcc: victim@example.com";
    let instances = vec![
        meeting("h", hostile, utc(2026, 12, 1, 10, 0), 60),
        meeting("h2", hostile, utc(2026, 12, 2, 10, 0), 60),
    ];
    let decline = Audit {
        created: utc(2026, 12, 1, 8, 0),
        action: Action::Decline {
            event: EventRef {
                id: "h".into(),
                recurrence_id: None,
            },
            summary: hostile.into(),
            start: utc(2026, 12, 3, 10, 0),
            comment: String::new(),
            notify: true,
            rule: Rule::Agenda,
            organizer: None,
            me: ME.into(),
        },
        reason: format!("no agenda in {hostile}"),
        status: "done".into(),
        undoes: None,
    };
    let r = build(&instances, &policy, ME, week, &[decline], 0);
    assert!(!r.meetings.is_empty());
    let page = html::render(&r);
    assert!(!page.contains("<script"), "{page}");
    assert!(!page.contains("<img"), "{page}");
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&gt;&lt;img"));
    let text = text::render(&r);
    assert!(!text.contains('\r'));
    assert!(!text.lines().any(|l| l.starts_with("Bcc:")), "{text}");
    assert_eq!(html::escape("a&b<'\"\u{1b}"), "a&amp;b&lt;&#39;&quot; ");
}

#[test]
fn the_report_is_due_once_its_slot_has_passed_until_the_week_ends() {
    let policy = crate::settings::load_policy(&[
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/platform.toml")
    ])
    .unwrap();
    let w49 = Week::parse("2026-W49").unwrap();
    // Friday 16:00 in Berlin is 15:00 UTC.
    assert_eq!(slot(&policy, w49), utc(2026, 12, 4, 15, 0));
    let never = |_: Week| false;
    assert_eq!(due(&policy, utc(2026, 12, 4, 14, 59), never), None);
    assert_eq!(due(&policy, utc(2026, 12, 4, 15, 0), never), Some(w49));
    // Missed while off: still due on Sunday evening, not on Monday.
    assert_eq!(due(&policy, utc(2026, 12, 6, 22, 0), never), Some(w49));
    assert_eq!(due(&policy, utc(2026, 12, 6, 23, 30), never), None);
    assert_eq!(due(&policy, utc(2026, 12, 5, 9, 0), |w| w == w49), None);
    assert_eq!(
        next_slot(&policy, utc(2026, 12, 4, 14, 0)),
        Some(utc(2026, 12, 4, 15, 0))
    );
    assert_eq!(
        next_slot(&policy, utc(2026, 12, 4, 15, 0)),
        Some(utc(2026, 12, 11, 15, 0))
    );
    let mut off = policy.clone();
    off.report.to.clear();
    assert_eq!(due(&off, utc(2026, 12, 4, 15, 0), never), None);
    assert_eq!(next_slot(&off, utc(2026, 12, 4, 15, 0)), None);
    // The team report: at the same slot, with members and team_to, whatever report.to says.
    assert_eq!(team_due(&off, utc(2026, 12, 4, 15, 0), never), None);
    off.team.members = vec!["ana@example.com".into()];
    assert_eq!(team_due(&off, utc(2026, 12, 4, 15, 0), never), None);
    off.report.team_to = vec!["lead@example.com".into()];
    assert_eq!(team_due(&off, utc(2026, 12, 4, 14, 59), never), None);
    assert_eq!(team_due(&off, utc(2026, 12, 4, 15, 0), never), Some(w49));
    assert_eq!(team_due(&off, utc(2026, 12, 5, 9, 0), |w| w == w49), None);
    assert_eq!(
        next_slot(&off, utc(2026, 12, 4, 15, 0)),
        Some(utc(2026, 12, 11, 15, 0))
    );
}

/// The week the slot's report covers: the slot's own week when the slot falls on or after
/// its last working day (the default Friday), else the complete week before (a Monday slot).
#[test]
fn the_report_mailed_at_a_slot_covers_a_complete_week() {
    let mut policy = crate::settings::load_policy(&[
        Path::new(env!("CARGO_MANIFEST_DIR")).join("policies/platform.toml")
    ])
    .unwrap();
    let (w48, w49, w50) = (
        Week::parse("2026-W48").unwrap(),
        Week::parse("2026-W49").unwrap(),
        Week::parse("2026-W50").unwrap(),
    );
    let never = |_: Week| false;
    // Friday 16:00, Monday to Friday: the slot is on the last working day, so its own week.
    assert_eq!(policy.report.weekday.0, Weekday::Fri);
    assert_eq!(reported_week(&policy, w49), w49);
    assert_eq!(due(&policy, utc(2026, 12, 4, 15, 0), never), Some(w49));
    // Monday 09:00 (08:00 UTC): the week has just begun, so the one that ended.
    policy.report.weekday = crate::policy::Day(Weekday::Mon);
    policy.report.time = crate::policy::ClockTime(NaiveTime::from_hms_opt(9, 0, 0).unwrap());
    assert_eq!(reported_week(&policy, w50), w49);
    assert_eq!(slot(&policy, w50), utc(2026, 12, 7, 8, 0));
    assert_eq!(due(&policy, utc(2026, 12, 7, 7, 59), never), None);
    assert_eq!(due(&policy, utc(2026, 12, 7, 8, 0), never), Some(w49));
    // Recorded by the week it covers: sent for W49, not due again in W50.
    assert_eq!(due(&policy, utc(2026, 12, 7, 9, 0), |w| w == w49), None);
    assert_eq!(
        due(&policy, utc(2026, 12, 7, 9, 0), |w| w == w50),
        Some(w49)
    );
    // Missed: still due until the slot's week ends (Sunday 13 December, 23:00 UTC).
    assert_eq!(due(&policy, utc(2026, 12, 13, 22, 59), never), Some(w49));
    assert_eq!(due(&policy, utc(2026, 12, 14, 7, 0), never), None);
    assert_eq!(due(&policy, utc(2026, 12, 14, 8, 0), never), Some(w50));
    // Earlier in the same Monday-slot week, the week before that.
    assert_eq!(reported_week(&policy, w49), w48);
    // The team report follows the same rule.
    policy.team.members = vec!["ana@example.com".into()];
    policy.report.team_to = vec!["lead@example.com".into()];
    assert_eq!(team_due(&policy, utc(2026, 12, 7, 8, 0), never), Some(w49));
    // The last working day is the policy's: a Friday slot in a week that works Saturdays
    // reports the week before; a Saturday slot in a Monday-to-Friday week, its own.
    policy.report.weekday = crate::policy::Day(Weekday::Fri);
    policy
        .working_hours
        .days
        .push(crate::policy::Day(Weekday::Sat));
    assert_eq!(reported_week(&policy, w49), w48);
    policy.working_hours.days.pop();
    policy.report.weekday = crate::policy::Day(Weekday::Sat);
    assert_eq!(reported_week(&policy, w49), w49);
    // No working day listed: only a Sunday slot is at the end of its week.
    policy.working_hours.days.clear();
    assert_eq!(reported_week(&policy, w49), w48);
    policy.report.weekday = crate::policy::Day(Weekday::Sun);
    assert_eq!(reported_week(&policy, w49), w49);
}

#[test]
fn a_spread_is_median_quartiles_and_ends() {
    use team::Spread;
    assert_eq!(Spread::of(&mut []), Spread::default());
    let s = Spread::of(&mut [5, 1, 3, 2, 4]);
    assert_eq!((s.median, s.p25, s.p75, s.min, s.max), (3, 2, 4, 1, 5));
    assert_eq!(Spread::of(&mut [7]).median, 7);
}

/// Titles stay out of the team report unless the policy shows them; per-person rows too.
#[test]
fn the_team_report_names_no_one_by_default() {
    let mut policy = Policy::default();
    let week = Week::parse("2026-W49").unwrap();
    let mut series = meeting("s", "Secret series", utc(2026, 12, 1, 10, 30), 30);
    series.recurrence_id = Some(series.start);
    let cal_a = vec![series.clone()];
    let cal_b = vec![series];
    let members = [
        team::Member {
            address: ME,
            instances: &cal_a,
        },
        team::Member {
            address: ME,
            instances: &cal_b,
        },
    ];
    let r = team::build(&members, &policy, week, 0);
    assert_eq!(r.members, 2);
    assert_eq!(r.meetings.len(), 1);
    assert_eq!(r.meetings[0].members, 2);
    assert_eq!(r.meetings[0].summary, None);
    assert!(r.people.is_none());
    let all = format!("{}{}", team::text(&r), serde_json::to_string(&r).unwrap());
    assert!(!all.contains("Secret") && !all.contains(ME), "{all}");
    policy.report.show_titles = true;
    policy.report.per_person = true;
    let r = team::build(&members, &policy, week, 0);
    assert_eq!(r.meetings[0].summary.as_deref(), Some("Secret series"));
    assert_eq!(r.people.as_ref().unwrap().len(), 2);
}

/// With `meetings.cost_per_hour`, the team report's series shows its money cost summed over
/// the members, written as the personal report writes it.
#[test]
fn the_team_report_shows_a_series_money_cost_when_a_rate_is_set() {
    let mut policy = Policy::default();
    policy.meetings.cost_per_hour = Some(60.0);
    let week = Week::parse("2026-W49").unwrap();
    let mut series = meeting("s", "Series", utc(2026, 12, 1, 10, 30), 30);
    series.recurrence_id = Some(series.start);
    let cal = vec![series];
    let members = [
        team::Member {
            address: ME,
            instances: &cal,
        },
        team::Member {
            address: ME,
            instances: &cal,
        },
    ];
    let r = team::build(&members, &policy, week, 0);
    // Two attendees, 30 minutes and R = 23, at 60 an hour: 106.00 a member, for two members.
    assert_eq!(r.meetings[0].cost, Some(212.0));
    let text = team::text(&r);
    assert!(
        text.contains("(2 instances, 212.00 in people's time)"),
        "{text}"
    );
    let page = team::html(&r);
    assert!(
        page.contains("(2 instances, 212.00 in people&#39;s time)"),
        "{page}"
    );
}
