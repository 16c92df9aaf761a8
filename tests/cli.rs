//! The command line as a user runs it: the real binary, the bundled examples and policies.

use std::path::PathBuf;
use std::process::{Command, Output};

use serde_json::Value;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn focusd(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_focusd"))
        .args(args)
        .current_dir(root())
        // No configuration from the machine running the tests.
        .env("XDG_CONFIG_HOME", root().join("tests/no-config"))
        .output()
        .expect("focusd runs")
}

fn ok_json(args: &[&str]) -> Value {
    let out = focusd(args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "focusd {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("valid JSON on stdout")
}

/// `focusd analyze` of 2026-12-01 alone, with `extra` flags.
fn analyze_day(calendar: &str, policy: &str, extra: &[&str]) -> Output {
    let mut args = vec![
        "analyze",
        "--calendar",
        calendar,
        "--policy",
        policy,
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-01",
    ];
    args.extend(extra);
    focusd(&args)
}

const WEEK: [&str; 6] = [
    "--calendar",
    "examples/week.ics",
    "--policy",
    "policies/platform.toml",
    "--me",
    "alex@example.com",
];
const NOW: [&str; 2] = ["--now", "2026-11-30T08:00:00+01:00"];

#[test]
fn worked_example_prints_the_specs_numbers() {
    let v = ok_json(&[
        "analyze",
        "--calendar",
        "examples/worked-example.ics",
        "--policy",
        "examples/worked-example.toml",
        "--from",
        "2026-12-01",
        "--to",
        "2026-12-01",
        "--json",
    ]);
    let day = &v["days"][0];
    assert_eq!(day["date"], "2026-12-01");
    for (key, want) in [
        ("working_minutes", 480),
        ("meeting_minutes", 195),
        ("refocus_minutes", 69),
        ("focus_minutes", 149),
        ("fragmented_minutes", 67),
        ("switches", 3),
    ] {
        assert_eq!(day[key], want, "{key}");
        assert_eq!(v["totals"][key], want, "totals.{key}");
    }
    let losses: Vec<(String, i64)> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| {
            (
                m["start"].as_str().unwrap().to_string(),
                m["focus_loss_minutes"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        losses,
        [
            ("2026-12-01T09:30:00+00:00", 120),
            ("2026-12-01T11:00:00+00:00", 97),
            ("2026-12-01T12:00:00+00:00", 30),
            ("2026-12-01T14:00:00+00:00", 38),
            ("2026-12-01T16:00:00+00:00", 60),
        ]
        .map(|(s, l)| (s.to_string(), l))
    );
    // The instance's own times, not clipped to the working window.
    assert_eq!(v["meetings"][4]["end"], "2026-12-01T17:30:00+00:00");
    assert_eq!(v["meetings"][0]["uid"], "worked-1");
    assert_eq!(v["meetings"][0]["summary"], "Stand-up");
}

#[test]
fn analyze_the_example_week() {
    let mut args = vec!["analyze"];
    args.extend(WEEK);
    args.extend(["--from", "2026-11-30", "--to", "2026-12-06", "--json"]);
    let v = ok_json(&args);
    let days = v["days"].as_array().unwrap();
    // Monday to Friday are working days; the weekend has no window.
    assert_eq!(days.len(), 5);
    for d in days {
        let sum: i64 = [
            "meeting_minutes",
            "refocus_minutes",
            "focus_minutes",
            "fragmented_minutes",
        ]
        .iter()
        .map(|k| d[*k].as_i64().unwrap())
        .sum();
        assert_eq!(sum, d["working_minutes"].as_i64().unwrap(), "{d}");
    }
    // Friday: the dentist (out of office 13:00-15:00) leaves 6.5 working hours.
    assert_eq!(days[4]["working_minutes"], 510 - 120);
    let summaries: Vec<&str> = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["summary"].as_str().unwrap())
        .collect();
    // Declined, all-day and out-of-office events are not meetings; tentative ones are.
    assert!(!summaries.contains(&"Town hall"));
    assert!(!summaries.contains(&"Team offsite (all day)"));
    assert!(!summaries.contains(&"Dentist"));
    assert!(summaries.contains(&"Hiring sync"));
    // The stand-up is skipped on Wednesday and moved on Thursday.
    assert_eq!(
        summaries
            .iter()
            .filter(|s| s.starts_with("Daily stand-up"))
            .count(),
        4
    );
    // The 1:1 is 09:00 in New York: 15:00 in Berlin.
    let one = v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|m| m["summary"] == "Alex / Sam 1:1")
        .unwrap();
    assert_eq!(one["start"], "2026-12-01T15:00:00+01:00");
}

#[test]
fn triage_the_example_week() {
    let mut args = vec!["triage"];
    args.extend(WEEK);
    args.extend(NOW);
    args.push("--json");
    let v = ok_json(&args);
    let decisions = v["decisions"].as_array().unwrap();
    let by_uid = |uid: &str| {
        decisions
            .iter()
            .find(|d| d["uid"] == uid)
            .unwrap_or_else(|| panic!("no decision for {uid}: {v}"))
    };
    let q1 = by_uid("q1-sync@example.com");
    assert_eq!(q1["action"], "decline");
    assert_eq!(q1["rule"], "agenda");
    assert_eq!(
        q1["reason"],
        "no agenda: the description is only a Google Meet join block; 45 min with 9 people"
    );
    assert_eq!(by_uid("api-design@example.com")["action"], "keep");
    assert_eq!(by_uid("status@example.com")["rule"], "status");
    assert_eq!(by_uid("demo@example.com")["rule"], "demo");
    assert_eq!(by_uid("brainstorm@example.com")["rule"], "read_ahead");
    assert_eq!(by_uid("brainstorm@example.com")["action"], "nudge");
    assert_eq!(by_uid("incident-review@example.com")["rule"], "exempt");
    // Answered events and the user's own are never decided on.
    for uid in [
        "standup@example.com",
        "town-hall@example.com",
        "hiring@example.com",
        "dentist@example.com",
    ] {
        assert!(
            decisions.iter().all(|d| d["uid"] != uid),
            "{uid} was triaged"
        );
    }
    for d in decisions {
        for key in ["uid", "summary", "start", "action", "rule", "reason"] {
            assert!(d.get(key).is_some(), "decision without {key}: {d}");
        }
    }
}

#[test]
fn plan_the_example_week() {
    let mut args = vec!["plan"];
    args.extend(WEEK);
    args.extend(NOW);
    args.push("--json");
    let v = ok_json(&args);
    let blocks = v["blocks"].as_array().unwrap();
    assert!(!blocks.is_empty());
    // The platform team keeps Tuesday and Thursday afternoons.
    assert!(
        blocks
            .iter()
            .any(|b| b["start"] == "2026-12-01T13:00:00+01:00" && b["team_window"] == true),
        "{v}"
    );
    for b in blocks {
        assert!(b["effective_minutes"].as_i64().unwrap() >= 90, "{b}");
        assert_eq!(b["action"], "book");
    }
    assert!(!v["decisions"].as_array().unwrap().is_empty());
    // Same input, same plan.
    assert_eq!(ok_json(&args), v);
}

#[test]
fn team_policies_differ_where_it_matters() {
    let run = |policy: &str| {
        ok_json(&[
            "triage",
            "--calendar",
            "examples/week.ics",
            "--policy",
            policy,
            "--me",
            "alex@example.com",
            "--now",
            "2026-11-30T08:00:00+01:00",
            "--json",
        ])
    };
    let action = |v: &Value, uid: &str| {
        v["decisions"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["uid"] == uid)
            .map(|d| d["action"].as_str().unwrap().to_string())
    };
    let platform = run("policies/platform.toml");
    let product = run("policies/product.toml");
    // The product team has no demo nudges and asks a read-ahead of kickoffs and brainstorms.
    assert_eq!(
        action(&platform, "demo@example.com").as_deref(),
        Some("nudge")
    );
    assert_eq!(
        action(&product, "demo@example.com").as_deref(),
        Some("keep")
    );
    // Every policy file in policies/ is valid.
    let mut files: Vec<String> = std::fs::read_dir(root().join("policies"))
        .unwrap()
        .map(|e| e.unwrap().path().display().to_string())
        .collect();
    files.sort();
    assert!(files.len() >= 3);
    let mut args = vec!["policy", "check"];
    args.extend(files.iter().map(String::as_str));
    let out = focusd(&args);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn default_policy_file_is_the_built_in_default() {
    let path = root().join("policies/default.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let file = focusd::policy::Policy::parse(&text, &path).unwrap();
    assert_eq!(file, focusd::policy::Policy::default());
}

#[test]
fn human_output_is_a_table() {
    let mut args = vec!["analyze"];
    args.extend(WEEK);
    args.extend(["--from", "2026-11-30", "--to", "2026-12-04"]);
    let out = focusd(&args);
    assert_eq!(out.status.code(), Some(0));
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("day              working  meeting  refocus    focus  fragmented switches"),
        "{text}"
    );
    assert!(text.contains("Mon 2026-11-30"), "{text}");
    assert!(text.contains("The most expensive meetings"), "{text}");
    let mut args = vec!["plan"];
    args.extend(WEEK);
    args.extend(NOW);
    let text = String::from_utf8(focusd(&args).stdout).unwrap();
    assert!(text.contains("book   Mon 2026-11-30"), "{text}");
    assert!(
        text.contains("decline  Tue 2026-12-01 10:00-10:45  Sync on Q1 planning"),
        "{text}"
    );
}

#[test]
fn exit_codes_follow_the_spec() {
    let dir = tempfile::tempdir().unwrap();
    // 78: a policy with a typo, named with file and line.
    let bad = dir.path().join("team.toml");
    std::fs::write(&bad, "[meetings]\nmax_atendees = 3\n").unwrap();
    let out = focusd(&["policy", "check", bad.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(78));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("team.toml:2: column 1: unknown field `max_atendees`"),
        "{err}"
    );
    // 65: a calendar that is not one.
    let junk = dir.path().join("junk.ics");
    std::fs::write(&junk, "this is not a calendar\n").unwrap();
    let out = analyze_day(junk.to_str().unwrap(), "policies/default.toml", &[]);
    assert_eq!(
        out.status.code(),
        Some(65),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stderr).contains("junk.ics"));
    let out = focusd(&[
        "analyze",
        "--calendar",
        "does/not/exist.ics",
        "--policy",
        "policies/default.toml",
    ]);
    assert_eq!(out.status.code(), Some(65));
    // 2: usage.
    assert_eq!(focusd(&["analyze", "--frm", "x"]).status.code(), Some(2));
    let out = focusd(&[
        "analyze",
        "--calendar",
        "examples/week.ics",
        "--policy",
        "policies/default.toml",
        "--from",
        "2026-12-02",
        "--to",
        "2026-12-01",
    ]);
    assert_eq!(out.status.code(), Some(2));
    let out = focusd(&[
        "plan",
        "--calendar",
        "examples/week.ics",
        "--policy",
        "policies/default.toml",
        "--now",
        "tomorrow",
    ]);
    assert_eq!(out.status.code(), Some(2));
    // --help explains the model's assumption.
    let out = focusd(&["analyze", "--help"]);
    assert_eq!(out.status.code(), Some(0));
    let help = String::from_utf8_lossy(&out.stdout)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(help.contains("The 23 minutes are a heuristic"), "{help}");
    assert!(help.contains("Gloria Mark"), "{help}");
}

/// The policy of the reader's differential review: every day, 00:00-23:59 UTC.
const REPRO_POLICY: &str = "[team]\nname = \"repro\"\ntimezone = \"UTC\"\n\n[working_hours]\n\
    days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]\n\
    start = \"00:00\"\nend = \"23:59\"\n";

/// `focusd analyze --json` of a review reproduction under its policy: exit code, the
/// meetings as (uid, start, end, focus loss), stderr.
fn analyze_repro(calendar: &str, from: &str, to: &str) -> (Option<i32>, Vec<Value>, String) {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("repro.toml");
    std::fs::write(&policy, REPRO_POLICY).unwrap();
    let out = focusd(&[
        "analyze",
        "--calendar",
        calendar,
        "--policy",
        policy.to_str().unwrap(),
        "--me",
        "me@example.com",
        "--from",
        from,
        "--to",
        to,
        "--json",
    ]);
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let meetings = json["meetings"].as_array().cloned().unwrap_or_default();
    (
        out.status.code(),
        meetings,
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn times(meetings: &[Value]) -> Vec<(String, String)> {
    meetings
        .iter()
        .map(|m| {
            (
                m["start"].as_str().unwrap().to_string(),
                m["end"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_reader_reviews_reproductions_print_what_is_right() {
    let fx = |name: &str| format!("tests/fixtures/ical/{name}");
    // A1: a VTIMEZONE named with an escaped comma.
    let (code, m, err) = analyze_repro(&fx("tzid_escaped_comma.ics"), "2024-01-15", "2024-01-15");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        times(&m),
        [(
            "2024-01-15T01:30:00+00:00".into(),
            "2024-01-15T02:30:00+00:00".into()
        )]
    );
    assert!(err.is_empty(), "{err}");
    // A2: `Europe/lisbon` is the file's own zone: three meetings, none a phantom.
    let (code, m, err) = analyze_repro(
        &fx("tzid_case_differs_from_iana.ics"),
        "2024-01-08",
        "2024-01-28",
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        times(&m),
        [
            (
                "2024-01-09T12:30:00+00:00".into(),
                "2024-01-09T13:30:00+00:00".into()
            ),
            (
                "2024-01-17T12:30:00+00:00".into(),
                "2024-01-17T13:30:00+00:00".into()
            ),
            (
                "2024-01-23T12:30:00+00:00".into(),
                "2024-01-23T13:30:00+00:00".into()
            ),
        ]
    );
    assert!(!err.contains("matches no occurrence"), "{err}");
    // c1: a floating DTEND on a New York DTSTART, east of New York: three one-hour meetings.
    let (code, m, err) = analyze_repro(
        &fx("floating_dtend_zoned_dtstart.ics"),
        "2024-01-15",
        "2024-01-17",
    );
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(
        times(&m),
        [
            (
                "2024-01-15T14:00:00+00:00".into(),
                "2024-01-15T15:00:00+00:00".into()
            ),
            (
                "2024-01-16T14:00:00+00:00".into(),
                "2024-01-16T15:00:00+00:00".into()
            ),
            (
                "2024-01-17T14:00:00+00:00".into(),
                "2024-01-17T15:00:00+00:00".into()
            ),
        ]
    );
    // c2: a mistyped END hides nothing, and says so with exit 65 (the output still printed).
    let (code, m, err) = analyze_repro(&fx("mistyped_end.ics"), "2024-01-15", "2024-01-16");
    assert_eq!(code, Some(65), "{err}");
    assert_eq!(m.len(), 2, "{err}");
    assert!(err.contains("mistyped_end.ics:10: END:VTOOD"), "{err}");
    // c3: an empty RRULE is a warning; the timed event is one meeting.
    let (code, m, err) = analyze_repro(&fx("empty_rrule.ics"), "2024-01-15", "2024-01-15");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(m.len(), 1);
    assert!(err.contains("RRULE is empty, ignored"), "{err}");
}

#[test]
fn a_series_every_second_is_analyzed_in_about_the_time_of_any_day() {
    // Review A3: 100,000 one-hour meetings in a day and a half (the reader's cap per series),
    // each overlapping 3,600 others. Each meeting's focus loss used to recompute its day:
    // 20 to 55 s in a release build. How long it takes now is measured in benches/core.rs
    // (`worst_day`), not here.
    let dir = tempfile::tempdir().unwrap();
    let calendar = dir.path().join("p1.ics");
    std::fs::write(
        &calendar,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//repro//EN\r\nBEGIN:VEVENT\r\nUID:sec\r\n\
         DTSTAMP:20240101T000000Z\r\nDTSTART:20240101T080000Z\r\nDTEND:20240101T090000Z\r\n\
         RRULE:FREQ=SECONDLY\r\nSUMMARY:every second\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    )
    .unwrap();
    let (code, m, err) = analyze_repro(calendar.to_str().unwrap(), "2024-01-01", "2024-01-02");
    assert_eq!(code, Some(0), "{err}");
    assert_eq!(m.len(), 100_000);
    assert_eq!(m[0]["start"], "2024-01-01T08:00:00+00:00");
    assert_eq!(m[99_999]["start"], "2024-01-02T11:46:39+00:00");
    // Where the series was cut, and which one, on its RRULE's line.
    assert_eq!(
        err.trim_end(),
        format!(
            "focusd: warning: {}:9: series \"sec\" is cut at 2024-01-02T11:46:40+00:00: more \
             than 100000 of its occurrences reach the range read (from 2024-01-01T08:00:00+00:00 \
             on); later ones are not read (warning)",
            calendar.display()
        )
    );
    // In whole minutes each meeting shares its start and end minutes with dozens of others:
    // removing one frees nothing, so none costs focus.
    assert!(m.iter().all(|m| m["focus_loss_minutes"] == 0));
}

#[test]
fn broken_event_in_a_vdir_does_not_hide_the_others() {
    let dir = tempfile::tempdir().unwrap();
    let vdir = dir.path().join("calendar");
    std::fs::create_dir(&vdir).unwrap();
    let text = std::fs::read_to_string(root().join("examples/worked-example.ics")).unwrap();
    // One file per event, as khal and vdirsyncer keep them.
    let header = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\n";
    for (i, ev) in text.split("BEGIN:VEVENT").skip(1).enumerate() {
        let body = ev.split("END:VEVENT").next().unwrap();
        std::fs::write(
            vdir.join(format!("{i}.ics")),
            format!("{header}BEGIN:VEVENT{body}END:VEVENT\r\nEND:VCALENDAR\r\n"),
        )
        .unwrap();
    }
    std::fs::write(
        vdir.join("broken.ics"),
        format!("{header}BEGIN:VEVENT\r\nUID:broken\r\nDTSTART:2026120\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"),
    )
    .unwrap();
    let out = analyze_day(
        vdir.to_str().unwrap(),
        "examples/worked-example.toml",
        &["--json"],
    );
    // The output is complete for what could be read, and the exit code says something was not.
    assert_eq!(out.status.code(), Some(65));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("broken.ics:6:"), "{err}");
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["totals"]["focus_minutes"], 149);
    assert_eq!(v["meetings"].as_array().unwrap().len(), 5);
}

#[test]
fn hostile_titles_never_reach_the_terminal_raw() {
    let dir = tempfile::tempdir().unwrap();
    let cal = dir.path().join("evil.ics");
    std::fs::write(
        &cal,
        "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:evil\r\n\
         SUMMARY:\\u{1b}]0;pwned\\u{7}<script>alert(1)</script>\r\n\
         DTSTART:20261201T100000Z\r\nDTEND:20261201T110000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n"
            .replace("\\u{1b}", "\u{1b}")
            .replace("\\u{7}", "\u{7}"),
    )
    .unwrap();
    let out = analyze_day(cal.to_str().unwrap(), "examples/worked-example.toml", &[]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(!out.stdout.contains(&0x1b) && !out.stdout.contains(&0x07));
    // JSON keeps the text as it was, escaped by JSON itself.
    let out = analyze_day(
        cal.to_str().unwrap(),
        "examples/worked-example.toml",
        &["--json"],
    );
    let v: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        v["meetings"][0]["summary"]
            .as_str()
            .unwrap()
            .contains("<script>")
    );
}

/// Every exit code focusd can return is listed in `--help` and in the README, with the same
/// numbers (`cli::exit_code` and the daemon's `--once` are the only places that pick them).
#[test]
fn every_exit_code_is_listed_in_help_and_readme() {
    let help = String::from_utf8(focusd(&["--help"]).stdout).unwrap();
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let readme = readme
        .split("- **Exit codes**:")
        .nth(1)
        .expect("the README lists the exit codes")
        .split("\n- ")
        .next()
        .unwrap()
        .to_string();
    let help = help
        .split("Exit codes:")
        .nth(1)
        .expect("--help lists the exit codes");
    for code in ["0", "1", "2", "65", "69", "74", "75", "78"] {
        for (name, text) in [("--help", help), ("README", readme.as_str())] {
            let listed = text.split(|c: char| !c.is_ascii_digit()).any(|n| n == code);
            assert!(listed, "{name} does not list exit code {code}: {text}");
        }
    }
}
