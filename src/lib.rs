//! focusd: a focus-time guardian for engineers.
//!
//! The pure core (`model`, `planner`, `triage`) computes over plain data ([`event::Instance`],
//! [`policy::Policy`], `now`). The shell (`ical` reading, the CLI) does the I/O.
//! See ARCHITECTURE.md. The modules only the binary uses are `pub(crate)`, so the dead-code
//! lint sees what nothing calls; the public ones are what tests, benchmarks and examples
//! name (`tests/tidy.rs` keeps it so).

pub(crate) mod actions;
pub mod agenda;
pub mod backend;
pub mod cli;
pub(crate) mod clock;
pub mod config;
pub(crate) mod daemon;
pub(crate) mod dnd;
pub mod error;
pub(crate) mod escape;
pub mod event;
pub(crate) mod files;
pub mod ical;
pub(crate) mod mail;
pub mod model;
pub(crate) mod notify;
pub(crate) mod nudges;
pub mod planner;
pub mod policy;
pub(crate) mod render;
pub mod report;
pub(crate) mod settings;
pub(crate) mod state;
pub(crate) mod store;
pub(crate) mod systemd;
pub(crate) mod team;
pub(crate) mod text;
pub mod triage;
pub(crate) mod undo;
