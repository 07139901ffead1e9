//! `ulimit [-H|-S] [-a | -tfdscmlpnvwr [VALUE]]`: resource limits (prlimit(2)), as dash shows
//! and sets them. Without -H or -S, a new value is both limits; shown is the soft one.

use super::builtins::output;
use super::{Exec, Shell};
use crate::rt::out::Buffered;
use crate::sys::process::{self as p, RLIM_INFINITY, Rlimit};
use alloc::vec::Vec;
use core::fmt::Write;

/// Option letter, what dash calls it in `ulimit -a`, the resource, and its unit in bytes.
const LIMITS: [(u8, &str, u32, u64); 12] = [
    (b't', "time(seconds)", p::RLIMIT_CPU, 1),
    (b'f', "file(blocks)", p::RLIMIT_FSIZE, 512),
    (b'd', "data(kbytes)", p::RLIMIT_DATA, 1024),
    (b's', "stack(kbytes)", p::RLIMIT_STACK, 1024),
    (b'c', "coredump(blocks)", p::RLIMIT_CORE, 512),
    (b'm', "memory(kbytes)", p::RLIMIT_RSS, 1024),
    (b'l', "locked memory(kbytes)", p::RLIMIT_MEMLOCK, 1024),
    (b'p', "process", p::RLIMIT_NPROC, 1),
    (b'n', "nofiles", p::RLIMIT_NOFILE, 1),
    (b'v', "vmemory(kbytes)", p::RLIMIT_AS, 1024),
    (b'w', "locks", p::RLIMIT_LOCKS, 1),
    (b'r', "rtprio", p::RLIMIT_RTPRIO, 1),
];

pub fn ulimit(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let (mut hard, mut soft, mut all) = (false, false, false);
    let mut which = 1; // -f
    let rest = super::builtins::options(sh, "ulimit", args, &mut |c| {
        match c {
            b'H' => hard = true,
            b'S' => soft = true,
            b'a' => all = true,
            _ => match LIMITS.iter().position(|l| l.0 == c) {
                Some(i) => which = i,
                None => return false,
            },
        }
        true
    });
    let rest = match rest {
        Ok(rest) => rest,
        Err(status) => return Ok(status),
    };
    let shown = |l: Rlimit| if hard && !soft { l.max } else { l.cur };
    if all {
        return output(sh, "ulimit", |out| {
            for &(_, name, resource, unit) in &LIMITS {
                let value = p::prlimit(resource, None).map_or(RLIM_INFINITY, shown);
                let _ = write!(out, "{name:<20} ");
                show(out, value, unit);
            }
        });
    }
    let (_, _, resource, unit) = LIMITS[which];
    if rest.len() > 1 {
        sh.error(format_args!("ulimit: too many arguments"));
        return Ok(2);
    }
    let Some(value) = rest.first() else {
        return match p::prlimit(resource, None) {
            Ok(l) => output(sh, "ulimit", |out| show(out, shown(l), unit)),
            Err(e) => {
                sh.error(format_args!("ulimit: {e}"));
                Ok(2)
            }
        };
    };
    let new = match value.as_slice() {
        b"unlimited" => Some(RLIM_INFINITY),
        v => decimal(v).and_then(|n| n.checked_mul(unit)),
    };
    let Some(new) = new else {
        sh.error(format_args!("ulimit: bad number"));
        return Ok(2);
    };
    let set = p::prlimit(resource, None).and_then(|mut l| {
        if hard || !soft {
            l.max = new;
        }
        if soft || !hard {
            l.cur = new;
        }
        p::prlimit(resource, Some(l))
    });
    match set {
        Ok(_) => Ok(0),
        Err(e) => {
            sh.error(format_args!("ulimit: error setting limit ({e})"));
            Ok(2)
        }
    }
}

/// A limit in the resource's unit, or `unlimited`, and a newline.
fn show(out: &mut Buffered, value: u64, unit: u64) {
    if value == RLIM_INFINITY {
        out.bytes(b"unlimited\n");
    } else {
        let _ = writeln!(out, "{}", value / unit);
    }
}
/// A limit's decimal digits, as large as the kernel's 64-bit limits go.
fn decimal(s: &[u8]) -> Option<u64> {
    if s.is_empty() || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    s.iter().try_fold(0u64, |n, &d| {
        n.checked_mul(10)?.checked_add(u64::from(d - b'0'))
    })
}
