//! The `rawsh` binary: start-up hands over to [`main`], which picks init, an applet or the shell.

#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use core::ffi::CStr;
use rawsh::applets;
use rawsh::rt;
use rawsh::sys::fd::Fd;

rawsh::entry_point!(main);

fn main() -> i32 {
    let args: Vec<&CStr> = rt::start::args().collect();
    // The multicall rule: argv[0]'s basename names an applet (`/bin/cat`), or the applet is
    // asked for by name (`rawsh --applet cat FILE`); either way it gets argv from its name on.
    let argv0 = args.first().map_or(&b""[..], |a| a.to_bytes());
    let base = argv0.rsplit(|&b| b == b'/').next().unwrap_or(argv0);
    if let Some(applet) = applets::find(base) {
        return applet(&args);
    }
    if args.get(1).map(|a| a.to_bytes()) == Some(b"--applet") {
        let Some(name) = args.get(2) else {
            rt::out::line(Fd::STDERR, format_args!("rawsh: --applet: name missing"));
            return 2;
        };
        return match applets::find(name.to_bytes()) {
            Some(applet) => applet(&args[2..]),
            None => {
                let name = name.to_bytes().escape_ascii();
                rt::out::line(Fd::STDERR, format_args!("rawsh: {name}: no such applet"));
                2
            }
        };
    }
    rt::out::line(Fd::STDOUT, format_args!("rawsh: hello"));
    0
}
