//! focusd: a focus-time guardian for engineers.
//!
//! The pure core (`model`, `planner`, `triage`) computes over plain data ([`event::Instance`],
//! [`policy::Policy`], `now`). The shell (`ical` reading, the CLI) does the I/O.
//! See ARCHITECTURE.md.

pub mod actions;
pub mod agenda;
pub mod backend;
pub mod cli;
pub mod clock;
pub mod config;
pub mod daemon;
pub mod dnd;
pub mod error;
pub mod escape;
pub mod event;
pub mod files;
pub mod ical;
pub mod mail;
pub mod model;
pub mod notify;
pub mod nudges;
pub mod planner;
pub mod policy;
pub mod render;
pub mod report;
pub mod settings;
pub mod state;
pub mod store;
pub mod systemd;
pub mod team;
pub mod text;
pub mod triage;
pub mod undo;
