//! `rawsh -T` (issue 6): running one external command under each spawn strategy shows exactly
//! the syscalls of fork-and-exec, vfork-and-exec and clone-and-exec, on the arch named by
//! RAWSH_ARCH (aarch64 under qemu-aarch64); errors, the `set -o systrace` switch and the `abi`
//! builtin.

mod common;

use common::{Output, STRATEGIES, TempDir};
use std::collections::BTreeMap;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(20);

fn run(args: &[&str]) -> Output {
    let dir = TempDir::new();
    let out = common::run(common::rawsh(args), dir.path(), None, TIMEOUT);
    assert!(!out.timed_out, "rawsh {args:?} timed out");
    out
}

fn aarch64() -> bool {
    common::arch() == "aarch64"
}

/// One trace line: `[pid] call`.
#[derive(Debug)]
struct Line {
    pid: u32,
    call: String,
}

/// The trace lines of `stderr`, in order, without the memory-management calls the allocator
/// makes whenever it needs to (mmap, munmap, mprotect, mremap).
fn trace(stderr: &str) -> Vec<Line> {
    stderr
        .lines()
        .filter_map(|l| {
            let (pid, call) = l.strip_prefix('[')?.split_once("] ")?;
            Some(Line {
                pid: pid.parse().ok()?,
                call: call.to_string(),
            })
        })
        .filter(|l| {
            !["mmap(", "munmap(", "mprotect(", "mremap("]
                .iter()
                .any(|m| l.call.starts_with(m))
        })
        .collect()
}

/// Each process's lines, by pid: (the parent's, the child's), the parent being the process
/// whose first line is the first of all.
fn by_process(lines: &[Line]) -> (Vec<&str>, Vec<&str>) {
    let parent = lines.first().expect("no trace lines").pid;
    let mut procs: BTreeMap<u32, Vec<&str>> = BTreeMap::new();
    for l in lines {
        procs.entry(l.pid).or_default().push(&l.call);
    }
    assert_eq!(procs.len(), 2, "expected two processes: {lines:#?}");
    let p = procs.remove(&parent).unwrap_or_default();
    let c = procs.into_values().next().unwrap_or_default();
    (p, c)
}

/// `got` matches `want` line by line, each line starting with its pattern; `{child}` in a
/// pattern stands for the child's pid.
fn expect(who: &str, got: &[&str], want: &[String], child: u32) {
    let want: Vec<String> = want
        .iter()
        .map(|w| w.replace("{child}", &child.to_string()))
        .collect();
    let ok = got.len() == want.len()
        && got
            .iter()
            .zip(&want)
            .all(|(g, w)| g.starts_with(w.as_str()));
    assert!(ok, "{who}'s syscalls\n got: {got:#?}\nwant: {want:#?}");
}

/// The syscall that creates the child under strategy `s`, as it is traced on this arch.
fn creation(s: &str) -> String {
    let vm = "flags=CLONE_VM|CLONE_VFORK|SIGCHLD, stack=";
    match (s, aarch64()) {
        ("fork", false) => "fork()".into(),
        ("vfork", false) => "vfork()".into(),
        // aarch64 has neither: both are clone with a zero stack (the child keeps ours).
        ("fork", true) => {
            "clone(flags=SIGCHLD, stack=NULL, parent_tid=NULL, tls=NULL, child_tid=NULL)".into()
        }
        ("vfork", true) => format!("clone({vm}NULL, parent_tid=NULL, tls=NULL, child_tid=NULL)"),
        // The clone strategy passes its own guarded stack.
        _ => format!("clone({vm}0x"),
    }
}

#[test]
fn each_strategy_shows_its_fork_and_exec() {
    for s in STRATEGIES {
        let spawn = format!("--spawn={s}");
        let out = run(&["-T", &spawn, "-c", "/bin/true"]);
        assert_eq!(out.status, 0, "{s}: {}", out.stderr_str());
        let stderr = out.stderr_str();
        let lines = trace(&stderr);
        let (parent, child_lines) = by_process(&lines);
        let child = lines
            .iter()
            .map(|l| l.pid)
            .find(|&p| p != lines[0].pid)
            .unwrap_or(0);
        let make = creation(s);
        // fork and vfork block every signal only to learn the mask (SIG_BLOCK of nothing);
        // the clone strategy blocks them all across the clone, as musl's posix_spawn does.
        let (mask, unmask): (&str, &[&str]) = if s == "clone" {
            (
                "rt_sigprocmask(SIG_SETMASK, ~[], ",
                &["rt_sigprocmask(SIG_SETMASK, [], "],
            )
        } else {
            ("rt_sigprocmask(SIG_BLOCK, [], ", &[])
        };
        let mut want: Vec<String> = vec!["pipe2([".into(), mask.into(), make.clone()];
        let created = want.len() - 1;
        want.extend(unmask.iter().map(|u| u.to_string()));
        want.extend(
            [
                "close(",
                "read(",
                "close(",
                "wait4({child}, [{WIFEXITED(s) && WEXITSTATUS(s) == 0}], 0, NULL) = {child}",
                "exit_group(0) = ?",
            ]
            .map(String::from),
        );
        // The shell's own work before the spawn is not part of the sequence.
        let start = parent
            .iter()
            .position(|c| c.starts_with("pipe2("))
            .unwrap_or(0);
        expect(&format!("{s} parent"), &parent[start..], &want, child);
        assert!(
            parent[start + created].ends_with(&format!(" = {child}")),
            "{s}: the parent's {make} returns the child's pid: {}",
            parent[start + created]
        );
        // A read of 0 bytes: the close-on-exec pipe closed, so execve succeeded.
        assert!(
            parent
                .iter()
                .any(|c| c.starts_with("read(") && c.ends_with(", 8) = 0"))
        );
        let want_child = [
            make.clone(),
            "rt_sigprocmask(SIG_SETMASK, [], ".into(),
            r#"execve("/bin/true", ["/bin/true"], [/* "#.into(),
        ];
        expect(&format!("{s} child"), &child_lines, &want_child, child);
        assert!(
            child_lines[0].ends_with(" = 0"),
            "{s}: the child's side returns 0"
        );
        assert!(
            child_lines[2].ends_with("vars */]) = ?"),
            "{}",
            child_lines[2]
        );
        if s == "clone" {
            // The guarded stack: mapped, then its lowest page made PROT_NONE.
            assert!(stderr.contains("MAP_STACK"), "{stderr}");
            assert!(stderr.contains(", 4096, PROT_NONE) = 0"), "{stderr}");
        }
        // Natively, a CLONE_VFORK parent sleeps until the child has exec'd: the child's lines
        // come first. (qemu-user turns CLONE_VFORK into a plain fork.)
        if s != "fork" && !aarch64() {
            let exec_at = lines.iter().position(|l| l.call.starts_with("execve("));
            let back_at = lines
                .iter()
                .position(|l| l.pid != child && l.call.starts_with(make.as_str()));
            assert!(
                exec_at < back_at,
                "{s}: the parent resumed before execve: {stderr}"
            );
        }
    }
}

/// A script's foreground commands after the first: on a kernel that shares memory the shell
/// waits for the child's end anyway, so it clones without CLONE_VFORK and goes straight to
/// wait4 (rt::group); an exec error still arrives, through the shared memory. qemu-user
/// (aarch64 here) never gets a bare CLONE_VM: it would reject it.
#[test]
fn later_commands_clone_without_vfork_and_wait_once() {
    let out = run(&[
        "-T",
        "-c",
        "/bin/true; /bin/true; /nonexistent/cmd; echo $?",
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr_str());
    assert_eq!(out.stdout_str(), "127\n");
    let stderr = out.stderr_str();
    assert!(
        stderr.contains("rawsh: 1: /nonexistent/cmd: not found\n"),
        "{stderr}"
    );
    let lines = trace(&stderr);
    let shell = lines[0].pid;
    let clones: Vec<&str> = lines
        .iter()
        .filter(|l| l.pid == shell && l.call.starts_with("clone("))
        .map(|l| l.call.as_str())
        .collect();
    assert_eq!(clones.len(), 3, "{stderr}");
    let vfork = "clone(flags=CLONE_VM|CLONE_VFORK|SIGCHLD, stack=0x";
    assert!(clones[0].starts_with(vfork), "{}", clones[0]);
    let later = if aarch64() {
        vfork
    } else {
        "clone(flags=CLONE_VM|SIGCHLD, stack=0x"
    };
    for c in &clones[1..] {
        assert!(c.starts_with(later), "{c}");
    }
    if !aarch64() {
        // After the second clone: the mask restored, then nothing but wait4.
        let at = lines
            .iter()
            .position(|l| l.pid == shell && l.call == clones[1])
            .unwrap();
        let next: Vec<&str> = lines[at + 1..]
            .iter()
            .filter(|l| l.pid == shell)
            .take(2)
            .map(|l| l.call.as_str())
            .collect();
        assert!(
            next[0].starts_with("rt_sigprocmask(SIG_SETMASK, [], "),
            "{stderr}"
        );
        assert!(next[1].starts_with("wait4("), "{stderr}");
        // Only the first spawn used the report pipe.
        assert_eq!(stderr.matches("pipe2(").count(), 1, "{stderr}");
    }
}

/// A script's pipeline after the first spawn: every stage cloned without CLONE_VFORK, all of
/// them before the shell's first wait4 (rt::group), and a stage's exec error still reported,
/// once the pipeline has ended. qemu-user keeps CLONE_VFORK.
#[test]
fn pipeline_stages_start_without_waiting_for_exec() {
    let out = run(&[
        "-T",
        "-c",
        "/bin/true; /bin/true | /nonexistent/cmd | /bin/true; echo $?; /bin/true | /nonexistent/cmd; echo $?",
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr_str());
    assert_eq!(out.stdout_str(), "0\n127\n");
    let stderr = out.stderr_str();
    assert_eq!(
        stderr
            .matches("rawsh: 1: /nonexistent/cmd: not found\n")
            .count(),
        2,
        "{stderr}"
    );
    let lines = trace(&stderr);
    let shell: Vec<&str> = lines
        .iter()
        .filter(|l| l.pid == lines[0].pid)
        .map(|l| l.call.as_str())
        .collect();
    let clones: Vec<usize> = (0..shell.len())
        .filter(|&i| shell[i].starts_with("clone("))
        .collect();
    assert_eq!(clones.len(), 6, "{stderr}");
    let flags = if aarch64() {
        "clone(flags=CLONE_VM|CLONE_VFORK|SIGCHLD, "
    } else {
        "clone(flags=CLONE_VM|SIGCHLD, "
    };
    for &i in &clones[1..] {
        assert!(shell[i].starts_with(flags), "{}", shell[i]);
    }
    if aarch64() {
        return;
    }
    // The three stages of the first pipeline are all started before the shell waits (under
    // qemu-user a stage that fails is reaped at once, by spawn).
    let first_wait = (clones[0] + 1..shell.len())
        .find(|&i| shell[i].starts_with("wait4("))
        .unwrap();
    let second_wait = (first_wait + 1..shell.len())
        .find(|&i| shell[i].starts_with("wait4("))
        .unwrap();
    assert!(clones[3] < second_wait, "{stderr}");
}

#[test]
fn a_failed_execve_is_resumed_with_its_error() {
    let out = run(&["-T", "-c", "/nonexistent/cmd"]);
    assert_eq!(out.status, 127);
    let stderr = out.stderr_str();
    let lines = trace(&stderr);
    let (parent, child) = by_process(&lines);
    let want = [
        r#"execve("/nonexistent/cmd", ["/nonexistent/cmd"], "#,
        "<... execve resumed> = -1 ENOENT (No such file or directory)",
        // The child says it on its own stderr (where the command's redirections put it)...
        r#"write(2, "rawsh: 1: /nonexistent/cmd: not "..., 38) = 38"#,
        // ...and the error travels to the parent over the close-on-exec pipe.
        r#"write(4, "\x02\x00\x00\x00\xff\xff\xff\xff", 8) = 8"#,
        "exit_group(127) = ?",
    ];
    let at = child
        .iter()
        .position(|c| c.starts_with("execve("))
        .unwrap_or(0);
    expect("child", &child[at..], &want.map(String::from), 0);
    assert!(
        parent.contains(&r#"read(3, "\x02\x00\x00\x00\xff\xff\xff\xff", 8) = 8"#),
        "{stderr}"
    );
    assert!(
        stderr.contains("rawsh: 1: /nonexistent/cmd: not found\n"),
        "{stderr}"
    );
}

#[test]
fn set_o_systrace_switches_tracing() {
    let out = run(&[
        "-c",
        "echo $-; set -o systrace; echo $-; /bin/true; set +o systrace; /bin/true; set -o | grep systrace",
    ]);
    assert_eq!(out.status, 0, "{}", out.stderr_str());
    assert_eq!(out.stdout_str(), "\nT\nsystrace        off\n");
    let stderr = out.stderr_str();
    assert_eq!(stderr.matches("execve(").count(), 1, "{stderr}");
    // The line for `echo $-`'s write, and nothing after `set +o systrace`.
    assert!(stderr.contains(r#"write(1, "T\n", 2) = 2"#), "{stderr}");
    assert!(!stderr.contains("grep"), "{stderr}");
}

#[test]
fn opening_a_file_shows_flags_and_mode() {
    let dir = TempDir::new();
    let out = common::run(
        common::rawsh(&["-T", "-c", "echo hi >out.txt"]),
        dir.path(),
        None,
        TIMEOUT,
    );
    assert_eq!(out.status, 0);
    let stderr = out.stderr_str();
    assert!(
        stderr.contains(
            r#"openat(AT_FDCWD, "out.txt", O_WRONLY|O_CREAT|O_NOCTTY|O_TRUNC|O_CLOEXEC, 0666) = "#
        ),
        "{stderr}"
    );
    assert!(stderr.contains(r#"write(1, "hi\n", 3) = 3"#), "{stderr}");
}

#[test]
fn abi_shows_the_convention_and_both_tables() {
    let out = run(&["-c", "abi"]);
    assert_eq!(out.status, 0, "{}", out.stderr_str());
    let text = out.stdout_str();
    let (arch, insn, number) = if aarch64() {
        ("aarch64", "svc #0", "x8")
    } else {
        ("x86_64", "syscall", "rax")
    };
    assert!(text.starts_with(&format!("{arch}: ")), "{text}");
    assert!(text.contains(&format!("instruction  {insn}\n")), "{text}");
    assert!(text.contains(&format!("number in    {number}\n")), "{text}");
    for row in [
        "fork              57        —",
        "vfork             58        —",
        "clone             56      220",
        "clone3           435      435",
        "execve            59      221",
        "exit              60       93",
        "exit_group       231       94",
        "wait4             61      260",
        "x86_64   flags (rdi), stack (rsi), parent_tid (rdx), child_tid (r10), tls (r8)",
        "aarch64  flags (x0), stack (x1), parent_tid (x2), tls (x3), child_tid (x4)",
    ] {
        assert!(text.contains(row), "missing {row:?} in\n{text}");
    }
}
