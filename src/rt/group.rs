//! Children started together and waited for together: a script's pipeline, or its foreground
//! command (a group of one).
//!
//! A shell without job control waits for every process of a pipeline before it does anything
//! else, so a child need not be done with our memory when it has been started. On a kernel
//! that shares memory (`spawn::shares_memory`), [`Group::start`] clones with CLONE_VM alone,
//! not CLONE_VFORK: we do not sleep until the child's execve, so the next stage starts while
//! this one is still on its way to the exec, and a foreground command costs one wake-up (in
//! wait4) instead of two. The child then runs in our memory at the same time as we do, so the
//! group owns everything it reads (its [`Program`], its context, its stack) until wait4 has
//! seen it end, and waits for that even when dropped early: nothing a child uses can be freed
//! or reused under it. qemu-user rejects a bare CLONE_VM, and fork and vfork are what they
//! are: there, and before the first spawn has shown that memory is shared, a member is
//! started by [`spawn`](super::spawn::spawn) and is done with our memory on return.

use super::SingleThreaded;
use super::spawn::{self, Ctx, FileAction, Outcome, Spawn, SpawnError, Step, Strategy};
use super::stack::{self, Stack};
use crate::sys::Errno;
use crate::sys::process::{CStrArray, Pid, WaitStatus};
use crate::sys::signal::{self, SigSet};
use alloc::boxed::Box;
use alloc::ffi::CString;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::cell::Cell;
use core::ffi::CStr;

/// What [`Spawn`] borrows, owned, for a child that may outlive the caller's frame. No process
/// group and no terminal: a group's children belong to a shell without job control.
pub struct Program {
    pub path: CString,
    pub argv: CStrArray,
    pub envp: Arc<CStrArray>,
    pub actions: Vec<FileAction<'static>>,
    pub default_signals: SigSet,
    pub ignore_signals: SigSet,
    pub script_shell: Option<&'static CStr>,
    /// [`Spawn::exec_error`].
    pub exec_error: Option<Vec<u8>>,
}

impl Program {
    fn spawn(&self) -> Spawn<'_> {
        Spawn {
            path: &self.path,
            argv: &self.argv,
            envp: &self.envp,
            actions: &self.actions,
            pgid: None,
            terminal: None,
            default_signals: self.default_signals,
            ignore_signals: self.ignore_signals,
            script_shell: self.script_shell,
            exec_error: self.exec_error.as_deref(),
        }
    }
}

/// What a concurrent child reads and writes, boxed so that it stays put.
struct Job {
    program: Program,
    mask: SigSet,
    outcome: SingleThreaded<Cell<Outcome>>,
}

struct Member {
    pid: Pid,
    /// For a concurrent child: its job and stack, kept until it has ended.
    running: Option<(Box<Job>, Stack)>,
}

/// How a member ended: its status (`None`: the kernel kept none, SIGCHLD being ignored), and
/// for a concurrent child that failed before its program ran, the step, the error and the
/// program it was given (for the message).
pub struct Ended {
    pub status: Option<WaitStatus>,
    pub failed: Option<(Step, Errno, Program)>,
}

#[derive(Default)]
pub struct Group {
    members: Vec<Member>,
}

impl Group {
    pub fn new() -> Group {
        Group::default()
    }

    /// Starts `program` with strategy `how`. As with `spawn`, an error the child met before
    /// its program ran is `Err` here when we learn it at once; from a concurrent child, it
    /// comes with [`wait`](Group::wait).
    pub fn start(&mut self, program: Program, how: Strategy) -> Result<Pid, SpawnError> {
        if how != Strategy::Clone || !spawn::shares_memory() {
            let pid = spawn::spawn(&program.spawn(), how)?;
            self.adopt(pid);
            return Ok(pid);
        }
        let stack = spawn::take_stack()?;
        let job = Box::new(Job {
            program,
            mask: signal::sigprocmask(signal::SIG_SETMASK, SigSet::ALL)
                .map_err(SpawnError::Create)?,
            outcome: SingleThreaded(Cell::new(Outcome::Unknown)),
        });
        // SAFETY: the child runs concurrently in our memory, on `stack`, reading and writing
        // only the boxed job. Both move into `self.members` and stay there, untouched, until
        // `Member::end` has seen the child end in wait4 (Drop included).
        let r = unsafe { stack::clone(spawn::SHARE_VM, &stack, job_child, &*job) };
        let _ = signal::sigprocmask(signal::SIG_SETMASK, job.mask);
        let pid = r.map_err(SpawnError::Create)?;
        self.members.push(Member {
            pid,
            running: Some((job, stack)),
        });
        Ok(pid)
    }

    /// Makes `pid`, a child started some other way, a member: waited for with the others.
    pub fn adopt(&mut self, pid: Pid) {
        self.members.push(Member { pid, running: None });
    }

    /// Waits for every member to end, in the order they joined.
    pub fn wait(&mut self) -> Vec<Ended> {
        self.members.drain(..).map(Member::end).collect()
    }
}

impl Drop for Group {
    fn drop(&mut self) {
        self.members.drain(..).for_each(|m| drop(m.end()));
    }
}

impl Member {
    fn end(self) -> Ended {
        let status = spawn::wait_end(self.pid);
        let failed = self.running.and_then(|(job, stack)| {
            spawn::give_back(stack);
            match job.outcome.0.get() {
                Outcome::Failed(step, e) => Some((step, e, job.program)),
                Outcome::Ran | Outcome::Unknown => None,
            }
        });
        Ended { status, failed }
    }
}

fn job_child(job: &Job) -> i32 {
    let s = job.program.spawn();
    spawn::child(&Ctx {
        spawn: &s,
        report: None,
        mask: job.mask,
        outcome: &job.outcome,
    })
}
