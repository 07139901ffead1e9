//! Spawning a program: fork-and-exec three ways, with file actions and exact exec errors.
//!
//! Every strategy runs the same child code ([`child`]): reset signal dispositions, join a
//! process group, apply the file actions in order, restore the signal mask, execve. If any
//! step fails, the child writes `(errno, step)` to a close-on-exec pipe and exits 127; a
//! successful execve closes the pipe instead, so the parent's read sees end-of-file. That works
//! whether or not the child shares our memory (qemu-user turns CLONE_VFORK into a fork).
//!
//! - `Fork`: fork(2); the child runs on a copy-on-write copy. Costs page-table copying that
//!   grows with our mapped memory.
//! - `Vfork`: vfork(2); the child borrows our stack and memory, we sleep until it execs.
//! - `Clone` (default), after musl's posix_spawn: all signals blocked, then
//!   clone(CLONE_VM | CLONE_VFORK | SIGCHLD) on a separate guarded stack, so the child never
//!   writes to our stack, and no signal handler can run in it before dispositions are reset.

use super::SingleThreaded;
use super::stack::Stack;
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, CStrArray, Fork, Pid};
use crate::sys::signal::{self, Disposition, SigSet};
use crate::sys::{Errno, fs};
use core::cell::OnceCell;
use core::ffi::CStr;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Strategy {
    Fork,
    Vfork,
    Clone,
}

impl Strategy {
    pub const ALL: [Strategy; 3] = [Strategy::Fork, Strategy::Vfork, Strategy::Clone];

    pub fn name(self) -> &'static str {
        match self {
            Strategy::Fork => "fork",
            Strategy::Vfork => "vfork",
            Strategy::Clone => "clone",
        }
    }

    pub fn from_name(name: &[u8]) -> Option<Strategy> {
        Strategy::ALL
            .into_iter()
            .find(|s| s.name().as_bytes() == name)
    }
}

/// One step the child takes before execve (posix_spawn_file_actions(3) and friends).
#[derive(Clone, Copy, Debug)]
pub enum FileAction<'a> {
    /// dup2(from, to); `from == to` clears close-on-exec instead.
    Dup2 {
        from: Fd,
        to: Fd,
    },
    Close(Fd),
    /// open(path, flags, mode), then move it to `fd`.
    Open {
        fd: Fd,
        path: &'a CStr,
        flags: u32,
        mode: u32,
    },
    Chdir(&'a CStr),
}

/// Everything the child needs, prepared by the parent (the child must not allocate).
pub struct Spawn<'a> {
    pub path: &'a CStr,
    pub argv: &'a CStrArray,
    pub envp: &'a CStrArray,
    pub actions: &'a [FileAction<'a>],
    /// setpgid(0, pgid) in the child: `Some(0)` starts a new group led by the child.
    pub pgid: Option<i32>,
    /// Make the child's process group the foreground group of this terminal (tcsetpgrp),
    /// before its signals are reset (a job-control shell's first foreground process).
    pub terminal: Option<Fd>,
    /// Signals whose disposition the child sets back to SIG_DFL (the shell ignores some).
    pub default_signals: SigSet,
    /// Signals the child ignores (an asynchronous list without job control ignores INT, QUIT).
    pub ignore_signals: SigSet,
}

/// Which step of the child failed.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Step {
    /// File action number `n` of `Spawn::actions`.
    Action(usize),
    SetPgid,
    Exec,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum SpawnError {
    /// The parent could not create the child (pipe, clone, fork: EAGAIN, ENOMEM, EMFILE...).
    Create(Errno),
    /// The child ran but failed at `Step`, and has been reaped.
    Child(Step, Errno),
}

struct Ctx<'a> {
    spawn: &'a Spawn<'a>,
    report: Fd,
    mask: SigSet,
}

/// The child's side, the same for every strategy. Never returns.
fn child(ctx: &Ctx<'_>) -> ! {
    let s = ctx.spawn;
    let fail = |step: Step, e: Errno| -> ! {
        let code: i32 = match step {
            Step::Action(n) => n as i32,
            Step::SetPgid => -2,
            Step::Exec => -1,
        };
        let mut msg = [0u8; 8];
        msg[..4].copy_from_slice(&e.raw().to_ne_bytes());
        msg[4..].copy_from_slice(&code.to_ne_bytes());
        let _ = fd::write(ctx.report, &msg);
        process::exit(127)
    };
    if let Some(pgid) = s.pgid {
        if let Err(e) = process::setpgid(0, pgid) {
            fail(Step::SetPgid, e);
        }
    }
    if let Some(tty) = s.terminal {
        let _ = crate::sys::tty::set_foreground(tty, process::getpid().0);
    }
    for sig in 1..=64 {
        let bit = 1u64 << (sig - 1);
        if s.default_signals.0 & bit != 0 {
            let _ = signal::set_disposition(sig, Disposition::Default);
        } else if s.ignore_signals.0 & bit != 0 {
            let _ = signal::set_disposition(sig, Disposition::Ignore);
        }
    }
    for (n, action) in s.actions.iter().enumerate() {
        if let Err(e) = apply(action, ctx.report) {
            fail(Step::Action(n), e);
        }
    }
    let _ = signal::sigprocmask(signal::SIG_SETMASK, ctx.mask);
    fail(Step::Exec, process::execve(s.path, s.argv, s.envp))
}

fn apply(action: &FileAction<'_>, report: Fd) -> Result<(), Errno> {
    match *action {
        FileAction::Dup2 { from, to } if from == to => fd::set_cloexec(from, false),
        FileAction::Dup2 { from, to } => {
            // Moving something onto the report pipe would lose it: move the pipe first.
            if to == report {
                return Err(Errno::EBADF);
            }
            fd::dup2(from, to).map(drop)
        }
        FileAction::Close(fd) => match fd::close(fd) {
            Err(Errno::EBADF) | Ok(()) => Ok(()),
            Err(e) => Err(e),
        },
        FileAction::Open {
            fd,
            path,
            flags,
            mode,
        } => {
            let got = fs::open(path, flags, mode)?;
            if got != fd {
                fd::dup2(got, fd)?;
                fd::close(got)?;
            }
            Ok(())
        }
        FileAction::Chdir(path) => fs::chdir(path),
    }
}

/// The clone strategy's child stack: made once, reused by every spawn (the child is done
/// with it when the parent resumes, thanks to CLONE_VFORK).
static STACK: SingleThreaded<OnceCell<Stack>> = SingleThreaded(OnceCell::new());
const STACK_SIZE: usize = 64 * 1024;

/// Starts `s.path` with strategy `how`. On success the child has exec'd; its pid is returned
/// for the caller to wait for.
pub fn spawn(s: &Spawn<'_>, how: Strategy) -> Result<Pid, SpawnError> {
    let (rd, wr) = fd::pipe2(fd::O_CLOEXEC).map_err(SpawnError::Create)?;
    let started = start(s, how, wr);
    let _ = fd::close(wr);
    let result = started.and_then(|pid| match read_report(rd) {
        None => Ok(pid),
        Some((step, e)) => {
            let _ = crate::sys::retry(|| process::wait4(pid.0, 0));
            Err(SpawnError::Child(step, e))
        }
    });
    let _ = fd::close(rd);
    result
}

fn start(s: &Spawn<'_>, how: Strategy, report: Fd) -> Result<Pid, SpawnError> {
    let err = SpawnError::Create;
    match how {
        Strategy::Fork => {
            let mask = signal::sigprocmask(signal::SIG_BLOCK, SigSet::EMPTY).map_err(err)?;
            match process::fork().map_err(err)? {
                Fork::Child => child(&Ctx {
                    spawn: s,
                    report,
                    mask,
                }),
                Fork::Parent(pid) => Ok(pid),
            }
        }
        Strategy::Vfork => {
            let mask = signal::sigprocmask(signal::SIG_BLOCK, SigSet::EMPTY).map_err(err)?;
            process::vfork(
                child,
                &Ctx {
                    spawn: s,
                    report,
                    mask,
                },
            )
            .map_err(err)
        }
        Strategy::Clone => {
            let stack = match STACK.0.get() {
                Some(stack) => stack,
                None => {
                    let stack = Stack::new(STACK_SIZE).map_err(err)?;
                    STACK.0.get_or_init(|| stack)
                }
            };
            let mask = signal::sigprocmask(signal::SIG_SETMASK, SigSet::ALL).map_err(err)?;
            let ctx = Ctx {
                spawn: s,
                report,
                mask,
            };
            let flags = super::stack::CLONE_VM
                | super::stack::CLONE_VFORK
                | linux_raw_sys::general::SIGCHLD;
            fn run(ctx: &Ctx<'_>) -> i32 {
                child(ctx)
            }
            // SAFETY: CLONE_VFORK suspends us until the child has exec'd or exited, so the
            // stack and ctx outlive its use of them and nothing else runs meanwhile.
            let r = unsafe { super::stack::clone(flags, stack, run, &ctx) };
            let _ = signal::sigprocmask(signal::SIG_SETMASK, mask);
            r.map_err(err)
        }
    }
}

/// Reads the child's failure report: `None` when the pipe closed with nothing in it (execve
/// succeeded and closed the close-on-exec write end).
fn read_report(rd: Fd) -> Option<(Step, Errno)> {
    let mut msg = [0u8; 8];
    let mut got = 0;
    while got < msg.len() {
        match fd::read(rd, &mut msg[got..]) {
            Ok(0) => break,
            Ok(n) => got += n,
            Err(Errno::EINTR) => {}
            Err(_) => break,
        }
    }
    if got < msg.len() {
        return None;
    }
    let e = Errno::from_raw(i32::from_ne_bytes([msg[0], msg[1], msg[2], msg[3]]));
    let step = match i32::from_ne_bytes([msg[4], msg[5], msg[6], msg[7]]) {
        -1 => Step::Exec,
        -2 => Step::SetPgid,
        n => Step::Action(n as usize),
    };
    Some((step, e))
}
