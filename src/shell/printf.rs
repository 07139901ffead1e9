//! `printf FORMAT [ARGUMENT...]` (XCU printf), as dash does it: the format is reused while
//! arguments remain, a missing argument is "" or 0, numbers are C constants (`0x1f`, `010`,
//! `'A` for a byte's code), and a bad number is reported with status 1 while the output goes
//! on. The floating-point conversions are refused: formatting them would add core's float
//! printing and parsing to a binary that has no libc to lend them.

use super::builtins::output;
use super::{Exec, Shell, Show};
use crate::rt::out::Buffered;
use crate::sys::Errno;
use alloc::vec::Vec;

pub fn printf(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let sh: &Shell = sh;
    let mut rest = args.get(1..).unwrap_or_default();
    // dash parses options (printf has none): `--` is skipped and `-x` is an error.
    match rest.first() {
        Some(a) if a == b"--" => rest = &rest[1..],
        Some(a) if a.len() > 1 && a[0] == b'-' => {
            sh.error(format_args!("printf: Illegal option {}", Show(&a[..2])));
            return Ok(2);
        }
        _ => {}
    }
    let Some((format, operands)) = rest.split_first() else {
        sh.error(format_args!("printf: usage: printf format [arg ...]"));
        return Ok(2);
    };
    let mut p = Printf {
        sh,
        args: operands,
        next: 0,
        status: 0,
    };
    let written = output(sh, "printf", |out| {
        loop {
            let before = p.next;
            if p.pass(format, out).is_err() || p.next == before || p.next == operands.len() {
                return;
            }
        }
    })?;
    Ok(p.status.max(written))
}

struct Printf<'a> {
    sh: &'a Shell,
    args: &'a [Vec<u8>],
    next: usize,
    /// 1 after a bad number, 2 after a bad directive.
    status: i32,
}

/// Why a pass over the format ended early: `\c` in a `%b` argument, or a bad directive.
struct Stop;

/// A directive's flags, width and precision.
#[derive(Default)]
struct Spec {
    left: bool,
    plus: bool,
    space: bool,
    alt: bool,
    zero: bool,
    width: usize,
    precision: Option<usize>,
}

impl<'a> Printf<'a> {
    fn arg(&mut self) -> Option<&'a [u8]> {
        let a = self.args.get(self.next)?;
        self.next += 1;
        Some(a)
    }

    /// The next argument as a number (0 if there is none).
    fn number(&mut self, signed: bool) -> u64 {
        let Some(a) = self.arg() else { return 0 };
        let (v, err) = parse_number(a, signed);
        if let Some(why) = err {
            self.status = self.status.max(1);
            let what = match why {
                NumberError::NotNumeric => "expected numeric value",
                NumberError::Trailing => "not completely converted",
                NumberError::Range => Errno::ERANGE.message(),
            };
            self.sh.error(format_args!("printf: {}: {what}", Show(a)));
        }
        v
    }

    /// A width or precision: digits in the format, or `*` for the next argument.
    fn count(&mut self, f: &[u8], i: &mut usize) -> i64 {
        if f.get(*i) == Some(&b'*') {
            *i += 1;
            // dash converts the number to an int as C does: modulo 2^32.
            return (self.number(true) as i32).into();
        }
        let mut n: i64 = 0;
        while let Some(d) = f.get(*i).filter(|d| d.is_ascii_digit()) {
            n = (n * 10 + i64::from(d - b'0')).min(i32::MAX.into());
            *i += 1;
        }
        n
    }

    /// Writes the format once, taking arguments as its directives ask.
    fn pass(&mut self, f: &[u8], out: &mut Buffered) -> Result<(), Stop> {
        let mut i = 0;
        while let Some(&c) = f.get(i) {
            i += 1;
            if c == b'\\' {
                let (byte, len) = escape(&f[i..], false).unwrap_or((b'\\', 0));
                out.bytes(&[byte]);
                i += len;
                continue;
            }
            if c != b'%' {
                out.bytes(&[c]);
                continue;
            }
            if f.get(i) == Some(&b'%') {
                out.bytes(b"%");
                i += 1;
                continue;
            }
            let start = i - 1;
            let mut spec = Spec::default();
            while let Some(&flag) = f.get(i) {
                match flag {
                    b'-' => spec.left = true,
                    b'+' => spec.plus = true,
                    b' ' => spec.space = true,
                    b'#' => spec.alt = true,
                    b'0' => spec.zero = true,
                    _ => break,
                }
                i += 1;
            }
            let width = self.count(f, &mut i);
            spec.left |= width < 0;
            spec.width = width.unsigned_abs() as usize;
            if f.get(i) == Some(&b'.') {
                i += 1;
                spec.precision = usize::try_from(self.count(f, &mut i)).ok();
            }
            let Some(&conv) = f.get(i) else {
                self.sh
                    .error(format_args!("printf: missing format character"));
                self.status = 2;
                return Err(Stop);
            };
            i += 1;
            match conv {
                b'd' | b'i' => {
                    let v = self.number(true);
                    integer(out, &spec, conv, v)
                }
                b'o' | b'u' | b'x' | b'X' => {
                    let v = self.number(false);
                    integer(out, &spec, conv, v)
                }
                b'c' => {
                    let byte = self.arg().and_then(|a| a.first()).copied().unwrap_or(0);
                    padded(out, &spec, &[], 0, &[byte]);
                }
                b's' => {
                    let s = self.arg().unwrap_or_default();
                    padded(out, &spec, &[], 0, cut(s, spec.precision));
                }
                b'b' => {
                    let mut s = Vec::new();
                    let whole = unescape(self.arg().unwrap_or_default(), &mut |b| {
                        s.extend_from_slice(b)
                    });
                    padded(out, &spec, &[], 0, cut(&s, spec.precision));
                    if !whole {
                        return Err(Stop);
                    }
                }
                _ => {
                    let why = if b"aAeEfFgG".contains(&conv) {
                        "floating point is not supported"
                    } else {
                        "invalid directive"
                    };
                    let directive = Show(&f[start..i]);
                    self.sh.error(format_args!("printf: {directive}: {why}"));
                    self.status = 2;
                    return Err(Stop);
                }
            }
        }
        Ok(())
    }
}

fn cut(s: &[u8], precision: Option<usize>) -> &[u8] {
    &s[..precision.map_or(s.len(), |p| p.min(s.len()))]
}

/// `%d %i %o %u %x %X` of `v` (an i64's bits for `d` and `i`).
fn integer(out: &mut Buffered, spec: &Spec, conv: u8, v: u64) {
    let (negative, mut magnitude) = match conv {
        b'd' | b'i' => ((v as i64) < 0, (v as i64).unsigned_abs()),
        _ => (false, v),
    };
    let base = match conv {
        b'o' => 8,
        b'x' | b'X' => 16,
        _ => 10,
    };
    let hex: &[u8; 16] = if conv == b'X' {
        b"0123456789ABCDEF"
    } else {
        b"0123456789abcdef"
    };
    let mut buf = [0u8; 64];
    let mut at = buf.len();
    while magnitude > 0 {
        at -= 1;
        buf[at] = hex[(magnitude % base) as usize];
        magnitude /= base;
    }
    let digits = &buf[at..];
    // The precision is the fewest digits (1 by default, so that 0 is "0"); `#` makes an octal
    // number start with 0.
    let mut zeros = spec.precision.unwrap_or(1).saturating_sub(digits.len());
    if conv == b'o' && spec.alt {
        zeros = zeros.max(1);
    }
    let prefix: &[u8] = match conv {
        _ if negative => b"-",
        b'd' | b'i' if spec.plus => b"+",
        b'd' | b'i' if spec.space => b" ",
        b'x' if spec.alt && v != 0 => b"0x",
        b'X' if spec.alt && v != 0 => b"0X",
        _ => b"",
    };
    if spec.zero && !spec.left && spec.precision.is_none() {
        zeros += spec
            .width
            .saturating_sub(prefix.len() + zeros + digits.len());
    }
    padded(out, spec, prefix, zeros, digits);
}

/// `prefix`, `zeros` zeros and `body`, padded with spaces to the width: on the left, or on
/// the right with `-`.
fn padded(out: &mut Buffered, spec: &Spec, prefix: &[u8], zeros: usize, body: &[u8]) {
    let fill = spec.width.saturating_sub(prefix.len() + zeros + body.len());
    if !spec.left {
        pad(out, fill, b' ');
    }
    out.bytes(prefix);
    pad(out, zeros, b'0');
    out.bytes(body);
    if spec.left {
        pad(out, fill, b' ');
    }
}

fn pad(out: &mut Buffered, mut n: usize, byte: u8) {
    let chunk = [byte; 64];
    while n > 0 {
        let k = n.min(chunk.len());
        out.bytes(&chunk[..k]);
        n -= k;
    }
}

#[derive(Debug, PartialEq, Eq)]
enum NumberError {
    NotNumeric,
    Trailing,
    Range,
}

/// An argument as strtoimax(3) (`signed`) or strtoumax(3) reads it, with dash's checks: blanks,
/// a sign, then hex after `0x`, octal after `0`, or decimal. `'c` or `"c` is the code of the
/// byte c. The value comes back even with an error: the part that was read, or the nearest
/// limit on overflow (an i64's bits when `signed`).
fn parse_number(a: &[u8], signed: bool) -> (u64, Option<NumberError>) {
    if let [b'\'' | b'"', rest @ ..] = a {
        return (rest.first().map_or(0, |&c| c.into()), None);
    }
    let mut i = a
        .iter()
        .take_while(|c| matches!(c, b' ' | b'\t'..=b'\r'))
        .count();
    let negative = a.get(i) == Some(&b'-');
    if matches!(a.get(i), Some(b'-' | b'+')) {
        i += 1;
    }
    let mut base = 10;
    if a.get(i) == Some(&b'0') {
        base = 8;
        if matches!(a.get(i + 1), Some(b'x' | b'X'))
            && a.get(i + 2).is_some_and(u8::is_ascii_hexdigit)
        {
            base = 16;
            i += 2;
        }
    }
    let mut magnitude: u64 = 0;
    let mut overflow = false;
    let start = i;
    while let Some(d) = a.get(i).and_then(|&c| (c as char).to_digit(base)) {
        match magnitude
            .checked_mul(base.into())
            .and_then(|m| m.checked_add(d.into()))
        {
            Some(m) => magnitude = m,
            None => {
                overflow = true;
                magnitude = u64::MAX;
            }
        }
        i += 1;
    }
    // strtoimax(3) gives the nearest limit on overflow, strtoumax(3) ULONG_MAX whatever the
    // sign; within range, a minus sign negates (modulo 2^64 for strtoumax).
    let limit = if signed {
        i64::MAX as u64 + u64::from(negative)
    } else {
        u64::MAX
    };
    let out_of_range = overflow || magnitude > limit;
    let value = if out_of_range && !signed {
        u64::MAX
    } else if negative {
        magnitude.min(limit).wrapping_neg()
    } else {
        magnitude.min(limit)
    };
    let error = if i == start && !a.is_empty() {
        Some(NumberError::NotNumeric)
    } else if i < a.len() {
        Some(NumberError::Trailing)
    } else if out_of_range {
        Some(NumberError::Range)
    } else {
        None
    };
    (if i == start { 0 } else { value }, error)
}

/// The escape after a backslash at the start of `s`: the byte it stands for and how many
/// bytes of `s` it takes (0: an unknown escape is the backslash itself). In a format,
/// octal is one to three digits; in `%b` and echo, `\0` takes up to three more, and `\c`
/// (`None`) ends all output.
fn escape(s: &[u8], percent_b: bool) -> Option<(u8, usize)> {
    let byte = match s.first() {
        Some(b'\\') => b'\\',
        Some(b'a') => 7,
        Some(b'b') => 8,
        // Not in POSIX; dash and the echo applet have it.
        Some(b'e') => 0x1b,
        Some(b'f') => 12,
        Some(b'n') => b'\n',
        Some(b'r') => b'\r',
        Some(b't') => b'\t',
        Some(b'v') => 11,
        Some(b'c') if percent_b => return None,
        Some(&c @ b'0'..=b'7') => {
            let skip = usize::from(percent_b && c == b'0');
            let octal = s[skip..]
                .iter()
                .take(3)
                .take_while(|d| (b'0'..=b'7').contains(d))
                .fold((0u32, 0), |(v, n), d| (v * 8 + u32::from(d - b'0'), n + 1));
            return Some((octal.0 as u8, skip + octal.1));
        }
        _ => return Some((b'\\', 0)),
    };
    Some((byte, 1))
}

/// Writes `w` with the escapes of `%b` (dash's echo has the same) through `put`, plain runs
/// in one piece. False when `\c` cut it short: nothing more may be written.
pub fn unescape(w: &[u8], put: &mut dyn FnMut(&[u8])) -> bool {
    let mut rest = w;
    while let Some(at) = rest.iter().position(|&c| c == b'\\') {
        put(&rest[..at]);
        let Some((byte, len)) = escape(&rest[at + 1..], true) else {
            return false;
        };
        put(&[byte]);
        rest = &rest[at + 1 + len..];
    }
    put(rest);
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_strtoimax_reads_them() {
        let s = |a: &[u8]| parse_number(a, true);
        assert_eq!(s(b"42"), (42, None));
        assert_eq!(s(b" -0x1f"), ((-31i64) as u64, None));
        assert_eq!(s(b"010"), (8, None));
        assert_eq!(s(b"'A"), (65, None));
        assert_eq!(s(b"'"), (0, None));
        assert_eq!(s(b""), (0, None));
        assert_eq!(s(b"1a"), (1, Some(NumberError::Trailing)));
        assert_eq!(s(b"08"), (0, Some(NumberError::Trailing)));
        assert_eq!(s(b"0x"), (0, Some(NumberError::Trailing)));
        assert_eq!(s(b"--5"), (0, Some(NumberError::NotNumeric)));
        assert_eq!(s(b"-"), (0, Some(NumberError::NotNumeric)));
        assert_eq!(
            s(b"-9223372036854775809"),
            (i64::MIN as u64, Some(NumberError::Range))
        );
        assert_eq!(s(b"-9223372036854775808"), (i64::MIN as u64, None));
        assert_eq!(
            s(b"99999999999999999999"),
            (i64::MAX as u64, Some(NumberError::Range))
        );
        let u = |a: &[u8]| parse_number(a, false);
        assert_eq!(u(b"-1"), (u64::MAX, None));
        assert_eq!(u(b"18446744073709551615"), (u64::MAX, None));
        assert_eq!(
            u(b"18446744073709551616"),
            (u64::MAX, Some(NumberError::Range))
        );
    }

    #[test]
    fn escapes_of_format_and_percent_b() {
        let b = |w: &[u8]| {
            let mut out = Vec::new();
            let whole = unescape(w, &mut |b| out.extend_from_slice(b));
            (out, whole)
        };
        assert_eq!(b(br"a\tb\0101\1010\x\"), (b"a\tbAA0\\x\\".to_vec(), true));
        assert_eq!(b(br"x\cy"), (b"x".to_vec(), false));
        assert_eq!(escape(b"0101", false), Some((8, 3)));
        assert_eq!(escape(b"c", false), Some((b'\\', 0)));
        assert_eq!(escape(b"e", false), Some((0x1b, 1)));
    }
}
