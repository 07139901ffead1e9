//! Filesystem syscalls: open, stat, access, directories, links, mount.
//!
//! Paths are `&CStr`; every call is the `*at` form relative to the current directory, which
//! is all aarch64's generic syscall table offers (no open, stat, access, mkdir, unlink...).

use super::fd::Fd;
use super::{Result, syscall};
use core::ffi::CStr;
use linux_raw_sys::general as g;

pub const AT_FDCWD: i32 = g::AT_FDCWD;
pub const O_RDONLY: u32 = g::O_RDONLY;
pub const O_WRONLY: u32 = g::O_WRONLY;
pub const O_RDWR: u32 = g::O_RDWR;
pub const O_CREAT: u32 = g::O_CREAT;
pub const O_TRUNC: u32 = g::O_TRUNC;
pub const O_APPEND: u32 = g::O_APPEND;
pub const O_EXCL: u32 = g::O_EXCL;
pub const O_NOCTTY: u32 = g::O_NOCTTY;
pub const O_NONBLOCK: u32 = g::O_NONBLOCK;
pub const O_DIRECTORY: u32 = g::O_DIRECTORY;
pub const O_CLOEXEC: u32 = g::O_CLOEXEC;
pub const O_NOFOLLOW: u32 = g::O_NOFOLLOW;

/// openat(2) relative to the current directory.
pub fn open(path: &CStr, flags: u32, mode: u32) -> Result<Fd> {
    // SAFETY: path is NUL-terminated.
    unsafe { syscall!(openat, AT_FDCWD, path.as_ptr(), flags, mode) }.map(|fd| Fd(fd as i32))
}

/// The fields of stat(2) rawsh uses.
#[derive(Clone, Copy, Debug, Default)]
pub struct Stat {
    pub mode: u32,
    pub uid: u32,
    pub gid: u32,
    pub size: i64,
    pub nlink: u64,
    pub ino: u64,
    pub dev: u64,
    pub rdev: u64,
    pub mtime: i64,
    /// The nanoseconds of `mtime` (`test a -nt b` tells apart files written in one second).
    pub mtime_nsec: i64,
}

pub const S_IFMT: u32 = g::S_IFMT;
pub const S_IFDIR: u32 = g::S_IFDIR;
pub const S_IFREG: u32 = g::S_IFREG;
pub const S_IFLNK: u32 = g::S_IFLNK;
pub const S_IFCHR: u32 = g::S_IFCHR;
pub const S_IFBLK: u32 = g::S_IFBLK;
pub const S_IFIFO: u32 = g::S_IFIFO;
pub const S_IFSOCK: u32 = g::S_IFSOCK;

impl Stat {
    pub fn is_dir(&self) -> bool {
        self.mode & S_IFMT == S_IFDIR
    }
    pub fn is_file(&self) -> bool {
        self.mode & S_IFMT == S_IFREG
    }
}

static_assertions::const_assert_eq!(
    core::mem::size_of::<g::stat>(),
    if cfg!(target_arch = "x86_64") {
        144
    } else {
        128
    }
);

// The field types differ between the arches' struct stat (st_nlink is u64 on x86_64, u32 on
// aarch64...): the casts are needed on one arch or the other.
#[allow(clippy::unnecessary_cast)]
fn fstatat(dirfd: i32, path: &CStr, flags: u32) -> Result<Stat> {
    let mut st = core::mem::MaybeUninit::<g::stat>::zeroed();
    // newfstatat on x86_64, fstatat (79) on aarch64: the same call under two names.
    #[cfg(target_arch = "x86_64")]
    // SAFETY: path is NUL-terminated; st is a writable, correctly sized struct stat.
    let r = unsafe { syscall!(newfstatat, dirfd, path.as_ptr(), st.as_mut_ptr(), flags) };
    #[cfg(target_arch = "aarch64")]
    // SAFETY: as above.
    let r = unsafe { syscall!(fstatat, dirfd, path.as_ptr(), st.as_mut_ptr(), flags) };
    r?;
    // SAFETY: the kernel filled the struct (and it was zeroed before).
    let st = unsafe { st.assume_init() };
    Ok(Stat {
        mode: st.st_mode as u32,
        uid: st.st_uid,
        gid: st.st_gid,
        size: st.st_size as i64,
        nlink: st.st_nlink as u64,
        ino: st.st_ino as u64,
        dev: st.st_dev as u64,
        rdev: st.st_rdev as u64,
        mtime: st.st_mtime as i64,
        mtime_nsec: st.st_mtime_nsec as i64,
    })
}

/// stat(2): follows symlinks.
pub fn stat(path: &CStr) -> Result<Stat> {
    fstatat(AT_FDCWD, path, 0)
}

/// lstat(2): does not follow a final symlink.
pub fn lstat(path: &CStr) -> Result<Stat> {
    fstatat(AT_FDCWD, path, g::AT_SYMLINK_NOFOLLOW)
}

/// fstat(2), as fstatat(fd, "", AT_EMPTY_PATH).
pub fn fstat(fd: Fd) -> Result<Stat> {
    fstatat(fd.0, c"", g::AT_EMPTY_PATH)
}

pub const X_OK: u32 = g::X_OK;
pub const W_OK: u32 = g::W_OK;
pub const R_OK: u32 = g::R_OK;
pub const F_OK: u32 = g::F_OK;

/// faccessat(2) with the real ids.
pub fn access(path: &CStr, mode: u32) -> Result<()> {
    // SAFETY: path is NUL-terminated.
    unsafe { syscall!(faccessat, AT_FDCWD, path.as_ptr(), mode) }.map(drop)
}

pub fn mkdir(path: &CStr, mode: u32) -> Result<()> {
    // SAFETY: path is NUL-terminated.
    unsafe { syscall!(mkdirat, AT_FDCWD, path.as_ptr(), mode) }.map(drop)
}

/// unlinkat(2): a file, or an empty directory with `dir`.
pub fn unlink(path: &CStr, dir: bool) -> Result<()> {
    let flags = if dir { g::AT_REMOVEDIR } else { 0 };
    // SAFETY: path is NUL-terminated.
    unsafe { syscall!(unlinkat, AT_FDCWD, path.as_ptr(), flags) }.map(drop)
}

/// renameat2(2) with no flags: atomically replaces `to`.
pub fn rename(from: &CStr, to: &CStr) -> Result<()> {
    // SAFETY: both paths are NUL-terminated.
    unsafe { syscall!(renameat2, AT_FDCWD, from.as_ptr(), AT_FDCWD, to.as_ptr(), 0) }.map(drop)
}

pub fn symlink(target: &CStr, link: &CStr) -> Result<()> {
    // SAFETY: both paths are NUL-terminated.
    unsafe { syscall!(symlinkat, target.as_ptr(), AT_FDCWD, link.as_ptr()) }.map(drop)
}

/// readlinkat(2): the target's bytes, written into `buf`.
pub fn readlink<'a>(path: &CStr, buf: &'a mut [u8]) -> Result<&'a [u8]> {
    // SAFETY: path is NUL-terminated; buf is writable for its length.
    let n = unsafe {
        syscall!(
            readlinkat,
            AT_FDCWD,
            path.as_ptr(),
            buf.as_mut_ptr(),
            buf.len()
        )
    }?;
    Ok(&buf[..n])
}

pub fn chdir(path: &CStr) -> Result<()> {
    // SAFETY: path is NUL-terminated.
    unsafe { syscall!(chdir, path.as_ptr()) }.map(drop)
}

/// getcwd(2): the current directory, written into `buf` (without the NUL).
pub fn getcwd(buf: &mut [u8]) -> Result<&[u8]> {
    // SAFETY: buf is writable for its length.
    let n = unsafe { syscall!(getcwd, buf.as_mut_ptr(), buf.len()) }?;
    // The kernel's length counts the NUL.
    Ok(&buf[..n.saturating_sub(1)])
}

/// umask(2): sets the mask, returns the old one.
pub fn umask(mask: u32) -> u32 {
    // SAFETY: plain integer; umask cannot fail.
    unsafe { syscall!(umask, mask) }.unwrap_or(0) as u32
}

/// getdents64(2): fills `buf` with directory entries; 0 at the end.
pub fn getdents64(fd: Fd, buf: &mut [u8]) -> Result<usize> {
    // SAFETY: buf is writable for its length.
    unsafe { syscall!(getdents64, fd.0, buf.as_mut_ptr(), buf.len()) }
}

/// One entry of a getdents64 buffer.
pub struct DirEntry<'a> {
    pub ino: u64,
    pub kind: u8,
    pub name: &'a [u8],
}

/// Walks the entries getdents64 wrote into `buf[..len]` (struct linux_dirent64: ino u64,
/// off i64, reclen u16, type u8, then the NUL-terminated name).
pub fn dir_entries(buf: &[u8]) -> impl Iterator<Item = DirEntry<'_>> {
    let mut at = 0;
    core::iter::from_fn(move || {
        let rec = buf.get(at..at + 19)?;
        let reclen = u16::from_ne_bytes([rec[16], rec[17]]) as usize;
        let ino = u64::from_ne_bytes(rec[..8].try_into().ok()?);
        let kind = rec[18];
        let name = buf.get(at + 19..at + reclen)?;
        let name = &name[..name.iter().position(|&b| b == 0).unwrap_or(name.len())];
        at += reclen.max(19);
        Some(DirEntry { ino, kind, name })
    })
}

static_assertions::const_assert_eq!(core::mem::offset_of!(g::linux_dirent64, d_reclen), 16);
static_assertions::const_assert_eq!(core::mem::offset_of!(g::linux_dirent64, d_type), 18);
static_assertions::const_assert_eq!(core::mem::offset_of!(g::linux_dirent64, d_name), 19);

pub const DT_DIR: u8 = g::DT_DIR as u8;
pub const DT_LNK: u8 = g::DT_LNK as u8;
pub const DT_UNKNOWN: u8 = g::DT_UNKNOWN as u8;

pub const MS_NOSUID: u64 = g::MS_NOSUID as u64;
pub const MS_NODEV: u64 = g::MS_NODEV as u64;
pub const MS_NOEXEC: u64 = g::MS_NOEXEC as u64;

/// mount(2).
pub fn mount(
    source: &CStr,
    target: &CStr,
    fstype: &CStr,
    flags: u64,
    data: Option<&CStr>,
) -> Result<()> {
    let data = data.map_or(core::ptr::null(), |d| d.as_ptr());
    // SAFETY: all strings are NUL-terminated; data is NULL or a string.
    unsafe {
        syscall!(
            mount,
            source.as_ptr(),
            target.as_ptr(),
            fstype.as_ptr(),
            flags,
            data
        )
    }
    .map(drop)
}

pub fn umount(target: &CStr) -> Result<()> {
    // SAFETY: target is NUL-terminated.
    unsafe { syscall!(umount2, target.as_ptr(), 0) }.map(drop)
}
