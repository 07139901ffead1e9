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

use crate::rt::out::{self, Buffered, Line};
use crate::rt::spawn::{self, FileAction, Spawn, SpawnError, Step, Strategy};
use crate::rt::stack::{CLONE_FILES, CLONE_SIGHAND, CLONE_VM, Stack, clone_wait};
use crate::rt::start;
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, CStrArray, Fork, Pid, WaitStatus};
use crate::sys::signal::{self, Disposition, SigSet};
use crate::sys::{Errno, fs, system, time};
use alloc::ffi::CString;
use alloc::format;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::ffi::CStr;
use core::fmt::Write;
use core::hint::black_box;
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering::SeqCst};

const ECHO: &[u8] = b"--echo-argv";

const VFORK_IS_FORK: &str = "qemu-user emulates vfork as fork";
const NO_BARE_VM: &str = "qemu-user rejects CLONE_VM without the thread flags (EINVAL)";
const NO_SHARING: &str = "qemu-user rejects sharing clone flags without CLONE_VM (EINVAL)";
const NO_BINFMT: &str = "qemu-user cannot exec an aarch64 binary: binfmt_misc has no \
    qemu-aarch64 rule (tests/binfmt.sh registers it, as root)";

/// Why a check did not pass.
enum Not {
    Fail(String),
    Skip(String),
}

type Outcome = Result<(), Not>;

fn fail<T>(seen: String) -> Result<T, Not> {
    Err(Not::Fail(seen))
}

fn skip<T>(why: &str) -> Result<T, Not> {
    Err(Not::Skip(String::from(why)))
}

/// For `map_err`: a syscall the check needed failed.
fn sys(what: &'static str) -> impl Fn(Errno) -> Not {
    move |e| Not::Fail(format!("{what}: {}", e.name()))
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
        run: fork_pids,
    },
    Check {
        name: "fork copy-on-write",
        shows: "After fork each process has its own copy of memory: a write by either side \
            (heap page and stack) is not seen by the other.",
        run: fork_cow,
    },
    Check {
        name: "vfork suspends parent",
        shows: "The vfork parent sleeps until the child exits: the child naps 50 ms and the \
            parent's clock reading after vfork is later than the child's at its _exit.",
        run: vfork_suspends,
    },
    Check {
        name: "vfork shares memory",
        shows: "The vfork child runs in the parent's address space: its write to memory is \
            there when the parent resumes.",
        run: vfork_shares,
    },
    Check {
        name: "vfork _exit skips exit path",
        shows: "_exit in the vfork child ends only the child and flushes nothing: the \
            parent's pending buffered output reaches the pipe once, from the parent.",
        run: vfork_exit,
    },
    Check {
        name: "execve replaces image",
        shows: "execve keeps the process and replaces its program: rawsh re-executed with new \
            arguments reports the same pid and the new argv.",
        run: execve_replaces,
    },
    Check {
        name: "execve errors",
        shows: "A failing execve returns ENOENT, EACCES or ENOEXEC and the caller carries on \
            as the same process.",
        run: execve_errors,
    },
    Check {
        name: "clone exit status",
        shows: "A clone child runs fn(arg) on its own stack, and fn's return value is its exit \
            status.",
        run: clone_exit_status,
    },
    Check {
        name: "clone CLONE_VM",
        shows: "With CLONE_VM the child's write to memory is seen by the parent; without it \
            the child writes to its own copy.",
        run: clone_vm,
    },
    Check {
        name: "clone CLONE_FILES",
        shows: "With CLONE_FILES a descriptor the child opens is open in the parent; without \
            it the child has its own descriptor table.",
        run: clone_files,
    },
    Check {
        name: "clone CLONE_SIGHAND",
        shows: "With CLONE_SIGHAND the disposition the child sets (SIGUSR1 ignored) is the \
            parent's too; without it the parent's is unchanged.",
        run: clone_sighand,
    },
    Check {
        name: "clone signaled",
        shows: "A child killed by a signal (SIGKILL, sent to itself) is reported by wait4 as \
            signaled, not as exited.",
        run: clone_signaled,
    },
    Check {
        name: "clone guard page",
        shows: "A clone child recursing past its stack faults on the PROT_NONE guard page \
            (SIGSEGV) and the parent's memory just below it stays intact.",
        run: clone_guard,
    },
    Check {
        name: "spawn fork",
        shows: "spawn by fork and exec runs rawsh itself with the file actions applied: \
            stdout on a pipe, working directory /, a process group of its own.",
        run: |env| spawn_runs(env, Strategy::Fork),
    },
    Check {
        name: "spawn vfork",
        shows: "spawn by vfork and exec runs rawsh itself with the file actions applied: \
            stdout on a pipe, working directory /, a process group of its own.",
        run: |env| spawn_runs(env, Strategy::Vfork),
    },
    Check {
        name: "spawn clone",
        shows: "spawn by clone(CLONE_VM|CLONE_VFORK) and exec runs rawsh itself with the file \
            actions applied: stdout on a pipe, working directory /, a process group of its own.",
        run: |env| spawn_runs(env, Strategy::Clone),
    },
    Check {
        name: "spawn fork errors",
        shows: "spawn by fork reports execve's ENOENT and EACCES, and a failed file action, \
            exactly.",
        run: |env| spawn_errors(env, Strategy::Fork),
    },
    Check {
        name: "spawn vfork errors",
        shows: "spawn by vfork reports execve's ENOENT and EACCES, and a failed file action, \
            exactly.",
        run: |env| spawn_errors(env, Strategy::Vfork),
    },
    Check {
        name: "spawn clone errors",
        shows: "spawn by clone reports execve's ENOENT and EACCES, and a failed file action, \
            exactly.",
        run: |env| spawn_errors(env, Strategy::Clone),
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
        match (check.run)(&env) {
            Ok(()) => {
                passed += 1;
                out::line(Fd::STDOUT, format_args!("[OK] {name}"));
            }
            Err(Not::Fail(seen)) => {
                failed += 1;
                out::line(Fd::STDOUT, format_args!("[FAIL] {name}: {seen}"));
            }
            Err(Not::Skip(why)) => {
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
        self.scratch.as_ref().map_err(|why| Not::Skip(why.clone()))
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
        WaitStatus::Signaled { signal, .. } => match signal::SIGNALS.get(signal as usize) {
            Some((name, _)) => format!("killed by SIG{name}"),
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

fn fork_pids(_: &Env) -> Outcome {
    let (rd, wr) = pipe()?;
    match process::fork().map_err(sys("fork"))? {
        Fork::Child => {
            let mut msg = [0u8; 8];
            msg[..4].copy_from_slice(&process::getpid().0.to_ne_bytes());
            msg[4..].copy_from_slice(&process::getppid().0.to_ne_bytes());
            let _ = fd::write_all(wr, &msg);
            process::exit(0)
        }
        Fork::Parent(pid) => {
            let _ = fd::close(wr);
            let got = read_all(rd);
            let _ = fd::close(rd);
            expect_exit(reap(pid)?, 0, "the child")?;
            let Some((own, parent)) = got.split_at_checked(4) else {
                return fail(String::from("the child reported nothing"));
            };
            let own = i32::from_ne_bytes(own.try_into().unwrap_or([0; 4]));
            let parent = i32::from_ne_bytes(parent.try_into().unwrap_or([0; 4]));
            let me = process::getpid().0;
            if pid.0 > 0 && own == pid.0 && parent == me {
                Ok(())
            } else {
                fail(format!(
                    "fork returned {}, the child says pid {own} and parent {parent}, \
                     the parent is {me}",
                    pid.0
                ))
            }
        }
    }
}

/// Writes `v` through a heap page and a stack variable, so that the compiler cannot keep
/// either in a register.
fn set(page: &mut [u8], local: &mut u8, v: u8) {
    black_box(&mut *page).fill(v);
    *black_box(&mut *local) = v;
}

/// What the page and the stack variable hold, if they agree.
fn seen(page: &[u8], local: &u8) -> Option<u8> {
    let (page, local) = (black_box(page), *black_box(local));
    page.iter().all(|&b| b == local).then_some(local)
}

fn fork_cow(_: &Env) -> Outcome {
    let mut page = vec![1u8; 4096];
    let mut local = 1u8;
    let (to_parent, from_child) = pipe()?;
    let (to_child, from_parent) = pipe().inspect_err(|_| {
        let _ = fd::close(to_parent);
        let _ = fd::close(from_child);
    })?;
    let mut byte = [0u8; 1];
    match process::fork().map_err(sys("fork"))? {
        Fork::Child => {
            let _ = fd::close(to_parent);
            let _ = fd::close(from_parent);
            set(&mut page, &mut local, 2);
            let _ = fd::write(from_child, b"w");
            // Wait for the parent's write, then look at ours again.
            let _ = fd::read(to_child, &mut byte);
            process::exit(if seen(&page, &local) == Some(2) { 0 } else { 1 })
        }
        Fork::Parent(pid) => {
            let _ = fd::close(from_child);
            let _ = fd::close(to_child);
            let _ = fd::read(to_parent, &mut byte);
            let after_child = seen(&page, &local);
            set(&mut page, &mut local, 3);
            let _ = fd::write(from_parent, b"w");
            let _ = fd::close(from_parent);
            let _ = fd::close(to_parent);
            let status = reap(pid)?;
            if after_child != Some(1) {
                return fail(format!(
                    "after the child wrote 2 the parent reads {after_child:?}, not 1"
                ));
            }
            match status {
                WaitStatus::Exited(1) => fail(String::from(
                    "after the parent wrote 3 the child no longer reads its own 2",
                )),
                status => expect_exit(status, 0, "the child"),
            }
        }
    }
}

const NAP_NS: u64 = 50_000_000;

fn vfork_suspends(env: &Env) -> Outcome {
    fn child(wr: &Fd) -> ! {
        let _ = time::sleep_ns(NAP_NS);
        let exit_time = time::now_ns(time::CLOCK_MONOTONIC);
        let _ = fd::write_all(*wr, &exit_time.to_ne_bytes());
        process::exit(0)
    }
    let (rd, wr) = pipe()?;
    let before = time::now_ns(time::CLOCK_MONOTONIC);
    let pid = process::vfork(child, &wr);
    let resumed = time::now_ns(time::CLOCK_MONOTONIC);
    let _ = fd::close(wr);
    let got = read_all(rd);
    let _ = fd::close(rd);
    let pid = pid.map_err(sys("vfork"))?;
    expect_exit(reap(pid)?, 0, "the child")?;
    let Ok(exit_time) = got.try_into().map(u64::from_ne_bytes) else {
        return fail(String::from("the child reported no clock reading"));
    };
    if resumed >= exit_time && resumed - before >= NAP_NS {
        return Ok(());
    }
    if env.qemu_user && resumed < exit_time {
        return skip(VFORK_IS_FORK);
    }
    let us = |t: u64, from: u64| (t as i64 - from as i64) / 1000;
    fail(format!(
        "the parent resumed {} µs after vfork, the child exited at {} µs",
        us(resumed, before),
        us(exit_time, before)
    ))
}

fn vfork_shares(env: &Env) -> Outcome {
    fn child(word: &AtomicU32) -> ! {
        word.store(1, SeqCst);
        process::exit(0)
    }
    let word = AtomicU32::new(0);
    let pid = process::vfork(child, &word).map_err(sys("vfork"))?;
    expect_exit(reap(pid)?, 0, "the child")?;
    match word.load(SeqCst) {
        1 => Ok(()),
        0 if env.qemu_user => skip(VFORK_IS_FORK),
        n => fail(format!("the child wrote 1, the parent reads {n}")),
    }
}

fn vfork_exit(_: &Env) -> Outcome {
    fn child(wr: &Fd) -> ! {
        let _ = fd::write_all(*wr, b"child\n");
        process::exit(0)
    }
    let (rd, wr) = pipe()?;
    let mut pending = Buffered::new(wr);
    pending.bytes(b"parent\n");
    let status = process::vfork(child, &wr)
        .map_err(sys("vfork"))
        .and_then(reap);
    // The parent's exit path: flush what is buffered, once.
    drop(pending);
    let _ = fd::close(wr);
    let got = read_all(rd);
    let _ = fd::close(rd);
    expect_exit(status?, 0, "the child")?;
    if got == b"child\nparent\n" {
        Ok(())
    } else {
        fail(format!("the pipe holds \"{}\"", got.escape_ascii()))
    }
}

/// How the re-exec'd rawsh is asked to show itself.
fn echo_args(extra: &[u8]) -> [&[u8]; 5] {
    [b"rawsh", b"--applet", b"selftest", ECHO, extra]
}

fn environment() -> CStrArray {
    CStrArray::new(start::env())
}

fn execve_replaces(env: &Env) -> Outcome {
    let exe = env.exe()?;
    let args = echo_args(b"execve");
    let argv = CStrArray::new(args);
    let envp = environment();
    let (rd, wr) = pipe()?;
    match process::fork().map_err(sys("fork"))? {
        Fork::Child => {
            // A failed execve is reported on the pipe as `!` and the errno.
            let e = match fd::dup2(wr, Fd::STDOUT) {
                Ok(_) => process::execve(exe, &argv, &envp),
                Err(e) => e,
            };
            let mut msg = [b'!'; 5];
            msg[1..].copy_from_slice(&e.raw().to_ne_bytes());
            let _ = fd::write_all(wr, &msg);
            process::exit(127)
        }
        Fork::Parent(pid) => {
            let _ = fd::close(wr);
            let got = read_all(rd);
            let _ = fd::close(rd);
            let status = reap(pid)?;
            if let Some(raw) = got.strip_prefix(b"!") {
                let e = Errno::from_raw(i32::from_ne_bytes(raw.try_into().unwrap_or([0; 4])));
                if e == Errno::ENOEXEC && env.qemu_user {
                    return skip(NO_BINFMT);
                }
                return fail(format!(
                    "execve {}: {}",
                    exe.to_bytes().escape_ascii(),
                    e.name()
                ));
            }
            expect_exit(status, 0, "the new program")?;
            match parse_echo(&got) {
                Some(echo) if echo.pid == pid.0 && echo.argv == args => Ok(()),
                _ => fail(format!(
                    "the child {} printed \"{}\"",
                    pid.0,
                    got.escape_ascii()
                )),
            }
        }
    }
}

fn execve_errors(env: &Env) -> Outcome {
    let scratch = env.scratch()?;
    let argv = CStrArray::new([&b"x"[..]]);
    let envp = CStrArray::new([]);
    let me = process::getpid();
    let cases = [
        (c"/nonexistent/rawsh-selftest", Errno::ENOENT),
        (&*scratch.plain, Errno::EACCES),
        (&*scratch.garbage, Errno::ENOEXEC),
    ];
    for (path, want) in cases {
        let got = process::execve(path, &argv, &envp);
        if got != want {
            return fail(format!(
                "execve {}: {}, expected {}",
                path.to_bytes().escape_ascii(),
                got.name(),
                want.name()
            ));
        }
    }
    if process::getpid() != me {
        return fail(String::from("the pid changed"));
    }
    Ok(())
}

fn clone_exit_status(_: &Env) -> Outcome {
    fn plus_one(n: &i32) -> i32 {
        n + 1
    }
    let stack = new_stack()?;
    let status = clone_wait(0, &stack, plus_one, &41).map_err(sys("clone"))?;
    expect_exit(status, 42, "fn returned 42 but the child")
}

fn clone_vm(env: &Env) -> Outcome {
    fn store(word: &AtomicU32) -> i32 {
        word.store(1, SeqCst);
        0
    }
    let stack = new_stack()?;
    let shared = AtomicU32::new(0);
    match clone_wait(CLONE_VM, &stack, store, &shared) {
        Err(Errno::EINVAL) if env.qemu_user => return skip(NO_BARE_VM),
        status => expect_exit(status.map_err(sys("clone(CLONE_VM)"))?, 0, "the child")?,
    }
    let private = AtomicU32::new(0);
    let status = clone_wait(0, &stack, store, &private).map_err(sys("clone"))?;
    expect_exit(status, 0, "the child")?;
    match (shared.load(SeqCst), private.load(SeqCst)) {
        (1, 0) => Ok(()),
        (0, _) => fail(String::from(
            "with CLONE_VM the parent did not see the child's write",
        )),
        _ => fail(String::from(
            "without CLONE_VM the parent saw the child's write",
        )),
    }
}

fn clone_files(env: &Env) -> Outcome {
    /// Opens `/` and exits with the descriptor's number (255: could not).
    fn open_root(_: &()) -> i32 {
        match fs::open(c"/", fs::O_RDONLY | fs::O_DIRECTORY, 0) {
            Ok(fd) if fd.0 < 255 => fd.0,
            _ => 255,
        }
    }
    let stack = new_stack()?;
    let mut opened = [Fd(-1); 2];
    for (i, share) in [CLONE_FILES, 0].into_iter().enumerate() {
        match clone_wait(share, &stack, open_root, &()) {
            Err(Errno::EINVAL) if env.qemu_user => return skip(NO_SHARING),
            Err(e) => return fail(format!("clone: {}", e.name())),
            Ok(WaitStatus::Exited(n)) if n < 255 => opened[i] = Fd(n),
            Ok(status) => return fail(format!("the child {}", ended(status))),
        }
    }
    let [shared, private] = opened;
    let in_parent = |fd| fd::fcntl(fd, fd::F_GETFD, 0);
    if in_parent(shared).is_err() {
        return fail(format!(
            "with CLONE_FILES fd {} the child opened is not open in the parent",
            shared.0
        ));
    }
    let _ = fd::close(shared);
    if in_parent(private).is_ok() {
        let _ = fd::close(private);
        return fail(format!(
            "without CLONE_FILES fd {} the child opened is open in the parent",
            private.0
        ));
    }
    Ok(())
}

fn clone_sighand(env: &Env) -> Outcome {
    fn ignore_usr1(_: &()) -> i32 {
        match signal::set_disposition(signal::SIGUSR1, Disposition::Ignore) {
            Ok(_) => 0,
            Err(_) => 1,
        }
    }
    let usr1 = signal::SIGUSR1;
    let was_ignored =
        signal::set_disposition(usr1, Disposition::Default).map_err(sys("rt_sigaction"))?;
    let stack = new_stack()?;
    let mut ignored = [false; 2];
    let mut result = Ok(());
    for (i, share) in [CLONE_VM | CLONE_SIGHAND, CLONE_VM].into_iter().enumerate() {
        result = match clone_wait(share, &stack, ignore_usr1, &()) {
            Err(Errno::EINVAL) if env.qemu_user => skip(NO_BARE_VM),
            Err(e) => fail(format!("clone: {}", e.name())),
            Ok(status) => expect_exit(status, 0, "the child"),
        };
        if result.is_err() {
            break;
        }
        ignored[i] = signal::is_ignored(usr1).unwrap_or(false);
        let _ = signal::set_disposition(usr1, Disposition::Default);
    }
    if was_ignored {
        let _ = signal::set_disposition(usr1, Disposition::Ignore);
    }
    result?;
    match ignored {
        [true, false] => Ok(()),
        [false, _] => fail(String::from(
            "with CLONE_SIGHAND the child ignored SIGUSR1 but the parent does not",
        )),
        _ => fail(String::from(
            "without CLONE_SIGHAND the child ignored SIGUSR1 and so does the parent",
        )),
    }
}

fn clone_signaled(_: &Env) -> Outcome {
    fn kill_self(_: &()) -> i32 {
        let _ = process::kill(process::getpid().0, signal::SIGKILL);
        0
    }
    let stack = new_stack()?;
    match clone_wait(0, &stack, kill_self, &()).map_err(sys("clone"))? {
        WaitStatus::Signaled { signal, .. } if signal == signal::SIGKILL => Ok(()),
        status => fail(format!(
            "the child {}, expected killed by SIGKILL",
            ended(status)
        )),
    }
}

/// One level of the guard-page check's recursion uses a bit more than this much stack: well
/// under the guard page's 4 KiB, so no frame can jump over it.
const FRAME: usize = 1024;

/// The lowest stack address the diving child has reached.
struct Dive {
    lowest: AtomicUsize,
}

fn dive(d: &Dive) -> i32 {
    // A crash report would be noise here: qemu-user prints one on stderr, and a core file of
    // the whole shared memory is slow to write.
    if let Ok(null) = fs::open(c"/dev/null", fs::O_WRONLY, 0) {
        let _ = fd::dup2(null, Fd::STDERR);
    }
    if let Ok(core) = process::prlimit(process::RLIMIT_CORE, None) {
        let none = process::Rlimit { cur: 0, ..core };
        let _ = process::prlimit(process::RLIMIT_CORE, Some(none));
    }
    // Deep enough to run four times past the end of the stack.
    descend(&d.lowest, 4 * STACK_SIZE / FRAME) as i32
}

fn descend(lowest: &AtomicUsize, depth: usize) -> usize {
    let frame = black_box([depth as u8; FRAME]);
    lowest.fetch_min(frame.as_ptr() as usize, SeqCst);
    if depth == 0 {
        return 0;
    }
    // Using the frame after the call keeps it alive: no tail call, no reuse.
    descend(lowest, depth - 1) + usize::from(black_box(&frame)[FRAME - 1])
}

fn clone_guard(env: &Env) -> Outcome {
    const SENTINEL: u8 = 0xa5;
    let stack = new_stack()?;
    // Mapped after the stack, so mmap's top-down placement puts it right below the guard page
    // (checked below): where an unguarded overflow would write first.
    let below = vec![SENTINEL; 64 * 1024];
    let adjacent = below.as_ptr() as usize + below.len() == stack.guard().start;
    // With CLONE_VM the child's stack is in our memory, so the sentinel would see an overflow;
    // without it (qemu-user, old kernels) only the SIGSEGV is shown.
    let share = if env.qemu_user || env.shared_coredump {
        0
    } else {
        CLONE_VM
    };
    let d = Dive {
        lowest: AtomicUsize::new(usize::MAX),
    };
    let status = clone_wait(share, &stack, dive, &d).map_err(sys("clone"))?;
    if !matches!(status, WaitStatus::Signaled { signal, .. } if signal == signal::SIGSEGV) {
        return fail(format!(
            "the child {}, expected killed by SIGSEGV",
            ended(status)
        ));
    }
    let overwritten = below.iter().filter(|&&b| b != SENTINEL).count();
    if overwritten != 0 {
        let adjacent = if adjacent { "right " } else { "" };
        return fail(format!(
            "{overwritten} of the {} bytes {adjacent}below the guard page were overwritten",
            below.len()
        ));
    }
    if share == CLONE_VM {
        let lowest = d.lowest.load(SeqCst);
        let guard_end = stack.guard().end;
        if lowest < guard_end || lowest >= guard_end + 2 * FRAME {
            return fail(format!(
                "the child's deepest frame was at {lowest:#x}, the guard page ends at \
                 {guard_end:#x}"
            ));
        }
    }
    Ok(())
}

fn spawn_runs(env: &Env, how: Strategy) -> Outcome {
    let exe = env.exe()?;
    let args = echo_args(how.name().as_bytes());
    let argv = CStrArray::new(args);
    let envp = environment();
    let (rd, wr) = pipe()?;
    let actions = [
        FileAction::Dup2 {
            from: wr,
            to: Fd::STDOUT,
        },
        FileAction::Chdir(c"/"),
    ];
    let s = Spawn {
        path: exe,
        argv: &argv,
        envp: &envp,
        actions: &actions,
        pgid: Some(0),
        default_signals: SigSet::EMPTY,
        ignore_signals: SigSet::EMPTY,
    };
    let started = spawn::spawn(&s, how);
    let _ = fd::close(wr);
    let got = read_all(rd);
    let _ = fd::close(rd);
    let pid = match started {
        Ok(pid) => pid,
        Err(SpawnError::Child(Step::Exec, Errno::ENOEXEC)) if env.qemu_user => {
            return skip(NO_BINFMT);
        }
        Err(e) => return fail(format!("spawn: {e:?}")),
    };
    expect_exit(reap(pid)?, 0, "the program")?;
    match parse_echo(&got) {
        Some(echo) if echo.pid == pid.0 && echo.pgid == pid.0 && echo.cwd == b"/" => {
            if echo.argv == args {
                Ok(())
            } else {
                fail(format!("argv arrived as {:?}", echo.argv))
            }
        }
        _ => fail(format!(
            "the child {} printed \"{}\", expected its pid, pgid and cwd /",
            pid.0,
            got.escape_ascii()
        )),
    }
}

fn spawn_errors(env: &Env, how: Strategy) -> Outcome {
    let scratch = env.scratch()?;
    let argv = CStrArray::new([&b"x"[..]]);
    let envp = CStrArray::new([]);
    let missing = c"/nonexistent/rawsh-selftest";
    let open_missing = [FileAction::Open {
        fd: Fd::STDIN,
        path: missing,
        flags: fs::O_RDONLY,
        mode: 0,
    }];
    let cases: [(&CStr, &[FileAction<'_>], SpawnError); 3] = [
        (missing, &[], SpawnError::Child(Step::Exec, Errno::ENOENT)),
        (
            &scratch.plain,
            &[],
            SpawnError::Child(Step::Exec, Errno::EACCES),
        ),
        (
            &scratch.garbage,
            &open_missing,
            SpawnError::Child(Step::Action(0), Errno::ENOENT),
        ),
    ];
    for (path, actions, want) in cases {
        let s = Spawn {
            path,
            argv: &argv,
            envp: &envp,
            actions,
            pgid: None,
            default_signals: SigSet::EMPTY,
            ignore_signals: SigSet::EMPTY,
        };
        match spawn::spawn(&s, how) {
            Err(got) if got == want => {}
            Err(got) => return fail(format!("got {got:?}, expected {want:?}")),
            Ok(pid) => {
                let status = reap(pid)?;
                return fail(format!(
                    "{} started and {}, expected {want:?}",
                    path.to_bytes().escape_ascii(),
                    ended(status)
                ));
            }
        }
    }
    Ok(())
}
