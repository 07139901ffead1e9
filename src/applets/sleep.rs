//! `sleep TIME...`: waits for the sum of the TIMEs: decimal seconds with an optional fraction
//! (`0.5`, `.25`) and an optional unit suffix `s`, `m`, `h` or `d`, as coreutils and busybox
//! accept.

use super::common;
use crate::sys::time;
use core::ffi::CStr;

const USAGE: &str = "sleep SECONDS[.FRACTION][smhd]...";

pub fn main(args: &[&CStr]) -> i32 {
    let times = args.get(1..).unwrap_or(&[]);
    let mut total: u64 = 0;
    for t in times {
        match parse(t.to_bytes()).and_then(|ns| total.checked_add(ns)) {
            Some(sum) => total = sum,
            None => return common::usage(USAGE),
        }
    }
    if times.is_empty() {
        return common::usage(USAGE);
    }
    match time::sleep_ns(total) {
        Ok(()) => 0,
        Err(e) => common::fail("sleep", b"nanosleep", e),
    }
}

const NS: u64 = 1_000_000_000;

/// A time in nanoseconds (fraction digits past the ninth are dropped), or `None` when it is
/// malformed or overflows.
fn parse(s: &[u8]) -> Option<u64> {
    let (num, unit) = match s.last()? {
        b's' => (&s[..s.len() - 1], 1),
        b'm' => (&s[..s.len() - 1], 60),
        b'h' => (&s[..s.len() - 1], 3600),
        b'd' => (&s[..s.len() - 1], 86400),
        _ => (s, 1),
    };
    let (int, frac) = match num.iter().position(|&b| b == b'.') {
        Some(dot) => (&num[..dot], &num[dot + 1..]),
        None => (num, &b""[..]),
    };
    let digits = |d: &[u8]| d.iter().all(u8::is_ascii_digit);
    if int.len() + frac.len() == 0 || !digits(int) || !digits(frac) {
        return None;
    }
    let mut secs: u64 = 0;
    for &d in int {
        secs = secs.checked_mul(10)?.checked_add((d - b'0') as u64)?;
    }
    let mut ns = 0;
    let mut scale = NS;
    for &d in frac.iter().take(9) {
        scale /= 10;
        ns += (d - b'0') as u64 * scale;
    }
    secs.checked_mul(NS)?.checked_add(ns)?.checked_mul(unit)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times() {
        assert_eq!(parse(b"1"), Some(NS));
        assert_eq!(parse(b"0.5"), Some(NS / 2));
        assert_eq!(parse(b".25"), Some(NS / 4));
        assert_eq!(parse(b"2."), Some(2 * NS));
        assert_eq!(parse(b"1.5m"), Some(90 * NS));
        assert_eq!(parse(b"0.0000000019"), Some(1));
        assert_eq!(parse(b"1d"), Some(86400 * NS));
        for bad in [
            &b""[..],
            b".",
            b"s",
            b"-1",
            b"1x",
            b"1.2.3",
            b"99999999999999999999",
        ] {
            assert_eq!(parse(bad), None);
        }
    }
}
