//! Architecture checks on the source text, in the style of rust-analyzer's tidy tests: the
//! pure core never names the imperative shell, so that it can be read, tested and changed
//! without it (see ARCHITECTURE.md, "Functional core, imperative shell").

use std::path::{Path, PathBuf};

/// The core: pure functions over plain data.
const CORE: &[&str] = &[
    "event.rs",
    "model.rs",
    "planner.rs",
    "triage.rs",
    "actions.rs",
    "nudges.rs",
    "agenda",
];

/// Modules that do I/O or talk to the user; the core may not name them.
const SHELL: &[&str] = &[
    "backend", "store", "daemon", "render", "cli", "systemd", "notify", "mail", "report", "ical",
    "config", "files", "state", "escape", "clock", "settings", "team",
];

/// What the core may not use either: the file system, the network, processes, the
/// environment, the async runtime.
const IO: &[&str] = &[
    "std::fs",
    "std::net",
    "std::process",
    "std::env",
    "tokio",
    "rusqlite",
];

fn src() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(path: &Path, out: &mut Vec<PathBuf>) {
    if path.is_dir() {
        let mut entries: Vec<_> = std::fs::read_dir(path)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for e in entries {
            rust_files(&e, out);
        }
    } else if path.extension().is_some_and(|x| x == "rs") {
        out.push(path.to_path_buf());
    }
}

/// The code of a file without its comments (a doc comment may mention the shell).
fn code(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) => &l[..i],
            None => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every `crate::<module>` a text names, also inside `use crate::{a, b::c}`.
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            for item in group[..end].split(',') {
                let name: String = item
                    .trim()
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                out.push(name);
            }
        } else {
            let name: String = rest
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            out.push(name);
        }
    }
    out
}

#[test]
fn the_core_never_names_the_shell() {
    let mut files = Vec::new();
    for c in CORE {
        rust_files(&src().join(c), &mut files);
    }
    assert!(files.len() >= 8, "the core's files: {files:?}");
    let mut found = Vec::new();
    for file in &files {
        let text = code(&std::fs::read_to_string(file).unwrap());
        for name in crate_paths(&text) {
            if SHELL.contains(&name.as_str()) {
                found.push(format!("{}: crate::{name}", file.display()));
            }
        }
        for io in IO {
            if text.contains(io) {
                found.push(format!("{}: {io}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core names the shell (move the name to the core, or the code to the shell):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_checker_sees_what_it_looks_for() {
    let text = "use crate::{event::Instance, backend::EventRef};\nlet x = crate::store::Store::open();\n// crate::daemon in a comment\n";
    let names = crate_paths(&code(text));
    assert_eq!(names, ["event", "backend", "store"]);
}
