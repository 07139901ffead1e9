//! `test` and `[` (XCU test): file, string and integer tests, `!`, `-a`, `-o` and parentheses,
//! decided by the number of arguments first as POSIX specifies, then by recursive descent.

use super::{Exec, Shell, Show};
use crate::sys::fs;
use alloc::vec::Vec;

pub fn test(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    run(sh, "test", args.get(1..).unwrap_or_default())
}

pub fn bracket(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    match args.split_last() {
        Some((last, rest)) if last.as_slice() == b"]" => {
            run(sh, "[", rest.get(1..).unwrap_or_default())
        }
        _ => {
            sh.error(format_args!("[: missing ]"));
            Ok(2)
        }
    }
}

fn run(sh: &Shell, name: &str, args: &[Vec<u8>]) -> Exec {
    let args: Vec<&[u8]> = args.iter().map(Vec::as_slice).collect();
    let mut p = Parser {
        args: &args,
        pos: 0,
        depth: 0,
    };
    let r = by_count(&p, &args).unwrap_or_else(|| {
        p.or().and_then(|v| match args.get(p.pos) {
            None => Ok(v),
            Some(extra) => Err(Error::Extra(extra)),
        })
    });
    match r {
        Ok(v) => Ok(!v as i32),
        Err(e) => {
            match e {
                Error::Extra(w) => {
                    sh.error(format_args!("{name}: {}: unexpected operator", Show(w)))
                }
                Error::Missing => sh.error(format_args!("{name}: argument expected")),
                Error::Number(w) => sh.error(format_args!("{name}: Illegal number: {}", Show(w))),
                Error::Deep => sh.error(format_args!("{name}: expression too complex")),
            }
            Ok(2)
        }
    }
}

/// POSIX's rules by the number of arguments (XCU test, "Application Usage" aside): up to four
/// arguments are read by their positions, so an operand that looks like an operator is still
/// an operand (`[ -n "$x" ]` with x `=`, `[ ! = x ]`). None: the grammar decides.
fn by_count<'a>(p: &Parser<'a>, args: &[&'a [u8]]) -> Option<Result<bool, Error<'a>>> {
    // Slice patterns, not `args[i]`: no bounds checks (and their panic data) to compile.
    Some(match *args {
        [] => Ok(false),
        [a] => Ok(!a.is_empty()),
        [b"!", a] => Ok(a.is_empty()),
        [op, a] if unary_op(op) => unary(op, a),
        [a, b"-a", b] => Ok(!a.is_empty() && !b.is_empty()),
        [a, b"-o", b] => Ok(!a.is_empty() || !b.is_empty()),
        [a, op, b] if binary_op(op) => p.binary(a, op, b),
        [b"(", a, b")"] => Ok(!a.is_empty()),
        [b"!", ref rest @ ..] if rest.len() <= 3 => {
            return by_count(p, rest).map(|r| r.map(|v| !v));
        }
        [b"(", a, b, b")"] => return by_count(p, &[a, b]),
        _ => return None,
    })
}

enum Error<'a> {
    Extra(&'a [u8]),
    Missing,
    Number(&'a [u8]),
    Deep,
}

struct Parser<'a> {
    args: &'a [&'a [u8]],
    pos: usize,
    depth: u32,
}

fn binary_op(op: &[u8]) -> bool {
    matches!(
        op,
        b"=" | b"!="
            | b"-eq"
            | b"-ne"
            | b"-lt"
            | b"-le"
            | b"-gt"
            | b"-ge"
            | b"-nt"
            | b"-ot"
            | b"-ef"
            | b"<"
            | b">"
    )
}

fn unary_op(op: &[u8]) -> bool {
    matches!(
        op,
        b"-n"
            | b"-z"
            | b"-e"
            | b"-f"
            | b"-d"
            | b"-r"
            | b"-w"
            | b"-x"
            | b"-s"
            | b"-L"
            | b"-h"
            | b"-b"
            | b"-c"
            | b"-p"
            | b"-S"
            | b"-t"
            | b"-g"
            | b"-u"
            | b"-k"
            | b"-O"
            | b"-G"
    )
}

impl<'a> Parser<'a> {
    fn peek(&self) -> Option<&'a [u8]> {
        self.args.get(self.pos).copied()
    }

    fn next(&mut self) -> Result<&'a [u8], Error<'a>> {
        let a = self.peek().ok_or(Error::Missing)?;
        self.pos += 1;
        Ok(a)
    }

    fn or(&mut self) -> Result<bool, Error<'a>> {
        let mut v = self.and()?;
        while self.peek() == Some(b"-o") {
            self.pos += 1;
            v |= self.and()?;
        }
        Ok(v)
    }

    fn and(&mut self) -> Result<bool, Error<'a>> {
        let mut v = self.not()?;
        while self.peek() == Some(b"-a") {
            self.pos += 1;
            v &= self.not()?;
        }
        Ok(v)
    }

    fn not(&mut self) -> Result<bool, Error<'a>> {
        if self.peek() == Some(b"!") {
            self.pos += 1;
            self.depth += 1;
            if self.depth > 1000 {
                return Err(Error::Deep);
            }
            return self.not().map(|v| !v);
        }
        self.primary()
    }

    fn primary(&mut self) -> Result<bool, Error<'a>> {
        let a = self.next()?;
        if a == b"(" {
            self.depth += 1;
            if self.depth > 1000 {
                return Err(Error::Deep);
            }
            let v = self.or()?;
            return match self.next()? {
                b")" => Ok(v),
                other => Err(Error::Extra(other)),
            };
        }
        if let Some(op) = self.peek().filter(|op| binary_op(op)) {
            self.pos += 1;
            let rhs = self.next()?;
            return self.binary(a, op, rhs);
        }
        if unary_op(a) {
            let operand = self.next()?;
            return unary(a, operand);
        }
        Ok(!a.is_empty())
    }

    fn binary(&self, l: &'a [u8], op: &[u8], r: &'a [u8]) -> Result<bool, Error<'a>> {
        let int = |s: &'a [u8]| parse_int(s).ok_or(Error::Number(s));
        Ok(match op {
            b"=" => l == r,
            b"!=" => l != r,
            b"<" => l < r,
            b">" => l > r,
            b"-eq" => int(l)? == int(r)?,
            b"-ne" => int(l)? != int(r)?,
            b"-lt" => int(l)? < int(r)?,
            b"-le" => int(l)? <= int(r)?,
            b"-gt" => int(l)? > int(r)?,
            b"-ge" => int(l)? >= int(r)?,
            b"-nt" | b"-ot" | b"-ef" => {
                // Both must exist, as in dash.
                let (Some(a), Some(b)) = (stat(l, true), stat(r, true)) else {
                    return Ok(false);
                };
                let (ta, tb) = ((a.mtime, a.mtime_nsec), (b.mtime, b.mtime_nsec));
                match op {
                    b"-nt" => ta > tb,
                    b"-ot" => ta < tb,
                    _ => a.dev == b.dev && a.ino == b.ino,
                }
            }
            _ => false,
        })
    }
}

/// An integer operand: optional blanks and sign, then digits (dash's `getn`).
fn parse_int(s: &[u8]) -> Option<i64> {
    let t = s.trim_ascii();
    let (neg, digits) = match t.split_first() {
        Some((b'-', d)) => (true, d),
        Some((b'+', d)) => (false, d),
        _ => (false, t),
    };
    if digits.is_empty() || !digits.iter().all(u8::is_ascii_digit) {
        return None;
    }
    let mut n: i64 = 0;
    for &d in digits {
        n = n.checked_mul(10)?.checked_add((d - b'0') as i64)?;
    }
    Some(if neg { -n } else { n })
}

fn stat(path: &[u8], follow: bool) -> Option<fs::Stat> {
    let c = super::path::cstring(path)?;
    if follow { fs::stat(&c) } else { fs::lstat(&c) }.ok()
}

fn unary<'a>(op: &[u8], arg: &'a [u8]) -> Result<bool, Error<'a>> {
    let access = |mode| super::path::cstring(arg).is_some_and(|c| fs::access(&c, mode).is_ok());
    let kind = |k: u32| stat(arg, true).is_some_and(|s| s.mode & fs::S_IFMT == k);
    Ok(match op {
        b"-n" => !arg.is_empty(),
        b"-z" => arg.is_empty(),
        b"-e" => stat(arg, true).is_some(),
        b"-f" => kind(fs::S_IFREG),
        b"-d" => kind(fs::S_IFDIR),
        b"-b" => kind(fs::S_IFBLK),
        b"-c" => kind(fs::S_IFCHR),
        b"-p" => kind(fs::S_IFIFO),
        b"-S" => kind(fs::S_IFSOCK),
        b"-L" | b"-h" => stat(arg, false).is_some_and(|s| s.mode & fs::S_IFMT == fs::S_IFLNK),
        b"-r" => access(fs::R_OK),
        b"-w" => access(fs::W_OK),
        b"-x" => access(fs::X_OK),
        b"-s" => stat(arg, true).is_some_and(|s| s.size > 0),
        b"-g" => stat(arg, true).is_some_and(|s| s.mode & 0o2000 != 0),
        b"-u" => stat(arg, true).is_some_and(|s| s.mode & 0o4000 != 0),
        b"-k" => stat(arg, true).is_some_and(|s| s.mode & 0o1000 != 0),
        b"-O" => stat(arg, true).is_some_and(|s| s.uid == crate::sys::process::geteuid()),
        b"-G" => stat(arg, true).is_some_and(|s| s.gid == crate::sys::process::getegid()),
        b"-t" => {
            let fd = parse_int(arg).ok_or(Error::Number(arg))?;
            crate::sys::tty::isatty(crate::sys::fd::Fd(fd as i32))
        }
        _ => false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_forms_take_operators_as_operands() {
        let p = Parser {
            args: &[],
            pos: 0,
            depth: 0,
        };
        let t = |args: &[&[u8]]| match by_count(&p, args) {
            Some(Ok(v)) => Some(v),
            _ => None,
        };
        assert_eq!(t(&[b"-n", b"="]), Some(true));
        assert_eq!(t(&[b"-z", b"-eq"]), Some(false));
        assert_eq!(t(&[b"!", b"-n", b"="]), Some(false));
        assert_eq!(t(&[b"(", b"!", b")"]), Some(true));
        assert_eq!(t(&[b"!", b"", b"-a", b""]), Some(true));
        assert_eq!(t(&[b"(", b"-z", b"x", b")"]), Some(false));
        assert_eq!(t(&[b"a", b"=", b"b", b"-o", b"c"]), None);
    }

    #[test]
    fn integers() {
        assert_eq!(parse_int(b" -12 "), Some(-12));
        assert_eq!(parse_int(b"1a"), None);
        assert_eq!(parse_int(b"99999999999999999999"), None);
    }
}
