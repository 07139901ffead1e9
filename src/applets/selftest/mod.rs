//! `selftest`: the seed document's claims about the process primitives, checked on the running
//! kernel. One line per check, as nolibc-test prints them: `[OK] name`, `[FAIL] name: what was
//! seen`, `[SKIP] name: why`; then `N passed, M failed, K skipped`. The exit status is 0 only if
//! none failed. `-v` adds a sentence per check saying what it shows.
//!
//! Under qemu-user some claims cannot hold: it turns CLONE_VFORK into a plain fork and rejects
//! CLONE_VM and the other sharing flags unless they come with the thread flags. That is
//! detected, not guessed: a bare CLONE_VM clone fails with EINVAL only there, and even then only
//! a failure with qemu's exact symptom (a vfork child's write not seen, say) becomes a SKIP.
//!
//! `selftest --echo-argv ARG...` (hidden) prints the process's pid, process group, working
//! directory and argv, one per line: the program the execve and spawn checks start.

use crate::rt::out::{self, Line};
use crate::rt::spawn::Strategy;
use crate::rt::stack::{CLONE_VM, Stack, clone_wait};
use crate::rt::start;
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, CStrArray, Pid, WaitStatus};
use crate::sys::signal::{self, Disposition};
use crate::sys::{Errno, fs, system};
use alloc::boxed::Box;
use alloc::ffi::CString;
use alloc::format;
use alloc::string::String;
use alloc::vec::Vec;
use core::ffi::CStr;
use core::fmt::Write;

mod clone;
mod fork;
mod spawn;

const ECHO: &[u8] = b"--echo-argv";

const VFORK_IS_FORK: &str = "qemu-user emulates vfork as fork";
const NO_BARE_VM: &str = "qemu-user rejects CLONE_VM without the thread flags (EINVAL)";
const NO_SHARING: &str = "qemu-user rejects sharing clone flags without CLONE_VM (EINVAL)";
const NO_BINFMT: &str = "qemu-user cannot exec an aarch64 binary: binfmt_misc has no \
    qemu-aarch64 rule (tests/binfmt.sh registers it, as root)";

/// Why a check did not pass, boxed: a pointer-sized error keeps each `Result<T, Not>` the
/// checks pass around no bigger than `T`.
type Not = Box<Why>;

enum Why {
    Fail(String),
    Skip(String),
}

type Outcome = Result<(), Not>;

fn fail<T>(seen: String) -> Result<T, Not> {
    Err(Box::new(Why::Fail(seen)))
}

fn skip<T>(why: &str) -> Result<T, Not> {
    Err(Box::new(Why::Skip(String::from(why))))
}

/// For `map_err`: a syscall the check needed failed.
fn sys(what: &'static str) -> impl Fn(Errno) -> Not {
    move |e| Box::new(Why::Fail(format!("{what}: {}", e.name())))
}

/// What the checks share: found once, before the first one runs.
struct Env {
    /// Our own binary (absolute), for the checks that re-exec it.
    exe: Option<CString>,
    /// A bare CLONE_VM clone failed with EINVAL: a kernel accepts it, qemu-user does not.
    qemu_user: bool,
    /// A core-dumping process takes down every process sharing its memory (before Linux
    /// 5.16, coredump_wait killed all users of the mm): a CLONE_VM child must not crash there.
    shared_coredump: bool,
    scratch: Result<Scratch, String>,
}

/// Two files for execve to fail on: one not executable, one executable in no known format.
struct Scratch {
    plain: CString,
    garbage: CString,
}

struct Check {
    name: &'static str,
    shows: &'static str,
    run: fn(&Env) -> Outcome,
}

const CHECKS: &[Check] = &[
    Check {
        name: "fork pids",
        shows: "fork returns twice: the child's pid in the parent, and in the child, whose \
            parent pid is the caller's.",
        run: fork::fork_pids,
    },
    Check {
        name: "fork copy-on-write",
        shows: "After fork each process has its own copy of memory: a write by either side \
            (heap page and stack) is not seen by the other.",
        run: fork::fork_cow,
    },
    Check {
        name: "vfork suspends parent",
        shows: "The vfork parent sleeps until the child exits: the child naps 50 ms and the \
            parent's clock reading after vfork is later than the child's at its _exit.",
        run: fork::vfork_suspends,
    },
    Check {
        name: "vfork shares memory",
        shows: "The vfork child runs in the parent's address space: its write to memory is \
            there when the parent resumes.",
        run: fork::vfork_shares,
    },
    Check {
        name: "vfork _exit skips exit path",
        shows: "_exit in the vfork child ends only the child and flushes nothing: the \
            parent's pending buffered output reaches the pipe once, from the parent.",
        run: fork::vfork_exit,
    },
    Check {
        name: "execve replaces image",
        shows: "execve keeps the process and replaces its program: rawsh re-executed with new \
            arguments reports the same pid and the new argv.",
        run: fork::execve_replaces,
    },
    Check {
        name: "execve errors",
        shows: "A failing execve returns ENOENT, EACCES or ENOEXEC and the caller carries on \
            as the same process.",
        run: fork::execve_errors,
    },
    Check {
        name: "clone exit status",
        shows: "A clone child runs fn(arg) on its own stack, and fn's return value is its exit \
            status.",
        run: clone::clone_exit_status,
    },
    Check {
        name: "clone CLONE_VM",
        shows: "With CLONE_VM the child's write to memory is seen by the parent; without it \
            the child writes to its own copy.",
        run: clone::clone_vm,
    },
    Check {
        name: "clone CLONE_FILES",
        shows: "With CLONE_FILES a descriptor the child opens is open in the parent; without \
            it the child has its own descriptor table.",
        run: clone::clone_files,
    },
    Check {
        name: "clone CLONE_SIGHAND",
        shows: "With CLONE_SIGHAND the disposition the child sets (SIGUSR1 ignored) is the \
            parent's too; without it the parent's is unchanged.",
        run: clone::clone_sighand,
    },
    Check {
        name: "clone signaled",
        shows: "A child killed by a signal (SIGKILL, sent to itself) is reported by wait4 as \
            signaled, not as exited.",
        run: clone::clone_signaled,
    },
    Check {
        name: "clone guard page",
        shows: "A clone child recursing past its stack faults on the PROT_NONE guard page \
            (SIGSEGV) and the parent's memory just below it stays intact.",
        run: clone::clone_guard,
    },
    Check {
        name: "spawn fork",
        shows: "spawn by fork and exec runs rawsh itself with the file actions applied: \
            stdout on a pipe, working directory /, a process group of its own.",
        run: |env| spawn::spawn_runs(env, Strategy::Fork),
    },
    Check {
        name: "spawn vfork",
        shows: "spawn by vfork and exec runs rawsh itself with the file actions applied: \
            stdout on a pipe, working directory /, a process group of its own.",
        run: |env| spawn::spawn_runs(env, Strategy::Vfork),
    },
    Check {
        name: "spawn clone",
        shows: "spawn by clone(CLONE_VM|CLONE_VFORK) and exec runs rawsh itself with the file \
            actions applied: stdout on a pipe, working directory /, a process group of its own.",
        run: |env| spawn::spawn_runs(env, Strategy::Clone),
    },
    Check {
        name: "spawn fork errors",
        shows: "spawn by fork reports execve's ENOENT and EACCES, and a failed file action, \
            exactly.",
        run: |env| spawn::spawn_errors(env, Strategy::Fork),
    },
    Check {
        name: "spawn vfork errors",
        shows: "spawn by vfork reports execve's ENOENT and EACCES, and a failed file action, \
            exactly.",
        run: |env| spawn::spawn_errors(env, Strategy::Vfork),
    },
    Check {
        name: "spawn clone errors",
        shows: "spawn by clone reports execve's ENOENT and EACCES, and a failed file action, \
            exactly.",
        run: |env| spawn::spawn_errors(env, Strategy::Clone),
    },
];

pub fn main(args: &[&CStr]) -> i32 {
    let verbose = match args.get(1).map(|a| a.to_bytes()) {
        Some(ECHO) => return echo_argv(),
        Some(b"-v") => true,
        None => false,
        Some(other) => {
            let other = other.escape_ascii();
            out::line(
                Fd::STDERR,
                format_args!("rawsh: selftest: {other}: unknown option"),
            );
            return 2;
        }
    };
    // A SIGCHLD left ignored by whoever started us would make children reap themselves, and
    // every wait4 below fail with ECHILD (wait(2), NOTES).
    let _ = signal::set_disposition(signal::SIGCHLD, Disposition::Default);
    let env = Env {
        exe: own_binary(),
        qemu_user: bare_clone_vm_is_einval(),
        shared_coredump: kernel_older_than(5, 16),
        scratch: make_scratch(),
    };
    let (mut passed, mut failed, mut skipped) = (0, 0, 0);
    for check in CHECKS {
        let name = check.name;
        match (check.run)(&env).map_err(|e| *e) {
            Ok(()) => {
                passed += 1;
                out::line(Fd::STDOUT, format_args!("[OK] {name}"));
            }
            Err(Why::Fail(seen)) => {
                failed += 1;
                out::line(Fd::STDOUT, format_args!("[FAIL] {name}: {seen}"));
            }
            Err(Why::Skip(why)) => {
                skipped += 1;
                out::line(Fd::STDOUT, format_args!("[SKIP] {name}: {why}"));
            }
        }
        if verbose {
            out::line(Fd::STDOUT, format_args!("     {}", check.shows));
        }
    }
    if let Ok(s) = &env.scratch {
        let _ = fs::unlink(&s.plain, false);
        let _ = fs::unlink(&s.garbage, false);
    }
    out::line(
        Fd::STDOUT,
        format_args!("{passed} passed, {failed} failed, {skipped} skipped"),
    );
    i32::from(failed != 0)
}

/// The hidden mode: pid, process group, working directory and argv, one per line.
fn echo_argv() -> i32 {
    let mut l = Line::new();
    let pgid = process::getpgid(0).map_or(-1, |p| p.0);
    let _ = write!(l, "{}\n{pgid}\n", process::getpid().0);
    let mut cwd = [0u8; 4096];
    l.push(fs::getcwd(&mut cwd).unwrap_or(b"?"));
    for arg in start::args() {
        l.push(b"\n");
        l.push(arg.to_bytes());
    }
    l.finish(Fd::STDOUT);
    0
}

/// What [`echo_argv`] printed.
struct Echo<'a> {
    pid: i32,
    pgid: i32,
    cwd: &'a [u8],
    argv: Vec<&'a [u8]>,
}

fn parse_echo(out: &[u8]) -> Option<Echo<'_>> {
    let mut lines = out.strip_suffix(b"\n")?.split(|&b| b == b'\n');
    let mut num = || {
        core::str::from_utf8(lines.next()?)
            .ok()?
            .parse::<i32>()
            .ok()
    };
    let (pid, pgid) = (num()?, num()?);
    let cwd = lines.next()?;
    Some(Echo {
        pid,
        pgid,
        cwd,
        argv: lines.collect(),
    })
}

/// The path of the running binary: /proc/self/exe (qemu-user answers it with the emulated
/// program's path), else argv[0] if it names a file, made absolute.
fn own_binary() -> Option<CString> {
    let mut buf = [0u8; 4096];
    if let Ok(path) = fs::readlink(c"/proc/self/exe", &mut buf)
        && path.starts_with(b"/")
    {
        return CString::new(path).ok();
    }
    let argv0 = start::args().next()?.to_bytes();
    if !argv0.contains(&b'/') {
        return None;
    }
    let mut path = Vec::new();
    if !argv0.starts_with(b"/") {
        path.extend_from_slice(fs::getcwd(&mut buf).ok()?);
        path.push(b'/');
    }
    path.extend_from_slice(argv0);
    CString::new(path).ok()
}

impl Env {
    fn exe(&self) -> Result<&CStr, Not> {
        match &self.exe {
            Some(exe) => Ok(exe),
            None => skip("cannot find rawsh's own binary (no /proc/self/exe, argv[0] has no /)"),
        }
    }

    fn scratch(&self) -> Result<&Scratch, Not> {
        self.scratch
            .as_ref()
            .map_err(|why| Box::new(Why::Skip(why.clone())))
    }
}

const STACK_SIZE: usize = 64 * 1024;

fn new_stack() -> Result<Stack, Not> {
    Stack::new(STACK_SIZE).map_err(sys("mmap stack"))
}

/// qemu-user's clone accepts CLONE_VM only with the full set of thread flags; a kernel runs a
/// bare CLONE_VM child (it is how vfork-like spawns work).
fn bare_clone_vm_is_einval() -> bool {
    fn nothing(_: &()) -> i32 {
        0
    }
    match Stack::new(STACK_SIZE) {
        Ok(stack) => clone_wait(CLONE_VM, &stack, nothing, &()) == Err(Errno::EINVAL),
        Err(_) => false,
    }
}

/// Whether uname's release (`6.1.0-18-amd64`) is below `major.minor`.
fn kernel_older_than(major: u32, minor: u32) -> bool {
    let Ok(u) = system::uname() else {
        return true;
    };
    let mut parts = u.release().split(|b| !b.is_ascii_digit()).map(|p| {
        p.iter().fold(0u32, |n, &d| {
            n.saturating_mul(10).saturating_add(u32::from(d - b'0'))
        })
    });
    let (a, b) = (parts.next().unwrap_or(0), parts.next().unwrap_or(0));
    (a, b) < (major, minor)
}

fn make_scratch() -> Result<Scratch, String> {
    let dir = start::env()
        .find_map(|v| v.strip_prefix(b"TMPDIR="))
        .filter(|d| !d.is_empty())
        .unwrap_or(b"/tmp");
    let dir = String::from_utf8_lossy(dir);
    let base = format!("{dir}/rawsh-selftest.{}", process::getpid().0);
    let path = |suffix: &str| {
        CString::new(format!("{base}.{suffix}")).map_err(|_| format!("{base}: a NUL in TMPDIR"))
    };
    let (plain, garbage) = (path("plain")?, path("garbage")?);
    // The mode bits must survive whatever umask we were given.
    let mask = fs::umask(0o022);
    let made = write_file(&plain, 0o644, b"not a program\n")
        .and_then(|()| write_file(&garbage, 0o755, b"\x01\x02\x03\x04 no known format\n"));
    fs::umask(mask);
    match made {
        Ok(()) => Ok(Scratch { plain, garbage }),
        Err(e) => Err(format!(
            "cannot create scratch files in {dir}: {}",
            e.name()
        )),
    }
}

fn write_file(path: &CStr, mode: u32, bytes: &[u8]) -> Result<(), Errno> {
    let _ = fs::unlink(path, false);
    let flags = fs::O_WRONLY | fs::O_CREAT | fs::O_EXCL | fs::O_CLOEXEC;
    let fd = fs::open(path, flags, mode)?;
    let written = fd::write_all(fd, bytes);
    // Closed before anyone execs it: a file open for writing cannot be run (ETXTBSY).
    fd::close(fd).and(written)
}

fn pipe() -> Result<(Fd, Fd), Not> {
    fd::pipe2(fd::O_CLOEXEC).map_err(sys("pipe2"))
}

/// Everything up to end-of-file (at most 64 KiB).
fn read_all(fd: Fd) -> Vec<u8> {
    let mut got = Vec::new();
    let mut buf = [0u8; 512];
    while got.len() < 64 * 1024 {
        match fd::read(fd, &mut buf) {
            Ok(0) => break,
            Ok(n) => got.extend_from_slice(&buf[..n]),
            Err(Errno::EINTR) => {}
            Err(_) => break,
        }
    }
    got
}

/// Waits for `pid` to end.
fn reap(pid: Pid) -> Result<WaitStatus, Not> {
    loop {
        match crate::sys::retry(|| process::wait4(pid.0, 0)).map_err(sys("wait4"))? {
            Some((_, WaitStatus::Stopped(_) | WaitStatus::Continued)) | None => {}
            Some((_, status)) => return Ok(status),
        }
    }
}

fn ended(status: WaitStatus) -> String {
    match status {
        WaitStatus::Exited(code) => format!("exited {code}"),
        WaitStatus::Signaled { signal, .. } => match signal::name(signal as usize) {
            Some(name) => format!("killed by SIG{name}"),
            None => format!("killed by signal {signal}"),
        },
        WaitStatus::Stopped(signal) => format!("stopped by signal {signal}"),
        WaitStatus::Continued => String::from("continued"),
    }
}

fn expect_exit(status: WaitStatus, code: i32, who: &str) -> Outcome {
    if status == WaitStatus::Exited(code) {
        Ok(())
    } else {
        fail(format!("{who} {}, expected exit {code}", ended(status)))
    }
}

/// How the re-exec'd rawsh is asked to show itself.
fn echo_args(extra: &[u8]) -> [&[u8]; 5] {
    [b"rawsh", b"--applet", b"selftest", ECHO, extra]
}

fn environment() -> CStrArray {
    CStrArray::new(start::env())
}
