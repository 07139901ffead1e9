//! `Errno`: a Linux error number with its symbolic name and strerror(3) message.

use super::errno_table::TABLE;
use super::strtab::{StrTab, total_len};
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
    pub const ERANGE: Errno = Errno(e::ERANGE as u16);
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

    /// The symbolic name (`"ENOENT"`), or `"E?"` for a number Linux does not define.
    pub fn name(self) -> &'static str {
        row(&NAMES, self.0).unwrap_or("E?")
    }

    /// The message strerror(3) gives (`"No such file or directory"`).
    pub fn message(self) -> &'static str {
        row(&MESSAGES, self.0).unwrap_or("Unknown error")
    }
}

/// Number `n`'s string in `tab`: an empty one is a number Linux skips.
fn row<const B: usize>(tab: &'static StrTab<LAST, B>, n: u16) -> Option<&'static str> {
    tab.get((n as usize).checked_sub(1)?)
        .filter(|s| !s.is_empty())
}

/// The largest errno: [`TABLE`] is packed indexed by number - 1.
const LAST: usize = TABLE[TABLE.len() - 1].0 as usize;

/// Column `col` (1: names, 2: messages) of [`TABLE`] at index number - 1, "" in the gaps.
const fn column(col: usize) -> [&'static str; LAST] {
    let mut strs = [""; LAST];
    let mut i = 0;
    while i < TABLE.len() {
        let (n, name, message) = TABLE[i];
        strs[n as usize - 1] = if col == 1 { name } else { message };
        i += 1;
    }
    strs
}

const NAME_STRS: [&str; LAST] = column(1);
static NAMES: StrTab<LAST, { total_len(&NAME_STRS) }> = StrTab::new(&NAME_STRS);
const MESSAGE_STRS: [&str; LAST] = column(2);
static MESSAGES: StrTab<LAST, { total_len(&MESSAGE_STRS) }> = StrTab::new(&MESSAGE_STRS);

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
        // 41 and 58 are gaps in Linux's numbering; 0 is no error.
        assert_eq!(Errno::from_raw(41).message(), "Unknown error");
        assert_eq!(Errno::from_raw(0).name(), "E?");
        assert_eq!(Errno::from_raw(133).name(), "EHWPOISON");
        assert!(TABLE.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
