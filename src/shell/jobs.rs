//! Jobs: pipelines started in the background (or stopped with Ctrl-Z), reaped as they end,
//! waited for by `wait`, and — when there is job control — moved between foreground and
//! background by `fg` and `bg`, each in a process group of its own.

use crate::sys::Errno;
use crate::sys::process::{self, WNOHANG, WUNTRACED, WaitStatus};
use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// Background jobs that may be running at once (DESIGN.md asks for at least 64).
pub const MAX_JOBS: usize = 1024;
/// Statuses of finished jobs kept for a later `wait PID` (POSIX keeps them until waited for;
/// a bounded memory of the most recent ones keeps a long script from growing without end).
const REMEMBERED: usize = 1024;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum State {
    Running,
    Stopped,
    /// Ended; `$?`-style status. Kept until reported (interactive) or waited for.
    Done(i32),
}

pub struct Job {
    /// `%1`, `%2`...
    pub id: usize,
    /// The job's process group (its first process), or 0 without job control.
    pub pgid: i32,
    /// The processes that have not ended yet.
    pub pids: Vec<i32>,
    /// The pipeline's last process: its status is the job's.
    pub last: i32,
    pub state: State,
    /// The command, for `jobs` and notices.
    pub text: Vec<u8>,
}

#[derive(Default)]
pub struct Jobs {
    pub list: Vec<Job>,
    finished: VecDeque<(i32, i32)>,
    /// Helper children (here-document writers) nobody waits for by name.
    orphans: Vec<i32>,
}

impl Jobs {
    pub fn is_full(&mut self) -> bool {
        if self.list.len() >= MAX_JOBS {
            self.reap(false);
            self.forget_done();
        }
        self.list.len() >= MAX_JOBS
    }

    /// Adds a job and returns its number: the smallest one free.
    pub fn add(&mut self, pgid: i32, pids: Vec<i32>, text: Vec<u8>, state: State) -> usize {
        let id = (1..)
            .find(|n| !self.list.iter().any(|j| j.id == *n))
            .unwrap_or(1);
        let last = pids.last().copied().unwrap_or(0);
        self.list.push(Job {
            id,
            pgid,
            pids,
            last,
            state,
            text,
        });
        id
    }

    pub fn orphan(&mut self, pid: i32) {
        self.orphans.push(pid);
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty() && self.orphans.is_empty()
    }

    /// Records a change of state of `pid`.
    fn record(&mut self, pid: i32, status: WaitStatus) {
        if let Some(i) = self.orphans.iter().position(|&p| p == pid) {
            if !matches!(status, WaitStatus::Stopped(_) | WaitStatus::Continued) {
                self.orphans.swap_remove(i);
            }
            return;
        }
        let Some(job) = self.list.iter_mut().find(|j| j.pids.contains(&pid)) else {
            return;
        };
        match status {
            WaitStatus::Stopped(_) => job.state = State::Stopped,
            WaitStatus::Continued => job.state = State::Running,
            WaitStatus::Exited(_) | WaitStatus::Signaled { .. } => {
                job.pids.retain(|&p| p != pid);
                if pid == job.last {
                    job.state = State::Done(status.code());
                }
                if job.pids.is_empty() && !matches!(job.state, State::Done(_)) {
                    job.state = State::Done(0);
                }
            }
        }
    }

    /// Moves ended jobs to the memory of finished ones (`wait PID` still finds them).
    pub fn forget_done(&mut self) {
        let mut i = 0;
        while let Some(job) = self.list.get(i) {
            if let (true, State::Done(status)) = (job.pids.is_empty(), job.state) {
                let job = self.list.remove(i);
                if self.finished.len() == REMEMBERED {
                    self.finished.pop_front();
                }
                self.finished.push_back((job.last, status));
            } else {
                i += 1;
            }
        }
    }

    /// Collects every child that changed state, without blocking; with `stops`, stopped and
    /// continued ones too (job control).
    pub fn reap(&mut self, stops: bool) {
        let options = WNOHANG
            | if stops {
                WUNTRACED | process::WCONTINUED
            } else {
                0
            };
        while let Ok(Some((pid, status))) = process::wait4(-1, options) {
            self.record(pid.0, status);
        }
    }

    /// Blocks until some child changes state, which it returns: `Ok(None)` when there are none
    /// left, `Err(128 + N)` when signal N, caught for a trap, came first (XCU wait).
    fn wait_any(&mut self) -> Result<Option<(i32, WaitStatus)>, i32> {
        loop {
            // Checked before each wait4 too: the signal may have come while wait4 was
            // returning a child (the one that sent it, say), which it prefers to EINTR.
            if let Some(status) = super::trap::interrupted() {
                return Err(status);
            }
            match process::wait4(-1, 0) {
                Ok(Some((pid, status))) => {
                    self.record(pid.0, status);
                    return Ok(Some((pid.0, status)));
                }
                Err(Errno::EINTR) => continue,
                _ => return Ok(None),
            }
        }
    }

    /// `wait` with no operands: every job; status 0, or 128 + N when signal N, caught for a
    /// trap, interrupts it.
    pub fn wait_all(&mut self) -> i32 {
        while self.list.iter().any(|j| !j.pids.is_empty()) || !self.orphans.is_empty() {
            let more = match self.wait_any() {
                Ok(reaped) => reaped.is_some(),
                Err(interrupted) => return interrupted,
            };
            if !more {
                self.list.iter_mut().for_each(|j| j.pids.clear());
                self.orphans.clear();
            }
        }
        for job in &mut self.list {
            if !matches!(job.state, State::Done(_)) {
                job.state = State::Done(0);
            }
        }
        self.forget_done();
        0
    }

    /// `wait PID`: the job whose last process is `pid`; 127 for an unknown pid (dash). A job
    /// reaped here that a signal ended is reported as a foreground one (dash's `Terminated`);
    /// one reaped before, between commands, is not.
    pub fn wait_pid(&mut self, pid: i32) -> i32 {
        loop {
            if let Some(job) = self
                .list
                .iter()
                .find(|j| j.last == pid || j.pids.contains(&pid))
            {
                if let (true, State::Done(status)) = (job.pids.is_empty(), job.state) {
                    self.forget_done();
                    return status;
                }
                let last = job.last;
                match self.wait_any() {
                    Ok(Some((reaped, WaitStatus::Signaled { signal, core }))) if reaped == last => {
                        report_signal(signal, core);
                    }
                    Ok(Some(_)) => {}
                    Ok(None) => return 127,
                    Err(interrupted) => return interrupted,
                }
                continue;
            }
            return match self.finished.iter().rev().find(|(p, _)| *p == pid) {
                Some(&(_, status)) => status,
                None => 127,
            };
        }
    }

    /// The job `spec` names: `%N`, `%%`, `%+` or `%` (the current job: the newest), `%-` (the
    /// one before), `%STRING` (whose command starts with STRING), or a pid.
    pub fn find(&self, spec: Option<&[u8]>) -> Option<usize> {
        let newest = |skip: usize| self.list.len().checked_sub(1 + skip);
        let spec = match spec {
            None | Some(b"%") | Some(b"%%") | Some(b"%+") => return newest(0),
            Some(b"%-") => return newest(1),
            Some(s) => s,
        };
        if let Some(rest) = spec.strip_prefix(b"%") {
            if let Some(n) = super::builtins::number(rest) {
                return self.list.iter().position(|j| j.id == n as usize);
            }
            return self.list.iter().rposition(|j| j.text.starts_with(rest));
        }
        let pid = super::builtins::number(spec)?;
        self.list
            .iter()
            .position(|j| j.pgid == pid || j.last == pid || j.pids.contains(&pid))
    }

    /// One `jobs` line: `[1]+  Running                 sleep 10`.
    pub fn describe(&self, i: usize) -> Vec<u8> {
        self.describe_with_pid(i, 0)
    }

    /// [`describe`](Jobs::describe), with `pid` after the mark when it is not 0 (`jobs -l`).
    pub fn describe_with_pid(&self, i: usize, pid: i32) -> Vec<u8> {
        let job = &self.list[i];
        let mark = if i + 1 == self.list.len() {
            '+'
        } else if i + 2 == self.list.len() {
            '-'
        } else {
            ' '
        };
        let state = match job.state {
            State::Running => alloc::string::String::from("Running"),
            State::Stopped => alloc::string::String::from("Stopped"),
            State::Done(0) => alloc::string::String::from("Done"),
            State::Done(s) if s > 128 => {
                let sig = (s - 128) as usize;
                alloc::string::String::from(
                    crate::sys::signal::description(sig).unwrap_or("Killed"),
                )
            }
            State::Done(s) => alloc::format!("Done({s})"),
        };
        let mut line = match pid {
            0 => alloc::format!("[{}]{mark}  {state:<24}", job.id),
            pid => alloc::format!("[{}]{mark}  {pid} {state:<24}", job.id),
        }
        .into_bytes();
        line.extend_from_slice(&job.text);
        line.push(b'\n');
        line
    }

    /// The notices for jobs that ended since the last prompt ("[1]+  Done  sleep 1"); the jobs
    /// are then forgotten.
    pub fn notices(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        for (i, job) in self.list.iter().enumerate() {
            if job.pids.is_empty() && matches!(job.state, State::Done(_)) {
                out.extend(self.describe(i));
            }
        }
        self.forget_done();
        out
    }
}

/// Waits for the foreground processes `pids` (a pipeline, in order) and returns the last
/// one's status as `$?` counts it. Other children that end meanwhile are left for `reap`.
pub fn wait_foreground(pids: &[i32]) -> i32 {
    let mut last = 0;
    for &pid in pids {
        last = ended(wait_one(pid, 0));
    }
    last
}

/// `$?` for a foreground process that ended with `status` (`None`: the status was lost), after
/// dash's message for a death by signal.
pub fn ended(status: Option<WaitStatus>) -> i32 {
    match status {
        Some(status) => {
            if let WaitStatus::Signaled { signal, core } = status {
                report_signal(signal, core);
            }
            status.code()
        }
        None => 127,
    }
}

/// Waits until `pid` ends (or, with WUNTRACED in `options`, stops). `None` if there is no
/// such child.
pub fn wait_one(pid: i32, options: u32) -> Option<WaitStatus> {
    loop {
        match process::wait4(pid, options) {
            Ok(None | Some((_, WaitStatus::Continued))) | Err(Errno::EINTR) => continue,
            Ok(Some((_, status))) => return Some(status),
            Err(_) => return None,
        }
    }
}

/// dash prints the fate of a foreground job killed by a signal other than SIGINT and SIGPIPE
/// (`Segmentation fault`, `Killed`...), with `(core dumped)` when there is one.
fn report_signal(signal: i32, core: bool) {
    use crate::sys::signal::{SIGINT, SIGPIPE, description};
    if signal == SIGINT || signal == SIGPIPE {
        return;
    }
    let dump = if core { " (core dumped)" } else { "" };
    let err = crate::sys::fd::Fd::STDERR;
    // strsignal(3)'s words for what has no description: real-time signals count from RTMIN.
    match description(signal as usize) {
        Some(name) => crate::rt::out::line(err, format_args!("{name}{dump}")),
        None if signal as usize >= crate::sys::signal::RTMIN => {
            let n = signal as usize - crate::sys::signal::RTMIN;
            crate::rt::out::line(err, format_args!("Real-time signal {n}{dump}"))
        }
        None => crate::rt::out::line(err, format_args!("Unknown signal {signal}{dump}")),
    }
}
