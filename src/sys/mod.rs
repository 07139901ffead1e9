//! Typed wrappers over the raw system calls, one file per area.
//!
//! Every call goes through [`syscall!`](crate::sys::syscall), which issues it with
//! `syscalls::raw`, traces it when `rawsh -T` asked for that ([`crate::rt::trace`]), and turns
//! the kernel's `-errno` into [`Errno`]. Numbers, flags and struct layouts come from
//! `linux-raw-sys`; nothing here links libc.

mod errno;
mod errno_table;
pub mod fd;
pub mod fs;
pub mod mem;
pub mod process;
pub mod signal;
pub(crate) mod strtab;
pub mod system;
pub mod time;
pub mod tty;

pub use errno::Errno;

use crate::rt::trace::{self, Site};
use syscalls::raw;

pub type Result<T> = core::result::Result<T, Errno>;

/// Issues syscall `$nr` (a `syscalls::Sysno` variant name) with up to six arguments and
/// returns `sys::Result<usize>`. Callers wrap it in `unsafe` with a `// SAFETY:` line saying
/// why the arguments are valid for that call.
macro_rules! syscall {
    ($nr:ident $(, $arg:expr)* $(,)?) => {{
        // The tracer's row for this call, found while compiling.
        const SITE: $crate::rt::trace::Site = $crate::rt::trace::site(syscalls::Sysno::$nr);
        $crate::sys::issue(syscalls::Sysno::$nr, SITE, [$($arg as usize),*])
    }};
}
pub(crate) use syscall;

/// The body of [`syscall!`]: the syscall instruction, then one load and one branch for the
/// tracer (a call that does not return on success is traced before it is issued instead).
///
/// # Safety
/// `args` must be valid arguments for syscall `nr`.
#[inline(always)]
pub(crate) unsafe fn issue<const N: usize>(
    nr: syscalls::Sysno,
    site: Site,
    args: [usize; N],
) -> Result<usize> {
    // The arguments go to the tracer by value, built in its branch, so the untraced path
    // never stores them.
    let a = |i: usize| if i < N { args[i] } else { 0 };
    if site.before && trace::on() {
        // SAFETY: the caller vouches for the arguments.
        unsafe { trace::before(site, [a(0), a(1), a(2), a(3), a(4), a(5)]) };
    }
    let n = nr as usize;
    // SAFETY: the caller vouches for the arguments.
    let r = unsafe {
        match N {
            0 => raw::syscall0(n),
            1 => raw::syscall1(n, a(0)),
            2 => raw::syscall2(n, a(0), a(1)),
            3 => raw::syscall3(n, a(0), a(1), a(2)),
            4 => raw::syscall4(n, a(0), a(1), a(2), a(3)),
            5 => raw::syscall5(n, a(0), a(1), a(2), a(3), a(4)),
            _ => raw::syscall6(n, a(0), a(1), a(2), a(3), a(4), a(5)),
        }
    };
    if trace::on() {
        // SAFETY: as above; the call has returned.
        unsafe { trace::after(site, r, [a(0), a(1), a(2), a(3), a(4), a(5)]) };
    }
    ret(r)
}

/// A raw syscall result: -4095..-1 is `-errno` (syscall(2), "RETURN VALUE").
#[inline(always)]
pub(crate) fn ret(r: usize) -> Result<usize> {
    if r > -4096isize as usize {
        Err(Errno::from_raw(-(r as isize) as i32))
    } else {
        Ok(r)
    }
}

/// Retries a call interrupted by a signal handler (EINTR), as SA_RESTART would.
pub fn retry<T>(mut f: impl FnMut() -> Result<T>) -> Result<T> {
    loop {
        match f() {
            Err(Errno::EINTR) => continue,
            r => return r,
        }
    }
}

/// The two calls the tracer makes for itself, issued without going through [`syscall!`]:
/// traced, every trace line would trace itself.
pub(crate) mod untraced {
    use syscalls::Sysno;

    /// getpid(2).
    pub fn getpid() -> usize {
        // SAFETY: getpid takes no arguments and cannot fail.
        unsafe { syscalls::raw::syscall0(Sysno::getpid as usize) }
    }

    /// One write(2) to `fd`; a short or failed write is ignored (it loses trace output only).
    pub fn write(fd: i32, bytes: &[u8]) {
        // SAFETY: bytes is valid for its length.
        let _ = unsafe {
            syscalls::raw::syscall3(
                Sysno::write as usize,
                fd as usize,
                bytes.as_ptr() as usize,
                bytes.len(),
            )
        };
    }
}
