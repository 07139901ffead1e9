//! The command line: `rawsh [-eux...] [--spawn=S] [-c STRING [NAME [ARG...]] | FILE [ARG...]]`.

use super::builtins::{set_option, set_option_name};
use super::{Shell, Show};
use crate::rt::out;
use crate::rt::spawn::Strategy;
use crate::sys::fd::Fd;
use crate::sys::tty;
use alloc::vec::Vec;

const USAGE: &str = "usage: rawsh [-aeufnvxCiT] [-o OPTION] [--spawn=fork|vfork|clone] [-c STRING [NAME [ARG...]] | -s [ARG...] | FILE [ARG...]]";

const HELP: &str = "rawsh: a small POSIX shell on a no-libc Rust runtime

  rawsh                      interactive on a terminal, else commands from standard input
  rawsh FILE [ARG...]        run a script
  rawsh -c STRING [NAME [ARG...]]
                             run STRING ($0 = NAME, $1... = ARGs)
  rawsh -s [ARG...]          commands from standard input, $1... = ARGs
options:
  -a -e -u -f -v -x -C       as `set -a` (allexport), -e (errexit), -u (nounset), -f (noglob),
                             -v, -x, -C
  -n                         read and parse commands, run none (syntax check)
  -i                         interactive
  -T                         trace every syscall on stderr, strace-style (set -o systrace)
  -o NAME                    as `set -o NAME`
  --spawn=fork|vfork|clone   how external commands are started (default clone)
  --help, --version";

/// The shell's entry point; the process's exit status.
pub fn main(args: &[Vec<u8>]) -> i32 {
    let arg0 = args.first().cloned().unwrap_or_else(|| b"rawsh".to_vec());
    let mut sh = Shell::new(arg0, Vec::new());
    let mut command: Option<Vec<u8>> = None;
    let mut want_c = false;
    let mut want_s = false;
    let mut interactive = None;
    let mut i = 1;
    while i < args.len() {
        let a = args[i].as_slice();
        match a {
            b"--help" => {
                out::line(Fd::STDOUT, format_args!("{HELP}"));
                return 0;
            }
            b"--version" => {
                out::line(
                    Fd::STDOUT,
                    format_args!("rawsh {}", env!("CARGO_PKG_VERSION")),
                );
                return 0;
            }
            b"--" => {
                i += 1;
                break;
            }
            _ if a.starts_with(b"--spawn=") => match Strategy::from_name(&a[8..]) {
                Some(s) => sh.strategy = s,
                None => {
                    return usage(format_args!(
                        "{}: unknown spawn strategy (fork, vfork or clone)",
                        Show(&a[8..])
                    ));
                }
            },
            b"-o" | b"+o" => {
                i += 1;
                let Some(name) = args.get(i) else {
                    return usage(format_args!("-o needs an option name"));
                };
                if !set_option_name(&mut sh, name, a[0] == b'-') {
                    return usage(format_args!("-o {}: unknown option name", Show(name)));
                }
            }
            _ if a.starts_with(b"--") => return usage(format_args!("{}: unknown option", Show(a))),
            _ if (a.starts_with(b"-") || a.starts_with(b"+")) && a.len() > 1 => {
                let on = a[0] == b'-';
                for &c in &a[1..] {
                    match c {
                        b'c' if on => want_c = true,
                        b's' => want_s = on,
                        b'i' => interactive = Some(on),
                        c if set_option(&mut sh, c, on) => {}
                        _ => return usage(format_args!("-{}: unknown option", c as char)),
                    }
                }
            }
            _ => break,
        }
        i += 1;
    }
    if want_c {
        let Some(c) = args.get(i) else {
            return usage(format_args!("-c requires an argument"));
        };
        command = Some(c.clone());
        i += 1;
        if let Some(name) = args.get(i) {
            sh.arg0 = name.clone();
            i += 1;
        }
        sh.params = args.get(i..).unwrap_or_default().to_vec();
    }
    if let Some(c) = command {
        sh.line = 1;
        let r = sh.run_string(&c, 1);
        return sh.finish(r);
    }
    if let Some(file) = args.get(i).filter(|_| !want_s) {
        sh.arg0 = file.clone();
        sh.params = args[i + 1..].to_vec();
        let status = sh.run_file(file);
        return sh.finish(Ok(status));
    }
    sh.params = args.get(i..).map(<[Vec<u8>]>::to_vec).unwrap_or_default();
    sh.opts.stdin = true;
    sh.opts.interactive =
        interactive.unwrap_or_else(|| tty::isatty(Fd::STDIN) && tty::isatty(Fd::STDERR));
    if sh.opts.interactive {
        sh.ignore_job_signals();
        sh.start_job_control();
    }
    let status = sh.run_fd(Fd::STDIN);
    sh.finish(Ok(status))
}

/// rawsh as PID 1 (DESIGN.md, "Init mode"): set the machine up, run /etc/rc and the boot
/// command, then an interactive shell on the console. Never returns: `exit`, end of input and
/// `poweroff` power the machine off, since PID 1 exiting would panic the kernel.
pub fn init_main(args: &[Vec<u8>]) -> ! {
    crate::init::setup();
    let mut sh = Shell::new(
        args.first().cloned().unwrap_or_else(|| b"init".to_vec()),
        Vec::new(),
    );
    // The kernel passed none (the shell's own default is not exported): init's, exported.
    if !sh.vars.is_exported(b"PATH") {
        let _ = sh.vars.set(b"PATH", &crate::init::DEFAULT_PATH[5..]);
        let _ = sh.vars.export(b"PATH");
    }
    sh.init = true;
    sh.child_default.0 |= crate::init::IGNORED_SIGNALS.0;
    if crate::sys::fs::access(c"/etc/rc", crate::sys::fs::R_OK).is_ok() {
        sh.run_file(b"/etc/rc");
    }
    if let Some(cmd) = crate::init::boot_command(args.iter().skip(1).map(|a| a.as_slice())) {
        sh.line = 1;
        if let Err(super::Flow::Exit(_)) = sh.run_string(&cmd, 1) {
            crate::init::poweroff();
        }
    }
    sh.opts.interactive = true;
    sh.start_job_control();
    sh.run_fd(Fd::STDIN);
    crate::init::poweroff()
}

fn usage(why: core::fmt::Arguments<'_>) -> i32 {
    out::line(Fd::STDERR, format_args!("rawsh: {why}\n{USAGE}"));
    2
}
