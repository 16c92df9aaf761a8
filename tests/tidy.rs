//! Architecture checks on the source text, in the style of rust-analyzer's tidy tests: the
//! pure core never names the imperative shell, so that it can be read, tested and changed
//! without it, and no two modules import each other (see ARCHITECTURE.md, "Which module may
//! name which").

use std::path::{Path, PathBuf};

/// The core: pure functions over plain data.
const CORE: &[&str] = &[
    "event.rs",
    "model.rs",
    "planner.rs",
    "triage.rs",
    "actions.rs",
    "nudges.rs",
    "policy.rs",
    "text.rs",
    "agenda",
];

/// Modules every other may name because they name none: the core carries their values
/// (a [`Diagnostic`]) without depending on the shell.
const LEAVES: &[&str] = &["error.rs", "text.rs", "escape.rs", "clock.rs", "files.rs"];

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

/// The code of a file without its comments (a doc comment may mention the shell) and
/// without its unit tests (a test may build what the code it tests is given).
fn code(text: &str) -> String {
    let mut out = Vec::new();
    let mut cfg_test = false;
    let mut in_tests = false;
    for line in text.lines() {
        let l = match line.find("//") {
            Some(i) => &line[..i],
            None => line,
        };
        if in_tests {
            // rustfmt closes a module at the top level with `}` alone in the first column.
            in_tests = l != "}";
            continue;
        }
        let t = l.trim();
        if cfg_test && (t.starts_with("mod ") || t.starts_with("pub mod ")) && t.ends_with('{') {
            in_tests = true;
            continue;
        }
        cfg_test = t == "#[cfg(test)]";
        out.push(l);
    }
    out.join("\n")
}

fn ident(text: &str) -> String {
    text.trim()
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// Every `crate::<module>` a text names, also inside `use crate::{a, b::{c, d}, e}` (only the
/// group's first level names a module of the crate).
fn crate_paths(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = code;
    while let Some(i) = rest.find("crate::") {
        rest = &rest[i + "crate::".len()..];
        let Some(group) = rest.strip_prefix('{') else {
            out.push(ident(rest));
            continue;
        };
        let mut depth = 0;
        let mut item_start = 0;
        for (j, c) in group.char_indices() {
            match c {
                '{' => depth += 1,
                '}' if depth == 0 => {
                    out.push(ident(&group[item_start..j]));
                    break;
                }
                '}' => depth -= 1,
                ',' if depth == 0 => {
                    out.push(ident(&group[item_start..j]));
                    item_start = j + 1;
                }
                _ => {}
            }
        }
    }
    out.retain(|n| !n.is_empty() && n != "self");
    out
}

/// The crate's top-level modules and which others each names (`src/x.rs` and `src/x/**`
/// are module `x`).
fn module_graph() -> std::collections::BTreeMap<String, std::collections::BTreeSet<String>> {
    let mut files = Vec::new();
    rust_files(&src(), &mut files);
    let mut graph = std::collections::BTreeMap::<_, std::collections::BTreeSet<_>>::new();
    for file in files {
        if file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let rel = file.strip_prefix(src()).unwrap();
        let top = rel
            .components()
            .next()
            .unwrap()
            .as_os_str()
            .to_string_lossy();
        let top = top.trim_end_matches(".rs").to_string();
        if top == "lib" || top == "main" {
            continue;
        }
        let text = code(&std::fs::read_to_string(&file).unwrap());
        let names = graph.entry(top.clone()).or_default();
        for name in crate_paths(&text) {
            if name != top {
                names.insert(name);
            }
        }
    }
    graph
}

/// The cycles of a graph: its strongly connected components with more than one module
/// (Tarjan's algorithm).
fn cycles(
    graph: &std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
) -> Vec<Vec<String>> {
    struct Walk<'g> {
        graph: &'g std::collections::BTreeMap<String, std::collections::BTreeSet<String>>,
        index: std::collections::HashMap<&'g str, (usize, usize)>,
        stack: Vec<&'g str>,
        out: Vec<Vec<String>>,
    }
    fn visit<'g>(w: &mut Walk<'g>, v: &'g str) {
        let n = w.index.len();
        w.index.insert(v, (n, n));
        w.stack.push(v);
        for next in w.graph.get(v).into_iter().flatten() {
            let next = next.as_str();
            if !w.graph.contains_key(next) {
                continue;
            }
            match w.index.get(next) {
                None => {
                    visit(w, next);
                    let low = w.index[next].1.min(w.index[v].1);
                    w.index.get_mut(v).unwrap().1 = low;
                }
                Some(&(i, _)) if w.stack.contains(&next) => {
                    let low = i.min(w.index[v].1);
                    w.index.get_mut(v).unwrap().1 = low;
                }
                Some(_) => {}
            }
        }
        let (i, low) = w.index[v];
        if i == low {
            let at = w.stack.iter().rposition(|m| *m == v).unwrap();
            let component: Vec<String> = w.stack.drain(at..).map(String::from).collect();
            if component.len() > 1 {
                w.out.push(component);
            }
        }
    }
    let mut w = Walk {
        graph,
        index: Default::default(),
        stack: Vec::new(),
        out: Vec::new(),
    };
    for v in graph.keys() {
        if !w.index.contains_key(v.as_str()) {
            visit(&mut w, v);
        }
    }
    w.out
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
fn no_module_imports_one_that_imports_it_back() {
    let graph = module_graph();
    assert!(graph.len() >= 25, "the crate's modules: {:?}", graph.keys());
    let found = cycles(&graph);
    assert!(
        found.is_empty(),
        "modules that import each other, directly or through others (move the shared name \
         to the one that owns it, or to a leaf):\n{found:?}"
    );
}

#[test]
fn the_leaves_name_no_module_of_the_crate() {
    let graph = module_graph();
    for leaf in LEAVES {
        let name = leaf.trim_end_matches(".rs");
        let names = graph
            .get(name)
            .unwrap_or_else(|| panic!("no module {name}"));
        assert!(names.is_empty(), "{name} names {names:?}");
    }
}

#[test]
fn the_checker_sees_what_it_looks_for() {
    let text = "use crate::{event::{Instance, Me}, backend::EventRef, self};\nlet x = crate::store::Store::open();\n// crate::daemon in a comment\n#[cfg(test)]\nmod tests {\n    use crate::cli;\n    fn f() {\n    }\n}\nuse crate::render;\n";
    let names = crate_paths(&code(text));
    assert_eq!(names, ["event", "backend", "store", "render"]);

    let graph = [
        ("a", &["b"][..]),
        ("b", &["c"]),
        ("c", &["a"]),
        ("d", &["a"]),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.iter().map(|s| s.to_string()).collect()))
    .collect();
    let mut found = cycles(&graph);
    found[0].sort();
    assert_eq!(found, [["a", "b", "c"]]);
}

/// A module only the binary uses is `pub(crate)`, so that the dead-code lint sees what
/// nothing calls: every `pub mod` in lib.rs is named by a test, a benchmark or an example.
#[test]
fn every_public_module_is_used_outside_the_crate() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut outside = String::new();
    for dir in ["tests", "benches", "examples"] {
        let mut files = Vec::new();
        rust_files(&root.join(dir), &mut files);
        for f in files {
            outside += &std::fs::read_to_string(f).unwrap();
        }
    }
    let lib = std::fs::read_to_string(src().join("lib.rs")).unwrap();
    let public: Vec<&str> = lib
        .lines()
        .filter_map(|l| l.strip_prefix("pub mod ")?.strip_suffix(';'))
        .collect();
    assert!(public.len() >= 5, "lib.rs's public modules: {public:?}");
    let named = crate_paths(&code(&outside).replace("focusd::", "crate::"));
    let unused: Vec<&&str> = public
        .iter()
        .filter(|m| !named.iter().any(|n| n == *m))
        .collect();
    assert!(
        unused.is_empty(),
        "public modules nothing outside the crate names (make them pub(crate)): {unused:?}"
    );
}
