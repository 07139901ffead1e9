//! What several applets share: option parsing, messages, path joining, reading a directory,
//! copying a descriptor to the output.

use crate::rt::out::{self, Buffered};
use crate::sys::fd::{self, Fd};
use crate::sys::{Errno, fs};
use alloc::ffi::CString;
use alloc::vec::Vec;
use core::ffi::CStr;

/// Leading options in getopt(3) style (POSIX "Utility Syntax Guidelines"): clusters like
/// `-adl`; a letter followed by `:` in `spec` takes an argument (`-m 755` or `-m755`). Options
/// end at `--` (skipped), at `-` alone, or at the first operand. Iterating yields each option
/// letter with its argument, or `Err(())` for an unknown letter or a missing argument.
pub struct Opts<'a> {
    args: &'a [&'a CStr],
    spec: &'static [u8],
    /// Index of the argument being read (argv[0] is skipped).
    next: usize,
    /// Position inside a cluster, 0 when between arguments.
    pos: usize,
}

impl<'a> Opts<'a> {
    /// `args` starts with argv[0].
    pub fn new(args: &'a [&'a CStr], spec: &'static [u8]) -> Opts<'a> {
        Opts {
            args,
            spec,
            next: 1,
            pos: 0,
        }
    }

    /// The arguments after the options (valid once iteration has ended).
    pub fn operands(&self) -> &'a [&'a CStr] {
        self.args.get(self.next..).unwrap_or(&[])
    }
}

impl<'a> Iterator for Opts<'a> {
    type Item = Result<(u8, Option<&'a CStr>), ()>;

    fn next(&mut self) -> Option<Self::Item> {
        let arg = self.args.get(self.next)?.to_bytes_with_nul();
        if self.pos == 0 {
            match arg {
                [b'-', b'-', 0] => {
                    self.next += 1;
                    return None;
                }
                [b'-', c, ..] if *c != 0 => self.pos = 1,
                _ => return None,
            }
        }
        let letter = arg[self.pos];
        self.pos += 1;
        let at_end = arg[self.pos] == 0;
        let wants_arg = match self.spec.iter().position(|&c| c == letter) {
            Some(i) if letter != b':' => self.spec.get(i + 1) == Some(&b':'),
            _ => return Some(Err(())),
        };
        if !wants_arg {
            if at_end {
                self.next += 1;
                self.pos = 0;
            }
            return Some(Ok((letter, None)));
        }
        let value = if at_end {
            self.next += 1;
            self.args.get(self.next).copied()
        } else {
            CStr::from_bytes_with_nul(&arg[self.pos..]).ok()
        };
        self.next += 1;
        self.pos = 0;
        Some(value.map(|v| (letter, Some(v))).ok_or(()))
    }
}

/// Prints `usage: ...` on stderr; returns 2, the status for bad arguments.
pub fn usage(text: &str) -> i32 {
    out::line(Fd::STDERR, format_args!("usage: {text}"));
    2
}

/// Prints `applet: what: strerror` on stderr; returns 1, the status for runtime errors.
pub fn fail(applet: &str, what: &[u8], e: Errno) -> i32 {
    let mut l = out::Line::new();
    l.push(applet.as_bytes());
    l.push(b": ");
    l.push(what);
    l.push(b": ");
    l.push(e.message().as_bytes());
    l.finish(Fd::STDERR);
    1
}

/// Flushes `out` and turns a write error (EPIPE with SIGPIPE ignored, ENOSPC on /dev/full...)
/// into a message and status 1; otherwise returns `status`.
pub fn finish(applet: &str, mut out: Buffered, status: i32) -> i32 {
    out.flush();
    match out.error {
        Some(e) => fail(applet, b"write error", e),
        None => status,
    }
}

/// `dir/name` as a C string (no doubled slash when `dir` already ends in one). Names from
/// arguments and getdents hold no NUL, so the conversion cannot fail in practice; a NUL would
/// cut the path there.
pub fn join(dir: &[u8], name: &[u8]) -> CString {
    let mut p = Vec::with_capacity(dir.len() + name.len() + 2);
    p.extend_from_slice(dir);
    if !dir.is_empty() && !dir.ends_with(b"/") {
        p.push(b'/');
    }
    p.extend_from_slice(name);
    if let Some(nul) = p.iter().position(|&b| b == 0) {
        p.truncate(nul);
    }
    CString::new(p).unwrap_or_default()
}

/// Sorts names in byte order. Applets sort only through here, so the binary holds one copy
/// of the sort code.
pub fn sort(names: &mut [&[u8]]) {
    names.sort_unstable();
}

/// The names in directory `path`, `.` and `..` included, in the order getdents gives them.
pub fn read_dir(path: &CStr) -> Result<Vec<Vec<u8>>, Errno> {
    let dir = fs::open(path, fs::O_RDONLY | fs::O_DIRECTORY | fs::O_CLOEXEC, 0)?;
    let mut buf = alloc::vec![0u8; 8192];
    let mut names = Vec::new();
    let r = loop {
        match crate::sys::retry(|| fs::getdents64(dir, &mut buf)) {
            Ok(0) => break Ok(names),
            Ok(n) => names.extend(fs::dir_entries(&buf[..n]).map(|e| e.name.to_vec())),
            Err(e) => break Err(e),
        }
    };
    let _ = fd::close(dir);
    r
}

/// Copies `from` to `out` until end of file through one fixed buffer; a read error is
/// returned, a write error stays in `out.error` (and stops the copy).
pub fn copy(from: Fd, out: &mut Buffered) -> Result<(), Errno> {
    let mut buf = [0u8; 4096];
    while out.error.is_none() {
        match crate::sys::retry(|| fd::read(from, &mut buf))? {
            0 => break,
            n => out.bytes(&buf[..n]),
        }
    }
    Ok(())
}

/// A decimal number of at most nine digits (so it cannot overflow), without sign.
pub fn parse_u32(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, &d| n * 10 + (d - b'0') as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse<'a>(
        args: &'a [&'a CStr],
        spec: &'static [u8],
    ) -> (Vec<(u8, Option<&'a [u8]>)>, bool, usize) {
        let mut o = Opts::new(args, spec);
        let mut got = Vec::new();
        let mut bad = false;
        for r in &mut o {
            match r {
                Ok((c, v)) => got.push((c, v.map(CStr::to_bytes))),
                Err(()) => {
                    bad = true;
                    break;
                }
            }
        }
        (got, bad, o.operands().len())
    }

    #[test]
    fn option_clusters() {
        let (got, bad, rest) = parse(&[c"ls", c"-al", c"-d", c"x", c"-l"], b"adl");
        assert_eq!(got, [(b'a', None), (b'l', None), (b'd', None)]);
        assert!(!bad);
        assert_eq!(rest, 2);
    }

    #[test]
    fn option_arguments() {
        let (got, bad, rest) = parse(&[c"mkdir", c"-pm755", c"-m", c"700", c"d"], b"pm:");
        assert_eq!(
            got,
            [
                (b'p', None),
                (b'm', Some(&b"755"[..])),
                (b'm', Some(&b"700"[..]))
            ]
        );
        assert!(!bad);
        assert_eq!(rest, 1);
        let (_, bad, _) = parse(&[c"mkdir", c"-m"], b"pm:");
        assert!(bad);
    }

    #[test]
    fn option_ends() {
        assert_eq!(parse(&[c"rm", c"--", c"-f"], b"f"), (vec![], false, 1));
        assert_eq!(parse(&[c"cat", c"-"], b"u"), (vec![], false, 1));
        assert_eq!(parse(&[c"cat"], b"u"), (vec![], false, 0));
        assert!(parse(&[c"ls", c"-x"], b"adl").1);
        assert!(parse(&[c"ls", c"-:"], b"m:").1);
    }

    #[test]
    fn joining() {
        assert_eq!(join(b"a", b"b").as_bytes(), b"a/b");
        assert_eq!(join(b"/", b"b").as_bytes(), b"/b");
        assert_eq!(join(b"a/", b"b").as_bytes(), b"a/b");
    }
}
