//! Signal syscalls: dispositions (rt_sigaction), the mask (rt_sigprocmask), and signal names.

use super::strtab::{StrTab, total_len};
use super::{Result, syscall};
use linux_raw_sys::general as g;

/// The kernel's signal set: one bit per signal 1..=64 (`_NSIG`), bit `n - 1` for signal `n`.
#[derive(Clone, Copy, PartialEq, Eq, Debug, Default)]
pub struct SigSet(pub u64);

impl SigSet {
    pub const ALL: SigSet = SigSet(!0);
    pub const EMPTY: SigSet = SigSet(0);
}

// rt_sigaction and rt_sigprocmask take the set's size, which must be the kernel's 8 bytes.
static_assertions::const_assert_eq!(core::mem::size_of::<g::kernel_sigset_t>(), 8);
static_assertions::const_assert_eq!(g::_NSIG, 64);

pub const SIG_BLOCK: u32 = g::SIG_BLOCK;
pub const SIG_UNBLOCK: u32 = g::SIG_UNBLOCK;
pub const SIG_SETMASK: u32 = g::SIG_SETMASK;

/// rt_sigprocmask(2): changes the blocked set, returns the old one.
pub fn sigprocmask(how: u32, set: SigSet) -> Result<SigSet> {
    let mut old = SigSet::EMPTY;
    // SAFETY: both sets are valid u64s, the size argument is the kernel's sigset size.
    unsafe {
        syscall!(
            rt_sigprocmask,
            how,
            &set.0 as *const u64,
            &mut old.0 as *mut u64,
            8
        )
    }?;
    Ok(old)
}

/// A signal disposition rawsh sets. The only handler is `trap`'s, which notes the signal
/// and returns (rt::caught); everything else is polled (wait4, read).
#[derive(Clone, Copy, Debug)]
pub enum Disposition {
    Default,
    Ignore,
    /// Run this function on the signal, with every signal blocked meanwhile and no
    /// SA_RESTART: a blocking call it interrupts fails with EINTR (signal(7)), so that `wait`
    /// can give way to a trap.
    Handler(extern "C" fn(i32)),
}

// SAFETY: defined in arch/<arch>.rs (global_asm); only its address is taken, as sa_restorer.
unsafe extern "C" {
    /// src/arch: issues rt_sigreturn(2) for a handler that returns.
    fn rawsh_sigreturn();
}

/// rt_sigaction(2); returns whether the old disposition was SIG_IGN.
pub fn set_disposition(signal: i32, disp: Disposition) -> Result<bool> {
    // struct kernel_sigaction: handler, flags, restorer, mask (the same order on both arches).
    let new: [usize; 4] = match disp {
        Disposition::Default => [0, 0, 0, 0], // SIG_DFL
        Disposition::Ignore => [1, 0, 0, 0],  // SIG_IGN
        Disposition::Handler(f) => [
            f as usize,
            g::SA_RESTORER as usize,
            rawsh_sigreturn as *const () as usize,
            !0,
        ],
    };
    let mut old: [usize; 4] = [0; 4];
    // SAFETY: new and old have the kernel_sigaction layout (asserted below); sigset size 8; a
    // handler is a plain `extern "C" fn(i32)` and the restorer issues rt_sigreturn.
    unsafe { syscall!(rt_sigaction, signal, new.as_ptr(), old.as_mut_ptr(), 8) }?;
    Ok(old[0] == 1)
}

/// The current disposition of `signal` is SIG_IGN.
pub fn is_ignored(signal: i32) -> Result<bool> {
    let mut old: [usize; 4] = [0; 4];
    // SAFETY: act NULL only reads the disposition; old has the kernel_sigaction layout.
    unsafe { syscall!(rt_sigaction, signal, 0, old.as_mut_ptr(), 8) }?;
    Ok(old[0] == 1)
}

static_assertions::const_assert_eq!(core::mem::size_of::<g::kernel_sigaction>(), 32);
static_assertions::const_assert_eq!(core::mem::offset_of!(g::kernel_sigaction, sa_flags), 8);
// The number the arch's `rawsh_sigreturn` issues.
static_assertions::const_assert_eq!(syscalls::Sysno::rt_sigreturn as u32, g::__NR_rt_sigreturn);
static_assertions::const_assert_eq!(core::mem::offset_of!(g::kernel_sigaction, sa_mask), 24);

pub const SIGHUP: i32 = g::SIGHUP as i32;
pub const SIGINT: i32 = g::SIGINT as i32;
pub const SIGQUIT: i32 = g::SIGQUIT as i32;
pub const SIGKILL: i32 = g::SIGKILL as i32;
pub const SIGUSR1: i32 = g::SIGUSR1 as i32;
pub const SIGSEGV: i32 = g::SIGSEGV as i32;
pub const SIGPIPE: i32 = g::SIGPIPE as i32;
pub const SIGTERM: i32 = g::SIGTERM as i32;
pub const SIGCHLD: i32 = g::SIGCHLD as i32;
pub const SIGCONT: i32 = g::SIGCONT as i32;
pub const SIGSTOP: i32 = g::SIGSTOP as i32;
pub const SIGTSTP: i32 = g::SIGTSTP as i32;
pub const SIGTTIN: i32 = g::SIGTTIN as i32;
pub const SIGTTOU: i32 = g::SIGTTOU as i32;

/// Signal names (without "SIG") and the descriptions dash prints for a killed job
/// (strsignal(3)), indexed by number; both arches share these numbers (1..=31).
const SIGNALS: [(&str, &str); NAMED] = [
    ("0", "Unknown signal 0"),
    ("HUP", "Hangup"),
    ("INT", "Interrupt"),
    ("QUIT", "Quit"),
    ("ILL", "Illegal instruction"),
    ("TRAP", "Trace/breakpoint trap"),
    ("ABRT", "Aborted"),
    ("BUS", "Bus error"),
    ("FPE", "Floating point exception"),
    ("KILL", "Killed"),
    ("USR1", "User defined signal 1"),
    ("SEGV", "Segmentation fault"),
    ("USR2", "User defined signal 2"),
    ("PIPE", "Broken pipe"),
    ("ALRM", "Alarm clock"),
    ("TERM", "Terminated"),
    ("STKFLT", "Stack fault"),
    ("CHLD", "Child exited"),
    ("CONT", "Continued"),
    ("STOP", "Stopped (signal)"),
    ("TSTP", "Stopped"),
    ("TTIN", "Stopped (tty input)"),
    ("TTOU", "Stopped (tty output)"),
    ("URG", "Urgent I/O condition"),
    ("XCPU", "CPU time limit exceeded"),
    ("XFSZ", "File size limit exceeded"),
    ("VTALRM", "Virtual timer expired"),
    ("PROF", "Profiling timer expired"),
    ("WINCH", "Window changed"),
    ("IO", "I/O possible"),
    ("PWR", "Power failure"),
    ("SYS", "Bad system call"),
];

/// Signals 0..NAMED have a name and a description here; the others are real-time signals.
pub const NAMED: usize = 32;

/// Column `col` (0: names, 1: descriptions) of [`SIGNALS`].
const fn column(col: usize) -> [&'static str; NAMED] {
    let mut strs = [""; NAMED];
    let mut i = 0;
    while i < NAMED {
        strs[i] = if col == 0 { SIGNALS[i].0 } else { SIGNALS[i].1 };
        i += 1;
    }
    strs
}

const NAME_STRS: [&str; NAMED] = column(0);
static NAMES: StrTab<NAMED, { total_len(&NAME_STRS) }> = StrTab::new(&NAME_STRS);
const DESCRIPTION_STRS: [&str; NAMED] = column(1);
static DESCRIPTIONS: StrTab<NAMED, { total_len(&DESCRIPTION_STRS) }> =
    StrTab::new(&DESCRIPTION_STRS);

/// Signal `n`'s name without "SIG" (`"TERM"`; `"0"` for 0), if it has one here.
pub fn name(n: usize) -> Option<&'static str> {
    NAMES.get(n)
}

/// What strsignal(3) says of signal `n` (`"Terminated"`), if it has a name here.
pub fn description(n: usize) -> Option<&'static str> {
    DESCRIPTIONS.get(n)
}

static_assertions::const_assert_eq!(g::SIGSEGV, 11);
static_assertions::const_assert_eq!(g::SIGCHLD, 17);
static_assertions::const_assert_eq!(g::SIGTSTP, 20);
static_assertions::const_assert_eq!(g::SIGSYS, 31);

/// The highest signal number (`SIGRTMAX` of the kernel's 64 signals). 32 and 33 belong to
/// the C library's threads (signal(7)), so the first real-time signal named is 34.
pub const MAX: usize = 64;
pub const RTMIN: usize = 34;
const RTMIN_NEXT: usize = RTMIN + 1;
/// `RTMIN+1` to `RTMIN+15` count up from `RTMIN`; from here on they count down from `RTMAX`.
const RTMAX_FIRST: usize = RTMIN + 16;

/// Signal `n`'s name as dash's `kill -l` and `trap` show it: the table's for 1..=31; `RTMIN`,
/// `RTMIN+1`..`RTMIN+15`, `RTMAX-14`..`RTMAX-1`, `RTMAX` for 34..=64; the number for 32 and
/// 33. None for 0 and past [`MAX`].
pub fn full_name(n: usize) -> Option<heapless::String<8>> {
    use core::fmt::Write;
    let mut s = heapless::String::new();
    let written = match n {
        1..NAMED => s.push_str(name(n)?).is_ok(),
        NAMED..RTMIN => write!(s, "{n}").is_ok(),
        RTMIN => s.push_str("RTMIN").is_ok(),
        MAX => s.push_str("RTMAX").is_ok(),
        RTMIN_NEXT..RTMAX_FIRST => write!(s, "RTMIN+{}", n - RTMIN).is_ok(),
        RTMAX_FIRST..MAX => write!(s, "RTMAX-{}", MAX - n).is_ok(),
        _ => false,
    };
    written.then_some(s)
}

/// The signal number for a name like `TERM`, `SIGTERM`, `RTMIN+2` or `15` (0..=64), in
/// either case (`term`, as dash takes it).
pub fn from_name(name: &[u8]) -> Option<i32> {
    let mut upper = [0u8; 16];
    let name = upper
        .get_mut(..name.len())
        .map(|u| {
            u.copy_from_slice(name);
            u.make_ascii_uppercase();
            &*u
        })
        .unwrap_or(name);
    let name = name.strip_prefix(b"SIG").unwrap_or(name);
    if let Some(n) = parse_u32(name) {
        return (n as usize <= MAX).then_some(n as i32);
    }
    // Only the names `kill -l` shows (dash): `RTMIN+1`..`RTMIN+15`, `RTMAX-14`..`RTMAX-1`.
    let offset = |rest: &[u8], sign: u8, most: usize| match rest {
        [] => Some(0),
        [s, k @ ..] if *s == sign => parse_u32(k)
            .map(|k| k as usize)
            .filter(|k| (1..=most).contains(k)),
        _ => None,
    };
    let n = if let Some(rest) = name.strip_prefix(b"RTMIN") {
        offset(rest, b'+', RTMAX_FIRST - RTMIN_NEXT).map(|k| RTMIN + k)
    } else if let Some(rest) = name.strip_prefix(b"RTMAX") {
        offset(rest, b'-', MAX - RTMAX_FIRST).map(|k| MAX - k)
    } else {
        (1..NAMED).find(|&i| self::name(i).map(str::as_bytes) == Some(name))
    };
    n.map(|n| n as i32)
}

fn parse_u32(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 9 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0, |n, &d| n * 10 + (d - b'0') as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_both_ways() {
        let shown = |n| full_name(n).map(|s| s.as_str().to_owned());
        assert_eq!(shown(15).as_deref(), Some("TERM"));
        assert_eq!(shown(32).as_deref(), Some("32"));
        assert_eq!(shown(34).as_deref(), Some("RTMIN"));
        assert_eq!(shown(49).as_deref(), Some("RTMIN+15"));
        assert_eq!(shown(50).as_deref(), Some("RTMAX-14"));
        assert_eq!(shown(64).as_deref(), Some("RTMAX"));
        assert_eq!(shown(0), None);
        assert_eq!(shown(65), None);
        // Every name shown is read back as its number, and nothing else is.
        for n in 1..=MAX {
            let name = full_name(n).unwrap();
            assert_eq!(from_name(name.as_bytes()), Some(n as i32), "{name}");
        }
        assert_eq!(from_name(b"SIGRTMIN+15"), Some(49));
        assert_eq!(from_name(b"term"), Some(15));
        assert_eq!(from_name(b"rtmax-1"), Some(63));
        for bad in [
            &b"RTMAX-31"[..],
            b"RTMAX-40",
            b"RTMAX-15",
            b"RTMIN+16",
            b"RTMIN+0",
            b"RTMIN+31",
            b"RTMIN-1",
            b"RTMIN+",
            b"65",
            b"TERMX",
        ] {
            assert_eq!(from_name(bad), None, "{}", String::from_utf8_lossy(bad));
        }
    }
}
