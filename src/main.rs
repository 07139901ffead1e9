//! The `rawsh` binary: start-up hands over to [`main`], which picks init, an applet or the shell.

#![no_std]
#![no_main]

use rawsh::rt;

rawsh::entry_point!(main);

fn main() -> i32 {
    rt::out::line(rawsh::sys::fd::Fd::STDOUT, format_args!("rawsh: hello"));
    0
}
