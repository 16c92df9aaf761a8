//! The report as plain text: the mail's text part and `focusd report --format text`. The
//! bars are drawn in characters; titles from invitations go through `text::shorten` (one
//! line, no control characters).

use std::fmt::Write;

use super::{Report, bar, hours};
use crate::text::shorten;

/// The width of the longest day's bar, in characters.
pub const BAR_CELLS: usize = 40;

/// The characters of the four parts of a bar: meetings, refocus, fragmented, focus.
pub const BAR_CHARS: [char; 4] = ['#', '~', '.', '='];

/// The footnote on the model, shared by the text and HTML forms.
pub fn footnote(r: &Report) -> Vec<String> {
    vec![
        format!(
            "How these numbers are made: after every meeting the first {} minutes of free time \
             are refocus time, and a free stretch counts as focus only when what is left after \
             refocus reaches {} minutes; shorter stretches are fragmented. The daily target is {}.",
            r.model.refocus_minutes,
            r.model.min_focus_minutes,
            hours(i64::from(r.model.daily_target_minutes))
        ),
        "The 23 minutes are a heuristic, not a law: the figure is usually traced to Gloria \
         Mark's interviews on interrupted work (the CHI 2008 paper \"The Cost of Interrupted \
         Work\" measured stress and speed, not 23 minutes)."
            .to_string(),
        "Change them in the policy: refocus.minutes, refocus.min_focus_minutes and \
         focus.daily_target_minutes (check the file with `focusd policy check`)."
            .to_string(),
    ]
}

/// What "What focusd did" says when the audit log has nothing for the week.
pub const NOTHING_DONE: &str = "Nothing this week: no focus block booked, no invitation \
     declined, no nudge (the daemon keeps its audit log in the state folder; it was empty \
     for this calendar and week).";

/// Whether focusd did nothing at all in the week.
pub fn did_nothing(a: &super::Actions) -> bool {
    a.blocks_booked == 0
        && a.declines.is_empty()
        && a.second_chances == 0
        && a.nudges_shown == 0
        && a.nudges_acted == 0
        && a.undos == 0
        && a.failed == 0
}

/// Why the report came, and how to stop it.
pub fn unsubscribe_note() -> &'static str {
    "focusd sends this report at the policy's report.weekday and report.time. To stop it, set \
     report.to = [] in your policy."
}

/// `text` wrapped at `width` characters on word boundaries, each line after `indent`.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.chars().count() + 1 + word.chars().count() > width {
            let _ = writeln!(out, "{indent}{line}");
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        let _ = writeln!(out, "{indent}{line}");
    }
    out
}

/// Prose lines of the text report are this wide.
const WIDTH: usize = 78;

fn day_label(date: chrono::NaiveDate) -> String {
    date.format("%a %d %b").to_string()
}

/// A one-line summary of the week under the headline.
pub fn summary(r: &Report) -> String {
    let t = &r.totals;
    format!(
        "{} of {} working days reached the {} focus target. Meetings took {}, and {} \
         switches back from meetings cost {} of refocus.",
        t.days_on_target,
        t.working_days,
        hours(t.daily_target_minutes),
        hours(t.stats.meeting_minutes),
        t.stats.switches,
        hours(t.stats.refocus_minutes)
    )
}

/// The trend in words.
pub fn trend_line(r: &Report) -> String {
    let tr = &r.trend;
    let mut line = match (tr.average_focus_minutes, tr.change_minutes) {
        (Some(avg), Some(change)) => {
            let dir = match change {
                c if c > 0 => format!("{} more than", hours(c)),
                c if c < 0 => format!("{} less than", hours(-c)),
                _ => "the same as".to_string(),
            };
            format!(
                "{} of focus: {dir} the average of the {} week{} before ({}).",
                hours(r.totals.stats.focus_minutes),
                tr.weeks.len(),
                if tr.weeks.len() == 1 { "" } else { "s" },
                hours(avg)
            )
        }
        _ => String::new(),
    };
    if let Some(note) = &tr.note {
        if !line.is_empty() {
            line.push(' ');
        }
        let mut n = note.clone();
        if let Some(first) = n.get(..1) {
            n = first.to_uppercase() + &n[1..];
        }
        line.push_str(&n);
        line.push('.');
    }
    line
}

/// `Daily stand-up (4 instances, 1 h 15 min)`, for the list of costliest meetings.
pub fn meeting_what(m: &super::Meeting) -> String {
    if m.instances > 1 {
        format!("{} instances, {} in all", m.instances, hours(m.minutes))
    } else {
        hours(m.minutes)
    }
}

/// `1234.50` for a money cost: two decimals, no grouping and no currency (the policy's
/// rate has none). The report writes it as "1234.50 in people's time", as the nudges do.
pub fn money(c: f64) -> String {
    format!("{c:.2}")
}

/// The whole report as text.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    let _ = writeln!(
        o,
        "focusd weekly report, {} ({} to {}, {})",
        r.week, r.from, r.to, r.timezone
    );
    let _ = writeln!(o);
    let _ = writeln!(o, "{}", r.headline);
    o.push_str(&wrap(&summary(r), WIDTH, ""));
    let _ = writeln!(o);

    let _ = writeln!(o, "THE WEEK");
    let scale = r.longest_day();
    let _ = writeln!(
        o,
        "{:<10}  {:<width$}  {:>7} {:>7} {:>7} {:>7}",
        "",
        "",
        "meeting",
        "refocus",
        "fragm.",
        "focus",
        width = BAR_CELLS
    );
    for d in &r.days {
        let cells = bar(&d.stats, scale, BAR_CELLS);
        let mut drawn = String::new();
        for (k, n) in cells.iter().enumerate() {
            drawn.extend(std::iter::repeat_n(BAR_CHARS[k], *n));
        }
        let mark = if d.stats.focus_minutes >= r.totals.daily_target_minutes {
            "  target met"
        } else {
            ""
        };
        let _ = writeln!(
            o,
            "{:<10}  {:<width$}  {:>7} {:>7} {:>7} {:>7}{mark}",
            day_label(d.date),
            drawn,
            hours(d.stats.meeting_minutes),
            hours(d.stats.refocus_minutes),
            hours(d.stats.fragmented_minutes),
            hours(d.stats.focus_minutes),
            width = BAR_CELLS
        );
    }
    if r.days.is_empty() {
        let _ = writeln!(o, "  (no working days this week)");
    }
    let t = &r.totals.stats;
    let _ = writeln!(
        o,
        "{:<10}  {:<width$}  {:>7} {:>7} {:>7} {:>7}",
        "total",
        "",
        hours(t.meeting_minutes),
        hours(t.refocus_minutes),
        hours(t.fragmented_minutes),
        hours(t.focus_minutes),
        width = BAR_CELLS
    );
    let _ = writeln!(
        o,
        "Legend: {} meetings  {} refocus  {} fragmented  {} focus ({} switches)",
        BAR_CHARS[0], BAR_CHARS[1], BAR_CHARS[2], BAR_CHARS[3], t.switches
    );
    let _ = writeln!(o);

    let _ = writeln!(o, "TREND");
    o.push_str(&wrap(&trend_line(r), WIDTH, ""));
    for w in &r.trend.weeks {
        let _ = writeln!(
            o,
            "  {}  focus {:>8}  meetings {:>8}",
            w.week,
            hours(w.focus_minutes),
            hours(w.meeting_minutes)
        );
    }
    let _ = writeln!(
        o,
        "  {}  focus {:>8}  meetings {:>8}  (this week)",
        r.week,
        hours(t.focus_minutes),
        hours(t.meeting_minutes)
    );
    let _ = writeln!(o);

    let _ = writeln!(o, "THE COSTLIEST MEETINGS (focus they cost)");
    if r.meetings.is_empty() {
        let _ = writeln!(o, "  No meeting cost any focus this week.");
    }
    for (k, m) in r.meetings.iter().enumerate() {
        let cost = m
            .cost
            .map(|c| format!(", {} in people's time", money(c)))
            .unwrap_or_default();
        let _ = writeln!(
            o,
            "{:>3}. {}: {} of focus ({}{cost})",
            k + 1,
            shorten(&m.summary, 60),
            hours(m.focus_loss_minutes),
            meeting_what(m)
        );
        if let Some(why) = &m.async_reason {
            o.push_str(&wrap(
                &format!("Could be async: {why}."),
                WIDTH - 5,
                "     ",
            ));
        }
    }
    let _ = writeln!(o);

    let a = &r.actions;
    let _ = writeln!(o, "WHAT FOCUSD DID");
    if did_nothing(a) {
        o.push_str(&wrap(NOTHING_DONE, WIDTH - 2, "  "));
    } else {
        actions(&mut o, r);
    }
    let _ = writeln!(o);

    let c = &r.coming;
    let _ = writeln!(o, "THE COMING WEEK ({})", c.week);
    let _ = writeln!(o, "  Meetings already booked: {}", hours(c.meeting_minutes));
    let _ = writeln!(
        o,
        "  Focus already protected by focus blocks: {}",
        hours(c.protected_minutes)
    );
    let _ = writeln!(
        o,
        "  Focus expected as the calendar stands: {}",
        hours(c.focus_minutes)
    );
    if c.days_at_risk.is_empty() {
        let _ = writeln!(o, "  No day is at risk of missing the target.");
    } else {
        let days: Vec<String> = c.days_at_risk.iter().map(|d| day_label(*d)).collect();
        let _ = writeln!(
            o,
            "  At risk of missing the {} target: {}",
            hours(r.totals.daily_target_minutes),
            days.join(", ")
        );
    }
    let _ = writeln!(o);
    let _ = writeln!(o, "--");
    for line in footnote(r) {
        o.push_str(&wrap(&line, WIDTH, ""));
    }
    o.push_str(&wrap(unsubscribe_note(), WIDTH, ""));
    o
}

/// The lines of "What focusd did".
fn actions(o: &mut String, r: &Report) {
    let a = &r.actions;
    let _ = writeln!(
        o,
        "  Focus blocks booked: {} ({} still on the calendar)",
        a.blocks_booked, a.blocks_kept
    );
    let _ = writeln!(o, "  Invitations declined: {}", a.declines.len());
    let zone: chrono_tz::Tz = r.timezone.parse().unwrap_or(chrono_tz::Tz::UTC);
    for d in &a.declines {
        let _ = writeln!(
            o,
            "    {} {}: {}",
            d.start.with_timezone(&zone).format("%a %d %b %H:%M"),
            shorten(&d.summary, 50),
            shorten(&d.reason, 100)
        );
    }
    let _ = writeln!(
        o,
        "  Second chances (declines taken back once an agenda came): {}",
        a.second_chances
    );
    let _ = writeln!(
        o,
        "  Nudges: {} shown, {} acted on",
        a.nudges_shown, a.nudges_acted
    );
    let _ = writeln!(o, "  Undos: {}", a.undos);
    if a.failed > 0 {
        let _ = writeln!(o, "  Failed actions: {} (see `focusd log`)", a.failed);
    }
}
