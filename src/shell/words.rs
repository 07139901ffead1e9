//! The shell's side of word expansion: what the expander asks of the shell (variables,
//! parameters, command substitution), and the entry points the executor uses, with
//! expansion errors reported and turned into control flow.

use super::ast::{List, Word};
use super::expand::{self, Context, ExpandError, ExpansionError};
use super::{Flow, Shell, Show};
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, Fork};
use alloc::vec::Vec;

/// Output of one command substitution the shell keeps at most (past it: an error).
pub const MAX_SUBST: usize = 256 << 20;

impl Context for Shell {
    fn var(&self, name: &[u8]) -> Option<&[u8]> {
        self.vars.get(name)
    }

    fn set_var(&mut self, name: &[u8], value: &[u8]) -> Result<(), ExpandError> {
        self.vars.set(name, value).map_err(|e| {
            let what: &[u8] = match e {
                super::vars::VarError::ReadOnly => b": is read only",
                super::vars::VarError::TooMany => b": too many variables",
                super::vars::VarError::NoMemory => b": out of memory",
            };
            ExpansionError::new([name, what].concat())
        })
    }

    fn positional(&self) -> &[Vec<u8>] {
        &self.params
    }

    fn special(&self, c: u8) -> Option<Vec<u8>> {
        let num = |n: i64| alloc::format!("{n}").into_bytes();
        match c {
            b'0' => Some(self.arg0.clone()),
            b'?' => Some(num(self.status as i64)),
            b'$' => Some(num(self.pid as i64)),
            b'!' => self.last_bg.map(|p| num(p as i64)),
            b'-' => Some(self.flags()),
            _ => None,
        }
    }

    fn command_subst(&mut self, list: &List) -> Result<Vec<u8>, ExpandError> {
        let err = |what: &str, e: crate::sys::Errno| {
            ExpansionError::new(alloc::format!("{what}: {e}").into_bytes())
        };
        let (rd, wr) = fd::pipe2(fd::O_CLOEXEC).map_err(|e| err("pipe", e))?;
        let pid = match process::fork() {
            Ok(Fork::Child) => {
                // The parent's jobs stay listed (`kill $(jobs -p)`, as dash); waiting for
                // them finds no child of ours and returns.
                let jobs = core::mem::take(&mut self.jobs);
                self.become_child();
                self.jobs = jobs;
                let _ = fd::close(rd);
                if wr != Fd::STDOUT {
                    let _ = fd::dup2(wr, Fd::STDOUT);
                    let _ = fd::close(wr);
                }
                self.tail = super::exec::single_simple(list).is_some();
                // `set -e` applies again inside, even when the substitution is part of a
                // condition (`if x=$(false; echo)`), as dash runs it.
                self.cond_depth = 0;
                let r = self.run_list(list);
                let status = self.finish(r);
                process::exit(status)
            }
            Ok(Fork::Parent(pid)) => pid,
            Err(e) => {
                let _ = (fd::close(rd), fd::close(wr));
                return Err(err("cannot fork", e));
            }
        };
        let _ = fd::close(wr);
        let mut out = Vec::new();
        let mut chunk = [0u8; 4096];
        // Past the limit (or out of memory) reading stops and the pipe is closed, so a
        // writer that never ends (`$(yes)`) gets SIGPIPE instead of running forever.
        let mut failed = None;
        loop {
            match crate::sys::retry(|| fd::read(rd, &mut chunk)) {
                Ok(0) | Err(_) => break,
                Ok(n) if out.len() + n > MAX_SUBST => {
                    failed = Some(alloc::format!(
                        "command substitution output too large (at most {MAX_SUBST} bytes)"
                    ));
                    break;
                }
                Ok(n) if out.try_reserve(n).is_err() => {
                    failed = Some(alloc::string::String::from(
                        "command substitution: out of memory",
                    ));
                    break;
                }
                Ok(n) => out.extend_from_slice(&chunk[..n]),
            }
        }
        let _ = fd::close(rd);
        self.subst_status = Some(super::jobs::wait_foreground(&[pid.0]));
        if let Some(message) = failed {
            return Err(ExpansionError::new(message.into_bytes()));
        }
        Ok(out)
    }

    fn nounset(&self) -> bool {
        self.opts.nounset
    }

    fn noglob(&self) -> bool {
        self.opts.noglob
    }
}

impl Shell {
    fn expand_failed(&self, e: &ExpansionError) -> Flow {
        self.error(format_args!("{}", Show(&e.message)));
        Flow::Fatal(2)
    }

    /// Full expansion (`for` lists).
    pub fn expand_fields(&mut self, words: &[Word]) -> Result<Vec<Vec<u8>>, Flow> {
        expand::expand_fields(self, words).map_err(|e| self.expand_failed(&e))
    }

    /// Command words: full expansion, but declaration utilities' `NAME=` arguments as
    /// assignments.
    pub fn expand_command(&mut self, words: &[Word]) -> Result<Vec<Vec<u8>>, Flow> {
        expand::expand_command(self, words).map_err(|e| self.expand_failed(&e))
    }

    /// Expansion to one string (assignments, redirection targets, here-documents, `case`).
    pub fn expand_string(&mut self, word: &Word) -> Result<Vec<u8>, Flow> {
        expand::expand_string(self, word).map_err(|e| self.expand_failed(&e))
    }

    /// Whether `case` pattern `pattern` matches `subject`.
    pub fn case_matches(&mut self, pattern: &Word, subject: &[u8]) -> Result<bool, Flow> {
        let p = expand::expand_pattern(self, pattern).map_err(|e| self.expand_failed(&e))?;
        Ok(p.matches(subject))
    }
}
