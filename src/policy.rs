//! Team and personal policy files (SPEC section 9).
//!
//! A policy is TOML. Unknown keys and bad values are errors with file, line and column: a
//! typo must never silently disable a rule. Several files can be layered (a team file, then
//! a personal override): later files replace the keys they set, table by table.

use std::path::{Path, PathBuf};

use chrono::{NaiveTime, Weekday};
use chrono_tz::Tz;
use serde::{Deserialize, Deserializer, Serialize};

use crate::error::{Diagnostic, Error};

/// A rule's mode: act, only nudge, or do nothing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Mode {
    Enforce,
    Suggest,
    Off,
}

/// Which free time the planner fills first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Prefer {
    Morning,
    Afternoon,
    Longest,
}

/// A wall-clock time of day written as `"HH:MM"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct ClockTime(pub NaiveTime);

impl<'de> Deserialize<'de> for ClockTime {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        NaiveTime::parse_from_str(&s, "%H:%M")
            .map(ClockTime)
            .map_err(|_| serde::de::Error::custom(format!("`{s}` is not a time of day (HH:MM)")))
    }
}

/// A weekday written as `"mon"`, `"tue"`, ... (full English names are accepted too).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Day(pub Weekday);

impl<'de> Deserialize<'de> for Day {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        s.parse::<Weekday>().map(Day).map_err(|_| {
            serde::de::Error::custom(format!("`{s}` is not a weekday (mon, tue, ... sun)"))
        })
    }
}

impl Serialize for Day {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0.to_string().to_ascii_lowercase())
    }
}

fn de_tz<'de, D: Deserializer<'de>>(d: D) -> Result<Tz, D::Error> {
    let s = String::deserialize(d)?;
    s.parse::<Tz>().map_err(|_| {
        serde::de::Error::custom(format!(
            "`{s}` is not an IANA time zone name (e.g. Europe/Berlin)"
        ))
    })
}

fn ser_tz<S: serde::Serializer>(tz: &Tz, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(tz.name())
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Team {
    pub name: String,
    #[serde(deserialize_with = "de_tz", serialize_with = "ser_tz")]
    pub timezone: Tz,
    /// The team's members by address, for the team report.
    pub members: Vec<String>,
}

impl Default for Team {
    fn default() -> Self {
        Team {
            name: "default".into(),
            timezone: Tz::UTC,
            members: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct WorkingHours {
    pub days: Vec<Day>,
    pub start: ClockTime,
    pub end: ClockTime,
}

/// Minutes from midnight of a clock time.
fn minutes_of(t: &ClockTime) -> i64 {
    i64::from(chrono::Timelike::num_seconds_from_midnight(&t.0)) / 60
}

impl Policy {
    /// What `focusd policy check` warns about: a valid policy that would make focusd decline
    /// most new invitations (team windows over most of the working week: every invitation
    /// then conflicts with a focus block), or that switches the circuit breaker off.
    pub fn warnings(&self) -> Vec<String> {
        let mut out = Vec::new();
        let wh = &self.working_hours;
        let (ws, we) = (minutes_of(&wh.start), minutes_of(&wh.end));
        let day_len = (we - ws).max(0);
        let working = day_len * wh.days.len() as i64;
        let focus_conflicts_decline = self.mode(|r| r.focus_conflict) == Mode::Enforce;
        if working > 0 && focus_conflicts_decline {
            let mut covered = 0;
            for day in &wh.days {
                let mut spans: Vec<(i64, i64)> = self
                    .focus
                    .team_windows
                    .iter()
                    .filter(|w| w.days.contains(day))
                    .map(|w| (minutes_of(&w.start).max(ws), minutes_of(&w.end).min(we)))
                    .filter(|(s, e)| s < e)
                    .collect();
                spans.sort();
                let mut end = ws;
                for (s, e) in spans {
                    covered += (e - s.max(end)).max(0);
                    end = end.max(e);
                }
            }
            if covered * 2 > working {
                out.push(format!(
                    "team focus windows cover {}% of the working week: every new invitation in \
                     them conflicts with a focus block and is declined (the circuit breaker \
                     stops after {} a day)",
                    covered * 100 / working,
                    self.meetings.max_declines_per_day
                ));
            }
        }
        if self.meetings.max_declines_per_day > 50 || self.meetings.max_declines_per_organizer > 20
        {
            out.push(format!(
                "the circuit breaker allows {} declines a day ({} from one organizer): one bad \
                 invitation or policy change could decline that many",
                self.meetings.max_declines_per_day, self.meetings.max_declines_per_organizer
            ));
        }
        out
    }
}

impl Default for WorkingHours {
    fn default() -> Self {
        use Weekday::*;
        WorkingHours {
            days: [Mon, Tue, Wed, Thu, Fri].into_iter().map(Day).collect(),
            start: ClockTime(NaiveTime::from_hms_opt(9, 0, 0).expect("valid time")),
            end: ClockTime(NaiveTime::from_hms_opt(17, 0, 0).expect("valid time")),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Refocus {
    /// `R`: minutes it takes to get back into flow after a meeting.
    pub minutes: u32,
    /// A gap's effective length must reach this to count as focus time.
    pub min_focus_minutes: u32,
}

impl Default for Refocus {
    fn default() -> Self {
        Refocus {
            minutes: 23,
            min_focus_minutes: 120,
        }
    }
}

/// A recurring window the whole team keeps free (e.g. no-meeting Tuesday afternoons).
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct TeamWindow {
    pub days: Vec<Day>,
    pub start: ClockTime,
    pub end: ClockTime,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Focus {
    pub daily_target_minutes: u32,
    pub min_block_minutes: u32,
    pub max_block_minutes: u32,
    pub prefer: Prefer,
    pub horizon_days: u32,
    /// No block starts sooner than this from now.
    pub min_notice_minutes: u32,
    pub team_windows: Vec<TeamWindow>,
    /// Title of the focus blocks focusd books.
    pub title: String,
    /// Sent to organizers whose new invitation conflicts with a focus block.
    pub decline_message: String,
}

impl Default for Focus {
    fn default() -> Self {
        Focus {
            daily_target_minutes: 120,
            min_block_minutes: 120,
            max_block_minutes: 180,
            prefer: Prefer::Morning,
            horizon_days: 10,
            min_notice_minutes: 30,
            team_windows: Vec::new(),
            title: "Focus time".into(),
            decline_message: "I am in a focus block then. Could another time work?".into(),
        }
    }
}

/// Per-rule modes. A rule left unset follows `meetings.mode`; nudge-only rules never decline.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Rules {
    pub agenda: Option<Mode>,
    pub focus_conflict: Option<Mode>,
    pub max_attendees: Option<Mode>,
    pub read_ahead: Option<Mode>,
    pub standup: Option<Mode>,
    pub status: Option<Mode>,
    pub demo: Option<Mode>,
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Meetings {
    pub mode: Mode,
    pub agenda_min_minutes: u32,
    pub max_attendees: u32,
    pub exempt_organizers: Vec<String>,
    pub exempt_domains: Vec<String>,
    pub exempt_titles: Vec<String>,
    /// Invitations with just the organizer and the user are exempt.
    pub exempt_one_on_ones: bool,
    pub decline_message: String,
    pub decline_existing: bool,
    /// The circuit breaker: no cycle and no day declines more invitations than this; past
    /// it focusd stops declining until `focusd resume`.
    pub max_declines_per_day: u32,
    /// Nor more than this many from one organizer in a day.
    pub max_declines_per_organizer: u32,
    /// Whether the organizer is e-mailed about a decline or its withdrawal (Google's
    /// `sendUpdates`).
    pub notify_organizer: bool,
    /// On a second chance (an agenda added after focusd declined), accept instead of going
    /// back to "not answered".
    pub accept_on_second_chance: bool,
    /// Titles of meetings that need a read-ahead document 24 hours before.
    pub brainstorm_titles: Vec<String>,
    pub standup_titles: Vec<String>,
    pub standup_max_minutes: u32,
    /// Hourly rate for a meeting's money cost (`attendees x (duration + R) x rate`).
    pub cost_per_hour: Option<f64>,
    pub rules: Rules,
}

impl Default for Meetings {
    fn default() -> Self {
        Meetings {
            mode: Mode::Enforce,
            agenda_min_minutes: 15,
            max_attendees: 8,
            exempt_organizers: Vec::new(),
            exempt_domains: Vec::new(),
            exempt_titles: strings(&["incident", "outage", "war room", "on-call", "interview"]),
            exempt_one_on_ones: true,
            decline_message: "I keep my calendar for meetings with an agenda. \
                              Add one and I will look again."
                .into(),
            decline_existing: false,
            max_declines_per_day: 10,
            max_declines_per_organizer: 3,
            notify_organizer: true,
            accept_on_second_chance: false,
            brainstorm_titles: strings(&["brainstorm", "design review", "ideation"]),
            standup_titles: strings(&["stand-up", "standup", "stand up", "daily scrum"]),
            standup_max_minutes: 15,
            cost_per_hour: None,
            rules: Rules::default(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Nudges {
    /// Titles of status meetings that could be an e-mail or a dashboard.
    pub async_titles: Vec<String>,
    /// Titles of demos that could be a 3-minute recording.
    pub demo_titles: Vec<String>,
    pub max_per_hour: u32,
    /// Pause the desktop's other notifications while a focus block runs (Do Not
    /// Disturb), and resume them when it ends.
    pub pause_desktop: bool,
    /// Say on the desktop when a focus block starts.
    pub block_start: bool,
}

impl Default for Nudges {
    fn default() -> Self {
        Nudges {
            async_titles: strings(&["status", "weekly sync"]),
            demo_titles: strings(&["demo"]),
            max_per_hour: 3,
            pause_desktop: true,
            block_start: false,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Report {
    /// When the daemon mails the weekly report, in the policy's zone.
    pub weekday: Day,
    pub time: ClockTime,
    /// Who gets it: addresses, "me" for the user; empty turns the report off.
    pub to: Vec<String>,
    /// Who gets the team report (aggregated over `team.members`).
    pub team_to: Vec<String>,
    /// Whether the team report names meetings (their titles); off, only counts and times.
    pub show_titles: bool,
    /// Whether the team report has a row per member; off, only the team's distribution.
    pub per_person: bool,
}

impl Default for Report {
    fn default() -> Self {
        Report {
            weekday: Day(Weekday::Fri),
            time: ClockTime(NaiveTime::from_hms_opt(16, 0, 0).expect("valid time")),
            to: strings(&["me"]),
            team_to: Vec::new(),
            show_titles: false,
            per_person: false,
        }
    }
}

/// A whole policy, every key with its default (SPEC section 9).
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields, default)]
pub struct Policy {
    pub team: Team,
    pub working_hours: WorkingHours,
    pub refocus: Refocus,
    pub focus: Focus,
    pub meetings: Meetings,
    pub nudges: Nudges,
    pub report: Report,
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

impl Policy {
    pub fn zone(&self) -> Tz {
        self.team.timezone
    }

    /// The mode a rule runs in: its own, else the meetings-wide mode.
    pub fn mode(&self, rule: fn(&Rules) -> Option<Mode>) -> Mode {
        rule(&self.meetings.rules).unwrap_or(self.meetings.mode)
    }

    /// Validates policy layers, each a file's path and text, in order, later ones overriding
    /// the keys they set. Errors name the file, line and column. (Reading the files is the
    /// shell's: `settings::load_policy`.)
    pub fn from_layers(layers: &[(PathBuf, String)]) -> Result<Policy, Error> {
        let mut merged = toml::Table::new();
        let mut last = Path::new("");
        for (path, text) in layers {
            // Validate each layer on its own so that errors point into the right file.
            Policy::parse(text, path)?;
            let table: toml::Table = toml::from_str(text).expect("validated above");
            merge(&mut merged, table);
            last = path;
        }
        // Each layer parsed on its own; what is left to check is how they combine.
        let policy = Policy::deserialize(merged).map_err(|e| Error::Policy(diag(last, None, e)))?;
        policy.validate("", last)?;
        Ok(policy)
    }

    /// Parses and validates policy text; `path` is only used in error messages.
    pub fn parse(text: &str, path: &Path) -> Result<Policy, Error> {
        let policy: Policy = toml::from_str(text).map_err(|e| {
            let line = e.span().map(|s| line_col(text, s.start));
            let reason = match line {
                Some((_, col)) => format!("column {col}: {}", e.message()),
                None => e.message().to_string(),
            };
            Error::Policy(diag(path, line.map(|(l, _)| l), reason))
        })?;
        policy.validate(text, path)?;
        Ok(policy)
    }

    /// Checks that hold between keys, which serde cannot see one key at a time.
    fn validate(&self, text: &str, path: &Path) -> Result<(), Error> {
        let doc = toml_edit::ImDocument::parse(text).ok();
        let fail = |at: &[Key], reason: String| {
            let line = doc.as_ref().and_then(|d| key_line(d, text, at));
            let key = at
                .iter()
                .rev()
                .find_map(|k| match k {
                    Key::Name(n) => Some(*n),
                    Key::Index(_) => None,
                })
                .unwrap_or_default();
            Err(Error::Policy(diag(path, line, format!("{key}: {reason}"))))
        };
        use Key::{Index, Name};
        let wh = &self.working_hours;
        if wh.start >= wh.end {
            return fail(
                &[Name("working_hours"), Name("end")],
                "working hours must end after they start".into(),
            );
        }
        if self.refocus.min_focus_minutes == 0 {
            return fail(
                &[Name("refocus"), Name("min_focus_minutes")],
                "must be at least 1".into(),
            );
        }
        let f = &self.focus;
        if f.min_block_minutes == 0 {
            return fail(
                &[Name("focus"), Name("min_block_minutes")],
                "must be at least 1".into(),
            );
        }
        if f.max_block_minutes < f.min_block_minutes {
            return fail(
                &[Name("focus"), Name("max_block_minutes")],
                format!(
                    "{} is shorter than min_block_minutes ({})",
                    f.max_block_minutes, f.min_block_minutes
                ),
            );
        }
        if f.horizon_days > 366 {
            return fail(
                &[Name("focus"), Name("horizon_days")],
                "must be at most 366".into(),
            );
        }
        for (i, w) in f.team_windows.iter().enumerate() {
            if w.start >= w.end {
                return fail(
                    &[Name("focus"), Name("team_windows"), Index(i), Name("end")],
                    "a team window must end after it starts".into(),
                );
            }
        }
        if let Some(rate) = self.meetings.cost_per_hour
            && !(rate.is_finite() && rate >= 0.0)
        {
            return fail(
                &[Name("meetings"), Name("cost_per_hour")],
                "must be a non-negative number".into(),
            );
        }
        let lists = [
            ("meetings", "exempt_titles", &self.meetings.exempt_titles),
            (
                "meetings",
                "brainstorm_titles",
                &self.meetings.brainstorm_titles,
            ),
            ("meetings", "standup_titles", &self.meetings.standup_titles),
            ("nudges", "async_titles", &self.nudges.async_titles),
            ("nudges", "demo_titles", &self.nudges.demo_titles),
            (
                "meetings",
                "exempt_organizers",
                &self.meetings.exempt_organizers,
            ),
            ("meetings", "exempt_domains", &self.meetings.exempt_domains),
        ];
        for (table, key, list) in lists {
            if let Some(i) = list.iter().position(|s| s.trim().is_empty()) {
                return fail(
                    &[Name(table), Name(key), Index(i)],
                    "an empty pattern would match every meeting".into(),
                );
            }
        }
        let addresses = [
            ("team", "members", &self.team.members, false),
            ("report", "to", &self.report.to, true),
            ("report", "team_to", &self.report.team_to, false),
        ];
        for (table, key, list, me) in addresses {
            let bad = list.iter().position(|a| {
                let a = a.trim();
                !(is_address(a) || me && a.eq_ignore_ascii_case("me"))
            });
            if let Some(i) = bad {
                let hint = if me { " (or \"me\")" } else { "" };
                return fail(
                    &[Name(table), Name(key), Index(i)],
                    format!("{:?} is not an e-mail address{hint}", list[i]),
                );
            }
        }
        Ok(())
    }
}

/// `local@domain`, with no white space or angle brackets (a mail header's address).
fn is_address(a: &str) -> bool {
    match a.split_once('@') {
        Some((local, domain)) => {
            !local.is_empty()
                && domain.contains('.')
                && !a
                    .chars()
                    .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"".contains(c))
                && !domain.contains('@')
        }
        None => false,
    }
}

/// Recursively overlays `over` onto `base`: tables merge, every other value replaces.
fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(b)), toml::Value::Table(o)) => merge(b, o),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

fn diag(path: &Path, line: Option<usize>, reason: impl ToString) -> Diagnostic {
    Diagnostic::error(path, line, reason.to_string())
}

/// 1-based line and column of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = &text[..offset.min(text.len())];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The line where `key = ...` is written, for errors found after parsing.
/// One step of the path to a value in a policy file: a key, or an element of an array.
#[derive(Debug, Clone, Copy)]
enum Key {
    Name(&'static str),
    Index(usize),
}

/// The line of the value at `path` in the parsed file (toml's own span for it), or of the
/// nearest table or array on the way that the file has.
fn key_line(doc: &toml_edit::ImDocument<&str>, text: &str, path: &[Key]) -> Option<usize> {
    let mut item: &toml_edit::Item = doc.as_item();
    let mut span = None;
    for key in path {
        let next = match (key, item) {
            (Key::Name(n), toml_edit::Item::Table(t)) => t.get(n),
            (Key::Name(n), toml_edit::Item::Value(toml_edit::Value::InlineTable(t))) => {
                t.get(n).map(|_| &item[*n])
            }
            (Key::Index(i), toml_edit::Item::ArrayOfTables(a)) => a.get(*i).map(|_| &item[*i]),
            (Key::Index(i), toml_edit::Item::Value(toml_edit::Value::Array(a))) => {
                a.get(*i).map(|_| &item[*i])
            }
            _ => None,
        };
        let Some(next) = next else { break };
        item = next;
        span = item.span().or(span);
    }
    span.map(|s| text[..s.start.min(text.len())].matches('\n').count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Policy, Error> {
        Policy::parse(text, Path::new("team.toml"))
    }

    fn error(text: &str) -> String {
        match parse(text) {
            Err(e) => e.to_string(),
            Ok(_) => panic!("expected an error for {text:?}"),
        }
    }

    #[test]
    fn empty_policy_is_all_defaults() {
        assert_eq!(parse("").unwrap(), Policy::default());
    }

    #[test]
    fn spec_example_parses() {
        let p = parse(SPEC_EXAMPLE).unwrap();
        assert_eq!(p.team.timezone, chrono_tz::Europe::Berlin);
        assert_eq!(p.focus.team_windows.len(), 1);
        assert_eq!(p.meetings.exempt_organizers, vec!["cto@example.com"]);
        assert_eq!(p.report.weekday, Day(Weekday::Fri));
    }

    #[test]
    fn unknown_key_names_file_line_and_column() {
        let e = error("[meetings]\nmode = \"enforce\"\nagenda_min_minuts = 15\n");
        assert!(e.starts_with("team.toml:3: column 1:"), "{e}");
        assert!(e.contains("unknown field `agenda_min_minuts`"), "{e}");
    }

    #[test]
    fn bad_values_are_errors() {
        let e = error("[team]\ntimezone = \"Europe/Berlinn\"\n");
        assert!(e.starts_with("team.toml:2:"), "{e}");
        assert!(e.contains("not an IANA time zone"), "{e}");
        let e = error("[working_hours]\nstart = \"9am\"\n");
        assert!(e.contains("not a time of day"), "{e}");
        let e = error("[working_hours]\ndays = [\"mon\", \"funday\"]\n");
        assert!(e.contains("`funday` is not a weekday"), "{e}");
        let e = error("[meetings]\nmode = \"always\"\n");
        assert!(e.starts_with("team.toml:2:"), "{e}");
        let e = error("[focus]\nmax_block_minutes = 60\n");
        assert_eq!(
            e,
            "team.toml:2: max_block_minutes: 60 is shorter than min_block_minutes (120)"
        );
        let e = error("[working_hours]\nstart = \"17:00\"\nend = \"09:00\"\n");
        assert!(e.starts_with("team.toml:3: end:"), "{e}");
        let e = error("[meetings]\nexempt_titles = [\"\"]\n");
        assert!(e.contains("empty pattern"), "{e}");
    }

    #[test]
    fn report_and_team_addresses_are_checked_where_they_are_written() {
        let e = error("[report]\nweekday = \"fri\"\nto = [\"me\", \"not an address\"]\n");
        assert_eq!(
            e,
            "team.toml:3: to: \"not an address\" is not an e-mail address (or \"me\")"
        );
        let e = error("[team]\nmembers = [\n  \"a@example.com\",\n  \"me\",\n]\n");
        assert!(e.starts_with("team.toml:4: members:"), "{e}");
        let e = error("[report]\nteam_to = [\"x@example.com>\\r\\nBcc: y@example.com\"]\n");
        assert!(e.starts_with("team.toml:2: team_to:"), "{e}");
        let e = error("[report]\nshow_title = true\n");
        assert!(e.contains("unknown field `show_title`"), "{e}");
        let p = Policy::parse(
            "[team]\nmembers = [\"a@example.com\"]\n[report]\nto = [\"ME\"]\nteam_to = [\"lead@example.com\"]\nper_person = true\n",
            Path::new("team.toml"),
        )
        .unwrap();
        assert_eq!(p.team.members, ["a@example.com"]);
        assert!(p.report.per_person && !p.report.show_titles);
    }

    /// An error between keys points at the key in its own table, by toml's spans: `end` in
    /// a team window above is not working hours' `end`.
    #[test]
    fn an_error_between_keys_names_the_line_of_that_key_in_its_table() {
        let text = "[[focus.team_windows]]\ndays = [\"mon\"]\nstart = \"10:00\"\nend = \"12:00\"\n\n\
                    [[focus.team_windows]]\ndays = [\"tue\"]\nstart = \"14:00\"\nend = \"13:00\"\n";
        let e = error(text);
        assert!(e.starts_with("team.toml:9: end: a team window"), "{e}");
        let text = "[focus]\nteam_windows = [{ days = [\"mon\"], start = \"10:00\", end = \"12:00\" }]\n\
                    [working_hours]\nstart = \"17:00\"\n\nend = \"09:00\"\n";
        let e = error(text);
        assert!(e.starts_with("team.toml:6: end: working hours"), "{e}");
        let e = error("[meetings]\nexempt_titles = [\n  \"Interview\",\n  \" \",\n]\n");
        assert!(
            e.starts_with("team.toml:4: exempt_titles: an empty pattern"),
            "{e}"
        );
    }

    #[test]
    fn layers_override_key_by_key() {
        let team = (PathBuf::from("team.toml"), SPEC_EXAMPLE.to_string());
        let me = PathBuf::from("me.toml");
        let start = "[working_hours]\nstart = \"08:00\"\n".to_string();
        let p = Policy::from_layers(&[team.clone(), (me.clone(), start)]).unwrap();
        assert_eq!(
            p.working_hours.start.0,
            NaiveTime::from_hms_opt(8, 0, 0).unwrap()
        );
        assert_eq!(
            p.working_hours.end.0,
            NaiveTime::from_hms_opt(17, 0, 0).unwrap()
        );
        assert_eq!(p.team.name, "platform");
        let typo = "[focus]\nprefered = \"afternoon\"\n".to_string();
        let e = Policy::from_layers(&[team, (me, typo)])
            .unwrap_err()
            .to_string();
        assert!(e.contains("me.toml:2:"), "{e}");
    }

    pub(crate) const SPEC_EXAMPLE: &str = r#"
[team]
name = "platform"
timezone = "Europe/Berlin"

[working_hours]
days = ["mon", "tue", "wed", "thu", "fri"]
start = "09:00"
end = "17:00"

[refocus]
minutes = 23
min_focus_minutes = 120

[focus]
daily_target_minutes = 120
min_block_minutes = 120
max_block_minutes = 180
prefer = "morning"
horizon_days = 10
team_windows = [{ days = ["tue", "thu"], start = "13:00", end = "17:00" }]

[meetings]
mode = "enforce"
agenda_min_minutes = 15
max_attendees = 8
exempt_organizers = ["cto@example.com"]
exempt_titles = ["incident", "outage", "on-call", "interview"]
decline_message = "I keep my calendar for meetings with an agenda. Add one and I will look again."
decline_existing = false

[nudges]
async_titles = ["status", "weekly sync", "demo"]
max_per_hour = 3

[report]
weekday = "fri"
time = "16:00"
to = ["me"]
"#;
}
