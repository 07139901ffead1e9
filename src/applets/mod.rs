//! Small programs in the same binary, chosen by argv[0]'s basename (symlinks in the
//! initramfs) or by `rawsh --applet NAME ARG...`.

use core::ffi::CStr;

mod cat;
mod common;
mod echo;
mod env;
mod kill;
mod ls;
mod mkdir;
mod mount;
mod ps;
mod rm;
pub mod selftest;
mod sleep;
pub mod spawnbench;
mod uname;

/// An applet's main: gets its arguments, argv[0] included; returns the exit status.
pub type Main = fn(&[&CStr]) -> i32;

/// Every applet, by name.
pub const APPLETS: &[(&str, Main)] = &[
    ("cat", cat::main),
    ("echo", echo::main),
    ("env", env::main),
    ("false", |_| 1),
    ("kill", kill::main),
    ("ls", ls::main),
    ("mkdir", mkdir::main),
    ("mount", mount::main),
    ("ps", ps::main),
    ("rm", rm::main),
    ("selftest", selftest::main),
    ("sleep", sleep::main),
    ("spawnbench", spawnbench::main),
    ("true", |_| 0),
    ("uname", uname::main),
];

pub fn find(name: &[u8]) -> Option<Main> {
    APPLETS
        .iter()
        .find(|(n, _)| n.as_bytes() == name)
        .map(|&(_, f)| f)
}

/// Runs the applet `args` name, if it names one: by argv[0]'s basename, or as
/// `rawsh --applet NAME ARG...` (NAME becoming the applet's argv[0]). `None` otherwise.
pub fn dispatch(args: &[&CStr]) -> Option<i32> {
    let argv0 = args.first()?.to_bytes();
    let base = argv0.rsplit(|&b| b == b'/').next().unwrap_or(argv0);
    if let Some(main) = find(base) {
        return Some(main(args));
    }
    match args {
        [_, flag, rest @ ..] if flag.to_bytes() == b"--applet" => {
            let Some(main) = rest.first().and_then(|name| find(name.to_bytes())) else {
                return Some(common::usage("rawsh --applet NAME [ARG...]"));
            };
            Some(main(rest))
        }
        _ => None,
    }
}
