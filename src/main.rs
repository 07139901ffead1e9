//! The `rawsh` binary: start-up hands over to [`main`], which picks init, an applet or the shell.

#![no_std]
#![no_main]

extern crate alloc;

use alloc::vec::Vec;
use rawsh::{applets, rt};

rawsh::entry_point!(main);

fn main() -> i32 {
    let args: Vec<_> = rt::start::args().collect();
    if let Some(status) = applets::dispatch(&args) {
        return status;
    }
    rt::out::line(rawsh::sys::fd::Fd::STDOUT, format_args!("rawsh: hello"));
    0
}
