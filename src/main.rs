//! The `rawsh` binary: start-up hands over to [`main`], which picks an applet (by argv[0]'s
//! basename, or `rawsh --applet NAME ARG...`) or the shell.

#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use core::ffi::CStr;
use rawsh::sys::fd::Fd;
use rawsh::{applets, rt, shell};

rawsh::entry_point!(main);

fn main() -> i32 {
    let args: Vec<Vec<u8>> = rt::start::args().map(|a| a.to_bytes().to_vec()).collect();
    let arg0 = args.first().map_or(&b"rawsh"[..], Vec::as_slice);
    let base = arg0.rsplit(|&b| b == b'/').next().unwrap_or(arg0);
    if let Some(applet) = applets::find(base) {
        let cargs: Vec<&CStr> = rt::start::args().collect();
        return applet(&cargs);
    }
    // `rawsh --applet NAME ARG...`: the applet gets argv from its name on (how selftest
    // re-executes itself where no link named after the applet exists).
    if args.get(1).map(Vec::as_slice) == Some(b"--applet") {
        let cargs: Vec<&CStr> = rt::start::args().skip(2).collect();
        let Some(name) = cargs.first() else {
            rt::out::line(Fd::STDERR, format_args!("rawsh: --applet: name missing"));
            return 2;
        };
        return match applets::find(name.to_bytes()) {
            Some(applet) => applet(&cargs),
            None => {
                let name = name.to_bytes().escape_ascii();
                rt::out::line(Fd::STDERR, format_args!("rawsh: {name}: no such applet"));
                2
            }
        };
    }
    shell::cli::main(&args)
}
