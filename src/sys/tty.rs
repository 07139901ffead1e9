//! Terminal ioctls: termios, the controlling tty, the foreground process group, window size.

use super::fd::Fd;
use super::{Result, syscall};
use linux_raw_sys::general as g;
use linux_raw_sys::ioctl as io;

pub use g::termios as Termios;

// TCGETS/TCSETSW take the kernel's struct termios (4 flag words, c_line, NCCS = 19 control
// characters: 36 bytes, not libc's larger one), TIOCGWINSZ a struct winsize of 4 u16.
static_assertions::const_assert_eq!(core::mem::size_of::<Termios>(), 36);
static_assertions::const_assert_eq!(g::NCCS, 19);
static_assertions::const_assert_eq!(core::mem::size_of::<g::winsize>(), 8);

/// TCGETS: the terminal's settings (tcgetattr(3)); fails with ENOTTY when `fd` is no tty.
pub fn get_termios(fd: Fd) -> Result<Termios> {
    let mut t = core::mem::MaybeUninit::<Termios>::zeroed();
    // SAFETY: t is a writable struct termios of the kernel's layout.
    unsafe { syscall!(ioctl, fd.0, io::TCGETS, t.as_mut_ptr()) }?;
    // SAFETY: zeroed, then filled by the kernel.
    Ok(unsafe { t.assume_init() })
}

/// TCSETSW: applies `t` after pending output is written (tcsetattr(TCSADRAIN)).
pub fn set_termios(fd: Fd, t: &Termios) -> Result<()> {
    // SAFETY: t is a valid struct termios.
    unsafe { syscall!(ioctl, fd.0, io::TCSETSW, t as *const Termios) }.map(drop)
}

pub fn isatty(fd: Fd) -> bool {
    get_termios(fd).is_ok()
}

/// TIOCSCTTY: makes this terminal the controlling tty of the calling session leader.
pub fn set_controlling(fd: Fd) -> Result<()> {
    // SAFETY: integer argument (0: do not steal from another session).
    unsafe { syscall!(ioctl, fd.0, io::TIOCSCTTY, 0) }.map(drop)
}

/// TIOCSPGRP (tcsetpgrp(3)): the terminal's foreground process group.
pub fn set_foreground(fd: Fd, pgid: i32) -> Result<()> {
    // SAFETY: pointer to a valid pid_t.
    unsafe { syscall!(ioctl, fd.0, io::TIOCSPGRP, &pgid as *const i32) }.map(drop)
}

/// TIOCGPGRP (tcgetpgrp(3)).
pub fn foreground(fd: Fd) -> Result<i32> {
    let mut pgid = 0i32;
    // SAFETY: pointer to a writable pid_t.
    unsafe { syscall!(ioctl, fd.0, io::TIOCGPGRP, &mut pgid as *mut i32) }?;
    Ok(pgid)
}

/// TIOCGWINSZ: `(rows, columns)`.
pub fn window_size(fd: Fd) -> Result<(u16, u16)> {
    let mut ws = g::winsize {
        ws_row: 0,
        ws_col: 0,
        ws_xpixel: 0,
        ws_ypixel: 0,
    };
    // SAFETY: pointer to a writable struct winsize.
    unsafe { syscall!(ioctl, fd.0, io::TIOCGWINSZ, &mut ws as *mut g::winsize) }?;
    Ok((ws.ws_row, ws.ws_col))
}

pub const ICANON: u32 = g::ICANON;
pub const ECHO: u32 = g::ECHO;
pub const ISIG: u32 = g::ISIG;
pub const IEXTEN: u32 = g::IEXTEN;
pub const IXON: u32 = g::IXON;
pub const ICRNL: u32 = g::ICRNL;
pub const OPOST: u32 = g::OPOST;
pub const VMIN: usize = g::VMIN as usize;
pub const VTIME: usize = g::VTIME as usize;
