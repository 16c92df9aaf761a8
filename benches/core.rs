//! Speed targets of the pure core (issue: core):
//! - analyze + plan + triage of one busy engineer's year (~3,000 instances): under 20 ms;
//! - a 500-person organisation's year (~1.5 million instances, each person analyzed with
//!   their own calendar): under 2 s on 2 cores.
//!
//! - the worst valid calendar for the model: one `FREQ=SECONDLY` event of an hour, which puts
//!   100,000 meetings (the reader's cap per series) on one day, each overlapping 3,600 others:
//!   read, analyzed (each meeting's focus loss), planned and triaged in under 0.2 s, the
//!   analysis alone in a few tens of milliseconds; and triaged as an invitation with a status
//!   title, where each of the 100,000 instances is decided and priced on its own (linear, but
//!   seconds: the agenda and title rules run per instance).
//!
//! - the team report of one week over 500 members (their calendars as read for the week,
//!   ~60 instances each): well under a second.
//!
//! Run with `cargo bench --bench core`. Calendars are generated, deterministically.

use std::sync::Arc;

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use focusd::event::{Attendee, EventDetails, Instance, Response};
use focusd::model::{self, Timeline};
use focusd::policy::Policy;
use focusd::{planner, triage};

const ME: &str = "me@example.com";

/// xorshift64*: small, deterministic, good enough for test data.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

/// A pool of event texts shared by every calendar, as series share their details.
fn pool() -> Vec<Arc<EventDetails>> {
    let titles = [
        "Daily stand-up",
        "Sync",
        "Weekly status",
        "Design review",
        "1:1",
        "Sprint demo",
        "Planning",
        "Customer call",
        "Brainstorm",
        "Retro",
    ];
    let mut out = Vec::new();
    for (i, title) in titles.iter().enumerate() {
        for response in [
            Response::Accepted,
            Response::NeedsAction,
            Response::Tentative,
            Response::Declined,
        ] {
            let mut attendees = vec![Attendee {
                email: ME.into(),
                response,
                comment: None,
            }];
            attendees.extend((0..(i % 9) + 1).map(|k| Attendee {
                email: format!("colleague{k}@example.com"),
                response: Response::Accepted,
                comment: None,
            }));
            let description = if i % 3 == 0 {
                "Join with Google Meet: https://meet.google.com/abc-defg-hij".to_string()
            } else {
                "Agenda:\n- Where we are\n- What blocks us\nNotes: https://docs.google.com/document/d/x".to_string()
            };
            out.push(Arc::new(EventDetails {
                uid: format!("{title}-{response:?}"),
                summary: title.to_string(),
                description,
                organizer: Some("colleague0@example.com".into()),
                attendees,
                ..Default::default()
            }));
        }
    }
    out
}

/// One busy engineer's year: about twelve meetings each working day.
fn year(seed: u64, pool: &[Arc<EventDetails>]) -> Vec<Instance> {
    let mut rng = Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1);
    let zone = chrono_tz::Europe::Berlin;
    let mut out = Vec::with_capacity(3200);
    let first = NaiveDate::from_ymd_opt(2026, 1, 1).unwrap();
    for date in model::dates(first, NaiveDate::from_ymd_opt(2026, 12, 31).unwrap()) {
        if chrono::Datelike::weekday(&date).num_days_from_monday() >= 5 {
            continue;
        }
        for _ in 0..12 {
            let minute = 8 * 60 + rng.below(10 * 4) as u32 * 15;
            let start = zone
                .from_local_datetime(&date.and_hms_opt(minute / 60, minute % 60, 0).unwrap())
                .earliest()
                .unwrap()
                .with_timezone(&Utc);
            let length = [15, 30, 30, 45, 60, 60, 90][rng.below(7) as usize];
            out.push(Instance {
                details: pool[rng.below(pool.len() as u64) as usize].clone(),
                recurrence_id: None,
                start,
                end: start + Duration::minutes(length),
                all_day: false,
            });
        }
    }
    out
}

fn policy() -> Policy {
    let mut p = Policy::default();
    p.team.timezone = chrono_tz::Europe::Berlin;
    p
}

/// The whole job for one person: a year's analysis, the plan and the triage.
fn job(instances: &[Instance], policy: &Policy, now: DateTime<Utc>) -> usize {
    let timeline = Timeline::new(instances, ME);
    let analysis = model::analyze(
        &timeline,
        policy,
        NaiveDate::from_ymd_opt(2026, 1, 1).unwrap(),
        NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
    );
    let plan = planner::plan(&timeline, policy, ME, now);
    let decisions = triage::triage(&timeline, policy, ME, now);
    analysis.meetings.len() + plan.blocks.len() + decisions.len()
}

fn benches(c: &mut Criterion) {
    let pool = pool();
    let policy = policy();
    let now = Utc.with_ymd_and_hms(2026, 6, 1, 7, 0, 0).unwrap();

    let one = year(1, &pool);
    eprintln!("one engineer's year: {} instances", one.len());
    c.bench_function("engineer_year_analyze_plan_triage", |b| {
        b.iter(|| job(std::hint::black_box(&one), &policy, now))
    });

    // The agenda detector on a hostile megabyte: HTML soup with an agenda at the very end.
    let chunk = "<div><p>Hello <b>team</b>&nbsp;&amp;</p><a href=\"https://meet.google.com/x\">join</a>\r\n";
    let mut soup = chunk.repeat((1 << 20) / chunk.len() + 1);
    soup.push_str("\nAgenda: the end");
    let hostile = EventDetails {
        description: soup.clone(),
        html_description: Some(soup),
        ..Default::default()
    };
    eprintln!("hostile description: {} bytes", hostile.description.len());
    c.bench_function("agenda_detect_hostile_1mib", |b| {
        b.iter(|| focusd::agenda::detect(std::hint::black_box(&hostile)).present)
    });

    // The signature learning on a hostile calendar: three invitations of one organizer, each
    // a signature whose contact line is followed by 100,000 short lines (linear, not
    // quadratic, in the lines a signature holds).
    let mut signature = String::from("Hi\n\nBest,\n\n--\nDana Reyes\nM: +1 646 813 7924\n");
    for k in 0..100_000 {
        signature.push_str(&format!("Line {k}\n"));
    }
    let hostile_calendar: Vec<EventDetails> = ["Intro", "Pricing", "Review"]
        .iter()
        .map(|title| EventDetails {
            summary: (*title).into(),
            organizer: Some("dana@example.com".into()),
            description: format!("{title}\n{signature}"),
            ..Default::default()
        })
        .collect();
    c.bench_function("agenda_learn_hostile_signatures_300k_lines", |b| {
        b.iter(|| focusd::agenda::Signatures::learn(std::hint::black_box(&hostile_calendar)).len())
    });

    // One event every second, each an hour long, all day: read, then analyzed (every
    // meeting's focus loss), planned and triaged as the CLI runs them. Then the same series
    // as an invitation with a status title, whose triage prices each of its instances.
    let secondly = "BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nUID:sec\r\nDTSTART:20260601T000000Z\r\n\
        DTEND:20260601T010000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:every second\r\n\
        END:VEVENT\r\nEND:VCALENDAR\r\n";
    let invitation = secondly.replace(
        "SUMMARY:every second\r\n",
        "SUMMARY:Weekly status\r\nDESCRIPTION:Agenda: the numbers\r\n\
         ORGANIZER:mailto:boss@example.com\r\nATTENDEE;PARTSTAT=ACCEPTED:mailto:boss@example.com\r\n\
         ATTENDEE;PARTSTAT=ACCEPTED:mailto:colleague1@example.com\r\n\
         ATTENDEE;PARTSTAT=NEEDS-ACTION:mailto:me@example.com\r\n",
    );
    let mut all_day = policy.clone();
    all_day.working_hours.days = (0..7)
        .map(|d| focusd::policy::Day(chrono::Weekday::try_from(d).unwrap()))
        .collect();
    all_day.working_hours.start = focusd::policy::ClockTime(chrono::NaiveTime::MIN);
    all_day.working_hours.end =
        focusd::policy::ClockTime(chrono::NaiveTime::from_hms_opt(23, 59, 0).unwrap());
    let day = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let before = Utc.with_ymd_and_hms(2026, 5, 31, 23, 0, 0).unwrap();
    let read = |text: &str| {
        focusd::ical::parse_ics(
            text,
            std::path::Path::new("secondly.ics"),
            &focusd::ical::ReadOptions {
                zone: all_day.zone(),
                from: Utc.with_ymd_and_hms(2026, 5, 31, 0, 0, 0).unwrap(),
                to: Utc.with_ymd_and_hms(2026, 6, 3, 0, 0, 0).unwrap(),
            },
        )
        .0
    };
    let instances = read(secondly);
    eprintln!("secondly series: {} instances", instances.len());
    let mut group = c.benchmark_group("worst_day");
    group.sample_size(10);
    group.bench_function("secondly_series_read_analyze_plan_triage", |b| {
        b.iter(|| {
            let instances = read(std::hint::black_box(secondly));
            let timeline = Timeline::new(&instances, ME);
            let analysis = model::analyze(&timeline, &all_day, day, day);
            let plan = planner::plan(&timeline, &all_day, ME, before);
            let decisions = triage::triage(&timeline, &all_day, ME, before);
            analysis.meetings.len() + plan.blocks.len() + decisions.len()
        })
    });
    group.bench_function("secondly_series_analyze", |b| {
        let timeline = Timeline::new(&instances, ME);
        b.iter(|| {
            model::analyze(std::hint::black_box(&timeline), &all_day, day, day)
                .meetings
                .len()
        })
    });
    let invitations = read(&invitation);
    group.bench_function("secondly_invitation_triage", |b| {
        let timeline = Timeline::new(&invitations, ME);
        b.iter(|| triage::triage(std::hint::black_box(&timeline), &all_day, ME, before).len())
    });
    group.finish();

    let org: Vec<Vec<Instance>> = (0..500).map(|i| year(i + 1, &pool)).collect();
    eprintln!(
        "organisation's year: {} calendars, {} instances",
        org.len(),
        org.iter().map(Vec::len).sum::<usize>()
    );
    let mut group = c.benchmark_group("organisation");
    group.sample_size(10);
    group.bench_function("org_year_500_people_2_threads", |b| {
        b.iter(|| {
            std::thread::scope(|s| {
                let handles: Vec<_> = org
                    .chunks(org.len().div_ceil(2))
                    .map(|chunk| {
                        let policy = &policy;
                        s.spawn(move || {
                            chunk.iter().map(|cal| job(cal, policy, now)).sum::<usize>()
                        })
                    })
                    .collect();
                handles
                    .into_iter()
                    .map(|h| h.join().unwrap())
                    .sum::<usize>()
            })
        })
    });
    // The team report of one week over 500 members (issue: report): their calendars as
    // the reader gives them for that week, half of each member's meetings in series shared
    // across the team.
    let week = focusd::report::Week::parse("2026-W23").unwrap();
    let (from, to) = week.range(&policy);
    let members: Vec<Vec<Instance>> = org
        .iter()
        .map(|cal| {
            cal.iter()
                .filter(|i| i.end > from && i.start < to)
                .enumerate()
                .map(|(k, i)| Instance {
                    recurrence_id: (k % 2 == 0).then_some(i.start),
                    ..i.clone()
                })
                .collect()
        })
        .collect();
    eprintln!(
        "team week: {} members, {} instances",
        members.len(),
        members.iter().map(Vec::len).sum::<usize>()
    );
    group.bench_function("team_report_week_500_members", |b| {
        b.iter(|| {
            let team: Vec<focusd::report::team::Member> = members
                .iter()
                .map(|m| focusd::report::team::Member {
                    address: ME,
                    instances: m,
                })
                .collect();
            focusd::report::team::build(std::hint::black_box(&team), &policy, week, 0).members
        })
    });
    group.finish();
}

criterion_group!(core, benches);
criterion_main!(core);
