//! Writes a busy engineer's year as a vdir folder (one `.ics` file per event), for measuring
//! `focusd analyze` against other calendar tools on the same data.
//!
//! `cargo run --release --example gen_vdir -- DIR [YEAR]`

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next().map(PathBuf::from) else {
        eprintln!("usage: gen_vdir DIR [YEAR]");
        std::process::exit(2);
    };
    let year: i32 = args.next().and_then(|y| y.parse().ok()).unwrap_or(2026);
    std::fs::create_dir_all(&dir)?;
    let titles = [
        "Sync",
        "Design review",
        "Planning",
        "Customer call",
        "Retro",
        "Pairing",
    ];
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move |n: u64| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed % n
    };
    let mut files = 0;
    let write = |name: String, body: String| -> std::io::Result<()> {
        let text = format!(
            "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//focusd//gen_vdir//EN\r\n{body}END:VCALENDAR\r\n"
        );
        std::fs::write(dir.join(name), text)
    };
    // A daily stand-up and a weekly 1:1 as recurring series.
    write(
        "standup.ics".into(),
        format!(
            "BEGIN:VEVENT\r\nUID:standup\r\nDTSTAMP:{year}0101T000000Z\r\nSUMMARY:Daily stand-up\r\n\
             DTSTART;TZID=Europe/Berlin:{year}0105T093000\r\nDURATION:PT15M\r\n\
             RRULE:FREQ=DAILY;BYDAY=MO,TU,WE,TH,FR;UNTIL={year}1231T235959Z\r\n\
             ORGANIZER:mailto:lead@example.com\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:me@example.com\r\n\
             ATTENDEE;PARTSTAT=ACCEPTED:mailto:lead@example.com\r\nEND:VEVENT\r\n"
        ),
    )?;
    write(
        "one-on-one.ics".into(),
        format!(
            "BEGIN:VEVENT\r\nUID:one-on-one\r\nDTSTAMP:{year}0101T000000Z\r\nSUMMARY:1:1\r\n\
             DTSTART;TZID=America/New_York:{year}0106T090000\r\nDURATION:PT30M\r\n\
             RRULE:FREQ=WEEKLY;BYDAY=TU;COUNT=52\r\nEND:VEVENT\r\n"
        ),
    )?;
    files += 2;
    let first = chrono::NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year");
    let mut date = first;
    while chrono::Datelike::year(&date) == year {
        if chrono::Datelike::weekday(&date).num_days_from_monday() < 5 {
            for k in 0..11 {
                let minute = 9 * 60 + 45 + next(28) * 15;
                let length = [30, 30, 45, 60, 60, 90][next(6) as usize];
                let mut body = String::new();
                let uid = format!("{}-{k}", date.format("%Y%m%d"));
                let _ = write!(
                    body,
                    "BEGIN:VEVENT\r\nUID:{uid}\r\nDTSTAMP:{year}0101T000000Z\r\n\
                     SUMMARY:{}\r\nDTSTART;TZID=Europe/Berlin:{}T{:02}{:02}00\r\n\
                     DURATION:PT{length}M\r\nORGANIZER:mailto:colleague@example.com\r\n\
                     ATTENDEE;PARTSTAT={}:mailto:me@example.com\r\n\
                     ATTENDEE;PARTSTAT=ACCEPTED:mailto:colleague@example.com\r\n\
                     DESCRIPTION:Agenda:\\n- status\\n- next steps\r\nEND:VEVENT\r\n",
                    titles[next(titles.len() as u64) as usize],
                    date.format("%Y%m%d"),
                    minute / 60,
                    minute % 60,
                    [
                        "ACCEPTED",
                        "ACCEPTED",
                        "TENTATIVE",
                        "NEEDS-ACTION",
                        "DECLINED"
                    ][next(5) as usize],
                );
                write(format!("{uid}.ics"), body)?;
                files += 1;
            }
        }
        date = date.succ_opt().expect("valid date");
    }
    eprintln!("wrote {files} files to {}", dir.display());
    Ok(())
}
