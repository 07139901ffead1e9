//! Background jobs: the children started with `&`, reaped as they finish, and `wait`.

use crate::sys::process::{self, WNOHANG, WaitStatus};
use crate::sys::{Errno, retry};
use alloc::collections::VecDeque;
use alloc::vec::Vec;

/// Background jobs that may be running at once (DESIGN.md asks for at least 64).
pub const MAX_JOBS: usize = 1024;
/// Statuses of finished jobs kept for a later `wait PID` (POSIX keeps them until waited for;
/// a bounded memory of the most recent ones keeps a long script from growing without end).
const REMEMBERED: usize = 1024;

struct Job {
    /// Every process of the job's pipeline; the last one's status is the job's.
    pids: Vec<i32>,
    status: Option<i32>,
}

#[derive(Default)]
pub struct Jobs {
    running: Vec<Job>,
    finished: VecDeque<(i32, i32)>,
    /// Helper children (here-document writers) nobody waits for by name.
    orphans: Vec<i32>,
}

impl Jobs {
    pub fn is_full(&mut self) -> bool {
        if self.running.len() >= MAX_JOBS {
            self.reap();
        }
        self.running.len() >= MAX_JOBS
    }

    pub fn add(&mut self, pids: Vec<i32>) {
        self.running.push(Job { pids, status: None });
    }

    pub fn orphan(&mut self, pid: i32) {
        self.orphans.push(pid);
    }

    pub fn is_empty(&self) -> bool {
        self.running.is_empty() && self.orphans.is_empty()
    }

    /// Records that `pid` ended with `status`.
    fn record(&mut self, pid: i32, status: WaitStatus) {
        if let Some(i) = self.orphans.iter().position(|&p| p == pid) {
            self.orphans.swap_remove(i);
            return;
        }
        let Some(j) = self.running.iter().position(|j| j.pids.contains(&pid)) else {
            return;
        };
        let job = &mut self.running[j];
        if job.pids.last() == Some(&pid) {
            job.status = Some(status.code());
        }
        job.pids.retain(|&p| p != pid);
        if job.pids.is_empty() {
            let job = self.running.remove(j);
            if self.finished.len() == REMEMBERED {
                self.finished.pop_front();
            }
            self.finished.push_back((pid, job.status.unwrap_or(0)));
        }
    }

    /// Collects every child that has ended, without blocking.
    pub fn reap(&mut self) {
        while let Ok(Some((pid, status))) = process::wait4(-1, WNOHANG) {
            if matches!(status, WaitStatus::Exited(_) | WaitStatus::Signaled { .. }) {
                self.record(pid.0, status);
            }
        }
    }

    /// `wait` with no operands: every job; status 0.
    pub fn wait_all(&mut self) {
        while !self.running.is_empty() || !self.orphans.is_empty() {
            match retry(|| process::wait4(-1, 0)) {
                Ok(Some((pid, status))) => {
                    if matches!(status, WaitStatus::Exited(_) | WaitStatus::Signaled { .. }) {
                        self.record(pid.0, status);
                    }
                }
                Err(Errno::ECHILD) | Ok(None) | Err(_) => {
                    self.running.clear();
                    self.orphans.clear();
                }
            }
        }
    }

    /// `wait PID`: the job whose last process is `pid`; 127 for an unknown pid (dash).
    pub fn wait_pid(&mut self, pid: i32) -> i32 {
        loop {
            if let Some(&(_, status)) = self.finished.iter().rev().find(|(p, _)| *p == pid) {
                return status;
            }
            if !self
                .running
                .iter()
                .any(|j| j.pids.contains(&pid) || j.pids.is_empty())
            {
                return 127;
            }
            match retry(|| process::wait4(-1, 0)) {
                Ok(Some((p, status))) => {
                    if matches!(status, WaitStatus::Exited(_) | WaitStatus::Signaled { .. }) {
                        self.record(p.0, status);
                    }
                }
                _ => return 127,
            }
        }
    }
}

/// Waits for the foreground processes `pids` (a pipeline, in order) and returns the last
/// one's status as `$?` counts it. Other children that end meanwhile are left for `reap`.
pub fn wait_foreground(pids: &[i32]) -> i32 {
    let mut last = 0;
    for &pid in pids {
        loop {
            match retry(|| process::wait4(pid, 0)) {
                Ok(Some((_, status @ (WaitStatus::Exited(_) | WaitStatus::Signaled { .. })))) => {
                    last = status.code();
                    if let WaitStatus::Signaled { signal, core } = status {
                        report_signal(signal, core);
                    }
                    break;
                }
                Ok(_) => continue,
                Err(_) => {
                    last = 127;
                    break;
                }
            }
        }
    }
    last
}

/// dash prints the fate of a foreground job killed by a signal other than SIGINT and SIGPIPE
/// (`Segmentation fault`, `Killed`...), with `(core dumped)` when there is one.
fn report_signal(signal: i32, core: bool) {
    use crate::sys::signal::{SIGINT, SIGNALS, SIGPIPE};
    if signal == SIGINT || signal == SIGPIPE {
        return;
    }
    let name = SIGNALS
        .get(signal as usize)
        .map_or("Unknown signal", |s| s.1);
    let dump = if core { " (core dumped)" } else { "" };
    crate::rt::out::line(crate::sys::fd::Fd::STDERR, format_args!("{name}{dump}"));
}
