//! Job control (XCU 2.11, "Job Control"; termios(3) "Job control"): with a controlling
//! terminal, an interactive shell puts each pipeline in a process group of its own, gives the
//! terminal to the foreground one (so Ctrl-C and Ctrl-Z reach it, not the shell), takes it
//! back when the job ends or stops, and offers `jobs`, `fg`, `bg` and `kill %N`.

use super::jobs::{self, State};
use super::{Exec, Shell, Show};
use crate::rt::out::Line;
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, WUNTRACED, WaitStatus};
use crate::sys::signal::{self, Disposition};
use crate::sys::tty;
use alloc::vec::Vec;

/// The shell's terminal and its own process group.
#[derive(Clone, Copy, Debug)]
pub struct JobControl {
    pub tty: Fd,
    pub pgid: i32,
}

/// The job whose processes are being started: they all join one process group, and a
/// foreground job gets the terminal.
#[derive(Clone, Debug)]
pub struct JobStart {
    pub pgid: Option<i32>,
    pub foreground: bool,
    pub text: Vec<u8>,
}

/// The signals a job-control shell ignores and its jobs get back at their default.
const STOP_SIGNALS: [i32; 3] = [signal::SIGTSTP, signal::SIGTTIN, signal::SIGTTOU];

impl Shell {
    /// Turns job control on if standard input or error is a terminal: waits until the shell
    /// is in the foreground, then leads a process group of its own that owns the terminal.
    pub fn start_job_control(&mut self) {
        let Some(tty) = [Fd::STDIN, Fd::STDERR]
            .into_iter()
            .find(|&f| tty::isatty(f))
        else {
            return;
        };
        let Ok(tty) = fd::dup_cloexec(tty, super::redir::SHELL_FD_MIN) else {
            return;
        };
        // Started in the background (`rawsh &` from another shell): stop until continued in
        // the foreground, as the terminal would stop us for reading anyway.
        loop {
            let me = process::getpgid(0).map_or(0, |p| p.0);
            match tty::foreground(tty) {
                Ok(fg) if fg != me => {
                    let _ = process::kill(-me, signal::SIGTTIN);
                }
                Ok(_) => break,
                Err(_) => {
                    let _ = fd::close(tty);
                    return;
                }
            }
        }
        for sig in STOP_SIGNALS {
            if signal::set_disposition(sig, Disposition::Ignore) == Ok(false) || self.init {
                self.child_default.0 |= 1 << (sig - 1);
            }
        }
        let pid = process::getpid().0;
        // A session leader (init) already leads its group; setpgid would fail with EPERM.
        let _ = process::setpgid(0, 0);
        let _ = tty::set_foreground(tty, pid);
        self.jc = Some(JobControl { tty, pgid: pid });
        self.opts.monitor = true;
    }

    /// Runs `f` with `job` as the job that processes started inside join.
    pub fn in_job<R>(&mut self, job: Option<JobStart>, f: impl FnOnce(&mut Shell) -> R) -> R {
        let saved = core::mem::replace(&mut self.job, job);
        let r = f(self);
        self.job = saved;
        r
    }

    /// For a spawn: the process group to join (0: a new one) and the terminal to take, if any.
    pub fn job_spawn_args(&self) -> (Option<i32>, Option<Fd>) {
        match (&self.jc, &self.job) {
            (Some(jc), Some(job)) => {
                let terminal = (job.foreground && job.pgid.is_none()).then_some(jc.tty);
                (Some(job.pgid.unwrap_or(0)), terminal)
            }
            _ => (None, None),
        }
    }

    /// In the parent, after starting `pid`: the job's group is now known. setpgid here too,
    /// since with fork the parent may run first (the child's own call then fails harmlessly).
    pub fn job_started(&mut self, pid: i32) {
        if let (Some(_), Some(job)) = (&self.jc, &mut self.job) {
            let pgid = *job.pgid.get_or_insert(pid);
            let _ = process::setpgid(pid, pgid);
        }
    }

    /// In a forked child that is (part of) a job: join its group and, for the first process
    /// of a foreground job, take the terminal — before the stop signals are back at their
    /// default, or tcsetpgrp from a background group would stop us (SIGTTOU).
    pub fn join_job(&mut self) {
        if let (Some(jc), Some(job)) = (&self.jc, &self.job) {
            let _ = process::setpgid(0, job.pgid.unwrap_or(0));
            if job.foreground && job.pgid.is_none() {
                let _ = tty::set_foreground(jc.tty, process::getpid().0);
            }
        }
    }

    /// Waits for the foreground processes `pids`; the last one's status. With job control,
    /// a job that stops (Ctrl-Z) goes to the job table, and the shell takes the terminal back.
    pub fn wait_fg(&mut self, pids: &[i32]) -> i32 {
        let (Some(jc), Some(job)) = (self.jc, self.job.clone()) else {
            return jobs::wait_foreground(pids);
        };
        let (status, stopped) = wait_job(pids);
        let _ = tty::set_foreground(jc.tty, jc.pgid);
        if status == 128 + signal::SIGINT {
            // The ^C the terminal echoed is not followed by a newline: end that line.
            let _ = fd::write_all(Fd::STDERR, b"\n");
        }
        if !stopped.is_empty() {
            self.jobs
                .add(job.pgid.unwrap_or(0), stopped, job.text, State::Stopped);
            let mut line = Vec::from(&b"\n"[..]);
            line.extend(self.jobs.describe(self.jobs.list.len() - 1));
            let _ = fd::write_all(Fd::STDERR, &line);
        }
        status
    }

    /// Prints the notices of jobs that ended (interactive shells, before the prompt).
    pub fn job_notices(&mut self) {
        self.jobs.reap(self.jc.is_some());
        let notices = self.jobs.notices();
        if !notices.is_empty() {
            let _ = fd::write_all(Fd::STDERR, &notices);
        }
    }
}

/// Waits for each of `pids` to end or stop: the last one's status (128 + the signal for a
/// stop) and the pids that stopped.
fn wait_job(pids: &[i32]) -> (i32, Vec<i32>) {
    let mut status = 0;
    let mut stopped = Vec::new();
    for &pid in pids {
        status = match jobs::wait_one(pid, WUNTRACED) {
            Some(WaitStatus::Stopped(sig)) => {
                stopped.push(pid);
                128 + sig
            }
            s => jobs::ended(s),
        };
    }
    (status, stopped)
}

/// dash's words and status for a job that is not there.
pub(super) fn job_error(sh: &Shell, name: &str, spec: Option<&[u8]>) -> Exec {
    match spec {
        Some(s) => sh.error(format_args!("{name}: No such job: {}", Show(s))),
        None => sh.error(format_args!("{name}: No current job")),
    }
    Ok(2)
}

/// `jobs [-l|-p] [%N...]`: every job, or those named, and their states; `-p` only their
/// process ids (`kill $(jobs -p)`), `-l` their states with the process id.
pub fn jobs(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    sh.jobs.reap(sh.jc.is_some());
    let mut form = b'-';
    let specs = match super::builtins::options(sh, "jobs", args, &mut |c| {
        form = c;
        matches!(c, b'l' | b'p')
    }) {
        Ok(specs) => specs,
        Err(status) => return Ok(status),
    };
    let mut chosen = Vec::new();
    for spec in specs {
        match sh.jobs.find(Some(spec)) {
            Some(i) => chosen.push(i),
            None => return job_error(sh, "jobs", Some(spec)),
        }
    }
    if specs.is_empty() {
        chosen.extend(0..sh.jobs.list.len());
    }
    let mut out = Vec::new();
    for i in chosen {
        let job = &sh.jobs.list[i];
        let pid = if job.pgid > 0 { job.pgid } else { job.last };
        match form {
            b'p' => out.extend_from_slice(alloc::format!("{pid}\n").as_bytes()),
            b'l' => out.extend(sh.jobs.describe_with_pid(i, pid)),
            _ => out.extend(sh.jobs.describe(i)),
        }
    }
    sh.jobs.forget_done();
    let _ = fd::write_all(Fd::STDOUT, &out);
    Ok(0)
}

/// `fg [%N]`: continues the job in the foreground and waits for it.
pub fn fg(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let spec = args.get(1).map(Vec::as_slice);
    let (Some(jc), Some(i)) = (sh.jc, sh.jobs.find(spec)) else {
        return job_error(sh, "fg", spec);
    };
    let job = sh.jobs.list.remove(i);
    let mut l = Line::new();
    l.push(&job.text);
    l.finish(Fd::STDOUT);
    let _ = tty::set_foreground(jc.tty, job.pgid);
    let _ = process::kill(-job.pgid, signal::SIGCONT);
    let text = job.text.clone();
    let start = super::jobctl::JobStart {
        pgid: Some(job.pgid),
        foreground: true,
        text,
    };
    sh.in_job(Some(start), |sh| Ok(sh.wait_fg(&job.pids)))
}

/// `bg [%N]`: continues a stopped job in the background.
pub fn bg(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let spec = args.get(1).map(Vec::as_slice);
    let (Some(_), Some(i)) = (sh.jc, sh.jobs.find(spec)) else {
        return job_error(sh, "bg", spec);
    };
    let job = &mut sh.jobs.list[i];
    job.state = State::Running;
    let _ = process::kill(-job.pgid, signal::SIGCONT);
    let mut l = Line::new();
    let _ = core::fmt::Write::write_fmt(&mut l, format_args!("[{}] ", job.id));
    l.push(&job.text);
    l.push(b" &");
    l.finish(Fd::STDOUT);
    Ok(0)
}

/// `kill [-s SIG | -SIG] TARGET...` with `%N` job targets, or `kill -l [STATUS]`.
pub fn kill(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let mut sig = signal::SIGTERM;
    let mut rest = args.get(1..).unwrap_or_default();
    match rest.first().map(Vec::as_slice) {
        Some(b"-l") => return list(sh, rest.get(1)),
        Some(b"-s") => {
            let Some(name) = rest.get(1) else {
                return usage(sh);
            };
            let Some(s) = signal::from_name(name) else {
                sh.error(format_args!(
                    "kill: invalid signal number or name: {}",
                    Show(name)
                ));
                return Ok(2);
            };
            sig = s;
            rest = rest.get(2..).unwrap_or_default();
        }
        Some(b"--") => rest = rest.get(1..).unwrap_or_default(),
        Some(a) if a.len() > 1 && a[0] == b'-' => {
            let Some(s) = signal::from_name(a.get(1..).unwrap_or_default()) else {
                return usage(sh);
            };
            sig = s;
            rest = rest.get(1..).unwrap_or_default();
        }
        _ => {}
    }
    if rest.first().is_some_and(|a| a.as_slice() == b"--") {
        rest = rest.get(1..).unwrap_or_default();
    }
    if rest.is_empty() {
        return usage(sh);
    }
    let mut status = 0;
    for target in rest {
        let mut stopped = false;
        let pid = if target.starts_with(b"%") {
            match sh.jobs.find(Some(target)) {
                Some(i) => {
                    let job = &sh.jobs.list[i];
                    stopped = job.state == State::Stopped;
                    if job.pgid > 0 { -job.pgid } else { job.last }
                }
                None => {
                    status = job_error(sh, "kill", Some(target))?;
                    continue;
                }
            }
        } else {
            let (neg, digits) = match target.strip_prefix(b"-") {
                Some(d) => (true, d),
                None => (false, &target[..]),
            };
            match super::builtins::number(digits) {
                Some(n) if neg => -n,
                Some(n) => n,
                None => {
                    sh.error(format_args!("kill: Illegal number: {}", Show(target)));
                    status = 2;
                    continue;
                }
            }
        };
        if let Err(e) = process::kill(pid, sig) {
            sh.error(format_args!("kill: {}: {e}", Show(target)));
            status = 1;
        } else if stopped && !STOP_SIGNALS.contains(&sig) && sig != signal::SIGSTOP {
            // A stopped job acts on the signal only once it runs again (as bash does).
            let _ = process::kill(pid, signal::SIGCONT);
        }
    }
    Ok(status)
}

/// `kill -l`: 0 and every signal's name, one a line, as dash; `kill -l STATUS`: the name
/// of the signal STATUS (a number, or a shell's 128 + number) stands for.
fn list(sh: &Shell, status: Option<&Vec<u8>>) -> Exec {
    let mut out = Vec::new();
    match status {
        None => {
            out.extend_from_slice(b"0\n");
            for name in (1..=signal::MAX).filter_map(signal::full_name) {
                out.extend_from_slice(name.as_bytes());
                out.push(b'\n');
            }
        }
        Some(arg) => {
            let Some(n) = super::builtins::number(arg) else {
                sh.error(format_args!("kill: Illegal number: {}", Show(arg)));
                return Ok(2);
            };
            let n = if n > 128 { n - 128 } else { n } as usize;
            let Some(name) = signal::full_name(n) else {
                sh.error(format_args!(
                    "kill: invalid signal number or exit status: {}",
                    Show(arg)
                ));
                return Ok(2);
            };
            out.extend_from_slice(name.as_bytes());
            out.push(b'\n');
        }
    }
    let _ = fd::write_all(Fd::STDOUT, &out);
    Ok(0)
}

fn usage(sh: &Shell) -> Exec {
    sh.error(format_args!(
        "kill: usage: kill [-s SIGNAL | -SIGNAL] PID|%JOB... or kill -l [STATUS]"
    ));
    Ok(2)
}
