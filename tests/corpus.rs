//! The dash-compared corpus: every script in tests/corpus/{core,control} is run once by dash
//! (the expected stdout and exit status, computed live) and by rawsh with each spawn strategy,
//! each run in its own fresh directory with a fixed environment and stdin from /dev/null.
//! stderr is not compared (message prefixes differ) but is shown for failures.
//! `CORPUS_FILTER=substring` runs only the scripts whose path contains it.

mod common;

use common::{Output, STRATEGIES, TempDir, truncated};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

const SUITES: [&str; 2] = ["core", "control"];
const TIMEOUT: Duration = Duration::from_secs(10);
/// The machine has two cores shared with other work.
const THREADS: usize = 2;
/// How much of a mismatching stdout or stderr the report shows.
const SHOW: usize = 600;

fn scripts() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let filter = std::env::var("CORPUS_FILTER").unwrap_or_default();
    let mut all = Vec::new();
    for suite in SUITES {
        let dir = root.join(suite);
        let entries = std::fs::read_dir(&dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
        for entry in entries {
            let path = entry.expect("read_dir entry").path();
            if path.extension().is_some_and(|e| e == "sh") && name(&path).contains(&filter) {
                all.push(path);
            }
        }
    }
    all.sort();
    all
}

/// `suite/script.sh`, how scripts are named in reports and matched by CORPUS_FILTER.
fn name(path: &Path) -> String {
    let parent = path.parent().and_then(Path::file_name).unwrap_or_default();
    let file = path.file_name().unwrap_or_default();
    format!("{}/{}", parent.to_string_lossy(), file.to_string_lossy())
}

fn run_in_fresh_dir(cmd: std::process::Command) -> Output {
    let dir = TempDir::new();
    common::run(cmd, dir.path(), None, TIMEOUT)
}

/// One script: dash once, rawsh per strategy. Returns (passed runs, failed runs, reports);
/// strategies that fail the same way share one report.
fn check(script: &Path) -> (usize, usize, Vec<String>) {
    let path = script.to_str().expect("script paths are UTF-8");
    let expected = run_in_fresh_dir(common::dash(&[path]));
    if expected.timed_out {
        let why = format!(
            "--- {}: dash itself timed out: fix the script\n",
            name(script)
        );
        return (0, STRATEGIES.len(), vec![why]);
    }
    let mut passed = 0;
    let mut failed: Vec<(Vec<&str>, Output)> = Vec::new();
    for strategy in STRATEGIES {
        let flag = format!("--spawn={strategy}");
        let got = run_in_fresh_dir(common::rawsh(&[&flag, path]));
        if !got.timed_out && got.status == expected.status && got.stdout == expected.stdout {
            passed += 1;
        } else if let Some((names, _)) = failed.iter_mut().find(|(_, o)| same(o, &got)) {
            names.push(strategy);
        } else {
            failed.push((vec![strategy], got));
        }
    }
    let failed_runs = STRATEGIES.len() - passed;
    let reports = failed
        .iter()
        .map(|(names, got)| report(script, names, &expected, got))
        .collect();
    (passed, failed_runs, reports)
}

fn same(a: &Output, b: &Output) -> bool {
    a.timed_out == b.timed_out && a.status == b.status && a.stdout == b.stdout
}

fn report(script: &Path, strategies: &[&str], expected: &Output, got: &Output) -> String {
    let mut r = format!("--- {} [--spawn={}]\n", name(script), strategies.join(","));
    if got.timed_out {
        r += &format!("    TIMED OUT after {TIMEOUT:?} (killed)\n");
    }
    r += &format!(
        "    status: expected {}, got {}\n",
        expected.status, got.status
    );
    if got.stdout != expected.stdout {
        r += &format!(
            "    expected stdout:\n{}\n",
            indent(&truncated(&expected.stdout, SHOW))
        );
        r += &format!(
            "    got stdout:\n{}\n",
            indent(&truncated(&got.stdout, SHOW))
        );
    }
    if !got.stderr.is_empty() {
        r += &format!(
            "    rawsh stderr:\n{}\n",
            indent(&truncated(&got.stderr, SHOW))
        );
    }
    r
}

fn indent(text: &str) -> String {
    if text.is_empty() {
        return "      (empty)".to_string();
    }
    text.lines()
        .map(|l| format!("      | {l}"))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn corpus() {
    let scripts = scripts();
    assert!(
        !scripts.is_empty(),
        "no corpus script matches CORPUS_FILTER"
    );
    // Check the references exist before blaming any script.
    common::rawsh_path();
    assert!(
        std::process::Command::new("dash")
            .arg("-c")
            .arg(":")
            .status()
            .is_ok(),
        "dash is not installed (`make deps`)"
    );

    let next = AtomicUsize::new(0);
    let passed = AtomicUsize::new(0);
    let failed = AtomicUsize::new(0);
    let reports = Mutex::new(Vec::new());
    thread::scope(|s| {
        for _ in 0..THREADS {
            s.spawn(|| {
                while let Some(script) = scripts.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let (ok, bad, mut why) = check(script);
                    passed.fetch_add(ok, Ordering::Relaxed);
                    failed.fetch_add(bad, Ordering::Relaxed);
                    reports.lock().expect("lock").append(&mut why);
                }
            });
        }
    });

    let mut reports = reports.into_inner().expect("lock");
    reports.sort();
    let (passed, failed) = (passed.into_inner(), failed.into_inner());
    // Straight to stderr, past the harness's capture: the summary shows on success too.
    let _ = writeln!(
        std::io::stderr(),
        "corpus: {passed} passed, {failed} failed ({} scripts x {} strategies, RAWSH_ARCH={})",
        scripts.len(),
        STRATEGIES.len(),
        common::arch()
    );
    if failed > 0 {
        panic!(
            "{failed} corpus runs differ from dash:\n{}",
            reports.join("")
        );
    }
}
