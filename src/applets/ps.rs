//! `ps`: every process, from /proc: PID, PPID, state (STAT) and command line (CMD), by pid.
//!
//! /proc/PID/stat gives the state and parent (proc(5): `pid (comm) state ppid ...`, where comm
//! may itself hold spaces and parentheses, so the fields after it are found from the last
//! `)`); /proc/PID/cmdline gives the arguments, NUL-separated. A kernel thread has no
//! command line and is shown as `[comm]`, as procps does. A process that exits while being
//! read is skipped.

use super::common;
use crate::rt::out::Buffered;
use crate::sys::fd::{self, Fd};
use crate::sys::fs;
use core::ffi::CStr;
use core::fmt::Write;

const USAGE: &str = "ps";

/// How much of a command line is shown.
const CMDLINE_MAX: usize = 4096;

pub fn main(args: &[&CStr]) -> i32 {
    if args.len() > 1 {
        return common::usage(USAGE);
    }
    let names = match common::read_dir(c"/proc") {
        Ok(names) => names,
        Err(e) => return common::fail("ps", b"/proc", e),
    };
    // /proc lists processes by increasing pid (proc_pid_readdir walks the pid table in
    // order), so the list needs no sorting.
    let pids = names.iter().filter_map(|n| common::parse_u32(n));
    let mut out = Buffered::new(Fd::STDOUT);
    out.bytes(b"  PID  PPID STAT CMD\n");
    let mut stat_buf = [0u8; 1024];
    let mut cmd_buf = alloc::vec![0u8; CMDLINE_MAX];
    for pid in pids {
        let Some(stat) = read(pid, "stat", &mut stat_buf).and_then(|n| parse_stat(&stat_buf[..n]))
        else {
            continue;
        };
        let n = read(pid, "cmdline", &mut cmd_buf).unwrap_or(0);
        let cmd = match &cmd_buf[..n] {
            [args @ .., 0] => args,
            args => args,
        };
        let _ = write!(out, "{pid:>5} {:>5} {:<4} ", stat.ppid, stat.state as char);
        if cmd.is_empty() {
            out.bytes(b"[");
            printable(stat.comm, |s| out.bytes(s));
            out.bytes(b"]");
        } else {
            printable(cmd, |s| out.bytes(s));
        }
        out.bytes(b"\n");
    }
    common::finish("ps", out, 0)
}

/// Makes `s` fit on one line of the listing: the NULs between arguments become spaces and
/// any other control byte `?` (as procps does), so an argument holding a newline cannot
/// start a row of its own.
fn printable(mut s: &[u8], mut put: impl FnMut(&[u8])) {
    while let Some(at) = s.iter().position(u8::is_ascii_control) {
        put(&s[..at]);
        put(if s[at] == 0 { b" " } else { b"?" });
        s = &s[at + 1..];
    }
    put(s);
}

/// Reads the start of /proc/PID/FILE (what fits in `buf`); its length, or `None` if the
/// process is gone.
fn read(pid: u32, file: &str, buf: &mut [u8]) -> Option<usize> {
    let mut path = heapless::String::<32>::new();
    write!(path, "/proc/{pid}/{file}\0").ok()?;
    let path = CStr::from_bytes_with_nul(path.as_bytes()).ok()?;
    let fd = fs::open(path, fs::O_RDONLY | fs::O_CLOEXEC, 0).ok()?;
    let mut len = 0;
    while len < buf.len() {
        match crate::sys::retry(|| fd::read(fd, &mut buf[len..])) {
            Ok(0) | Err(_) => break,
            Ok(n) => len += n,
        }
    }
    let _ = fd::close(fd);
    Some(len)
}

struct ProcStat<'a> {
    comm: &'a [u8],
    state: u8,
    ppid: u32,
}

fn parse_stat(s: &[u8]) -> Option<ProcStat<'_>> {
    let open = s.iter().position(|&b| b == b'(')?;
    let close = s.iter().rposition(|&b| b == b')')?;
    let comm = s.get(open + 1..close)?;
    let mut fields = s
        .get(close + 1..)?
        .split(|&b| b == b' ')
        .filter(|f| !f.is_empty());
    let state = *fields.next()?.first()?;
    let ppid = common::parse_u32(fields.next()?)?;
    Some(ProcStat { comm, state, ppid })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stat_lines() {
        let s = parse_stat(b"42 (a) b (c)) S 7 42 42 0 -1").unwrap();
        assert_eq!((s.comm, s.state, s.ppid), (&b"a) b (c)"[..], b'S', 7));
        let s = parse_stat(b"2 (kthreadd) S 0 0 0").unwrap();
        assert_eq!((s.comm, s.state, s.ppid), (&b"kthreadd"[..], b'S', 0));
        assert!(parse_stat(b"2 (x").is_none());
        assert!(parse_stat(b"2 (x) S").is_none());
    }

    #[test]
    fn one_line_per_process() {
        let mut shown = alloc::vec::Vec::new();
        printable(b"sh\0-c\0echo a\nb\tc\x7f", |s| shown.extend_from_slice(s));
        assert_eq!(shown, b"sh -c echo a?b?c?");
    }
}
