//! The seed's claims on the real binary: `rawsh --applet selftest` for the arch named by
//! RAWSH_ARCH (x86_64 by default; aarch64 runs under qemu-aarch64). Natively every check is
//! OK; under qemu-user none fails and the only SKIPs are the ones qemu-user cannot emulate,
//! each with qemu-user's reason.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Every check, in the order selftest runs them.
const CHECKS: &[&str] = &[
    "fork pids",
    "fork copy-on-write",
    "vfork suspends parent",
    "vfork shares memory",
    "vfork _exit skips exit path",
    "execve replaces image",
    "execve errors",
    "clone exit status",
    "clone CLONE_VM",
    "clone CLONE_FILES",
    "clone CLONE_SIGHAND",
    "clone signaled",
    "clone guard page",
    "spawn fork",
    "spawn vfork",
    "spawn clone",
    "spawn fork errors",
    "spawn vfork errors",
    "spawn clone errors",
];

/// What qemu-user cannot emulate: the check and the reason selftest must give.
const QEMU_SKIPS: &[(&str, &str)] = &[
    ("vfork suspends parent", "qemu-user emulates vfork as fork"),
    ("vfork shares memory", "qemu-user emulates vfork as fork"),
    (
        "clone CLONE_VM",
        "qemu-user rejects CLONE_VM without the thread flags (EINVAL)",
    ),
    (
        "clone CLONE_FILES",
        "qemu-user rejects sharing clone flags without CLONE_VM (EINVAL)",
    ),
    (
        "clone CLONE_SIGHAND",
        "qemu-user rejects CLONE_VM without the thread flags (EINVAL)",
    ),
];

/// The checks that re-exec rawsh, which qemu-user can do only through binfmt_misc.
const REEXEC: &[&str] = &[
    "execve replaces image",
    "spawn fork",
    "spawn vfork",
    "spawn clone",
];
const NO_BINFMT: &str = "qemu-user cannot exec an aarch64 binary: binfmt_misc has no \
    qemu-aarch64 rule (tests/binfmt.sh registers it, as root)";

fn arch() -> String {
    std::env::var("RAWSH_ARCH").unwrap_or_else(|_| String::from("x86_64"))
}

fn emulated() -> bool {
    arch() != std::env::consts::ARCH
}

fn binary() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("target"),
        PathBuf::from,
    );
    let arch = arch();
    let bin = target.join(format!("{arch}-unknown-linux-gnu/release/rawsh"));
    assert!(
        bin.exists(),
        "{} missing: cargo build --release --target {arch}-unknown-linux-gnu",
        bin.display()
    );
    bin
}

/// `program args...`, through qemu-aarch64 when the binary is not for this machine.
fn command(program: &Path) -> Command {
    if emulated() {
        let mut c = Command::new(format!("qemu-{}", arch()));
        c.arg(program);
        c
    } else {
        Command::new(program)
    }
}

fn run(mut c: Command) -> (Output, String) {
    let out = c.output().expect("rawsh runs");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    (out, stdout)
}

/// A check's result line, split into its verdict, name and detail.
#[derive(Debug)]
struct Line {
    verdict: String,
    name: String,
    detail: String,
}

/// Parses the report, asserts its shape (one line per check in order, the summary line's
/// counts, the exit status) and returns the check lines.
fn report(out: &Output, stdout: &str, verbose: bool) -> Vec<Line> {
    let mut lines: Vec<&str> = stdout.lines().collect();
    let summary = lines.pop().expect("a summary line");
    let mut checks = Vec::new();
    let mut rest = lines.into_iter().peekable();
    while let Some(l) = rest.next() {
        let (verdict, tail) = l
            .strip_prefix('[')
            .and_then(|l| l.split_once("] "))
            .unwrap_or_else(|| panic!("not a check line: {l:?}\n{stdout}"));
        assert!(
            ["OK", "FAIL", "SKIP"].contains(&verdict),
            "verdict {verdict:?}\n{stdout}"
        );
        let (name, detail) = tail.split_once(": ").unwrap_or((tail, ""));
        assert_eq!(verdict == "OK", detail.is_empty(), "{l:?}");
        if verbose {
            let why = rest.next().expect("an explanation after each check");
            assert!(
                why.starts_with("     ") && why.ends_with('.') && why.trim().len() > 20,
                "explanation {why:?}"
            );
        }
        checks.push(Line {
            verdict: verdict.into(),
            name: name.into(),
            detail: detail.into(),
        });
    }
    let names: Vec<&str> = checks.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(names, CHECKS, "{stdout}");
    let count = |v: &str| checks.iter().filter(|c| c.verdict == v).count();
    let (passed, failed, skipped) = (count("OK"), count("FAIL"), count("SKIP"));
    assert_eq!(
        summary,
        format!("{passed} passed, {failed} failed, {skipped} skipped")
    );
    assert_eq!(out.status.code(), Some(i32::from(failed != 0)), "{stdout}");
    checks
}

/// Whether the kernel execs aarch64 binaries through qemu (see tests/binfmt.sh).
fn binfmt_registered() -> bool {
    std::fs::read_to_string("/proc/sys/fs/binfmt_misc/qemu-aarch64")
        .is_ok_and(|s| s.starts_with("enabled"))
}

/// Natively: all OK. Under qemu-user: no FAIL, and exactly the SKIPs qemu-user forces.
fn assert_verdicts(checks: &[Line], stdout: &str, binfmt: bool) {
    for c in checks {
        if !emulated() {
            assert_eq!(c.verdict, "OK", "{c:?}\n{stdout}");
            continue;
        }
        let qemu = QEMU_SKIPS.iter().find(|(name, _)| *name == c.name);
        let want = match qemu {
            Some((_, why)) => ("SKIP", *why),
            None if !binfmt && REEXEC.contains(&c.name.as_str()) => ("SKIP", NO_BINFMT),
            None => ("OK", ""),
        };
        assert_eq!(
            (c.verdict.as_str(), c.detail.as_str()),
            want,
            "{}\n{stdout}",
            c.name
        );
    }
}

#[test]
fn all_claims_hold() {
    let mut c = command(&binary());
    c.args(["--applet", "selftest"]);
    let (out, stdout) = run(c);
    let checks = report(&out, &stdout, false);
    assert_verdicts(&checks, &stdout, binfmt_registered());
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn verbose_explains_each_check() {
    let mut c = command(&binary());
    c.args(["--applet", "selftest", "-v"]);
    let (out, stdout) = run(c);
    let checks = report(&out, &stdout, true);
    assert_verdicts(&checks, &stdout, binfmt_registered());
}

/// The multicall rule: a link named `selftest` runs the applet.
#[test]
fn runs_by_basename() {
    let dir = std::env::temp_dir().join(format!("rawsh-selftest-test.{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let link = dir.join("selftest");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(binary(), &link).unwrap();
    let (out, stdout) = run(command(&link));
    std::fs::remove_dir_all(&dir).unwrap();
    let checks = report(&out, &stdout, false);
    assert_verdicts(&checks, &stdout, binfmt_registered());
}

/// The hidden mode the re-exec checks start: pid, process group, cwd, argv.
#[test]
fn echo_argv_prints_itself() {
    let mut c = command(&binary());
    c.args(["--applet", "selftest", "--echo-argv", "a", "b c"])
        .current_dir("/");
    let (out, stdout) = run(c);
    assert!(out.status.success());
    let lines: Vec<&str> = stdout.lines().collect();
    assert!(lines[0].parse::<u32>().unwrap() > 1, "{stdout}");
    assert!(lines[1].parse::<u32>().unwrap() > 0, "{stdout}");
    assert_eq!(lines[2], "/");
    assert_eq!(
        lines[4..],
        ["--applet", "selftest", "--echo-argv", "a", "b c"]
    );
}

#[test]
fn bad_option_is_an_error() {
    let mut c = command(&binary());
    c.args(["--applet", "selftest", "-x"]);
    let (out, stdout) = run(c);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(stdout, "");
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "rawsh: selftest: -x: unknown option\n"
    );
}

/// Under qemu-user without binfmt_misc the re-exec checks SKIP with that reason. Shown in a
/// user namespace with a binfmt_misc of its own (empty; Linux 6.7+), so the machine-wide rule
/// stays; where that cannot be set up, there is nothing to show.
#[test]
fn without_binfmt_reexec_skips() {
    if !emulated() {
        return;
    }
    let probe = Command::new("unshare")
        .args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(
            "mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && \
              ! test -e /proc/sys/fs/binfmt_misc/qemu-aarch64",
        )
        .status();
    if !probe.is_ok_and(|s| s.success()) {
        eprintln!("no private binfmt_misc here: nothing to show");
        return;
    }
    let mut c = Command::new("unshare");
    c.args(["--user", "--map-root-user", "--mount", "sh", "-c"])
        .arg(r#"mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc && exec "$@""#)
        .arg("sh")
        .arg(format!("qemu-{}", arch()))
        .arg(binary())
        .args(["--applet", "selftest"]);
    let (out, stdout) = run(c);
    let checks = report(&out, &stdout, false);
    assert_verdicts(&checks, &stdout, false);
    let skipped: BTreeSet<&str> = checks
        .iter()
        .filter(|c| c.detail == NO_BINFMT)
        .map(|c| c.name.as_str())
        .collect();
    assert_eq!(skipped, REEXEC.iter().copied().collect());
}
