//! `echo [-n] [STRING...]`, as dash's builtin: only a first argument of exactly `-n` is an
//! option (no newline), and backslash escapes are always interpreted (the XSI echo of POSIX):
//! `\a \b \e \f \n \r \t \v \\`, `\0nnn` and `\nnn` (up to three octal digits), and `\c`,
//! which ends all output there. Any other backslash stands for itself.

use super::common;
use crate::rt::out::Buffered;
use crate::sys::fd::Fd;
use alloc::vec::Vec;
use core::ffi::CStr;

pub fn main(args: &[&CStr]) -> i32 {
    let mut words = args.get(1..).unwrap_or(&[]);
    let newline = match words.first() {
        Some(first) if first.to_bytes() == b"-n" => {
            words = &words[1..];
            false
        }
        _ => true,
    };
    let mut text = Vec::new();
    let mut go_on = true;
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            text.push(b' ');
        }
        go_on = unescape(w.to_bytes(), &mut text);
        if !go_on {
            break;
        }
    }
    if go_on && newline {
        text.push(b'\n');
    }
    let mut out = Buffered::new(Fd::STDOUT);
    out.bytes(&text);
    common::finish("echo", out, 0)
}

/// Appends `s` with its escapes replaced to `out`; false when a `\c` says to stop.
fn unescape(s: &[u8], out: &mut Vec<u8>) -> bool {
    let mut i = 0;
    while let Some(&b) = s.get(i) {
        i += 1;
        if b != b'\\' {
            out.push(b);
            continue;
        }
        let simple = match s.get(i) {
            Some(b'a') => 0x07,
            Some(b'b') => 0x08,
            Some(b'e') => 0x1b,
            Some(b'f') => 0x0c,
            Some(b'n') => b'\n',
            Some(b'r') => b'\r',
            Some(b't') => b'\t',
            Some(b'v') => 0x0b,
            Some(b'\\') => b'\\',
            Some(b'c') => return false,
            Some(b'0'..=b'7') => {
                // `\0` is only a prefix when an octal digit follows: `\0101` is `A`.
                if s.get(i) == Some(&b'0') && matches!(s.get(i + 1), Some(b'0'..=b'7')) {
                    i += 1;
                }
                let mut value: u32 = 0;
                for _ in 0..3 {
                    match s.get(i) {
                        Some(&d @ b'0'..=b'7') => {
                            value = value * 8 + (d - b'0') as u32;
                            i += 1;
                        }
                        _ => break,
                    }
                }
                // Three octal digits can exceed a byte (`\777`); like dash, keep the low 8 bits.
                out.push(value as u8);
                continue;
            }
            _ => {
                out.push(b'\\');
                continue;
            }
        };
        i += 1;
        out.push(simple);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn un(s: &[u8]) -> (Vec<u8>, bool) {
        let mut v = Vec::new();
        let go_on = unescape(s, &mut v);
        (v, go_on)
    }

    #[test]
    fn escapes() {
        assert_eq!(un(br"a\nb\tc\\"), (b"a\nb\tc\\".to_vec(), true));
        assert_eq!(un(br"\e\a\v"), (b"\x1b\x07\x0b".to_vec(), true));
        assert_eq!(un(br"x\cy"), (b"x".to_vec(), false));
        assert_eq!(un(br"\q\8 end\"), (br"\q\8 end\".to_vec(), true));
        assert_eq!(un(br"\x41"), (br"\x41".to_vec(), true));
    }

    #[test]
    fn octal() {
        assert_eq!(un(br"\0101\101\1011"), (b"AAA1".to_vec(), true));
        assert_eq!(un(br"\01011"), (b"A1".to_vec(), true));
        assert_eq!(un(br"\0"), (b"\0".to_vec(), true));
        assert_eq!(un(br"\08"), (b"\x008".to_vec(), true));
        assert_eq!(un(br"\0777\400"), (b"\xff\0".to_vec(), true));
    }
}
