//! `uname [-asnrvm]`: system name (the default), node name, release, version, machine; `-a`
//! all five, always in that order (uname(1p)).

use super::common::{self, Opts};
use crate::rt::out::Buffered;
use crate::sys::fd::Fd;
use crate::sys::system;
use core::ffi::CStr;

const USAGE: &str = "uname [-asnrvm]";

pub fn main(args: &[&CStr]) -> i32 {
    // Bits in the order of the fields: s n r v m.
    let mut want = 0u8;
    let mut opts = Opts::new(args, b"asnrvm");
    for o in &mut opts {
        want |= match o {
            Ok((b'a', _)) => 0b11111,
            Ok((b's', _)) => 0b00001,
            Ok((b'n', _)) => 0b00010,
            Ok((b'r', _)) => 0b00100,
            Ok((b'v', _)) => 0b01000,
            Ok((b'm', _)) => 0b10000,
            _ => return common::usage(USAGE),
        }
    }
    if !opts.operands().is_empty() {
        return common::usage(USAGE);
    }
    let u = match system::uname() {
        Ok(u) => u,
        Err(e) => return common::fail("uname", b"uname", e),
    };
    if want == 0 {
        want = 1;
    }
    let fields = [
        u.sysname(),
        u.nodename(),
        u.release(),
        u.version(),
        u.machine(),
    ];
    let mut out = Buffered::new(Fd::STDOUT);
    let mut sep: &[u8] = b"";
    for (i, f) in fields.iter().enumerate() {
        if want & (1 << i) != 0 {
            out.bytes(sep);
            out.bytes(f);
            sep = b" ";
        }
    }
    out.bytes(b"\n");
    common::finish("uname", out, 0)
}
