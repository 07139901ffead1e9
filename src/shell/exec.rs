//! Walking the tree: lists, and-or lists, pipelines, compound commands, subshells.

use super::ast::{AndOr, Command, CompoundCommand, Connector, List, Pipeline, SimpleCommand};
use super::jobctl::JobStart;
use super::redir::RedirError;
use super::{Exec, Flow, Shell, jobs};
use crate::rt::caught;
use crate::rt::group::Group;
use crate::rt::spawn::FileAction;
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, Fork};
use crate::sys::signal::{self, Disposition, SigSet};
use alloc::vec::Vec;

impl Shell {
    pub fn run_list(&mut self, list: &List) -> Exec {
        // Every nesting level of the executor (function calls, compound commands, eval, `.`)
        // goes through here.
        if !super::stack_ok() {
            return Err(self.fatal(2, format_args!("nesting too deep (stack limit)")));
        }
        let mut status = 0;
        for item in list {
            // `set -n`: read and parse only, unless a person is typing (XCU set).
            if self.opts.noexec && !self.opts.interactive {
                break;
            }
            // Before each command too, as dash's evaltree: a signal that came while the
            // shell waited for input is acted on before the command just read.
            if caught::pending() != SigSet::EMPTY {
                self.run_traps()?;
            }
            status = if item.background {
                self.run_background(&item.and_or)?
            } else {
                self.run_and_or(&item.and_or)?
            };
            self.status = status;
            if caught::pending() != SigSet::EMPTY {
                self.run_traps()?;
            }
        }
        Ok(status)
    }

    /// Runs `f` as a condition: `set -e` does not apply inside it.
    pub fn condition(&mut self, f: impl FnOnce(&mut Shell) -> Exec) -> Exec {
        self.cond_depth += 1;
        let r = f(self);
        self.cond_depth -= 1;
        r
    }

    fn run_and_or(&mut self, ao: &AndOr) -> Exec {
        let last = ao.rest.len();
        let mut status = if last > 0 {
            self.condition(|sh| sh.run_pipeline(&ao.first))?
        } else {
            self.run_pipeline(&ao.first)?
        };
        for (i, (conn, pipeline)) in ao.rest.iter().enumerate() {
            self.status = status;
            if (*conn == Connector::And) != (status == 0) {
                continue;
            }
            status = if i + 1 < last {
                self.condition(|sh| sh.run_pipeline(pipeline))?
            } else {
                self.run_pipeline(pipeline)?
            };
        }
        Ok(status)
    }

    fn run_pipeline(&mut self, p: &Pipeline) -> Exec {
        // With job control, the processes this pipeline starts form one foreground job.
        let job = self.jc.map(|_| JobStart {
            pgid: None,
            foreground: true,
            text: super::unparse::pipeline(p),
        });
        let status = self.in_job(job, |sh| match (p.commands.as_slice(), p.bang) {
            ([cmd], false) => sh.run_command(cmd),
            ([cmd], true) => sh.condition(|sh| sh.run_command(cmd)),
            (cmds, false) => sh.run_stages(cmds),
            (cmds, true) => sh.condition(|sh| sh.run_stages(cmds)),
        })?;
        if p.bang {
            return Ok((status == 0) as i32);
        }
        // set -e: a failing pipeline ends the shell, unless it is part of a condition, or a
        // compound command whose failure came from such a condition (XCU 2.14, `set -e`).
        let checked = p.commands.len() > 1
            || matches!(p.commands[0], Command::Simple(_))
            || matches!(&p.commands[0], Command::Compound(c, _) if matches!(**c, CompoundCommand::Subshell(_)));
        if status != 0 && self.opts.errexit && self.cond_depth == 0 && checked {
            return Err(Flow::Exit(status));
        }
        Ok(status)
    }

    pub fn run_command(&mut self, cmd: &Command) -> Exec {
        match cmd {
            Command::Simple(sc) => self.run_simple(sc),
            Command::Compound(cc, redirs) => {
                if redirs.is_empty() {
                    return self.run_compound(cc);
                }
                let saved = match self.redirect(redirs) {
                    Ok(saved) => saved,
                    Err(RedirError::Failed(status)) => return Ok(status),
                    Err(RedirError::Flow(f)) => return Err(f),
                };
                let r = self.run_compound(cc);
                self.restore(saved);
                r
            }
            Command::FunctionDef { name, body, .. } => {
                self.functions.insert(name, body.clone());
                Ok(0)
            }
        }
    }

    pub fn run_compound(&mut self, cc: &CompoundCommand) -> Exec {
        match cc {
            CompoundCommand::Brace(list) => self.run_list(list),
            CompoundCommand::Subshell(list) => {
                let body = &mut |sh: &mut Shell| {
                    sh.tail = single_simple(list).is_some();
                    sh.run_list(list)
                };
                // The last thing a forked process does (`(a; b) &`, a pipeline stage) runs
                // in that process: a second fork would make `$!` name the wrong one.
                if core::mem::take(&mut self.tail) {
                    body(self)
                } else {
                    self.subshell(body)
                }
            }
            CompoundCommand::If {
                branches,
                otherwise,
            } => {
                for (cond, body) in branches {
                    if self.condition(|sh| sh.run_list(cond))? == 0 {
                        return self.run_list(body);
                    }
                }
                match otherwise {
                    Some(body) => self.run_list(body),
                    None => Ok(0),
                }
            }
            CompoundCommand::Loop { until, cond, body } => {
                self.loop_depth += 1;
                let r = self.run_loop(*until, cond, body);
                self.loop_depth -= 1;
                r
            }
            CompoundCommand::For { var, words, body } => {
                let items = match words {
                    Some(words) => self.expand_fields(words)?,
                    None => self.params.clone(),
                };
                self.loop_depth += 1;
                let r = self.run_for(var, &items, body);
                self.loop_depth -= 1;
                r
            }
            CompoundCommand::Case { word, arms } => {
                let subject = self.expand_string(word)?;
                for arm in arms {
                    for pattern in &arm.patterns {
                        if self.case_matches(pattern, &subject)? {
                            return self.run_list(&arm.body);
                        }
                    }
                }
                Ok(0)
            }
        }
    }

    fn run_loop(&mut self, until: bool, cond: &List, body: &List) -> Exec {
        let mut status = 0;
        loop {
            match self.condition(|sh| sh.run_list(cond)) {
                Ok(c) if (c == 0) == until => return Ok(status),
                Ok(_) => {}
                // `continue` in the condition starts the next round, as in the body.
                Err(Flow::Continue(1)) => continue,
                Err(f) => return loop_flow(f, status),
            }
            match self.run_list(body) {
                Ok(s) => status = s,
                Err(Flow::Continue(1)) => status = 0,
                Err(f) => return loop_flow(f, status),
            }
        }
    }

    fn run_for(&mut self, var: &[u8], items: &[Vec<u8>], body: &List) -> Exec {
        let mut status = 0;
        for item in items {
            if self.vars.set(var, item).is_err() {
                return Err(self.fatal(2, format_args!("{}: is read only", super::Show(var))));
            }
            match self.run_list(body) {
                Ok(s) => status = s,
                Err(Flow::Continue(1)) => status = 0,
                Err(f) => return loop_flow(f, status),
            }
        }
        Ok(status)
    }

    /// Runs `f` in a forked child (a subshell: changes to variables, directory, options stay
    /// there) and returns its exit status.
    // `dyn`, not generic: one copy of this for both callers' closures.
    pub fn subshell(&mut self, f: &mut dyn FnMut(&mut Shell) -> Exec) -> Exec {
        match process::fork() {
            Ok(Fork::Child) => {
                self.join_job();
                self.become_child();
                let r = f(self);
                let status = self.finish(r);
                process::exit(status)
            }
            Ok(Fork::Parent(pid)) => {
                self.job_started(pid.0);
                Ok(self.wait_fg(&[pid.0]))
            }
            Err(e) => Err(self.fatal(2, format_args!("cannot fork: {e}"))),
        }
    }

    /// The state a forked child starts with: no background jobs of its own.
    pub fn become_child(&mut self) {
        let defaults = self.child_defaults();
        for sig in 1..=64 {
            if defaults.0 & (1 << (sig - 1)) != 0 {
                let _ = signal::set_disposition(sig, Disposition::Default);
            }
        }
        self.child_default = SigSet::EMPTY;
        self.forget_traps();
        self.jc = None;
        self.job = None;
        self.init = false;
        self.jobs = jobs::Jobs::default();
        self.opts.interactive = false;
    }

    /// The exit status a finished evaluation leaves a (sub)shell with, once its EXIT trap
    /// has run.
    pub fn finish(&mut self, r: Exec) -> i32 {
        let status = match r {
            Ok(s) | Err(Flow::Exit(s) | Flow::Return(s) | Flow::Fatal(s)) => s,
            // `(break)`: the loop is the parent's; the subshell just ends, with 0 (dash).
            Err(Flow::Break(_) | Flow::Continue(_)) => 0,
        };
        self.exit_trap(status)
    }

    /// `cmd1 | cmd2 | ...`: each stage in its own process, connected by pipes; the status is
    /// the last stage's. External commands are spawned directly; anything else (builtins,
    /// functions, compound commands) runs in a forked copy of the shell.
    fn run_stages(&mut self, cmds: &[Command]) -> Exec {
        // Without job control every stage joins one group, waited for at the end, so that an
        // external stage need not be done with our memory before the next starts (rt::group).
        let mut group = self.jc.is_none().then(Group::new);
        let mut pids = Vec::with_capacity(cmds.len());
        // The last stage's status when it could not even start ("not found").
        let mut failed = None;
        let mut input: Option<Fd> = None;
        for (i, cmd) in cmds.iter().enumerate() {
            let (next, output) = if i + 1 < cmds.len() {
                match fd::pipe2(fd::O_CLOEXEC) {
                    Ok((rd, wr)) => (Some(rd), Some(wr)),
                    Err(e) => {
                        close(input);
                        self.error(format_args!("pipe: {e}"));
                        return Ok(self.wait_stages(&pids, group).max(2));
                    }
                }
            } else {
                (None, None)
            };
            let started = self.start_stage(cmd, input, output, next, group.as_mut());
            close(input);
            close(output);
            input = next;
            match started {
                Ok(Ok(pid)) => pids.push(pid),
                Ok(Err(status)) if i + 1 == cmds.len() => failed = Some(status),
                Ok(Err(_)) => {}
                Err(f) => {
                    close(input);
                    self.wait_stages(&pids, group);
                    return Err(f);
                }
            }
        }
        let status = self.wait_stages(&pids, group);
        Ok(failed.unwrap_or(status))
    }

    /// Waits for a pipeline's processes: `pids`, or, without job control, the group they
    /// all joined.
    fn wait_stages(&mut self, pids: &[i32], group: Option<Group>) -> i32 {
        match group {
            Some(mut group) => self.wait_group(&mut group),
            None => self.wait_fg(pids),
        }
    }

    /// Starts one pipeline stage reading `input` and writing `output` (`None`: the shell's
    /// own). `other` is the next stage's read end, which this stage must not keep open.
    /// `Ok(Err(status))`: the stage could not start and has this status.
    fn start_stage(
        &mut self,
        cmd: &Command,
        input: Option<Fd>,
        output: Option<Fd>,
        other: Option<Fd>,
        mut group: Option<&mut Group>,
    ) -> Result<Result<i32, i32>, Flow> {
        let mut actions: Vec<FileAction<'static>> = Vec::new();
        if let Some(i) = input {
            actions.push(FileAction::Dup2 {
                from: i,
                to: Fd::STDIN,
            });
        }
        if let Some(o) = output {
            actions.push(FileAction::Dup2 {
                from: o,
                to: Fd::STDOUT,
            });
        }
        if let Command::Simple(sc) = cmd
            && let Some(r) = self.spawn_simple(sc, &actions, SigSet::EMPTY, group.as_deref_mut())
        {
            return r;
        }
        match process::fork() {
            Ok(Fork::Child) => {
                self.join_job();
                self.become_child();
                close(other);
                for a in &actions {
                    if let FileAction::Dup2 { from, to } = *a {
                        let _ = fd::dup2(from, to);
                    }
                }
                close(input);
                close(output);
                self.tail = runs_alone(cmd);
                let r = self.run_command(cmd);
                let status = self.finish(r);
                process::exit(status)
            }
            Ok(Fork::Parent(pid)) => {
                self.job_started(pid.0);
                if let Some(group) = group {
                    group.adopt(pid);
                }
                Ok(Ok(pid.0))
            }
            Err(e) => Err(self.fatal(2, format_args!("cannot fork: {e}"))),
        }
    }

    /// `cmd &`: runs the and-or list in a child and does not wait. Without job control its
    /// standard input is /dev/null and it ignores SIGINT and SIGQUIT (XCU 2.9.3.1).
    fn run_background(&mut self, ao: &AndOr) -> Exec {
        // Collect the jobs that have ended: a loop starting jobs is one top-level command,
        // and without this its finished jobs stay zombies until it ends.
        self.reap_jobs();
        if self.jobs.is_full() {
            self.error(format_args!(
                "too many background jobs (at most {})",
                jobs::MAX_JOBS
            ));
            return Ok(2);
        }
        let job = self.jc.map(|_| JobStart {
            pgid: None,
            foreground: false,
            text: super::unparse::and_or(ao),
        });
        let pid = self.in_job(job, |sh| sh.start_background(ao))?;
        let Some(pid) = pid else { return Ok(0) };
        self.last_bg = Some(pid);
        let pgid = if self.jc.is_some() { pid } else { 0 };
        let text = if self.opts.interactive {
            super::unparse::and_or(ao)
        } else {
            Vec::new()
        };
        let id = self
            .jobs
            .add(pgid, alloc::vec![pid], text, jobs::State::Running);
        if self.opts.interactive {
            crate::rt::out::line(Fd::STDERR, format_args!("[{id}] {pid}"));
        }
        Ok(0)
    }

    /// Starts `ao` without waiting: its pid, or `None` if it could not start (reported).
    /// Without job control its standard input is /dev/null and it ignores SIGINT and SIGQUIT
    /// (XCU 2.9.3.1).
    fn start_background(&mut self, ao: &AndOr) -> Result<Option<i32>, Flow> {
        let (actions, ignore) = if self.opts.monitor {
            (Vec::new(), SigSet::EMPTY)
        } else {
            let null = FileAction::Open {
                fd: Fd::STDIN,
                path: c"/dev/null",
                flags: crate::sys::fs::O_RDONLY,
                mode: 0,
            };
            (
                alloc::vec![null],
                SigSet((1 << (signal::SIGINT - 1)) | (1 << (signal::SIGQUIT - 1))),
            )
        };
        // A lone external command is spawned directly, with the same arrangements.
        if let Some(sc) = single_pipeline_simple(ao)
            && let Some(started) = self.spawn_simple(sc, &actions, ignore, None)
        {
            return Ok(started?.ok());
        }
        match process::fork() {
            Ok(Fork::Child) => {
                self.join_job();
                self.become_child();
                for sig in [signal::SIGINT, signal::SIGQUIT] {
                    if ignore.0 & (1 << (sig - 1)) != 0 {
                        let _ = signal::set_disposition(sig, Disposition::Ignore);
                    }
                }
                if !actions.is_empty()
                    && let Ok(null) =
                        crate::sys::fs::open(c"/dev/null", crate::sys::fs::O_RDONLY, 0)
                {
                    let _ = fd::dup2(null, Fd::STDIN);
                    if null != Fd::STDIN {
                        let _ = fd::close(null);
                    }
                }
                self.tail = single_pipeline_command(ao).is_some_and(runs_alone);
                let r = self.run_and_or(ao);
                let status = self.finish(r);
                process::exit(status)
            }
            Ok(Fork::Parent(pid)) => {
                self.job_started(pid.0);
                Ok(Some(pid.0))
            }
            Err(e) => {
                self.error(format_args!("cannot fork: {e}"));
                Ok(None)
            }
        }
    }
}

/// The simple command `list` consists of, if that is all it is.
pub fn single_simple(list: &List) -> Option<&SimpleCommand> {
    match list.as_slice() {
        [item] if !item.background => single_pipeline_simple(&item.and_or),
        _ => None,
    }
}

/// Whether `cmd` can be the last thing a forked process does, run in that process (`tail`): a
/// simple command (exec'd in place) or a subshell (run in place).
fn runs_alone(cmd: &Command) -> bool {
    match cmd {
        Command::Simple(_) => true,
        Command::Compound(c, _) => matches!(**c, CompoundCommand::Subshell(_)),
        Command::FunctionDef { .. } => false,
    }
}

/// The one command of `ao`, if it is a pipeline of one command without `!`.
fn single_pipeline_command(ao: &AndOr) -> Option<&Command> {
    match (
        ao.rest.is_empty(),
        ao.first.bang,
        ao.first.commands.as_slice(),
    ) {
        (true, false, [cmd]) => Some(cmd),
        _ => None,
    }
}

fn single_pipeline_simple(ao: &AndOr) -> Option<&SimpleCommand> {
    match single_pipeline_command(ao) {
        Some(Command::Simple(sc)) => Some(sc),
        _ => None,
    }
}

fn close(fd: Option<Fd>) {
    if let Some(f) = fd {
        let _ = fd::close(f);
    }
}

/// What `break`/`continue` mean to the loop they reach.
fn loop_flow(f: Flow, status: i32) -> Exec {
    match f {
        Flow::Break(1) => Ok(status),
        Flow::Break(n) => Err(Flow::Break(n - 1)),
        Flow::Continue(n) if n > 1 => Err(Flow::Continue(n - 1)),
        Flow::Continue(_) => Ok(status),
        f => Err(f),
    }
}
