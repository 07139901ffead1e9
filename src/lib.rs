//! rawsh: a freestanding runtime that makes its own system calls, a small POSIX-subset shell
//! on top, and an /init for a minimal initramfs. See DESIGN.md and README.md.
//!
//! Only `arch`, `sys` and `rt` hold code the compiler cannot check for memory safety;
//! everything above them is safe Rust.

#![cfg_attr(not(any(test, fuzzing)), no_std)]

extern crate alloc;

pub mod arch;
pub mod rt;
pub mod sys;

#[cfg(test)]
mod testing;

pub mod applets;
pub mod init;
pub mod shell;
