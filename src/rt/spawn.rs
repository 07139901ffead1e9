//! Spawning a program: fork-and-exec three ways, with file actions and exact exec errors.
//!
//! Every strategy runs the same child code ([`child`]): reset signal dispositions, join a
//! process group, apply the file actions in order, restore the signal mask, execve. If any
//! step fails, the child reports `(step, errno)` and exits 127. The report goes:
//! - through a close-on-exec pipe, whose write end a successful execve closes, so the parent's
//!   read sees end-of-file. That works whether or not the child shares our memory (qemu-user
//!   turns CLONE_VFORK into a fork), and is what `fork` always uses;
//! - for `vfork` and `clone` once the first such spawn has shown that the child's writes reach
//!   our memory (a real kernel), into [`Ctx::outcome`] only: we resume only after the child has
//!   exec'd or exited, so the pipe's four system calls (pipe2, two closes, read) are not needed.
//!   Deciding at run time, not by arch or by guess, keeps qemu-user correct.
//!
//! - `Fork`: fork(2); the child runs on a copy-on-write copy. Costs page-table copying that
//!   grows with our mapped memory.
//! - `Vfork`: vfork(2); the child borrows our stack and memory, we sleep until it execs.
//! - `Clone` (default), after musl's posix_spawn: all signals blocked, then
//!   clone(CLONE_VM | CLONE_VFORK | SIGCHLD) on a separate guarded stack, so the child never
//!   writes to our stack, and no signal handler can run in it before dispositions are reset.
//!
//! [`Group`](super::group::Group) starts children that need not be done with our memory
//! when it returns (CLONE_VM without CLONE_VFORK), for callers that wait for them anyway.

use super::SingleThreaded;
use super::stack::Stack;
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, CStrArray, Fork, Pid, WaitStatus};
use crate::sys::signal::{self, Disposition, SigSet};
use crate::sys::{Errno, fs};
use alloc::vec::Vec;
use core::cell::{Cell, RefCell};
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
    /// Run a file the kernel refuses (ENOEXEC) as a script with this shell, in the child
    /// ([`process::execve_or_script`]), as a shell does; `None`: report ENOEXEC.
    pub script_shell: Option<&'a CStr>,
    /// If execve fails, the child writes this, the reason (`not found` for ENOENT, else the
    /// errno's message) and a newline to its own stderr, where its file actions put it, as a
    /// shell's child reports it (`missing 2>/dev/null` is quiet).
    pub exec_error: Option<&'a [u8]>,
}

/// How a shell words a failed execve: `not found` for ENOENT, else the errno's message.
pub fn exec_reason(e: Errno) -> &'static str {
    if e == Errno::ENOENT {
        "not found"
    } else {
        e.message()
    }
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

/// `exec: ENOENT (No such file or directory)`, for messages (selftest, spawnbench).
impl core::fmt::Display for SpawnError {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let (step, e) = match self {
            SpawnError::Create(e) => ("create", e),
            SpawnError::Child(Step::Exec, e) => ("exec", e),
            SpawnError::Child(Step::SetPgid, e) => ("setpgid", e),
            SpawnError::Child(Step::Action(n), e) => return write!(f, "file action {n}: {e:?}"),
        };
        write!(f, "{step}: {e:?}")
    }
}

pub(super) struct Ctx<'a> {
    pub(super) spawn: &'a Spawn<'a>,
    /// The pipe (read end, write end), when the report goes through one.
    pub(super) report: Option<(Fd, Fd)>,
    pub(super) mask: SigSet,
    /// What the child did, written by the child: in our memory only when it shares it. Never
    /// touched by both at once: CLONE_VFORK and vfork suspend us while the child runs, and a
    /// `Group` reads it only once wait4 has seen the child end.
    pub(super) outcome: &'a SingleThreaded<Cell<Outcome>>,
}

#[derive(Clone, Copy)]
pub(super) enum Outcome {
    /// The child has not written (it has not run, or it writes to a copy of our memory).
    Unknown,
    /// The child got as far as its first step; it exec'd unless it wrote `Failed`.
    Ran,
    Failed(Step, Errno),
}

/// The child's side, the same for every strategy. Never returns.
pub(super) fn child(ctx: &Ctx<'_>) -> ! {
    let s = ctx.spawn;
    // Plain stores: the system calls below are not `nomem` asm, so they are done before them.
    ctx.outcome.0.set(Outcome::Ran);
    let report = ctx.report.map(|pipe| out_of_the_way(pipe, s.actions));
    let fail = |step: Step, e: Errno| -> ! {
        ctx.outcome.0.set(Outcome::Failed(step, e));
        if let Some(report) = report {
            let code: i32 = match step {
                Step::Action(n) => n as i32,
                Step::SetPgid => -2,
                Step::Exec => -1,
            };
            let mut msg = [0u8; 8];
            msg[..4].copy_from_slice(&e.raw().to_ne_bytes());
            msg[4..].copy_from_slice(&code.to_ne_bytes());
            let _ = fd::write(report, &msg);
        }
        process::exit(127)
    };
    if let Some(pgid) = s.pgid
        && let Err(e) = process::setpgid(0, pgid)
    {
        fail(Step::SetPgid, e);
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
        if let Err(e) = apply(action, report) {
            fail(Step::Action(n), e);
        }
    }
    let _ = signal::sigprocmask(signal::SIG_SETMASK, ctx.mask);
    let e = match s.script_shell {
        Some(shell) => process::execve_or_script(s.path, s.argv, s.envp, shell),
        None => process::execve(s.path, s.argv, s.envp),
    };
    if let Some(prefix) = s.exec_error {
        // On our stack: a child in our memory must not allocate.
        let mut line = crate::rt::out::Line::new();
        line.push(prefix);
        line.push(exec_reason(e).as_bytes());
        line.finish(Fd::STDERR);
    }
    fail(Step::Exec, e)
}

/// The child's end of the report pipe, where no file action meets it. pipe2 gave the pipe the
/// lowest free descriptors (3 and 4 in a script's children), which redirections name:
/// `4>/dev/null` would replace it and `>&3` read from it instead of failing as a descriptor
/// the script never opened. When an action names either end, the read end is closed and the
/// write end moves to 10 or above, where a shell keeps its own descriptors (a redirection
/// names 0 to 9); otherwise nothing is done (no system call for the common command).
fn out_of_the_way((rd, wr): (Fd, Fd), actions: &[FileAction<'_>]) -> Fd {
    let named = actions.iter().any(|a| match *a {
        FileAction::Dup2 { from, to } => [rd, wr].contains(&from) || [rd, wr].contains(&to),
        FileAction::Close(fd) | FileAction::Open { fd, .. } => fd == rd || fd == wr,
        FileAction::Chdir(_) => false,
    });
    if !named {
        return wr;
    }
    let _ = fd::close(rd);
    if wr.0 >= 10 {
        return wr;
    }
    match fd::dup_cloexec(wr, 10) {
        Ok(high) => {
            let _ = fd::close(wr);
            high
        }
        Err(_) => wr,
    }
}

fn apply(action: &FileAction<'_>, report: Option<Fd>) -> Result<(), Errno> {
    match *action {
        FileAction::Dup2 { from, to } if from == to => fd::set_cloexec(from, false),
        FileAction::Dup2 { from, to } => {
            // Moving something onto the report pipe would lose it: move the pipe first.
            if Some(to) == report {
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

/// Stacks for clone children that are done with them, for the next ones: made once, reused
/// by every spawn (the child is done with its stack when we resume, thanks to CLONE_VFORK)
/// and by a `Group`'s children (once they have ended); a pipeline's worth is kept.
static SPARE: SingleThreaded<RefCell<Vec<Stack>>> = SingleThreaded(RefCell::new(Vec::new()));
const SPARE_MAX: usize = 4;
const STACK_SIZE: usize = 64 * 1024;

/// A stack for a clone child: a spare one, or a new one.
pub(super) fn take_stack() -> Result<Stack, SpawnError> {
    let spare = SPARE.0.borrow_mut().pop();
    match spare {
        Some(stack) => Ok(stack),
        None => Stack::new(STACK_SIZE).map_err(SpawnError::Create),
    }
}

/// Gives back the stack of a child that no longer runs on it.
pub(super) fn give_back(stack: Stack) {
    let mut spare = SPARE.0.borrow_mut();
    if spare.len() < SPARE_MAX {
        spare.push(stack);
    }
}

/// Whether a vfork or CLONE_VM child's writes reach our memory: unknown until the first such
/// spawn (which also uses the pipe) shows it. False under qemu-user.
static SHARED: SingleThreaded<Cell<Option<bool>>> = SingleThreaded(Cell::new(None));

/// Starts `s.path` with strategy `how`. On success the child has exec'd; its pid is returned
/// for the caller to wait for.
pub fn spawn(s: &Spawn<'_>, how: Strategy) -> Result<Pid, SpawnError> {
    let borrows = how != Strategy::Fork;
    let pipe = if borrows && SHARED.0.get() == Some(true) {
        None
    } else {
        Some(fd::pipe2(fd::O_CLOEXEC).map_err(SpawnError::Create)?)
    };
    let outcome = SingleThreaded(Cell::new(Outcome::Unknown));
    let ctx = Ctx {
        spawn: s,
        report: pipe,
        mask: SigSet::EMPTY,
        outcome: &outcome,
    };
    let started = start(ctx, how);
    let report = match pipe {
        Some((rd, wr)) => {
            let _ = fd::close(wr);
            let r = started.map(|(pid, outcome)| (pid, outcome, read_report(rd)));
            let _ = fd::close(rd);
            r.map(|(pid, outcome, report)| {
                if borrows && SHARED.0.get().is_none() {
                    SHARED.0.set(Some(!matches!(outcome, Outcome::Unknown)));
                }
                (pid, report)
            })
        }
        None => started.map(|(pid, outcome)| match outcome {
            Outcome::Failed(step, e) => (pid, Some((step, e))),
            Outcome::Ran | Outcome::Unknown => (pid, None),
        }),
    };
    match report? {
        (pid, None) => Ok(pid),
        (pid, Some((step, e))) => {
            let _ = crate::sys::retry(|| process::wait4(pid.0, 0));
            Err(SpawnError::Child(step, e))
        }
    }
}

/// Creates the child; returns its pid and what it wrote into `ctx.outcome` as we see it.
fn start(mut ctx: Ctx<'_>, how: Strategy) -> Result<(Pid, Outcome), SpawnError> {
    let err = SpawnError::Create;
    let pid = match how {
        Strategy::Fork => {
            ctx.mask = signal::sigprocmask(signal::SIG_BLOCK, SigSet::EMPTY).map_err(err)?;
            match process::fork().map_err(err)? {
                Fork::Child => child(&ctx),
                Fork::Parent(pid) => pid,
            }
        }
        Strategy::Vfork => {
            ctx.mask = signal::sigprocmask(signal::SIG_BLOCK, SigSet::EMPTY).map_err(err)?;
            process::vfork(child, &ctx).map_err(err)?
        }
        Strategy::Clone => {
            let stack = take_stack()?;
            ctx.mask = signal::sigprocmask(signal::SIG_SETMASK, SigSet::ALL).map_err(err)?;
            // SAFETY: CLONE_VFORK suspends us until the child has exec'd or exited, so the
            // stack and ctx outlive its use of them and nothing else runs meanwhile.
            let r = unsafe { super::stack::clone(SHARE_VM_VFORK, &stack, clone_child, &ctx) };
            let _ = signal::sigprocmask(signal::SIG_SETMASK, ctx.mask);
            give_back(stack);
            r.map_err(err)?
        }
    };
    Ok((pid, ctx.outcome.0.get()))
}

/// The clone flags of the two ways: the child shares our memory, and we sleep until it has
/// exec'd (`spawn`) or not (`Group`).
pub(super) const SHARE_VM: u32 = super::stack::CLONE_VM | linux_raw_sys::general::SIGCHLD;
const SHARE_VM_VFORK: u32 = SHARE_VM | super::stack::CLONE_VFORK;

fn clone_child(ctx: &Ctx<'_>) -> i32 {
    child(ctx)
}

/// Whether a vfork or CLONE_VM child's writes have been seen to reach our memory.
pub(super) fn shares_memory() -> bool {
    SHARED.0.get() == Some(true)
}

/// Waits until `pid` has exited or been killed; `None` once wait4 says it is gone without a
/// status (ECHILD: SIGCHLD is ignored and the kernel reaped it).
pub(super) fn wait_end(pid: Pid) -> Option<WaitStatus> {
    loop {
        match process::wait4(pid.0, 0) {
            Ok(Some((_, status @ (WaitStatus::Exited(_) | WaitStatus::Signaled { .. })))) => {
                return Some(status);
            }
            Ok(_) | Err(Errno::EINTR) => continue,
            Err(_) => return None,
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
