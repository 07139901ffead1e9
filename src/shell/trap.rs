//! `trap` (XCU 2.14 trap): an action for the shell's exit (`EXIT`, 0) or for a signal.
//!
//! A caught signal is only noted by the runtime's handler (rt::caught); its action runs
//! between commands, once the command that was running has finished, as in dash. `wait` gives
//! way at once (status 128 + the signal), `read` runs the action and reads on. A subshell keeps only the ignored signals (XCU 2.12),
//! and what the shell spawns gets every caught signal back at its default.

use super::builtins::{output, quote};
use super::{Exec, Flow, Shell, Show};
use crate::rt::caught;
use crate::sys::signal::{self, Disposition, SigSet};
use alloc::vec::Vec;

#[derive(Default)]
pub struct Traps {
    /// (0 for EXIT or the signal's number, its action) in number order; "" ignores.
    actions: Vec<(i32, Vec<u8>)>,
    /// Signals with an action: caught by the shell, at their default in its children.
    caught: SigSet,
    /// Signals trapped with "": ignored by the shell and by its children.
    ignored: SigSet,
    /// Signals ignored when a non-interactive shell started: their traps are listed but
    /// change nothing (XCU 2.14 trap; dash does the same).
    hard_ignored: SigSet,
}

fn bit(sig: i32) -> u64 {
    1 << (sig - 1)
}

/// A condition operand: `EXIT` or 0, a signal's name (`INT`, `SIGINT`) or number.
fn condition(name: &[u8]) -> Option<i32> {
    match name {
        b"EXIT" | b"0" => Some(0),
        _ => signal::from_name(name).filter(|&n| n > 0),
    }
}

/// After EINTR in `wait`: its status, 128 + N, if signal N was caught for a trap (XCU
/// wait); `None` to go on waiting.
pub fn interrupted() -> Option<i32> {
    match caught::pending().0 {
        0 => None,
        got => Some(128 + got.trailing_zeros() as i32 + 1),
    }
}

pub fn trap(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let mut args = args.get(1..).unwrap_or_default();
    match args.first().map(Vec::as_slice) {
        Some(b"--") => args = &args[1..],
        // trap takes no options (`-p` is bash's): special, so the error ends a script.
        Some([b'-', c, ..]) => {
            return Err(sh.fatal(2, format_args!("trap: Illegal option -{}", *c as char)));
        }
        _ => {}
    }
    let Some(first) = args.first() else {
        return list(sh);
    };
    // A lone operand, or a first one that is a number, names conditions to reset (dash).
    let number = !first.is_empty() && first.iter().all(u8::is_ascii_digit);
    let (action, conditions) = if args.len() > 1 && !number {
        (Some(first.as_slice()).filter(|a| *a != b"-"), &args[1..])
    } else {
        (None, args)
    };
    let mut status = 0;
    for c in conditions {
        match condition(c) {
            Some(sig) => sh.set_trap(sig, action),
            None => {
                sh.error(format_args!("trap: {}: bad trap", Show(c)));
                status = 1;
            }
        }
    }
    Ok(status)
}

/// `trap` alone: each trap as a command that would set it again.
fn list(sh: &Shell) -> Exec {
    output(sh, "trap", |out| {
        for (sig, action) in &sh.traps.actions {
            out.bytes(b"trap -- ");
            quote(action, out);
            out.bytes(b" ");
            match *sig {
                0 => out.bytes(b"EXIT"),
                n => out.bytes(signal::full_name(n as usize).unwrap_or_default().as_bytes()),
            }
            out.bytes(b"\n");
        }
    })
}

impl Shell {
    /// Sets (`Some`) or resets (`None`) the action for `sig` (0: EXIT).
    fn set_trap(&mut self, sig: i32, action: Option<&[u8]>) {
        let t = &mut self.traps;
        let at = t.actions.iter().position(|&(s, _)| s >= sig);
        let known = at.is_some_and(|i| t.actions[i].0 == sig);
        // A signal ignored when a non-interactive shell started cannot be trapped. Found out
        // the first time it is named: until then only the shell's own changes count.
        let ours = known || sig > 0 && self.child_default.0 & bit(sig) != 0;
        if sig > 0 && !ours && !self.opts.interactive && signal::is_ignored(sig) == Ok(true) {
            self.traps.hard_ignored.0 |= bit(sig);
        }
        if sig > 0 && self.traps.hard_ignored.0 & bit(sig) == 0 {
            let set = |d| signal::set_disposition(sig, d);
            // KILL and STOP fail with EINVAL; dash keeps the trap all the same.
            let _ = match action {
                Some([]) => set(Disposition::Ignore),
                Some(_) => caught::catch(sig),
                // Back to what the shell does for itself: ignore what it ignores (an
                // interactive shell's INT, QUIT and TERM; init's), else the default.
                None if self.child_default.0 & bit(sig) != 0 => set(Disposition::Ignore),
                None => set(Disposition::Default),
            };
            let t = &mut self.traps;
            t.caught.0 &= !bit(sig);
            t.ignored.0 &= !bit(sig);
            match action {
                Some([]) => t.ignored.0 |= bit(sig),
                Some(_) => t.caught.0 |= bit(sig),
                None => {}
            }
        }
        let t = &mut self.traps;
        match (action, at) {
            (Some(a), Some(i)) if known => t.actions[i].1 = a.to_vec(),
            (Some(a), _) => t
                .actions
                .insert(at.unwrap_or(t.actions.len()), (sig, a.to_vec())),
            (None, Some(i)) if known => drop(t.actions.remove(i)),
            (None, _) => {}
        }
    }

    /// The signals the shell's children must get back at their default: those it ignores
    /// for itself, unless trapped with "", and those it catches.
    pub fn child_defaults(&self) -> SigSet {
        SigSet((self.child_default.0 | self.traps.caught.0) & !self.traps.ignored.0)
    }

    /// In a forked child: the caught signals and the exit action are dropped, the ignored
    /// signals stay ignored (XCU 2.12).
    pub fn forget_traps(&mut self) {
        let t = &mut self.traps;
        t.actions.retain(|&(sig, ref a)| sig > 0 && a.is_empty());
        t.caught = SigSet::EMPTY;
    }

    /// Runs the actions of the signals caught since the last time, lowest number first, with
    /// `$?` left as it was.
    pub fn run_traps(&mut self) -> Result<(), Flow> {
        let got = caught::take();
        let status = self.status;
        for sig in 1..=64 {
            if got.0 & bit(sig) == 0 {
                continue;
            }
            let action = match self.traps.actions.iter().find(|&&(s, _)| s == sig) {
                Some((_, a)) if !a.is_empty() => a.clone(),
                _ => continue,
            };
            let outer = self.trap_status.replace(status);
            let r = self.run_string(&action, self.line);
            self.trap_status = outer;
            r?;
            self.status = status;
        }
        Ok(())
    }

    /// The EXIT action, run once as the shell ends with `status`; `exit N` inside it (or an
    /// error) changes the status.
    pub fn exit_trap(&mut self, status: i32) -> i32 {
        let Some(i) = self.traps.actions.iter().position(|&(s, _)| s == 0) else {
            return status;
        };
        let (_, action) = self.traps.actions.remove(i);
        self.status = status;
        self.trap_status = Some(status);
        match self.run_string(&action, self.line) {
            Err(Flow::Exit(s) | Flow::Fatal(s)) => s,
            _ => status,
        }
    }
}
