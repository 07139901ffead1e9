//! `Errno`: a Linux error number with its symbolic name and strerror(3) message.

use super::errno_table::TABLE;
use linux_raw_sys::errno as e;

/// An error number returned by the kernel as `-errno` (errno(3)).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct Errno(u16);

impl Errno {
    pub const EPERM: Errno = Errno(e::EPERM as u16);
    pub const ENOENT: Errno = Errno(e::ENOENT as u16);
    pub const ESRCH: Errno = Errno(e::ESRCH as u16);
    pub const EINTR: Errno = Errno(e::EINTR as u16);
    pub const EBADF: Errno = Errno(e::EBADF as u16);
    pub const ECHILD: Errno = Errno(e::ECHILD as u16);
    pub const EAGAIN: Errno = Errno(e::EAGAIN as u16);
    pub const ENOMEM: Errno = Errno(e::ENOMEM as u16);
    pub const EACCES: Errno = Errno(e::EACCES as u16);
    pub const EEXIST: Errno = Errno(e::EEXIST as u16);
    pub const ENOTDIR: Errno = Errno(e::ENOTDIR as u16);
    pub const EISDIR: Errno = Errno(e::EISDIR as u16);
    pub const EINVAL: Errno = Errno(e::EINVAL as u16);
    pub const EMFILE: Errno = Errno(e::EMFILE as u16);
    pub const ENOTTY: Errno = Errno(e::ENOTTY as u16);
    pub const ENOSPC: Errno = Errno(e::ENOSPC as u16);
    pub const EPIPE: Errno = Errno(e::EPIPE as u16);
    pub const E2BIG: Errno = Errno(e::E2BIG as u16);
    pub const ENOEXEC: Errno = Errno(e::ENOEXEC as u16);
    pub const ENAMETOOLONG: Errno = Errno(e::ENAMETOOLONG as u16);
    pub const ENOSYS: Errno = Errno(e::ENOSYS as u16);
    pub const ELOOP: Errno = Errno(e::ELOOP as u16);

    pub const fn from_raw(raw: i32) -> Errno {
        Errno(raw as u16)
    }

    pub const fn raw(self) -> i32 {
        self.0 as i32
    }

    fn entry(self) -> Option<&'static (u16, &'static str, &'static str)> {
        TABLE
            .binary_search_by_key(&self.0, |row| row.0)
            .ok()
            .map(|i| &TABLE[i])
    }

    /// The symbolic name (`"ENOENT"`), or `"E?"` for a number Linux does not define.
    pub fn name(self) -> &'static str {
        self.entry().map_or("E?", |row| row.1)
    }

    /// The message strerror(3) gives (`"No such file or directory"`).
    pub fn message(self) -> &'static str {
        self.entry().map_or("Unknown error", |row| row.2)
    }
}

impl core::fmt::Debug for Errno {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        write!(f, "{} ({})", self.name(), self.message())
    }
}

impl core::fmt::Display for Errno {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.write_str(self.message())
    }
}

// The table covers exactly Linux's range, sorted, and agrees with linux-raw-sys.
static_assertions::const_assert_eq!(TABLE[0].0 as u32, e::EPERM);
static_assertions::const_assert_eq!(TABLE[TABLE.len() - 1].0 as u32, e::EHWPOISON);
static_assertions::const_assert_eq!(TABLE[1].0 as u32, e::ENOENT);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_and_messages() {
        assert_eq!(Errno::ENOENT.name(), "ENOENT");
        assert_eq!(Errno::ENOENT.message(), "No such file or directory");
        assert_eq!(Errno::EACCES.message(), "Permission denied");
        assert_eq!(Errno::from_raw(9999).name(), "E?");
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
