//! PID 1 duties (DESIGN.md "Init mode"): mount the kernel's filesystems, make the console the
//! controlling terminal, ignore the signals that would stop init, reap orphans, power off or
//! reboot, and read the command the kernel passed after `--`.
//!
//! The shell drives them when `getpid() == 1`: [`setup`] once at start, [`environment`] for
//! its variables, then `/etc/rc`, then [`boot_command`], then the prompt, calling [`reap`]
//! between commands, and [`poweroff`] on `exit`, EOF and `poweroff`, [`reboot`] on `reboot`.
//! Init must never return from its main function: exiting PID 1 panics the kernel.

use crate::rt::out;
use crate::sys::fd::{self, Fd};
use crate::sys::process;
use crate::sys::signal::{self, Disposition, SigSet};
use crate::sys::{Errno, fs, system, time, tty};
use alloc::vec::Vec;
use core::ffi::CStr;

/// The filesystems init mounts, in order: (type, mount point, flags, options). devtmpfs first:
/// the console device is opened from it.
const MOUNTS: [(&CStr, &CStr, u64, Option<&CStr>); 4] = [
    (c"devtmpfs", c"/dev", fs::MS_NOSUID, Some(c"mode=0755")),
    (
        c"proc",
        c"/proc",
        fs::MS_NOSUID | fs::MS_NODEV | fs::MS_NOEXEC,
        None,
    ),
    (
        c"sysfs",
        c"/sys",
        fs::MS_NOSUID | fs::MS_NODEV | fs::MS_NOEXEC,
        None,
    ),
    (
        c"tmpfs",
        c"/tmp",
        fs::MS_NOSUID | fs::MS_NODEV,
        Some(c"mode=1777"),
    ),
];

/// The signals init ignores: the terminal's (Ctrl-C, Ctrl-\, Ctrl-Z, background reads and
/// writes, hangup) and SIGTERM. The kernel already drops default-action signals sent to PID 1
/// from user space (SIGNAL_UNKILLABLE), but not those it raises itself for the controlling
/// tty. Children must get these back at SIG_DFL: pass this set as `Spawn::default_signals`
/// (dispositions set to SIG_IGN survive execve(2)).
pub const IGNORED_SIGNALS: SigSet = SigSet(
    bit(signal::SIGTERM)
        | bit(signal::SIGINT)
        | bit(signal::SIGHUP)
        | bit(signal::SIGQUIT)
        | bit(signal::SIGTSTP)
        | bit(signal::SIGTTIN)
        | bit(signal::SIGTTOU),
);

const fn bit(signal: i32) -> u64 {
    1 << (signal - 1)
}

/// PATH when the kernel gave none (it passes only HOME=/, TERM=linux and unknown `name=value`
/// boot parameters: init/main.c, envp_init).
pub const DEFAULT_PATH: &[u8] = b"PATH=/bin:/sbin:/usr/bin:/usr/sbin";

/// Where the kernel lists its consoles; the last one is where /dev/console leads
/// (Documentation/ABI/testing/sysfs-tty, "console/active").
const CONSOLE_ACTIVE: &CStr = c"/sys/class/tty/console/active";

/// Start-up as PID 1: ignores the signals in [`IGNORED_SIGNALS`], mounts devtmpfs, proc,
/// sysfs and tmpfs (a failure is reported and start-up goes on), then starts a session whose
/// controlling terminal is the console, on fds 0, 1 and 2.
pub fn setup() {
    for sig in 1..=31 {
        if IGNORED_SIGNALS.0 & bit(sig) != 0 {
            let _ = signal::set_disposition(sig, Disposition::Ignore);
        }
    }
    for (fstype, dir, flags, options) in MOUNTS {
        // The initramfs may lack the directory; EEXIST is the usual case.
        let _ = fs::mkdir(dir, 0o755);
        if let Err(e) = fs::mount(fstype, dir, fstype, flags, options) {
            report(format_args!("mount {}: {e}", show(dir)));
        }
    }
    take_console();
}

/// setsid(2), then the console as fds 0-2 and the controlling terminal (TIOCSCTTY, see
/// tty_ioctl(4)), so that Ctrl-C sends SIGINT to the foreground job.
///
/// Opening /dev/console never makes it the controlling tty by itself (drivers/tty/tty_io.c,
/// tty_open: "noctty" for 5:1), which is why busybox's shell needs `cttyhack`; an explicit
/// TIOCSCTTY on it works (tried on Linux 6.1, x86_64 and aarch64: Ctrl-C reaches the
/// foreground job either way). The kernel's own device (ttyS0, ttyAMA0) is preferred so that
/// fds 0-2 and /dev/tty name the real terminal; /dev/console is the fallback when no device
/// is named or it cannot be opened.
fn take_console() {
    // PID 1 starts in the kernel's session 0 and is no group leader, so this succeeds.
    if let Err(e) = process::setsid() {
        report(format_args!("setsid: {e}"));
    }
    let mut active = [0u8; 256];
    let n = read_file(CONSOLE_ACTIVE, &mut active).unwrap_or(0);
    let mut path = Vec::new();
    if let Some(dev) = console_device(&active[..n]) {
        path.extend_from_slice(b"/dev/");
        path.extend_from_slice(dev);
        path.push(0);
    }
    let device = CStr::from_bytes_with_nul(&path).ok();
    for dev in device.into_iter().chain([c"/dev/console"]) {
        match open_console(dev) {
            Ok(()) => return,
            Err(e) => report(format_args!("console {}: {e}", show(dev))),
        }
    }
}

fn open_console(dev: &CStr) -> Result<(), Errno> {
    let fd = fs::open(dev, fs::O_RDWR | fs::O_NOCTTY, 0)?;
    let r = tty::set_controlling(fd).and_then(|()| {
        for std in [Fd::STDIN, Fd::STDOUT, Fd::STDERR] {
            fd::dup2(fd, std)?;
        }
        Ok(())
    });
    if fd.0 > 2 {
        let _ = fd::close(fd);
    }
    r
}

/// The device /dev/console leads to, from the text of /sys/class/tty/console/active
/// (`"tty0 ttyS0\n"`): its last name, if that is a plain device name.
fn console_device(active: &[u8]) -> Option<&[u8]> {
    let name = active
        .split(|b| b.is_ascii_whitespace())
        .rfind(|w| !w.is_empty())?;
    name.iter()
        .all(|b| b.is_ascii_alphanumeric() || *b == b'_' || *b == b'.')
        .then_some(name)
}

fn read_file(path: &CStr, buf: &mut [u8]) -> Result<usize, Errno> {
    let fd = fs::open(path, fs::O_RDONLY | fs::O_CLOEXEC, 0)?;
    let r = fd::read(fd, buf);
    let _ = fd::close(fd);
    r
}

/// The environment for init's shell: the kernel's, plus [`DEFAULT_PATH`] when it has no PATH.
pub fn environment<'a>(env: impl Iterator<Item = &'a [u8]>) -> Vec<&'a [u8]> {
    let mut vars: Vec<&[u8]> = env.collect();
    if !vars.iter().any(|v| v.starts_with(b"PATH=")) {
        vars.push(DEFAULT_PATH);
    }
    vars
}

/// The word that names the boot command: `-- rawsh.run="echo hi; poweroff"`.
const RUN: &[u8] = b"rawsh.run=";

/// The command to run before the prompt, from init's arguments (argv without argv[0]).
///
/// The kernel hands init the words after `--` on its command line (and unknown boot words
/// without `=`), one argv entry each, after stripping double quotes: `-- "echo a; echo b"` and
/// `-- rawsh.run="echo a; echo b"` both arrive as one word. A `rawsh.run=` word contributes
/// its value, any other word itself; they are joined with spaces. `None` when there are none.
/// `rawsh.run=` must come after `--`: before it the kernel takes the dotted name for a module
/// parameter and drops it (tried on Linux 6.1).
/// (The kernel accepts at most 32 init arguments, CONFIG_INIT_ENV_ARG_LIMIT, and panics
/// beyond: quote a long command.)
pub fn boot_command<'a>(args: impl Iterator<Item = &'a [u8]>) -> Option<Vec<u8>> {
    let mut cmd = Vec::new();
    for word in args {
        if !cmd.is_empty() {
            cmd.push(b' ');
        }
        cmd.extend_from_slice(word.strip_prefix(RUN).unwrap_or(word));
    }
    (!cmd.is_empty()).then_some(cmd)
}

/// Flushes the filesystems and powers the machine off (reboot(2), LINUX_REBOOT_CMD_POWER_OFF).
/// For PID 1 only: the caller checks `getpid() == 1`.
pub fn poweroff() -> ! {
    halt(system::POWER_OFF, "poweroff")
}

/// Flushes the filesystems and restarts the machine (LINUX_REBOOT_CMD_RESTART). PID 1 only.
pub fn reboot() -> ! {
    halt(system::RESTART, "reboot")
}

/// Never returns, even if reboot(2) fails (EPERM outside the initial user namespace): PID 1
/// may not exit, so it reports the error and goes on reaping.
fn halt(cmd: u32, name: &str) -> ! {
    system::sync();
    if let Err(e) = system::reboot(cmd) {
        report(format_args!("{name}: {e}"));
    }
    // Block in wait4 for orphans; with none left, ECHILD: sleep instead of spinning.
    loop {
        if process::wait4(-1, 0).is_err() {
            let _ = time::sleep_ns(1_000_000_000);
        }
    }
}

fn report(what: core::fmt::Arguments<'_>) {
    out::line(Fd::STDERR, format_args!("rawsh: init: {what}"));
}

/// A path for a message: paths here are ASCII literals or names checked by [`console_device`].
fn show(path: &CStr) -> &str {
    path.to_str().unwrap_or("?")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn console_is_the_last_active_device() {
        assert_eq!(console_device(b"tty0 ttyS0\n"), Some(&b"ttyS0"[..]));
        assert_eq!(console_device(b"ttyAMA0\n"), Some(&b"ttyAMA0"[..]));
        assert_eq!(console_device(b"\n"), None);
        assert_eq!(console_device(b""), None);
        assert_eq!(console_device(b"tty0 ../x\n"), None);
    }

    #[test]
    fn boot_command_joins_words_and_unwraps_rawsh_run() {
        let cmd = |args: &[&str]| {
            boot_command(args.iter().map(|a| a.as_bytes())).map(|c| String::from_utf8(c).unwrap())
        };
        assert_eq!(cmd(&[]), None);
        assert_eq!(cmd(&["uname", "-m"]).as_deref(), Some("uname -m"));
        assert_eq!(
            cmd(&["rawsh.run=echo a; poweroff"]).as_deref(),
            Some("echo a; poweroff")
        );
        assert_eq!(cmd(&["echo a; echo b"]).as_deref(), Some("echo a; echo b"));
        assert_eq!(cmd(&["rawsh.run="]), None);
    }

    #[test]
    fn default_path_only_when_unset() {
        let env = environment([&b"HOME=/"[..], b"TERM=linux"].into_iter());
        assert_eq!(env, [&b"HOME=/"[..], b"TERM=linux", DEFAULT_PATH]);
        let env = environment([&b"PATH=/x"[..]].into_iter());
        assert_eq!(env, [&b"PATH=/x"[..]]);
    }

    #[test]
    fn ignored_signals_spare_sigchld_and_sigkill() {
        assert_ne!(IGNORED_SIGNALS.0 & bit(signal::SIGINT), 0);
        assert_ne!(IGNORED_SIGNALS.0 & bit(signal::SIGTTOU), 0);
        assert_eq!(IGNORED_SIGNALS.0 & bit(signal::SIGCHLD), 0);
        assert_eq!(IGNORED_SIGNALS.0 & bit(signal::SIGKILL), 0);
    }
}
