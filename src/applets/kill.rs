//! `kill [-SIGNAL | -s SIGNAL] PID...` sends a signal (TERM by default) to each process, or to
//! a process group for a negative PID; `kill -l [STATUS]` lists the signal names, or names
//! the signal that ended a process with exit STATUS (kill(1p)). SIGNAL is a name, with or
//! without `SIG`, or a number.

use super::common;
use crate::rt::out::Buffered;
use crate::sys::fd::Fd;
use crate::sys::process;
use crate::sys::signal;
use core::ffi::CStr;

const USAGE: &str = "kill [-SIGNAL | -s SIGNAL] PID... | kill -l [STATUS]";

pub fn main(args: &[&CStr]) -> i32 {
    let mut rest = args.get(1..).unwrap_or(&[]);
    let mut sig = signal::SIGTERM;
    match rest.first().map(|a| a.to_bytes()) {
        Some(b"-l") => return list(rest.get(1..).unwrap_or(&[])),
        Some(b"-s") => {
            match rest.get(1).and_then(|s| signal::from_name(s.to_bytes())) {
                Some(s) => sig = s,
                None => return common::usage(USAGE),
            }
            rest = rest.get(2..).unwrap_or_default();
        }
        Some(b"--") => rest = rest.get(1..).unwrap_or_default(),
        // A first argument `-9` is a signal: a negative pid first needs `--` (kill(1p)).
        Some([b'-', name @ ..]) => {
            match signal::from_name(name) {
                Some(s) => sig = s,
                None => return common::usage(USAGE),
            }
            rest = rest.get(1..).unwrap_or_default();
        }
        _ => {}
    }
    if rest.first().is_some_and(|a| a.to_bytes() == b"--") {
        rest = rest.get(1..).unwrap_or_default();
    }
    if rest.is_empty() {
        return common::usage(USAGE);
    }
    let mut pids = alloc::vec::Vec::with_capacity(rest.len());
    for arg in rest {
        match parse_pid(arg.to_bytes()) {
            Some(pid) => pids.push(pid),
            None => return common::usage(USAGE),
        }
    }
    let mut status = 0;
    for (pid, arg) in pids.into_iter().zip(rest) {
        if let Err(e) = process::kill(pid, sig) {
            status = common::fail("kill", arg.to_bytes(), e);
        }
    }
    status
}

/// A pid, or a process group as a negative number.
fn parse_pid(s: &[u8]) -> Option<i32> {
    match s {
        [b'-', n @ ..] => common::parse_u32(n).map(|n| -(n as i32)),
        n => common::parse_u32(n).map(|n| n as i32),
    }
}

/// `kill -l`: every name, one a line; `kill -l STATUS`: the signal's name, STATUS being the
/// number or a shell's 128 + number.
fn list(args: &[&CStr]) -> i32 {
    let mut out = Buffered::new(Fd::STDOUT);
    match args {
        [] => {
            for name in (1..=signal::MAX).filter_map(signal::full_name) {
                out.bytes(name.as_bytes());
                out.bytes(b"\n");
            }
        }
        [status] => {
            let n = common::parse_u32(status.to_bytes()).map(|n| n as usize);
            match n.and_then(|n| signal::full_name(if n > 128 { n - 128 } else { n })) {
                Some(name) => {
                    out.bytes(name.as_bytes());
                    out.bytes(b"\n");
                }
                _ => return common::usage(USAGE),
            }
        }
        _ => return common::usage(USAGE),
    }
    common::finish("kill", out, 0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pids() {
        assert_eq!(parse_pid(b"12"), Some(12));
        assert_eq!(parse_pid(b"-12"), Some(-12));
        assert_eq!(parse_pid(b"0"), Some(0));
        assert_eq!(parse_pid(b"x"), None);
        assert_eq!(parse_pid(b"-"), None);
        assert_eq!(parse_pid(b""), None);
    }
}
