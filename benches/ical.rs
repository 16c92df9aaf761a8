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
//! - `resolve_one_uid`: what a write reads to find its VEVENT (one UID over the whole text);
//! - `write_five_blocks_at_once`: a cycle's writes to the file as the daemon makes them, one
//!   batch (`Calendar::write_all`): the file read and hashed once, the five UIDs resolved in
//!   one pass, spliced in, checked in one more pass, and the file replaced once (fsynced);
//! - `write_five_blocks_one_by_one`: the same five writes, each its own batch, for
//!   comparison.
//!
//! Run with `cargo bench --bench ical`.

#[path = "support/big_calendar.rs"]
mod big_calendar;

use std::path::Path;

use chrono::{DateTime, Duration, Utc};
use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use focusd::backend::local::LocalCalendar;
use focusd::backend::{BlockWrite, Calendar, Write};
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
    let blocks: Vec<BlockWrite> = (0..5)
        .map(|d| BlockWrite {
            id: format!("focusd-bench-{d}"),
            start: now + Duration::days(d) + Duration::hours(6),
            end: now + Duration::days(d) + Duration::hours(8),
            title: "Focus time".into(),
            decline_message: "In a focus block".into(),
        })
        .collect();
    let writes: Vec<Write<'_>> = blocks.iter().map(Write::PutBlock).collect();
    let dir = tempfile::tempdir().expect("a temporary folder");
    let file = dir.path().join("big.ics");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("a runtime");
    let fresh = || {
        std::fs::write(&file, &text).expect("the calendar written");
        LocalCalendar::new(&file, zone, big_calendar::ME)
    };
    group.bench_function("write_five_blocks_at_once", |b| {
        b.iter_batched(
            fresh,
            |mut cal| {
                let outcomes = runtime.block_on(cal.write_all(&writes));
                assert!(outcomes.iter().all(|o| o.is_ok()), "{outcomes:?}");
            },
            BatchSize::PerIteration,
        )
    });
    group.bench_function("write_five_blocks_one_by_one", |b| {
        b.iter_batched(
            fresh,
            |mut cal| {
                for w in &writes {
                    let outcome = runtime.block_on(cal.write_all(std::slice::from_ref(w)));
                    assert!(outcome.iter().all(|o| o.is_ok()), "{outcome:?}");
                }
            },
            BatchSize::PerIteration,
        )
    });
    group.finish();
}

criterion_group!(ical_bench, benches);
criterion_main!(ical_bench);
