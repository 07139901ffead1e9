//! The `rawsh` binary: start-up hands over to [`main`], which picks an applet (by argv[0]'s
//! basename, or `--applet NAME`) or the shell.

#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use rawsh::{applets, rt, shell};

rawsh::entry_point!(main);

fn main() -> i32 {
    let cargs: Vec<_> = rt::start::args().collect();
    if rawsh::sys::process::getpid().0 == 1 {
        let args: Vec<Vec<u8>> = cargs.iter().map(|a| a.to_bytes().to_vec()).collect();
        shell::cli::init_main(&args);
    }
    if let Some(status) = applets::dispatch(&cargs) {
        return status;
    }
    let args: Vec<Vec<u8>> = cargs.iter().map(|a| a.to_bytes().to_vec()).collect();
    shell::cli::main(&args)
}
