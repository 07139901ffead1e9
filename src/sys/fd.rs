//! File-descriptor syscalls: read, write, close, dup, pipe, fcntl, lseek.

use super::{Errno, Result, syscall};
use linux_raw_sys::general as g;

/// A file descriptor number. Plain `Copy` data: rawsh moves descriptors around by number
/// (`2>&1`, `exec 3<file`), so ownership is the shell's bookkeeping, not the type's.
#[derive(Clone, Copy, PartialEq, Eq, Debug, PartialOrd, Ord)]
pub struct Fd(pub i32);

impl Fd {
    pub const STDIN: Fd = Fd(0);
    pub const STDOUT: Fd = Fd(1);
    pub const STDERR: Fd = Fd(2);
}

/// read(2).
pub fn read(fd: Fd, buf: &mut [u8]) -> Result<usize> {
    // SAFETY: buf is valid and writable for buf.len() bytes.
    unsafe { syscall!(read, fd.0, buf.as_mut_ptr(), buf.len()) }
}

/// write(2): one call; may write less than asked.
pub fn write(fd: Fd, buf: &[u8]) -> Result<usize> {
    // SAFETY: buf is valid for buf.len() bytes.
    unsafe { syscall!(write, fd.0, buf.as_ptr(), buf.len()) }
}

/// Writes all of `buf`, retrying short writes and EINTR.
pub fn write_all(fd: Fd, mut buf: &[u8]) -> Result<()> {
    while !buf.is_empty() {
        match write(fd, buf) {
            Ok(0) => return Err(Errno::EIO_SHORT),
            Ok(n) => buf = &buf[n..],
            Err(Errno::EINTR) => {}
            Err(e) => return Err(e),
        }
    }
    Ok(())
}

impl Errno {
    /// write(2) returning 0 for a non-empty buffer: reported as EIO.
    const EIO_SHORT: Errno = Errno::from_raw(linux_raw_sys::errno::EIO as i32);
}

/// close(2). The descriptor is released even when close reports an error.
pub fn close(fd: Fd) -> Result<()> {
    // SAFETY: plain integer.
    unsafe { syscall!(close, fd.0) }.map(drop)
}

/// dup2(2): makes `new` a copy of `old`. aarch64 has only dup3, which rejects old == new, so
/// that case is checked with fcntl(F_GETFD) as dup2 does.
pub fn dup2(old: Fd, new: Fd) -> Result<Fd> {
    if old == new {
        return fcntl(old, g::F_GETFD, 0).map(|_| new);
    }
    // SAFETY: plain integers.
    unsafe { syscall!(dup3, old.0, new.0, 0) }.map(|fd| Fd(fd as i32))
}

/// fcntl(F_DUPFD_CLOEXEC): a close-on-exec copy of `fd` numbered `min` or above.
pub fn dup_cloexec(fd: Fd, min: i32) -> Result<Fd> {
    fcntl(fd, g::F_DUPFD_CLOEXEC, min as usize).map(|fd| Fd(fd as i32))
}

/// fcntl(2) with an integer argument (F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD...).
pub fn fcntl(fd: Fd, cmd: u32, arg: usize) -> Result<usize> {
    // SAFETY: only integer-argument commands are passed here.
    unsafe { syscall!(fcntl, fd.0, cmd, arg) }
}

pub const FD_CLOEXEC: usize = g::FD_CLOEXEC as usize;
pub const F_GETFD: u32 = g::F_GETFD;
pub const F_SETFD: u32 = g::F_SETFD;

/// Sets or clears close-on-exec on `fd`.
pub fn set_cloexec(fd: Fd, on: bool) -> Result<()> {
    fcntl(fd, g::F_SETFD, if on { FD_CLOEXEC } else { 0 }).map(drop)
}

/// fsync(2): the file's data reaches the disk before the call returns.
pub fn fsync(fd: Fd) -> Result<()> {
    // SAFETY: plain integer.
    unsafe { syscall!(fsync, fd.0) }.map(drop)
}

/// pipe2(2): `(read end, write end)`.
pub fn pipe2(flags: u32) -> Result<(Fd, Fd)> {
    let mut fds = [0i32; 2];
    // SAFETY: fds is a writable array of two ints.
    unsafe { syscall!(pipe2, fds.as_mut_ptr(), flags) }?;
    Ok((Fd(fds[0]), Fd(fds[1])))
}

pub const O_CLOEXEC: u32 = g::O_CLOEXEC;

/// lseek(2).
pub fn lseek(fd: Fd, offset: i64, whence: u32) -> Result<u64> {
    // SAFETY: plain integers.
    unsafe { syscall!(lseek, fd.0, offset, whence) }.map(|r| r as u64)
}

pub const SEEK_SET: u32 = g::SEEK_SET;
pub const SEEK_CUR: u32 = g::SEEK_CUR;
