//! Writes a large single-file calendar (see `benches/support/big_calendar.rs`), for
//! measuring `focusd run --once` and `focusd analyze` on it.
//!
//! `cargo run --release --example gen_big_calendar -- FILE [MEGABYTES]` (default 100 MB,
//! about 350,000 VEVENTs); the same bytes for the same size on every machine.

#[path = "../benches/support/big_calendar.rs"]
mod big_calendar;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(file) = args.next() else {
        eprintln!("usage: gen_big_calendar FILE [MEGABYTES]");
        std::process::exit(2);
    };
    let megabytes: usize = args.next().and_then(|m| m.parse().ok()).unwrap_or(100);
    let generated = big_calendar::generate(megabytes * 1_000_000);
    std::fs::write(&file, &generated.text)?;
    eprintln!(
        "wrote {} bytes, {} VEVENTs to {file}; try --me {} --now {}",
        generated.text.len(),
        generated.vevents,
        big_calendar::ME,
        big_calendar::NOW
    );
    Ok(())
}
