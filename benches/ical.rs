//! Speed of the reader on a large single-file calendar (issue "Writes that lose nothing",
//! section 4). The targets are for the 100 MB file of `examples/gen_big_calendar.rs` (about
//! 350,000 VEVENTs over nine years), `focusd run --once` in release on 2 cores: under 2 s per
//! cycle and under 400 MB resident. Here the same generator writes 20 MB (about 70,000
//! VEVENTs, the same nine years, a fifth as many events a day), so that `cargo bench` stays
//! short; every measure below grows linearly with the file's size (see ARCHITECTURE.md,
//! "Performance", for the 100 MB numbers).
//!
//! - `read_cycle_window`: a daemon cycle's read, today to the end of a ten-day horizon;
//! - `read_first_sync_window`: the first cycle's read, a year further;
//! - `resolve_one_uid`: what a write reads to find its VEVENT (one UID over the whole text,
//!   three times per write: before, on the new text, and read back).
//!
//! Run with `cargo bench --bench ical`.

#[path = "support/big_calendar.rs"]
mod big_calendar;

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use focusd::ical::{self, ReadOptions};

const MEGABYTES: usize = 20;

fn benches(c: &mut Criterion) {
    let generated = big_calendar::generate(MEGABYTES * 1_000_000);
    let text = generated.text;
    let now: DateTime<Utc> = DateTime::parse_from_rfc3339(big_calendar::NOW)
        .expect("a valid time")
        .with_timezone(&Utc);
    let zone = chrono_tz::Europe::Berlin;
    let cycle = ReadOptions {
        zone,
        from: now,
        to: now + Duration::days(11),
    };
    let first = ReadOptions {
        to: cycle.to + Duration::days(365),
        ..cycle
    };
    let path = Path::new("big.ics");
    for (name, opts) in [("cycle", &cycle), ("first sync", &first)] {
        let (instances, diags) = ical::parse_ics(&text, path, opts);
        eprintln!(
            "{} bytes, {} VEVENTs; {name} window: {} instances, {} diagnostics",
            text.len(),
            generated.vevents,
            instances.len(),
            diags.len()
        );
    }
    // One of the user's meetings in the cycle's window.
    let (instances, _) = ical::parse_ics(&text, path, &cycle);
    let uid = instances
        .iter()
        .find(|i| i.details.attendees.len() > 2)
        .map(|i| i.details.uid.clone())
        .unwrap_or_default();
    let held = ical::resolve(&[(path, &text)], &uid, &cycle);
    eprintln!(
        "{uid}: {} VEVENTs, {} instances around now",
        held.vevents.len(),
        held.instances.len()
    );

    let mut group = c.benchmark_group("ical_20mb");
    group.sample_size(10);
    group.bench_function("read_cycle_window", |b| {
        b.iter(|| {
            ical::parse_ics(std::hint::black_box(&text), path, &cycle)
                .0
                .len()
        })
    });
    group.bench_function("read_first_sync_window", |b| {
        b.iter(|| {
            ical::parse_ics(std::hint::black_box(&text), path, &first)
                .0
                .len()
        })
    });
    group.bench_function("resolve_one_uid", |b| {
        b.iter(|| {
            ical::resolve(&[(path, std::hint::black_box(&text))], &uid, &cycle)
                .vevents
                .len()
        })
    });
    group.finish();
}

criterion_group!(ical_bench, benches);
criterion_main!(ical_bench);
