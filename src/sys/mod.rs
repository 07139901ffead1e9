//! Typed wrappers over the raw system calls, one file per area.
//!
//! Every call goes through [`syscall!`](crate::sys::syscall), which issues it with
//! `syscalls::syscall!` and turns the kernel's `-errno` into [`Errno`]. Numbers, flags and
//! struct layouts come from `linux-raw-sys`; nothing here links libc.

mod errno;
mod errno_table;
pub mod fd;
pub mod fs;
pub mod mem;
pub mod process;
pub mod signal;
pub mod system;
pub mod time;
pub mod tty;

pub use errno::Errno;

pub type Result<T> = core::result::Result<T, Errno>;

/// Issues syscall `$nr` (a `syscalls::Sysno` variant name) with up to six arguments and
/// returns `sys::Result<usize>`. Callers wrap it in `unsafe` with a `// SAFETY:` line saying
/// why the arguments are valid for that call.
macro_rules! syscall {
    ($nr:ident $(, $arg:expr)* $(,)?) => {
        $crate::sys::ret(syscalls::syscall!(syscalls::Sysno::$nr $(, $arg)*))
    };
}
pub(crate) use syscall;

#[inline(always)]
pub(crate) fn ret(r: core::result::Result<usize, syscalls::Errno>) -> Result<usize> {
    r.map_err(|e| Errno::from_raw(e.into_raw()))
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
