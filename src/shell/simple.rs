//! Simple commands (XCU 2.9.1): expand, assign, redirect, then run a special builtin, a
//! function, a regular builtin or an external program found on PATH.

use super::ast::{ParamOp, SimpleCommand, Word, WordPart};
use super::builtins::{self, Kind};
use super::jobs;
use super::redir::{self, RedirError};
use super::{Exec, Flow, MAX_FUNC_DEPTH, Shell, Show};
use crate::rt::group::{Group, Program};
use crate::rt::spawn::{self, FileAction, Spawn, SpawnError, Step};
use crate::sys::Errno;
use crate::sys::fd::Fd;
use crate::sys::process::CStrArray;
use crate::sys::signal::SigSet;
use alloc::ffi::CString;
use alloc::vec::Vec;

/// Expanded prefix assignments: `(name, value)`, in order.
type Assigns = Vec<(Vec<u8>, Vec<u8>)>;

/// An external command ready to spawn.
struct Prepared {
    path: CString,
    argv: CStrArray,
    assigns: Vec<(Vec<u8>, Vec<u8>)>,
}

impl Shell {
    pub fn run_simple(&mut self, sc: &SimpleCommand) -> Exec {
        let tail = core::mem::take(&mut self.tail);
        self.line = sc.line;
        self.subst_status = None;
        let mut fields = self.expand_command(&sc.words)?;
        if fields.is_empty() {
            return self.assign_only(sc);
        }
        let assigns = self.expand_assigns(sc)?;
        // A readonly variable cannot be assigned, even for one program's environment (dash).
        if let Some((name, _)) = assigns.iter().find(|(n, _)| self.vars.is_readonly(n)) {
            return Err(self.fatal(2, format_args!("{}: is read only", Show(name))));
        }
        self.trace(&assigns, &fields);
        // `command NAME ARGS`: NAME as a builtin or a program, never a function (XCU
        // command); `command -v`/`-V` is the builtin's business.
        let skip = (fields[0] == b"command")
            .then(|| builtins::command_skip(&fields))
            .flatten();
        let bypass = skip.is_some();
        if let Some(skip) = skip {
            fields.drain(..skip.min(fields.len()));
            if fields.is_empty() {
                return Ok(0);
            }
        }
        let name = &fields[0];
        if name == b"exec" && fields.len() == 1 {
            // `exec >file`: the redirections stay (XCU exec).
            for (n, v) in &assigns {
                self.set_var(n, v)?;
            }
            return match self.redirect_permanently(&sc.redirects) {
                Ok(()) => Ok(0),
                // Behind `command`, not special: the shell goes on (dash).
                Err(RedirError::Failed(status)) if bypass => Ok(status),
                Err(RedirError::Failed(status)) => Err(Flow::Fatal(status)),
                Err(RedirError::Flow(f)) => Err(f),
            };
        }
        if name == b"exec" {
            // `X=1 exec cmd`: the assignments reach cmd's environment.
            return self.with_redirects(sc, true, &mut |sh| {
                sh.exec_replace(fields.get(1..).unwrap_or_default(), &assigns)
            });
        }
        match builtins::find(name) {
            // The redirections come first (XCU 2.9.1: `x=2 cmd >f$x` writes to f and the old
            // x), then the assignments.
            Some((Kind::Special, f)) if !bypass => self.with_redirects(sc, true, &mut |sh| {
                for (n, v) in &assigns {
                    sh.set_var(n, v)?;
                }
                f(sh, &fields)
            }),
            // A regular builtin's error, or a special one's behind `command` (XCU 2.14), is
            // its status: the shell goes on (`command shift 5`, `read` into a readonly). An
            // expansion error in its redirections still ends a script.
            Some((_, f)) if bypass || !self.functions.contains_key(name.as_slice()) => self
                .with_redirects(sc, false, &mut |sh| {
                    sh.with_assigns(&assigns, &mut |sh| match f(sh, &fields) {
                        Err(Flow::Fatal(status)) => Ok(status),
                        r => r,
                    })
                }),
            _ => match self
                .functions
                .get(name.as_slice())
                .filter(|_| !bypass)
                .cloned()
            {
                Some(body) => self.with_redirects(sc, false, &mut |sh| {
                    sh.with_assigns(&assigns, &mut |sh| sh.call(&body, &fields))
                }),
                None if tail => self.with_redirects(sc, false, &mut |sh| {
                    // The process would exit right after: become the command (like dash's
                    // EV_EXIT), instead of spawning it and waiting.
                    let e = sh.exec_in_place(&fields, &assigns);
                    Ok(sh.exec_failed(name, e))
                }),
                None => self.run_external(sc, fields, assigns),
            },
        }
    }

    /// `A=1 B=2` alone: the assignments stay in the shell; redirections are made and undone.
    /// The status is that of the last command substitution, or 0.
    fn assign_only(&mut self, sc: &SimpleCommand) -> Exec {
        // The redirections come first (XCU 2.9.1), so `x=$(cmd) 2>/dev/null` quiets cmd, and
        // a failing one leaves the variables alone. Left to right: `A=1 B=$A` sees the new A.
        let mut assigns = Vec::with_capacity(sc.assigns.len());
        let status = self.with_redirects(sc, false, &mut |sh| {
            for a in &sc.assigns {
                let value = sh.expand_string(&a.value)?;
                sh.set_var(&a.name, &value)?;
                assigns.push((a.name.clone(), value));
            }
            Ok(sh.subst_status.unwrap_or(0))
        })?;
        // On the shell's own stderr, as dash's trace (not where the command's went).
        self.trace(&assigns, &[]);
        Ok(status)
    }

    fn expand_assigns(&mut self, sc: &SimpleCommand) -> Result<Assigns, Flow> {
        let mut out = Vec::with_capacity(sc.assigns.len());
        for a in &sc.assigns {
            out.push((a.name.clone(), self.expand_string(&a.value)?));
        }
        Ok(out)
    }

    pub fn set_var(&mut self, name: &[u8], value: &[u8]) -> Result<(), Flow> {
        match self.vars.set(name, value) {
            Ok(()) => Ok(()),
            Err(super::vars::VarError::ReadOnly) => {
                Err(self.fatal(2, format_args!("{}: is read only", Show(name))))
            }
            Err(super::vars::VarError::TooMany) => Err(self.fatal(
                2,
                format_args!(
                    "{}: too many variables (at most {})",
                    Show(name),
                    super::vars::MAX_VARS
                ),
            )),
            Err(super::vars::VarError::NoMemory) => {
                Err(self.fatal(2, format_args!("{}: out of memory", Show(name))))
            }
        }
    }

    /// Runs `f` with `assigns` set only for its duration (prefix assignments before a regular
    /// builtin or a function).
    fn with_assigns(
        &mut self,
        assigns: &[(Vec<u8>, Vec<u8>)],
        // `dyn`, not generic: one copy of this for both callers' closures.
        f: &mut dyn FnMut(&mut Shell) -> Exec,
    ) -> Exec {
        if assigns.is_empty() {
            return f(self);
        }
        let old: Vec<Option<Vec<u8>>> = assigns
            .iter()
            .map(|(n, _)| self.vars.get(n).map(<[u8]>::to_vec))
            .collect();
        for (n, v) in assigns {
            self.set_var(n, v)?;
        }
        let r = f(self);
        for ((n, _), o) in assigns.iter().zip(old) {
            let _ = match o {
                Some(v) => self.vars.set(n, &v),
                None => self.vars.unset(n),
            };
        }
        r
    }

    /// Runs `f` with the command's redirections applied to the shell's own descriptors.
    /// A failed redirection fails the command (status 2), or, for a special builtin, ends a
    /// non-interactive shell.
    fn with_redirects(
        &mut self,
        sc: &SimpleCommand,
        special: bool,
        // `dyn`, not generic: one copy of this for its seven callers' closures.
        f: &mut dyn FnMut(&mut Shell) -> Exec,
    ) -> Exec {
        if sc.redirects.is_empty() {
            return f(self);
        }
        let saved = match self.redirect(&sc.redirects) {
            Ok(saved) => saved,
            Err(RedirError::Failed(status)) if special => return Err(Flow::Fatal(status)),
            Err(RedirError::Failed(status)) => return Ok(status),
            Err(RedirError::Flow(f)) => return Err(f),
        };
        let r = f(self);
        self.restore(saved);
        r
    }

    /// Calls function `body` with `fields[1..]` as its positional parameters.
    pub fn call(&mut self, body: &super::Function, fields: &[Vec<u8>]) -> Exec {
        let (name, args) = match fields.split_first() {
            Some((name, args)) => (name.as_slice(), args),
            None => (&[][..], &[][..]),
        };
        if self.func_depth >= MAX_FUNC_DEPTH {
            return Err(self.fatal(
                2,
                format_args!(
                    "{}: function nesting too deep (at most {MAX_FUNC_DEPTH})",
                    Show(name)
                ),
            ));
        }
        let params = core::mem::replace(&mut self.params, args.to_vec());
        // Each call reads its own options from 1, whatever OPTIND shows (dash).
        let start = super::getopts::Position::start(self.vars.get(b"OPTIND"));
        let getopts = core::mem::replace(&mut self.getopts, start);
        self.func_depth += 1;
        // The caller's loops are not the body's: `break` there ends no loop of theirs (dash).
        let loops = core::mem::replace(&mut self.loop_depth, 0);
        self.locals.push(Vec::new());
        self.local_opts.push(None);
        let (cc, redirs) = &**body;
        let r = match self.redirect(redirs) {
            Ok(saved) => {
                let r = self.run_compound(cc);
                self.restore(saved);
                r
            }
            Err(RedirError::Failed(status)) => Ok(status),
            Err(RedirError::Flow(f)) => Err(f),
        };
        self.func_depth -= 1;
        self.loop_depth = loops;
        self.params = params;
        self.getopts = getopts;
        for (name, old) in self.locals.pop().unwrap_or_default().into_iter().rev() {
            self.vars.restore(&name, old);
        }
        if let Some(Some((opts, allexport))) = self.local_opts.pop() {
            self.opts = opts;
            self.vars.allexport = allexport;
        }
        match r {
            Err(Flow::Return(s)) => Ok(s),
            r => r,
        }
    }

    /// `set -x`: `+ A=1 cmd arg` on stderr (PS4 first).
    fn trace(&self, assigns: &[(Vec<u8>, Vec<u8>)], fields: &[Vec<u8>]) {
        if !self.opts.xtrace {
            return;
        }
        let mut l = crate::rt::out::Line::new();
        l.push(self.vars.get(b"PS4").unwrap_or(b"+ "));
        let mut first = true;
        for (n, v) in assigns {
            if !first {
                l.push(b" ");
            }
            first = false;
            l.push(n);
            l.push(b"=");
            l.push(v);
        }
        for f in fields {
            if !first {
                l.push(b" ");
            }
            first = false;
            l.push(f);
        }
        l.finish(Fd::STDERR);
    }

    /// Finds `fields[0]` and builds its argv; else the status, 127 ("not found") or 126
    /// ("Permission denied"), for the caller to report.
    fn prepare(
        &mut self,
        fields: Vec<Vec<u8>>,
        assigns: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Result<Prepared, i32> {
        let Some(name) = fields.first() else {
            return Err(127);
        };
        let path = if name.contains(&b'/') {
            super::path::cstring(name).ok_or(127)
        } else {
            let path_var = self.path_var(&assigns);
            self.path_cache
                .lookup(&path_var, name)
                .map_err(|e| if e == Errno::EACCES { 126 } else { 127 })
        };
        let path = path?;
        let argv = CStrArray::new(fields.iter().map(Vec::as_slice));
        Ok(Prepared {
            path,
            argv,
            assigns,
        })
    }

    fn path_var(&self, assigns: &[(Vec<u8>, Vec<u8>)]) -> Vec<u8> {
        match assigns.iter().rev().find(|(n, _)| n == b"PATH") {
            Some((_, v)) => v.clone(),
            None => self.vars.get(b"PATH").unwrap_or_default().to_vec(),
        }
    }

    fn run_external(
        &mut self,
        sc: &SimpleCommand,
        fields: Vec<Vec<u8>>,
        assigns: Vec<(Vec<u8>, Vec<u8>)>,
    ) -> Exec {
        if self.jc.is_some() {
            return match self.start_external(sc, fields, assigns, &[], SigSet::EMPTY, None)? {
                Ok(pid) => Ok(self.wait_fg(&[pid])),
                Err(status) => Ok(status),
            };
        }
        // Without job control nothing can happen while it runs (no stop to report): a group
        // of one, which need not wait for the exec (rt::group).
        let mut group = Group::new();
        match self.start_external(sc, fields, assigns, &[], SigSet::EMPTY, Some(&mut group))? {
            Ok(_) => Ok(self.wait_group(&mut group)),
            Err(status) => Ok(status),
        }
    }

    /// For a pipeline stage: if `sc` runs an external program, expands and spawns it with
    /// `stage` (the pipe ends) in front of its redirections, and returns `Some`. `None` means
    /// it is something else (or its expansion could change the shell's state), and the
    /// caller forks instead.
    pub fn spawn_simple(
        &mut self,
        sc: &SimpleCommand,
        stage: &[FileAction<'static>],
        ignore: SigSet,
        group: Option<&mut Group>,
    ) -> Option<Result<Result<i32, i32>, Flow>> {
        if sc.words.is_empty()
            || sc
                .words
                .iter()
                .chain(sc.assigns.iter().map(|a| &a.value))
                .any(changes_state)
        {
            return None;
        }
        // The command name is usually a plain literal: decide without expanding anything.
        let name = match sc.words[0].parts.as_slice() {
            [WordPart::Lit(name)] => name,
            _ => return None,
        };
        if builtins::find(name).is_some() || self.functions.contains_key(name.as_slice()) {
            return None;
        }
        self.line = sc.line;
        let r = (|| {
            let fields = self.expand_command(&sc.words)?;
            let assigns = self.expand_assigns(sc)?;
            self.trace(&assigns, &fields);
            self.start_external(sc, fields, assigns, stage, ignore, group)
        })();
        Some(r)
    }

    /// Spawns an external command with `stage` and the command's redirections as file
    /// actions: `Ok(Ok(pid))`, a member of `group` if there is one. `Ok(Err(status))`: it
    /// could not be started (the error has been reported).
    fn start_external(
        &mut self,
        sc: &SimpleCommand,
        fields: Vec<Vec<u8>>,
        assigns: Vec<(Vec<u8>, Vec<u8>)>,
        stage: &[FileAction<'static>],
        ignore: SigSet,
        group: Option<&mut Group>,
    ) -> Result<Result<i32, i32>, Flow> {
        let name = fields.first().cloned().unwrap_or_default();
        let prepared = match self.prepare(fields, assigns) {
            Ok(p) => p,
            Err(status) => {
                // Said where the command's stderr would be, after its redirections (dash).
                let why = if status == 126 {
                    "Permission denied"
                } else {
                    "not found"
                };
                let mut report = |sh: &mut Shell| {
                    sh.error(format_args!("{}: {why}", Show(&name)));
                    status
                };
                return self.in_place(stage, &sc.redirects, &mut report).map(Err);
            }
        };
        let mut actions: Vec<FileAction<'static>> = stage.to_vec();
        let mut opened = Vec::new();
        match self.plan(&sc.redirects, &mut actions, &mut opened) {
            Ok(()) => {}
            Err(RedirError::Failed(status)) => {
                redir::close_all(&mut opened);
                return Ok(Err(status));
            }
            Err(RedirError::Flow(f)) => {
                redir::close_all(&mut opened);
                return Err(f);
            }
        }
        let strategy = self.strategy;
        let (pgid, terminal) = self.job_spawn_args();
        let child_default = self.child_defaults();
        let env = self.environ(&prepared.assigns);
        let default_signals = SigSet(child_default.0 & !ignore.0);
        let script_shell = Some(super::path::SCRIPT_SHELL);
        // What the child says if its execve fails, before the reason.
        let exec_error = alloc::format!("rawsh: {}: {}: ", self.line, Show(&name)).into_bytes();
        let result = match group {
            Some(group) => {
                let program = Program {
                    path: prepared.path,
                    argv: prepared.argv,
                    envp: env,
                    actions: actions.clone(),
                    default_signals,
                    ignore_signals: ignore,
                    script_shell,
                    exec_error: Some(exec_error),
                };
                group.start(program, strategy)
            }
            None => spawn::spawn(
                &Spawn {
                    path: &prepared.path,
                    argv: &prepared.argv,
                    envp: &env,
                    actions: &actions,
                    pgid,
                    terminal,
                    default_signals,
                    ignore_signals: ignore,
                    script_shell,
                    exec_error: Some(&exec_error),
                },
                strategy,
            ),
        };
        let r = match result {
            Ok(pid) => {
                self.job_started(pid.0);
                Ok(pid.0)
            }
            Err(e) => Err(self.spawn_failed(&name, &actions, e)),
        };
        redir::close_all(&mut opened);
        Ok(r)
    }

    /// Waits for the members of `group` (a script's pipeline or foreground command), reports
    /// what failed or died of a signal; the last one's status.
    pub fn wait_group(&mut self, group: &mut Group) -> i32 {
        let mut last = 0;
        for ended in group.wait() {
            last = match ended.failed {
                Some((step, e, program)) => {
                    let name = program.argv.first().unwrap_or_default();
                    self.spawn_failed(name, &program.actions, SpawnError::Child(step, e))
                }
                None => jobs::ended(ended.status),
            };
        }
        last
    }

    /// Reports why `name` could not be started; its status.
    fn spawn_failed(&mut self, name: &[u8], actions: &[FileAction<'_>], e: SpawnError) -> i32 {
        match e {
            // The child has said why (Spawn::exec_error).
            SpawnError::Child(Step::Exec, e) => self.exec_status(name, e),
            SpawnError::Child(Step::Action(n), e) => {
                let fd = match actions.get(n) {
                    Some(FileAction::Dup2 { from, .. }) => from.0,
                    _ => 0,
                };
                self.error(format_args!("{fd}: {e}"));
                2
            }
            SpawnError::Child(Step::SetPgid, e) | SpawnError::Create(e) => {
                self.error(format_args!("cannot fork: {e}"));
                2
            }
        }
    }

    /// Reports a failed execve of `name` and returns its status.
    fn exec_failed(&mut self, name: &[u8], e: Errno) -> i32 {
        self.error(format_args!("{}: {}", Show(name), spawn::exec_reason(e)));
        self.exec_status(name, e)
    }

    /// The status after a failed execve of `name`: 127 for ENOENT (its PATH cache entry is
    /// dropped: the file went away), else 126.
    fn exec_status(&mut self, name: &[u8], e: Errno) -> i32 {
        if e == Errno::ENOENT {
            self.path_cache.forget(Some(name));
            return 127;
        }
        126
    }
}

/// Whether expanding `w` could change the shell's variables (`${x=...}`, `$((x=1))`) or end
/// it (`${x?}`), which must then happen in a subshell of its own.
fn changes_state(w: &Word) -> bool {
    parts_change_state(&w.parts)
}

fn parts_change_state(parts: &[WordPart]) -> bool {
    parts.iter().any(|p| match p {
        WordPart::Param(p) => {
            matches!(
                p.op,
                ParamOp::Assign { .. } | ParamOp::Error { .. } | ParamOp::Bad(_)
            ) || param_words(&p.op).is_some_and(changes_state)
        }
        WordPart::Arith(_) => true,
        WordPart::Double(parts) => parts_change_state(parts),
        _ => false,
    })
}

fn param_words(op: &ParamOp) -> Option<&Word> {
    match op {
        ParamOp::Plain | ParamOp::Length | ParamOp::Bad(_) => None,
        ParamOp::Default { word, .. }
        | ParamOp::Assign { word, .. }
        | ParamOp::Error { word, .. }
        | ParamOp::Alternate { word, .. } => Some(word),
        ParamOp::TrimSuffix { pattern, .. } | ParamOp::TrimPrefix { pattern, .. } => Some(pattern),
    }
}
