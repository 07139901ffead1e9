//! The shell: lexing and parsing into [`ast`], expansion, execution, builtins.
//!
//! [`Shell`] is the interpreter's state; `exec` walks the tree, `simple` runs simple commands,
//! `redir` applies redirections, `builtins` holds the built-in commands, `jobs` the background
//! children, `input` the read-parse-run loop, `lineedit` (with `history` and `complete`) the
//! interactive prompt, and `cli` the command line.

pub mod abi;
pub mod arith;
pub mod ast;
pub mod builtins;
pub mod cli;
pub mod complete;
pub mod exec;
pub mod expand;
#[cfg(fuzzing)]
pub mod fuzzing;
pub mod getopts;
pub mod history;
pub mod input;
pub mod jobctl;
pub mod jobs;
pub mod lex;
pub mod lineedit;
pub mod map;
pub mod parse;
pub mod path;
pub mod pattern;
pub mod printf;
pub mod redir;
pub mod simple;
pub mod test;
pub mod trap;
pub mod ulimit;
pub mod unparse;
pub mod vars;
pub mod words;

use crate::rt::out::Line;
use crate::rt::spawn::Strategy;
use crate::sys::fd::Fd;
use crate::sys::process::CStrArray;
use crate::sys::signal::{self, Disposition, SigSet};
use alloc::rc::Rc;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::fmt;

/// A variable `local` saved: its name and what it was.
pub type Saved = (Vec<u8>, vars::Snapshot);

/// A function body: the compound command and its redirections.
pub type Function = Rc<(ast::CompoundCommand, Vec<ast::Redirect>)>;

/// Why evaluation stopped early: `break`, `continue`, `return`, `exit`, or a fatal error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flow {
    Break(u32),
    Continue(u32),
    Return(i32),
    Exit(i32),
    /// An error that ends a non-interactive shell (and, interactively, the current command
    /// line): syntax errors, expansion errors, special-builtin errors. Carries the status.
    Fatal(i32),
}

/// The result of evaluating something: its exit status, or a change of control flow.
pub type Exec = Result<i32, Flow>;

/// `set` options (`$-`).
#[derive(Clone, Copy, Default, Debug)]
pub struct Options {
    pub errexit: bool,
    pub nounset: bool,
    pub noglob: bool,
    pub xtrace: bool,
    pub verbose: bool,
    pub noclobber: bool,
    pub interactive: bool,
    pub monitor: bool,
    /// `-n`: commands are read and parsed, not run (ignored by an interactive shell).
    pub noexec: bool,
    /// Commands come from standard input (`-s`, or neither a file nor `-c`): `s` in `$-`.
    pub stdin: bool,
}

/// Functions may call each other this deep before the shell refuses (dash has a similar
/// guard); keeps runaway recursion an error instead of a stack overflow.
pub const MAX_FUNC_DEPTH: u32 = 1000;

/// Stack the shell keeps free below its deepest nesting level: the parser, the executor and
/// arithmetic stop with an error ("nesting too deep") before going deeper with less than this
/// left (RLIMIT_STACK counts), so no nesting the counts above allow can overflow the stack,
/// whatever RLIMIT_STACK is. The work done at one level (expansion, globbing, a vfork child
/// on our stack) needs far less than this.
pub const STACK_RESERVE: usize = 256 << 10;

/// Whether there is stack left for one more level of nesting.
pub fn stack_ok() -> bool {
    crate::rt::stack::main_left() >= STACK_RESERVE
}

pub struct Shell {
    pub vars: vars::Vars,
    /// The current directory's logical path: what `cd` moved to and `pwd` shows, kept apart
    /// from `$PWD`, which a script may change (dash's `curdir`).
    pub cwd: Vec<u8>,
    /// `$0`.
    pub arg0: Vec<u8>,
    /// `$1`... .
    pub params: Vec<Vec<u8>>,
    pub functions: map::Map<Function>,
    /// Per function call being run, the variables `local` saved.
    pub locals: Vec<Vec<Saved>>,
    /// Per function call, the options (and `set -a`) as they were when `local -` ran: put
    /// back when the function returns (dash).
    pub local_opts: Vec<Option<(Options, bool)>>,
    /// `$?`.
    pub status: i32,
    /// `$!`.
    pub last_bg: Option<i32>,
    /// The status of the last command substitution in the current simple command (the
    /// status of `x=$(cmd)`).
    pub subst_status: Option<i32>,
    /// `$$`: the top-level shell's pid, also in subshells.
    pub pid: i32,
    pub opts: Options,
    pub strategy: Strategy,
    pub jobs: jobs::Jobs,
    /// The source line being run, for messages.
    pub line: u32,
    pub loop_depth: u32,
    pub func_depth: u32,
    /// Inside an `if`/`while` condition, `&&`/`||` left side or `!`: `set -e` does not apply.
    pub cond_depth: u32,
    /// Job control, when on (an interactive shell with a terminal).
    pub jc: Option<jobctl::JobControl>,
    /// The job whose processes are being started.
    pub job: Option<jobctl::JobStart>,
    /// The command about to run is the last thing this (forked) process does: an external
    /// command may replace it with execve instead of being spawned.
    pub tail: bool,
    /// This shell is PID 1: it reaps every orphan, and `exit` powers off.
    pub init: bool,
    /// Signals the shell ignores for itself (an interactive shell: INT, QUIT, TERM) and its
    /// children must get back at their default.
    pub child_default: SigSet,
    /// Lines typed at the prompt.
    pub history: history::History,
    pub traps: trap::Traps,
    /// Inside a trap's action: `$?` as it was when the action started, which `exit` alone
    /// exits with (XCU exit).
    pub trap_status: Option<i32>,
    /// Where the next `getopts` looks.
    pub getopts: getopts::Position,
    /// `alias`: shared with the parsers reading commands, copied when changed meanwhile.
    pub aliases: Rc<parse::Aliases>,
    path_cache: path::Cache,
    env_cache: Option<(u64, Arc<CStrArray>)>,
}

impl Shell {
    pub fn new(arg0: Vec<u8>, params: Vec<Vec<u8>>) -> Shell {
        let mut vars = vars::Vars::from_env(crate::rt::start::env());
        let ps1: &[u8] = if crate::sys::process::geteuid() == 0 {
            b"# "
        } else {
            b"$ "
        };
        for (name, default) in [
            (&b"IFS"[..], &b" \t\n"[..]),
            (b"OPTIND", b"1"),
            (b"PS1", ps1),
            (b"PS2", b"> "),
            // Not exported, as dash's.
            (b"PATH", path::DEFAULT_PATH),
            (b"PS4", b"+ "),
        ] {
            if vars.get(name).is_none() {
                let _ = vars.set(name, default);
            }
        }
        // An inherited PWD that names this directory keeps its symbolic links (dash).
        let cwd = match vars.get(b"PWD") {
            Some(p) if p.starts_with(b"/") && builtins::same_file(p, b".") => p.to_vec(),
            _ => {
                let mut buf = [0u8; 4096];
                crate::sys::fs::getcwd(&mut buf).map_or(Vec::new(), <[u8]>::to_vec)
            }
        };
        if !cwd.is_empty() {
            let _ = vars.set(b"PWD", &cwd);
        }
        let ppid = crate::sys::process::getppid().0;
        let _ = vars.set(b"PPID", alloc::format!("{ppid}").as_bytes());
        Shell {
            vars,
            cwd,
            arg0,
            params,
            functions: map::Map::default(),
            locals: Vec::new(),
            local_opts: Vec::new(),
            trap_status: None,
            status: 0,
            last_bg: None,
            subst_status: None,
            pid: crate::sys::process::getpid().0,
            opts: Options::default(),
            strategy: Strategy::Clone,
            jobs: jobs::Jobs::default(),
            line: 0,
            loop_depth: 0,
            func_depth: 0,
            cond_depth: 0,
            jc: None,
            job: None,
            tail: false,
            init: false,
            child_default: SigSet::EMPTY,
            history: history::History::default(),
            traps: trap::Traps::default(),
            getopts: getopts::Position::start(Some(b"1")),
            aliases: Rc::default(),
            path_cache: path::Cache::default(),
            env_cache: None,
        }
    }

    /// An interactive shell survives Ctrl-C and `kill` (dash ignores INT, QUIT and TERM);
    /// what it runs does not.
    pub fn ignore_job_signals(&mut self) {
        for sig in [signal::SIGINT, signal::SIGQUIT, signal::SIGTERM] {
            if signal::set_disposition(sig, Disposition::Ignore) == Ok(false) {
                self.child_default.0 |= 1 << (sig - 1);
            }
        }
    }

    /// Prints `rawsh: LINE: message` on stderr, in one write.
    pub fn error(&self, args: fmt::Arguments<'_>) {
        let mut l = Line::new();
        let _ = fmt::Write::write_fmt(&mut l, format_args!("rawsh: {}: ", self.line));
        let _ = fmt::Write::write_fmt(&mut l, args);
        l.finish(Fd::STDERR);
    }

    /// Reports an error that ends a non-interactive shell with `status`.
    pub fn fatal(&self, status: i32, args: fmt::Arguments<'_>) -> Flow {
        self.error(args);
        Flow::Fatal(status)
    }

    /// `$-`: the single-letter options in effect.
    pub fn flags(&self) -> Vec<u8> {
        let o = &self.opts;
        // dash's order (its option table, last first), then ours.
        [
            (o.nounset, b'u'),
            (self.vars.allexport, b'a'),
            (o.noclobber, b'C'),
            (o.verbose, b'v'),
            (o.xtrace, b'x'),
            (o.stdin, b's'),
            (o.noexec, b'n'),
            (o.monitor, b'm'),
            (o.interactive, b'i'),
            (o.noglob, b'f'),
            (o.errexit, b'e'),
            (crate::rt::trace::on(), b'T'),
        ]
        .into_iter()
        .filter_map(|(on, c)| on.then_some(c))
        .collect()
    }

    /// The environment for an external command, rebuilt only when an exported variable
    /// changed; with prefix assignments, built fresh for that command.
    pub fn environ(&mut self, extra: &[(Vec<u8>, Vec<u8>)]) -> Arc<CStrArray> {
        if !extra.is_empty() {
            return Arc::new(self.vars.environ(extra));
        }
        let generation = self.vars.generation;
        match &self.env_cache {
            Some((g, env)) if *g == generation => env.clone(),
            _ => {
                let env = Arc::new(self.vars.environ(&[]));
                self.env_cache = Some((generation, env.clone()));
                env
            }
        }
    }
}

/// Formats a byte string for messages (lossless for UTF-8, `\xNN` for other bytes).
pub struct Show<'a>(pub &'a [u8]);

impl fmt::Display for Show<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for chunk in self.0.utf8_chunks() {
            f.write_str(chunk.valid())?;
            for b in chunk.invalid() {
                write!(f, "\\x{b:02x}")?;
            }
        }
        Ok(())
    }
}
