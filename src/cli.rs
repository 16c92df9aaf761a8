//! The command line (SPEC section 8): flags, resolving them against the configuration, and
//! running the pure core. Output formats live in `render`.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, Datelike, Days, NaiveDate, NaiveDateTime, NaiveTime, Utc};
use clap::{Args, Parser, Subcommand};

use crate::backend::{Calendar, CalendarKey, Source, google};
use crate::config::Config;
use crate::error::{Error, Severity};
use crate::escape::escape;
use crate::event::Snapshot;
use crate::ical::{self, ReadOptions};
use crate::model::{self, Timeline};
use crate::policy::Policy;
use crate::settings::{Flags, Settings, for_backend, load_policy, state_dir};
use crate::{clock, daemon, planner, render, state, triage};

const ABOUT: &str = "focusd guards an engineer's focus time: it measures what meetings cost \
with the 23-minute refocus model, books focus blocks and declines invitations without an agenda.";

const MODEL_NOTE: &str = "The model: after every meeting, the first R minutes of the free time \
that follows are refocus time (R = refocus.minutes, 23 by default); only free stretches whose \
remaining length reaches refocus.min_focus_minutes count as focus. The 23 minutes are a \
heuristic, often attributed to Gloria Mark's studies of interrupted work (CHI 2008), which \
measured stress and speed rather than a fixed 23 minutes: set your own in the policy.";

const EXIT_CODES: &str = "Exit codes: 0 ok; 1 an action or an undo failed or was refused; \
2 wrong use of the command line; 65 calendar data that could not be read (the rest was still \
used); 69 the calendar's service failed or refused (Google Calendar; the message says why), or the calendar a `run --once` cycle had to sync could not be read, or the report's mail server or sendmail did; 74 a file or the state database could not be read or written; 75 busy: a daemon already \
runs on the state folder, or an undo waited too long for the daemon's cycle (nothing was done: \
try again); 78 a policy or configuration that is not valid.";

#[derive(Debug, Parser)]
#[command(name = "focusd", version, about = ABOUT, after_long_help = format!("{MODEL_NOTE}\n\n{EXIT_CODES}"))]
pub struct Cli {
    /// Configuration file [default: ~/.config/focusd/config.toml]
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Where the audit log and the daemon's state live [default: $XDG_STATE_HOME/focusd]
    #[arg(long, global = true, value_name = "DIR")]
    state_dir: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// What meetings cost: focus, fragmented, refocus and meeting time per day, and each
    /// meeting's focus loss.
    #[command(after_long_help = MODEL_NOTE)]
    Analyze {
        #[command(flatten)]
        input: Input,
        /// First local date (YYYY-MM-DD, in the policy's time zone) [default: this week's Monday]
        #[arg(long, value_name = "DATE")]
        from: Option<NaiveDate>,
        /// Last local date, inclusive [default: the Sunday after --from]
        #[arg(long, value_name = "DATE")]
        to: Option<NaiveDate>,
        #[command(flatten)]
        output: Output,
    },
    /// The focus blocks focusd would book, keep, trim or remove over the planning horizon,
    /// and what it would do with each invitation (a dry run: nothing is written).
    Plan {
        #[command(flatten)]
        view: View,
    },
    /// What focusd would do with each unanswered invitation, and why (a dry run).
    Triage {
        #[command(flatten)]
        view: View,
    },
    /// The daemon: keeps the calendar guarded (sync, book focus blocks, decline, nudge),
    /// recording every action in the audit log first. Runs as a systemd user service. One
    /// daemon per state folder: a second one exits at once (75) and changes nothing.
    #[command(after_long_help = EXIT_CODES)]
    Run {
        #[command(flatten)]
        input: Input,
        /// Run one cycle and exit
        #[arg(long)]
        once: bool,
        #[command(flatten)]
        at: At,
        /// Print the actions a cycle would take, and take none
        #[arg(long)]
        dry_run: bool,
        /// Seconds between syncs while the calendar is busy (longer when quiet or failing)
        #[arg(long, value_name = "SECONDS", default_value_t = 60, value_parser = clap::value_parser!(u64).range(1..))]
        interval: u64,
    },
    /// Today at a glance: focus, fragmented, refocus and meeting time so far and planned,
    /// the next focus block, invitations waiting, the last sync.
    Status {
        #[command(flatten)]
        view: View,
    },
    /// The audit trail: every action focusd took, when, on what, why, and how it went.
    Log {
        #[command(flatten)]
        output: Output,
    },
    /// Reverse one action of the audit log (re-open a declined invitation, remove a booked
    /// block); focusd then leaves that invitation or block alone. While the daemon is in the
    /// middle of a cycle the undo waits for it, up to 5 seconds (then exit 75).
    #[command(after_long_help = EXIT_CODES)]
    Undo {
        /// The action's id, from `focusd log`
        id: i64,
        /// Undo even when the calendar no longer shows what the action left (a block is
        /// still never restored over a meeting)
        #[arg(long)]
        force: bool,
        #[command(flatten)]
        input: Input,
    },
    /// Close the circuit breaker: after focusd stopped declining (too many declines in a
    /// day, or from one organizer), let it decline again.
    Resume,
    /// The weekly focus-time report: the week's focus, fragmented, refocus and meeting time
    /// per day against the target (the same numbers as `analyze`), the trend against the four
    /// weeks before, the costliest meetings, what focusd did and the coming week.
    #[command(after_long_help = MODEL_NOTE)]
    Report {
        #[command(flatten)]
        input: Input,
        /// The ISO week, in the policy's time zone [default: the last complete week]
        #[arg(long, value_name = "YYYY-Www")]
        week: Option<String>,
        /// text, html (an e-mail's HTML part) or json
        #[arg(long, value_enum, default_value_t = Format::Text)]
        format: Format,
        /// Write the report to FILE instead of standard output
        #[arg(long, value_name = "FILE", conflicts_with = "send")]
        out: Option<PathBuf>,
        /// Mail it (text and HTML) to the policy's report.to (report.team_to with --team),
        /// through [mail] in the configuration
        #[arg(long)]
        send: bool,
        /// The team report over the members of [team] members: distributions, no one's
        /// titles or rows unless report.show_titles / report.per_person. The members'
        /// calendars: --calendars, else [team] calendars, else [google] (a service account
        /// with domain-wide delegation)
        #[arg(long)]
        team: bool,
        /// With --team: a folder of one calendar per member, each an .ics file or a vdir
        /// named by the member's address (alex@example.com.ics, or alex@example.com/);
        /// overrides [team] calendars
        #[arg(long, value_name = "DIR", requires = "team")]
        calendars: Option<PathBuf>,
        #[command(flatten)]
        at: At,
    },
    /// Policy files.
    #[command(subcommand)]
    Policy(PolicyCommand),
    /// Sign in to a calendar account.
    #[command(subcommand)]
    Auth(AuthCommand),
}

#[derive(Debug, Subcommand)]
enum AuthCommand {
    /// Sign in to Google Calendar in a browser (installed-app flow, loopback redirect to
    /// 127.0.0.1) and store the token in the token cache (mode 0600). Needs `client_secret`
    /// in the configuration's [google] table; asks for the `calendar.events` scope only.
    Google,
}

#[derive(Debug, Subcommand)]
enum PolicyCommand {
    /// Validate policy files: unknown keys and bad values are reported with file, line and
    /// column (exit 78).
    Check {
        #[arg(required = true, value_name = "FILE")]
        files: Vec<PathBuf>,
    },
}

#[derive(Debug, Args)]
struct Input {
    /// A local .ics file or vdir folder [default: `calendar` in the configuration]
    #[arg(long, value_name = "PATH")]
    calendar: Option<PathBuf>,
    /// Policy file; repeat to layer a personal file over the team's [default: `policy` in the
    /// configuration, then ~/.config/focusd/policy.toml over it]
    #[arg(long, value_name = "FILE")]
    policy: Vec<PathBuf>,
    /// The user's e-mail address, whose ATTENDEE status and ORGANIZER role decide what is theirs
    #[arg(long, value_name = "EMAIL")]
    me: Option<String>,
}

/// What `plan`, `triage` and `status` are given: the calendar, "now" and the output form.
#[derive(Debug, Args)]
struct View {
    #[command(flatten)]
    input: Input,
    #[command(flatten)]
    at: At,
    #[command(flatten)]
    output: Output,
}

#[derive(Debug, Args)]
struct At {
    /// Fix "now" for a reproducible run: RFC 3339 (2026-11-30T08:00:00+01:00) or a local
    /// time in the policy's zone (2026-11-30T08:00)
    #[arg(long, value_name = "T")]
    now: Option<String>,
}

/// `focusd report --format`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Html,
    Json,
}

#[derive(Debug, Args)]
struct Output {
    /// Machine-readable output on stdout
    #[arg(long)]
    json: bool,
}

/// Runs the command line; returns the process exit code.
pub fn main() -> u8 {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return if e.use_stderr() { 2 } else { 0 };
        }
    };
    let mut out = Vec::new();
    let code = match run(cli, &mut out) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("focusd: {}", escape(&e));
            exit_code(&e)
        }
    };
    let mut stdout = std::io::stdout().lock();
    match stdout.write_all(&out).and_then(|_| stdout.flush()) {
        // A closed pipe (`focusd analyze | head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            eprintln!("focusd: cannot write output: {e}");
            74
        }
        _ => code,
    }
}

fn run(cli: Cli, out: &mut Vec<u8>) -> Result<u8, Error> {
    let (config, state) = (cli.config.as_deref(), cli.state_dir);
    match cli.command {
        Command::Policy(PolicyCommand::Check { files }) => Ok(check_policies(&files, out)),
        Command::Run {
            input,
            once,
            at,
            dry_run,
            interval,
        } => run_daemon(flags(config, state, input), at, once, dry_run, interval),
        Command::Log { output } => log(state, output, out),
        Command::Undo { id, force, input } => undo(flags(config, state, input), id, force, out),
        Command::Resume => resume(state, out),
        Command::Status { view } => {
            status(flags(config, state, view.input), view.at, view.output, out)
        }
        Command::Auth(AuthCommand::Google) => auth_google(config, out),
        Command::Analyze {
            input,
            from,
            to,
            output,
        } => analyze(flags(config, state, input), (from, to), output, out),
        Command::Plan { view } => plan(flags(config, state, view.input), view.at, view.output, out),
        Command::Triage { view } => {
            triage_command(flags(config, state, view.input), view.at, view.output, out)
        }
        Command::Report {
            input,
            week,
            format,
            out: file,
            send,
            team,
            calendars,
            at,
        } => {
            let args = ReportArgs {
                week,
                format,
                file,
                send,
                at,
            };
            let flags = flags(config, state, input);
            if team {
                team_report(flags, args, calendars.as_deref(), out)
            } else {
                report(flags, args, out)
            }
        }
    }
}

/// A view as JSON (`--json`), or as its human form.
fn emit<V: serde::Serialize>(
    out: &mut Vec<u8>,
    output: Output,
    view: &V,
    human: impl FnOnce(&mut Vec<u8>, &V),
) {
    if output.json {
        render::json(out, view);
    } else {
        human(out, view);
    }
}

fn log(state: Option<PathBuf>, output: Output, out: &mut Vec<u8>) -> Result<u8, Error> {
    let store = state::read_store(&state_dir(state)?)?;
    let (log, unreadable) = store.log_checked()?;
    for why in &unreadable {
        eprintln!("focusd: warning: {}", escape(why));
    }
    // A store older than the notices (schema 4) has none to show.
    let notices = store.notice_states().unwrap_or_default();
    if output.json {
        render::log_json(out, &log, &notices);
    } else {
        render::log_table(out, &log, &notices);
    }
    Ok(0)
}

fn resume(state: Option<PathBuf>, out: &mut Vec<u8>) -> Result<u8, Error> {
    let store = state::open_store(&state_dir(state)?)?;
    let resumed = store.resume_all(clock::now())?;
    if resumed.is_empty() {
        let _ = writeln!(out, "focusd is declining as usual: nothing to resume.");
    }
    for (calendar, why) in resumed {
        let _ = writeln!(
            out,
            "resumed declining on {calendar} (it had stopped: {})",
            crate::text::shorten(&why, 300)
        );
    }
    Ok(0)
}

fn status(flags: Flags, at: At, output: Output, out: &mut Vec<u8>) -> Result<u8, Error> {
    let (setup, now, snapshot) = load_horizon(&flags, at)?;
    let timeline = Timeline::new(&snapshot.instances, &setup.me);
    let decisions = triage::triage(&timeline, &setup.policy, &setup.me, now);
    let dir = &setup.state_dir;
    let (sync, breaker, held, paused) = if state::has_store(dir) {
        let store = state::read_store(dir)?;
        let key = setup.calendar().to_string();
        (
            store.sync_info(&key)?,
            store.breaker(&key)?.map(|(_, why)| why),
            // A store older than the notices (schema 4) holds none; one older than the
            // pauses (schema 6), no pause.
            store.held(&key).unwrap_or_default(),
            store.paused().ok().flatten(),
        )
    } else {
        (None, None, Vec::new(), None)
    };
    let mut view =
        render::StatusView::new(&timeline, &setup.policy, &decisions, sync, breaker, now);
    view.held_nudges = held
        .iter()
        .map(|h| {
            format!(
                "{}: {}",
                crate::nudges::plain(&h.title),
                crate::nudges::plain(&h.text)
            )
        })
        .collect();
    view.do_not_disturb = Some(do_not_disturb(&setup.policy, paused));
    emit(out, output, &view, render::status_text);
    Ok(finish(&snapshot))
}

/// `focusd status`'s line on Do Not Disturb: which desktop's switch is used, and a pause
/// focusd holds.
fn do_not_disturb(policy: &Policy, paused: Option<(String, crate::nudges::Paused)>) -> String {
    let held = paused.filter(|(_, p)| p.held).map(|(desktop, p)| {
        format!(
            "; {desktop}'s notifications paused by focusd until {}",
            p.until.with_timezone(&policy.zone()).format("%H:%M")
        )
    });
    let held = held.unwrap_or_default();
    if !policy.nudges.pause_desktop {
        return format!("off (nudges.pause_desktop = false){held}");
    }
    match crate::dnd::server_name() {
        Some(server) => match crate::dnd::for_server(&server) {
            Some(p) => format!("{}{held}", p.name()),
            None => format!(
                "none: the notification server ({}) is none of {}{held}",
                crate::text::shorten(&server, 60),
                crate::dnd::DESKTOPS.join(", ")
            ),
        },
        None => format!("none: no notification server on the session bus{held}"),
    }
}

fn analyze(
    flags: Flags,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    output: Output,
    out: &mut Vec<u8>,
) -> Result<u8, Error> {
    let setup = Settings::resolve(&flags)?;
    let zone = setup.policy.zone();
    let today = model::local_date(zone, clock::now());
    let from = from.unwrap_or_else(|| monday_of(to.unwrap_or(today)));
    let to = to.unwrap_or_else(|| from + Days::new(6));
    if to < from {
        return Err(Error::Usage(format!("--to {to} is before --from {from}")));
    }
    let range = (
        model::local_instant(zone, from, NaiveTime::MIN),
        model::local_instant(zone, to + Days::new(1), NaiveTime::MIN),
    );
    let snapshot = read(&setup, range)?;
    let timeline = Timeline::new(&snapshot.instances, &setup.me);
    let analysis = model::analyze(&timeline, &setup.policy, from, to);
    let view = render::AnalysisView::new(&analysis, &snapshot.instances, &setup.policy);
    emit(out, output, &view, |out, view| {
        render::analysis_table(out, view, &setup.policy, (from, to))
    });
    Ok(finish(&snapshot))
}

/// What `focusd report` was asked for besides the calendar.
struct ReportArgs {
    week: Option<String>,
    format: Format,
    file: Option<PathBuf>,
    send: bool,
    at: At,
}

impl ReportArgs {
    /// The week asked for (`--week`), else the last complete week before `now`.
    fn week(&self, policy: &Policy, now: DateTime<Utc>) -> Result<crate::report::Week, Error> {
        match &self.week {
            Some(w) => {
                crate::report::Week::parse(w).map_err(|e| Error::Usage(format!("--week: {e}")))
            }
            None => Ok(crate::report::Week::last_complete(model::local_date(
                policy.zone(),
                now,
            ))),
        }
    }

    /// A report in the format asked for (`text` and `html` render it), written to `--out`
    /// or else to standard output.
    fn write<R: serde::Serialize>(
        &self,
        report: &R,
        text: impl FnOnce(&R) -> String,
        html: impl FnOnce(&R) -> String,
        out: &mut Vec<u8>,
    ) -> Result<(), Error> {
        let mut body = Vec::new();
        match self.format {
            Format::Text => body.extend(text(report).into_bytes()),
            Format::Html => body.extend(html(report).into_bytes()),
            Format::Json => render::json(&mut body, report),
        }
        match &self.file {
            Some(path) => std::fs::write(path, &body).map_err(|source| Error::Io {
                context: format!("cannot write {}", path.display()),
                source,
            })?,
            None => out.extend(body),
        }
        Ok(())
    }
}

fn report(flags: Flags, args: ReportArgs, out: &mut Vec<u8>) -> Result<u8, Error> {
    let setup = Settings::resolve(&flags)?;
    let now = resolve_now(args.at.now.as_deref(), &setup.policy)?;
    let week = args.week(&setup.policy, now)?;
    let snapshot = read(&setup, crate::report::read_range(&setup.policy, week))?;
    let (audit, acted) = audit_of(&setup, week)?;
    let report = crate::report::build(
        &snapshot.instances,
        &setup.policy,
        &setup.me,
        week,
        &audit,
        acted,
    );
    if args.send {
        let mail = crate::mail::Settings::from_config(setup.config_file.as_deref())?;
        let to = crate::mail::recipients(&setup.policy, &setup.me)?;
        let message = crate::mail::message(&mail, &to, &report, now, crate::mail::Id::Fresh)?;
        runtime()?.block_on(crate::mail::send(&mail, message))?;
        let _ = writeln!(
            out,
            "sent the report for {} to {}",
            report.week,
            to.join(", ")
        );
        return Ok(finish(&snapshot));
    }
    args.write(
        &report,
        crate::report::text::render,
        crate::report::html::render,
        out,
    )?;
    Ok(finish(&snapshot))
}

/// `focusd report --team [--calendars DIR]`: every member's calendar read for the week
/// (from DIR, `[team] calendars`, or Google by delegation: `team::Source`), the team report
/// built over them.
fn team_report(
    mut flags: Flags,
    args: ReportArgs,
    dir: Option<&Path>,
    out: &mut Vec<u8>,
) -> Result<u8, Error> {
    let loaded = crate::config::Config::load(flags.config.as_deref())?;
    let source = crate::team::Source::resolve(dir, &loaded).ok_or_else(|| {
        Error::Usage(
            "the team report needs the members' calendars: pass --calendars DIR, or set \
             `[team] calendars` or a [google] service account in the configuration"
                .into(),
        )
    })?;
    // The members' calendars stand in for the user's.
    if let crate::team::Source::Folder(dir) = &source {
        flags.calendar.get_or_insert_with(|| dir.clone());
    }
    let setup = Settings::resolve(&flags)?;
    let policy = &setup.policy;
    let now = resolve_now(args.at.now.as_deref(), policy)?;
    let week = args.week(policy, now)?;
    let members = runtime()?.block_on(crate::team::read(&source, policy, week))?;
    for m in &members.missing {
        eprintln!("focusd: warning: no calendar for team member {}", escape(m));
    }
    for (m, why) in &members.unreadable {
        eprintln!(
            "focusd: warning: cannot read the calendar of team member {}: {}",
            escape(m),
            escape(why)
        );
    }
    let code = finish(&Snapshot {
        instances: Vec::new(),
        diagnostics: members.diagnostics.clone(),
    });
    let report = members.report(policy, week);
    if args.send {
        let mail = crate::mail::Settings::from_config(setup.config_file.as_deref())?;
        let to = crate::mail::team_recipients(policy, &setup.me)?;
        let message = crate::mail::compose(
            &mail,
            &to,
            crate::team::parts(&report),
            now,
            crate::mail::Id::Fresh,
        )?;
        runtime()?.block_on(crate::mail::send(&mail, message))?;
        let _ = writeln!(
            out,
            "sent the team report for {} to {}",
            report.week,
            to.join(", ")
        );
        return Ok(code);
    }
    args.write(
        &report,
        crate::report::team::text,
        crate::report::team::html,
        out,
    )?;
    Ok(code)
}

/// The audit log as the report takes it, and the notices acted on in `week`; nothing
/// without a state folder.
fn audit_of(
    setup: &Settings,
    week: crate::report::Week,
) -> Result<(Vec<crate::report::Audit>, usize), Error> {
    if !state::has_store(&setup.state_dir) {
        return Ok((Vec::new(), 0));
    }
    let store = state::read_store(&setup.state_dir)?;
    let key = setup.calendar().to_string();
    let (from, to) = week.range(&setup.policy);
    let audit = store
        .log()?
        .into_iter()
        .filter(|r| r.calendar == key)
        .map(crate::report::Audit::from)
        .collect();
    // A store older than the notices (schema 4) holds none.
    let acted = store.acted_between(from, to).unwrap_or(0);
    Ok((audit, acted))
}

fn plan(flags: Flags, at: At, output: Output, out: &mut Vec<u8>) -> Result<u8, Error> {
    let (setup, now, snapshot) = load_horizon(&flags, at)?;
    // The plan as the daemon makes it: on the calendar as this cycle's declines leave it.
    let decided = crate::actions::decide(
        &snapshot.instances,
        &crate::actions::Memory::default(),
        &setup.policy,
        &setup.me,
        now,
    );
    let view = render::PlanView::new(&decided.plan, &decided.decisions, &setup.policy);
    emit(out, output, &view, |out, view| {
        render::plan_table(out, view, &setup.policy)
    });
    Ok(finish(&snapshot))
}

fn triage_command(flags: Flags, at: At, output: Output, out: &mut Vec<u8>) -> Result<u8, Error> {
    let (setup, now, snapshot) = load_horizon(&flags, at)?;
    let timeline = Timeline::new(&snapshot.instances, &setup.me);
    let decisions = triage::triage(&timeline, &setup.policy, &setup.me, now);
    let view = render::TriageView::new(&decisions, &setup.policy);
    emit(out, output, &view, |out, view| {
        render::decisions_table(out, &view.decisions)
    });
    Ok(finish(&snapshot))
}

fn run_daemon(flags: Flags, at: At, once: bool, dry_run: bool, interval: u64) -> Result<u8, Error> {
    let setup = Settings::resolve(&flags)?;
    let now = match at.now {
        Some(t) => Some(resolve_now(Some(&t), &setup.policy)?),
        None => None,
    };
    let state_dir = setup.state_dir.clone();
    // One daemon per state folder, for its whole life; a second exits here, having touched
    // nothing. A dry run writes nothing and takes no lock.
    let _daemon = if dry_run {
        None
    } else {
        Some(state::lock_daemon(&state_dir)?)
    };
    let store = if dry_run {
        // A dry run reads what the daemon remembers but writes nothing, not even the store.
        if state::has_store(&state_dir) {
            state::read_store(&state_dir)?
        } else {
            crate::store::Store::in_memory()?
        }
    } else {
        state::open_store(&state_dir)?
    };
    let opts = daemon::Options {
        watched: setup.watched(),
        flags,
        me: setup.me.clone(),
        state_dir,
        once,
        dry_run,
        interval: std::time::Duration::from_secs(interval),
        now,
    };
    crate::systemd::init_logging();
    let (source, policy, me, dir) = (
        setup.source.clone(),
        setup.policy.clone(),
        opts.me.clone(),
        opts.state_dir.clone(),
    );
    let open = async move { source.open(&for_backend(&policy), &me, &dir).await };
    let runtime = runtime()?;
    let ended = runtime.block_on(daemon::run(opts, setup.policy, store, open));
    // The runtime is left to the process exit, not shut down: a cycle that a signal stopped
    // may still sit in a blocking call on the blocking pool (a hung mount, a slow server), which a
    // shutdown would wait for forever. Everything the cycle did is in the store already;
    // the next start reconciles what it had not finished.
    std::mem::forget(runtime);
    Ok(match ended? {
        daemon::Ended::Stopped => 0,
        daemon::Ended::Once(Ok(r)) if !r.unreadable.is_empty() => 65,
        daemon::Ended::Once(Ok(r)) if r.failed.is_empty() => 0,
        daemon::Ended::Once(Ok(_)) => 1,
        // The cycle could not run: the same codes as any other command's error.
        daemon::Ended::Once(Err(daemon::CycleError::Calendar(_))) => 69,
        daemon::Ended::Once(Err(daemon::CycleError::Store(_))) => 74,
        daemon::Ended::Once(Err(daemon::CycleError::Lock(e))) => exit_code(&e),
    })
}

/// The exit code for an error (SPEC section 8, and sysexits for the rest): 2 usage, 65 bad
/// calendar data, 78 bad policy or configuration; 69 the calendar's service failed, 74 input
/// and output (files, the state database), 75 busy. Listed in `--help` (`EXIT_CODES`) and the
/// README.
pub fn exit_code(e: &Error) -> u8 {
    match e {
        Error::Usage(_) => 2,
        Error::Calendar(_) => 65,
        Error::Policy(_) | Error::Config(_) => 78,
        Error::Backend { .. } | Error::Mail { .. } => 69,
        Error::Io { .. } | Error::Store(_) => 74,
        Error::Busy(_) => 75,
    }
}

fn auth_google(config_path: Option<&Path>, out: &mut Vec<u8>) -> Result<u8, Error> {
    let config = Config::load(config_path)?;
    let Some(google) = config.google else {
        return Err(Error::Usage(
            "no [google] table in the configuration: see the README, \"Google Calendar\"".into(),
        ));
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|source| Error::Io {
            context: "cannot start the async runtime".into(),
            source,
        })?;
    let signed = runtime.block_on(google::sign_in(&google, config.me.as_deref(), |url| {
        eprintln!("Open this address in a browser and allow focusd to manage your events:");
        eprintln!();
        eprintln!("  {url}");
        eprintln!();
        eprintln!("Waiting for the browser to come back to this machine (127.0.0.1)...");
    }))?;
    let _ = writeln!(out, "Signed in to Google Calendar as {}.", signed.account);
    let _ = writeln!(
        out,
        "Token stored in {} (readable by you only).",
        signed.token_cache.display()
    );
    Ok(0)
}

fn check_policies(files: &[PathBuf], out: &mut Vec<u8>) -> u8 {
    let mut code = 0;
    for file in files {
        match load_policy(std::slice::from_ref(file)) {
            Ok(policy) => {
                let warnings = policy.warnings();
                for w in &warnings {
                    let _ = writeln!(out, "{}: warning: {w}", file.display());
                }
                if warnings.is_empty() {
                    let _ = writeln!(out, "{}: ok", file.display());
                }
            }
            Err(e) => {
                eprintln!("focusd: {}", escape(&e));
                code = exit_code(&e);
            }
        }
    }
    code
}

/// `focusd undo ID`: applies the inverse of a done action, recorded like any other action,
/// and tells the daemon to leave that invitation or block alone from now on.
fn undo(mut flags: Flags, id: i64, force: bool, out: &mut Vec<u8>) -> Result<u8, Error> {
    let dir = state_dir(flags.state_dir.clone())?;
    let store = state::open_store(&dir)?;
    // Held from the intent to its outcome: a daemon's cycle waits for the undo, and the undo
    // waits a few seconds for a cycle under way, then gives up (exit 75) having done nothing.
    let _writing = state::lock_writes_within(&dir, state::UNDO_WAIT)?;
    let record = crate::undo::undoable(&store, id)?;
    let Ok(recorded) = record.calendar.parse::<CalendarKey>();
    if let (None, CalendarKey::Local(path)) = (&flags.calendar, &recorded) {
        flags.calendar = Some(path.clone());
    }
    let mut setup = Settings::resolve(&flags)?;
    setup.me = crate::undo::answerer(&record, &setup.me)?;
    if setup.calendar() != recorded {
        return Err(Error::Usage(format!(
            "action {id} was taken on {}, not on {}",
            record.calendar,
            setup.calendar()
        )));
    }
    let runtime = runtime()?;
    let undone = runtime.block_on(async {
        let mut calendar = setup
            .source
            .open(&for_backend(&setup.policy), &setup.me, &setup.state_dir)
            .await?;
        let why = format!("undo of action {id}");
        let asked = crate::undo::Asked {
            force,
            why: &why,
            wall: &clock::now,
        };
        crate::undo::undo(
            &store,
            &mut calendar,
            &record,
            &setup.policy,
            &setup.me,
            asked,
        )
        .await
    })?;
    match undone {
        crate::undo::Undone::Done { new_id } => {
            let _ = writeln!(
                out,
                "undone: action {id} ({}), recorded as action {new_id}",
                render::describe(&record.action)
            );
            Ok(0)
        }
        crate::undo::Undone::Refused(why) => {
            eprintln!(
                "focusd: action {id} not undone: {}",
                crate::text::shorten(&why, 300)
            );
            Ok(1)
        }
        crate::undo::Undone::Failed(e) => {
            eprintln!("focusd: undo of action {id} failed: {}", escape(&e));
            Ok(1)
        }
    }
}

/// The command line's flags, as [`Settings::resolve`] takes them: the one value every
/// command that reads the calendar is given (`--config`, `--state-dir` and its `Input`).
fn flags(config: Option<&Path>, state: Option<PathBuf>, input: Input) -> Flags {
    Flags {
        config: config.map(Path::to_path_buf),
        calendar: input.calendar,
        policy: input.policy,
        me: input.me,
        state_dir: state,
    }
}

fn runtime() -> Result<tokio::runtime::Runtime, Error> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| Error::Io {
            context: "cannot start the runtime".into(),
            source: e,
        })
}

/// Reads the calendar over `[from, to)`: a local one directly (its diagnostics decide the
/// exit code), Google through its backend.
fn read(setup: &Settings, (from, to): (DateTime<Utc>, DateTime<Utc>)) -> Result<Snapshot, Error> {
    match &setup.source {
        Source::Local(path) => ical::read_calendar(
            path,
            &ReadOptions {
                zone: setup.policy.zone(),
                from,
                to,
            },
        ),
        Source::Google(_) => runtime()?.block_on(async {
            let mut backend = setup
                .source
                .open(&for_backend(&setup.policy), &setup.me, &setup.state_dir)
                .await?;
            backend
                .sync(from, to)
                .await
                .map_err(|source| Error::Backend {
                    calendar: setup.calendar().to_string(),
                    source,
                })
        }),
    }
}

/// Resolves the flags and reads the calendar over the planning horizon (plan, triage,
/// status).
fn load_horizon(flags: &Flags, at: At) -> Result<(Settings, DateTime<Utc>, Snapshot), Error> {
    let setup = Settings::resolve(flags)?;
    let now = resolve_now(at.now.as_deref(), &setup.policy)?;
    let snapshot = read(&setup, planning_range(&setup.policy, now))?;
    Ok((setup, now, snapshot))
}

/// What plan and triage read: from the start of today to the end of the horizon.
fn planning_range(policy: &Policy, now: DateTime<Utc>) -> (DateTime<Utc>, DateTime<Utc>) {
    let today = model::local_date(policy.zone(), now);
    let (range, _) = planner::horizon(policy, now);
    (
        model::local_instant(policy.zone(), today, NaiveTime::MIN),
        model::instant(range.end),
    )
}

/// Prints what could not be read and picks the exit code: 65 when anything was skipped.
fn finish(snapshot: &Snapshot) -> u8 {
    let mut code = 0;
    for d in &snapshot.diagnostics {
        match d.severity {
            Severity::Error => {
                eprintln!("focusd: {}", escape(d));
                code = 65;
            }
            Severity::Warning => eprintln!("focusd: warning: {}", escape(d)),
        }
    }
    code
}

fn resolve_now(now: Option<&str>, policy: &Policy) -> Result<DateTime<Utc>, Error> {
    let Some(text) = now else {
        return Ok(clock::now());
    };
    if let Ok(t) = DateTime::parse_from_rfc3339(text) {
        return Ok(t.with_timezone(&Utc));
    }
    for format in ["%Y-%m-%dT%H:%M:%S", "%Y-%m-%dT%H:%M", "%Y-%m-%d %H:%M"] {
        if let Ok(local) = NaiveDateTime::parse_from_str(text, format) {
            return Ok(model::local_instant(
                policy.zone(),
                local.date(),
                local.time(),
            ));
        }
    }
    if let Ok(date) = NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(model::local_instant(policy.zone(), date, NaiveTime::MIN));
    }
    Err(Error::Usage(format!(
        "--now {text}: expected RFC 3339 (2026-11-30T08:00:00+01:00) or a local time (2026-11-30T08:00)"
    )))
}

fn monday_of(date: NaiveDate) -> NaiveDate {
    date - Days::new(u64::from(date.weekday().num_days_from_monday()))
}
