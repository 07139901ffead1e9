//! The `rawsh` binary: start-up hands over to [`main`], which picks an applet (by argv[0]'s
//! basename) or the shell.

#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use rawsh::{applets, rt, shell};

rawsh::entry_point!(main);

fn main() -> i32 {
    let args: Vec<Vec<u8>> = rt::start::args().map(|a| a.to_bytes().to_vec()).collect();
    let arg0 = args.first().map_or(&b"rawsh"[..], Vec::as_slice);
    let base = arg0.rsplit(|&b| b == b'/').next().unwrap_or(arg0);
    if let Some(applet) = applets::find(base) {
        let cargs: Vec<&core::ffi::CStr> = rt::start::args().collect();
        return applet(&cargs);
    }
    shell::cli::main(&args)
}
