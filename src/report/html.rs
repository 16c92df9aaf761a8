//! The report as an HTML e-mail: tables with inline styles and `bgcolor` only (what Gmail
//! and Outlook keep: no `<style>` block, no SVG, no script, no images). The picture of the
//! week is one table row per day, its bar a row of cells whose widths are the parts'
//! shares and whose background colours are the legend's. Everything that came from an
//! invitation goes through [`escape`].

use std::fmt::Write;

use super::{Report, bar, hours};
use crate::report::text;

/// The colours of meetings, refocus, fragmented and focus (and the names the legend gives).
pub const COLOURS: [(&str, &str); 4] = [
    ("#d9534f", "meetings"),
    ("#f0ad4e", "refocus"),
    ("#c8ccd0", "fragmented"),
    ("#3c9a5f", "focus"),
];

/// The rest of a day whose working window is shorter than the longest day's (out of office).
pub const AWAY: &str = "#e9ebee";

/// Cells of the longest day's bar (percent widths of the bar table).
const CELLS: usize = 100;

/// Text for HTML: `&`, `<`, `>`, `"` and `'` as entities, control characters as spaces.
pub fn escape(text: &str) -> String {
    crate::text::escape_markup(text, "&#39;", |_| Some(' '))
}

pub(crate) const FONT: &str = "font-family:Arial,Helvetica,sans-serif;";

pub(crate) fn cell(o: &mut String, style: &str, content: &str) {
    let _ = write!(
        o,
        "<td style=\"{FONT}font-size:14px;padding:4px 8px;{style}\">{content}</td>"
    );
}

pub(crate) fn heading(o: &mut String, title: &str) {
    let _ = write!(
        o,
        "<tr><td style=\"{FONT}font-size:18px;font-weight:bold;color:#222222;padding:24px 0 8px 0;\">{}</td></tr>",
        escape(title)
    );
}

pub(crate) fn paragraph(o: &mut String, html: &str) {
    let _ = write!(
        o,
        "<tr><td style=\"{FONT}font-size:14px;color:#333333;padding:4px 0;line-height:1.4;\">{html}</td></tr>"
    );
}

/// One day's bar: a table of coloured cells, `scale` minutes the whole width.
pub(crate) fn day_bar(o: &mut String, stats: &crate::model::DayStats, scale: i64) {
    let cells = bar(stats, scale, CELLS);
    let used: usize = cells.iter().sum();
    let _ = write!(
        o,
        "<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\"><tr>"
    );
    for (k, n) in cells.iter().enumerate() {
        if *n == 0 {
            continue;
        }
        let (colour, name) = COLOURS[k];
        let _ = write!(
            o,
            "<td width=\"{n}%\" bgcolor=\"{colour}\" title=\"{name}\" style=\"background-color:{colour};height:18px;font-size:1px;line-height:1px;\">&nbsp;</td>"
        );
    }
    if used < CELLS {
        // A shorter working window (out of office): the rest of the width, barely there.
        let rest = CELLS - used;
        let _ = write!(
            o,
            "<td width=\"{rest}%\" bgcolor=\"{AWAY}\" title=\"not working\" style=\"background-color:{AWAY};height:18px;font-size:1px;line-height:1px;\">&nbsp;</td>"
        );
    }
    let _ = write!(o, "</tr></table>");
}

pub(crate) fn legend(o: &mut String, away: bool) {
    let _ = write!(
        o,
        "<table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\"><tr>"
    );
    let extra = away.then_some((AWAY, "not working (out of office)"));
    for (colour, name) in COLOURS.into_iter().chain(extra) {
        let _ = write!(
            o,
            "<td width=\"12\" bgcolor=\"{colour}\" style=\"background-color:{colour};width:12px;height:12px;font-size:1px;\">&nbsp;</td><td style=\"{FONT}font-size:13px;color:#555555;padding:0 14px 0 6px;\">{name}</td>"
        );
    }
    let _ = write!(o, "</tr></table>");
}

/// The document around a report's rows: `open` before them, [`close`] after.
pub(crate) fn open(o: &mut String, title: &str) {
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width\"><title>{}</title></head>\n",
        escape(title)
    );
    let _ = write!(
        o,
        "<body style=\"margin:0;padding:0;background-color:#f4f5f7;\">\n<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#f4f5f7\" style=\"background-color:#f4f5f7;\"><tr><td align=\"center\" style=\"padding:24px 12px;\">\n<table role=\"presentation\" width=\"640\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" bgcolor=\"#ffffff\" style=\"background-color:#ffffff;max-width:640px;width:100%;\"><tr><td style=\"padding:24px 28px;\">\n<table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">\n"
    );
}

/// Closes what [`open`] opened.
pub(crate) fn close(o: &mut String) {
    let _ = write!(
        o,
        "\n</table>\n</td></tr></table>\n</td></tr></table>\n</body></html>\n"
    );
}

/// The footnote lines, small and grey.
pub(crate) fn footnote(o: &mut String, lines: &[&str]) {
    let _ = write!(
        o,
        "<tr><td style=\"padding:24px 0 0 0;border-bottom:1px solid #eeeeee;font-size:1px;\">&nbsp;</td></tr>"
    );
    for line in lines {
        let _ = write!(
            o,
            "<tr><td style=\"{FONT}font-size:12px;color:#888888;padding:6px 0 0 0;line-height:1.4;\">{}</td></tr>",
            escape(line)
        );
    }
}

/// The whole report as an HTML document.
pub fn render(r: &Report) -> String {
    let mut o = String::new();
    open(&mut o, &format!("focusd weekly report, {}", r.week));
    // Headline.
    let _ = write!(
        o,
        "<tr><td style=\"{FONT}font-size:13px;color:#777777;padding:0 0 4px 0;\">{} &middot; {} to {} &middot; {}</td></tr>",
        escape(&r.week),
        r.from,
        r.to,
        escape(&r.timezone)
    );
    let met = r.totals.stats.focus_minutes >= r.totals.target_minutes;
    let colour = if met { "#2b7a49" } else { "#b03a2e" };
    let _ = write!(
        o,
        "<tr><td style=\"{FONT}font-size:26px;font-weight:bold;color:{colour};padding:0 0 8px 0;\">{}</td></tr>",
        escape(&r.headline)
    );
    paragraph(&mut o, &escape(&text::summary(r)));

    // The picture of the week.
    heading(&mut o, "The week");
    let scale = r.longest_day();
    let _ = write!(
        o,
        "<tr><td><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\">"
    );
    let _ = write!(o, "<tr>");
    for h in ["", "", "meetings", "refocus", "fragm.", "focus"] {
        cell(
            &mut o,
            "font-size:12px;color:#777777;text-align:right;white-space:nowrap;",
            h,
        );
    }
    let _ = write!(o, "</tr>");
    for d in &r.days {
        let met = d.stats.focus_minutes >= r.totals.daily_target_minutes;
        let _ = write!(o, "<tr>");
        cell(
            &mut o,
            "white-space:nowrap;color:#333333;",
            &escape(&d.date.format("%a %d %b").to_string()),
        );
        let _ = write!(o, "<td width=\"50%\" style=\"padding:4px 8px;\">");
        day_bar(&mut o, &d.stats, scale);
        let _ = write!(o, "</td>");
        for m in [
            d.stats.meeting_minutes,
            d.stats.refocus_minutes,
            d.stats.fragmented_minutes,
        ] {
            cell(
                &mut o,
                "text-align:right;white-space:nowrap;color:#555555;",
                &hours(m),
            );
        }
        let focus_style = if met {
            "text-align:right;white-space:nowrap;font-weight:bold;color:#2b7a49;"
        } else {
            "text-align:right;white-space:nowrap;color:#555555;"
        };
        cell(&mut o, focus_style, &hours(d.stats.focus_minutes));
        let _ = write!(o, "</tr>");
    }
    let t = &r.totals.stats;
    let _ = write!(o, "<tr>");
    cell(
        &mut o,
        "font-weight:bold;border-top:1px solid #dddddd;",
        "Total",
    );
    cell(&mut o, "border-top:1px solid #dddddd;", "");
    for m in [
        t.meeting_minutes,
        t.refocus_minutes,
        t.fragmented_minutes,
        t.focus_minutes,
    ] {
        cell(
            &mut o,
            "text-align:right;white-space:nowrap;font-weight:bold;border-top:1px solid #dddddd;",
            &hours(m),
        );
    }
    let _ = write!(o, "</tr></table></td></tr>");
    let _ = write!(o, "<tr><td style=\"padding:8px 0 0 0;\">");
    let away = r.days.iter().any(|d| d.stats.working_minutes < scale);
    legend(&mut o, away);
    let _ = write!(o, "</td></tr>");
    paragraph(
        &mut o,
        &format!(
            "Daily target: {}. A bold focus number is a day that reached it.",
            hours(r.totals.daily_target_minutes)
        ),
    );

    // Trend.
    heading(&mut o, "Trend");
    paragraph(&mut o, &escape(&text::trend_line(r)));
    if !r.trend.weeks.is_empty() {
        let _ = write!(
            o,
            "<tr><td><table role=\"presentation\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\">"
        );
        let rows = r
            .trend
            .weeks
            .iter()
            .map(|w| (w.week.as_str(), w.focus_minutes, w.meeting_minutes, false))
            .chain([(r.week.as_str(), t.focus_minutes, t.meeting_minutes, true)]);
        for (week, focus, meeting, this) in rows {
            let weight = if this { "font-weight:bold;" } else { "" };
            let _ = write!(o, "<tr>");
            cell(&mut o, &format!("color:#555555;{weight}"), &escape(week));
            cell(
                &mut o,
                &format!("text-align:right;{weight}"),
                &format!("focus {}", hours(focus)),
            );
            cell(
                &mut o,
                &format!("text-align:right;color:#777777;{weight}"),
                &format!("meetings {}", hours(meeting)),
            );
            let _ = write!(o, "</tr>");
        }
        let _ = write!(o, "</table></td></tr>");
    }

    // Costliest meetings.
    heading(&mut o, "The costliest meetings");
    if r.meetings.is_empty() {
        paragraph(&mut o, "No meeting cost any focus this week.");
    } else {
        let _ = write!(
            o,
            "<tr><td><table role=\"presentation\" width=\"100%\" cellpadding=\"0\" cellspacing=\"0\" border=\"0\" style=\"border-collapse:collapse;\">"
        );
        for m in &r.meetings {
            let mut what = escape(&text::meeting_what(m));
            if let Some(c) = m.cost {
                let _ = write!(what, ", {} in people's time", text::money(c));
            }
            let mut body = format!(
                "<b>{}</b><br><span style=\"color:#777777;font-size:13px;\">{what}</span>",
                escape(&crate::text::shorten(&m.summary, 80))
            );
            if let Some(why) = &m.async_reason {
                let _ = write!(
                    body,
                    "<br><span style=\"color:#8a5a00;font-size:13px;\">Could be async: {}.</span>",
                    escape(why)
                );
            }
            let _ = write!(o, "<tr>");
            cell(&mut o, "border-top:1px solid #eeeeee;color:#333333;", &body);
            cell(
                &mut o,
                "border-top:1px solid #eeeeee;text-align:right;white-space:nowrap;vertical-align:top;color:#d9534f;font-weight:bold;",
                &format!("{} of focus", hours(m.focus_loss_minutes)),
            );
            let _ = write!(o, "</tr>");
        }
        let _ = write!(o, "</table></td></tr>");
    }

    // What focusd did.
    let a = &r.actions;
    heading(&mut o, "What focusd did");
    let mut items = vec![
        format!(
            "Focus blocks booked: {} ({} still on the calendar)",
            a.blocks_booked, a.blocks_kept
        ),
        format!("Invitations declined: {}", a.declines.len()),
    ];
    let zone: chrono_tz::Tz = r.timezone.parse().unwrap_or(chrono_tz::Tz::UTC);
    let mut html_items: Vec<String> = items.drain(..).map(|i| escape(&i)).collect();
    for d in &a.declines {
        html_items.push(format!(
            "&nbsp;&nbsp;&nbsp;{} <b>{}</b>: {}",
            escape(
                &d.start
                    .with_timezone(&zone)
                    .format("%a %d %b %H:%M")
                    .to_string()
            ),
            escape(&crate::text::shorten(&d.summary, 60)),
            escape(&crate::text::shorten(&d.reason, 120))
        ));
    }
    html_items.push(escape(&format!(
        "Second chances (declines taken back once an agenda came): {}",
        a.second_chances
    )));
    html_items.push(escape(&format!(
        "Nudges: {} shown, {} acted on",
        a.nudges_shown, a.nudges_acted
    )));
    html_items.push(escape(&format!("Undos: {}", a.undos)));
    if a.failed > 0 {
        html_items.push(escape(&format!(
            "Failed actions: {} (see focusd log)",
            a.failed
        )));
    }
    if text::did_nothing(a) {
        html_items = vec![escape(text::NOTHING_DONE)];
    }
    for i in html_items {
        paragraph(&mut o, &i);
    }

    // The coming week.
    let c = &r.coming;
    heading(&mut o, &format!("The coming week ({})", c.week));
    paragraph(
        &mut o,
        &escape(&format!(
            "Meetings already booked: {}. Focus already protected by focus blocks: {}. Focus expected as the calendar stands: {}.",
            hours(c.meeting_minutes),
            hours(c.protected_minutes),
            hours(c.focus_minutes)
        )),
    );
    let risk = if c.days_at_risk.is_empty() {
        "No day is at risk of missing the target.".to_string()
    } else {
        let days: Vec<String> = c
            .days_at_risk
            .iter()
            .map(|d| d.format("%a %d %b").to_string())
            .collect();
        format!(
            "At risk of missing the {} target: {}.",
            hours(r.totals.daily_target_minutes),
            days.join(", ")
        )
    };
    paragraph(&mut o, &escape(&risk));

    // Footnote.
    let notes = text::footnote(r);
    let mut lines: Vec<&str> = notes.iter().map(String::as_str).collect();
    lines.push(text::unsubscribe_note());
    footnote(&mut o, &lines);
    close(&mut o);
    o
}
