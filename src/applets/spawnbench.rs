//! `spawnbench STRATEGY N BALLAST_MIB [PROGRAM [ARG...]]`: the seed's claim measured. The
//! process first fills BALLAST_MIB MiB of memory (touched, so every page is mapped), then
//! spawns PROGRAM N times with the strategy and waits for each; prints the median and 90th
//! percentile of one spawn+wait in microseconds.
//!
//! fork copies the page tables of all that memory, so its cost grows with the ballast; vfork
//! and clone(CLONE_VM) share the address space and should not care. Each spawn+wait is what
//! a script's foreground command costs (a group of one, `rt::group`: clone drops CLONE_VFORK
//! after the first spawn on a real kernel).

use crate::rt::group::{Group, Program};
use crate::rt::out;
use crate::rt::spawn::{SpawnError, Strategy};
use crate::sys::fd::Fd;
use crate::sys::process::CStrArray;
use crate::sys::signal::SigSet;
use crate::sys::time::{CLOCK_MONOTONIC, now_ns};
use alloc::ffi::CString;
use alloc::sync::Arc;
use alloc::vec::Vec;
use core::ffi::CStr;

const USAGE: &str = "usage: spawnbench fork|vfork|clone N BALLAST_MIB [PROGRAM [ARG...]]";
/// Keeps a typo from asking for more memory than the machine has.
const MAX_BALLAST_MIB: usize = 64 * 1024;

fn number(s: &CStr) -> Option<usize> {
    let b = s.to_bytes();
    if b.is_empty() || b.len() > 9 || !b.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(b.iter().fold(0, |n, &d| n * 10 + (d - b'0') as usize))
}

pub fn main(args: &[&CStr]) -> i32 {
    let parsed = match args {
        [_, s, n, mib, rest @ ..] => Strategy::from_name(s.to_bytes())
            .zip(number(n).filter(|&n| n > 0))
            .zip(number(mib).filter(|&m| m <= MAX_BALLAST_MIB))
            .map(|((s, n), m)| (s, n, m, rest)),
        _ => None,
    };
    let Some((strategy, n, mib, rest)) = parsed else {
        out::line(Fd::STDERR, format_args!("{USAGE}"));
        return 2;
    };
    // By default, this very binary as its `true` applet: present wherever rawsh is.
    let (path, argv): (_, Vec<&[u8]>) = match rest {
        [] => (self_exe(), alloc::vec![b"true"]),
        [prog, ..] => (
            Some(CString::from(*prog)),
            rest.iter().map(|a| a.to_bytes()).collect(),
        ),
    };
    let Some(path) = path.or_else(|| args.first().map(|a| CString::from(*a))) else {
        return 2;
    };
    let envp = Arc::new(CStrArray::new(crate::rt::start::env()));
    let ballast = alloc::vec![1u8; mib << 20];
    let mut times = Vec::with_capacity(n);
    for _ in 0..n {
        let t0 = now_ns(CLOCK_MONOTONIC);
        // As the shell runs a script's command: a group of one, started and waited for.
        let program = Program {
            path: path.clone(),
            argv: CStrArray::new(argv.iter().copied()),
            envp: envp.clone(),
            actions: Vec::new(),
            default_signals: SigSet::EMPTY,
            ignore_signals: SigSet::EMPTY,
            script_shell: None,
            exec_error: None,
        };
        let mut group = Group::new();
        let failed = group.start(program, strategy).err().or_else(|| {
            let (step, e, _) = group.wait().pop()?.failed?;
            Some(SpawnError::Child(step, e))
        });
        if let Some(e) = failed {
            out::line(
                Fd::STDERR,
                format_args!("spawnbench: {}: {e}", crate::shell::Show(path.to_bytes())),
            );
            return 1;
        }
        times.push(now_ns(CLOCK_MONOTONIC) - t0);
    }
    core::hint::black_box(&ballast);
    crate::rt::sort::sort(&mut times);
    let at = |q: usize| Micros(times[(times.len() - 1) * q / 100]);
    out::line(
        Fd::STDOUT,
        format_args!(
            "{} n={n} ballast={mib}MiB median={}us p90={}us",
            strategy.name(),
            at(50),
            at(90)
        ),
    );
    0
}

/// Nanoseconds shown as microseconds with one decimal, in integers: float formatting would
/// add about 13 KiB to the binary.
struct Micros(u64);

impl core::fmt::Display for Micros {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let tenths = (self.0 + 50) / 100;
        write!(f, "{}.{}", tenths / 10, tenths % 10)
    }
}

/// The running binary, from /proc/self/exe (absent before /proc is mounted).
fn self_exe() -> Option<CString> {
    let mut buf = [0u8; 4096];
    let target = crate::sys::fs::readlink(c"/proc/self/exe", &mut buf).ok()?;
    CString::new(target).ok()
}
