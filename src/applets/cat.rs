//! `cat [-u] [FILE...]`: copies each file, or standard input for `-` or no operand, to
//! standard output through one fixed buffer. `-u` (unbuffered, POSIX) is accepted; reads are
//! written out as they come anyway.

use super::common::{self, Opts};
use crate::rt::out::Buffered;
use crate::sys::fd::{self, Fd};
use crate::sys::fs;
use core::ffi::CStr;

const USAGE: &str = "cat [-u] [FILE...]";

pub fn main(args: &[&CStr]) -> i32 {
    let mut opts = Opts::new(args, b"u");
    if opts.any(|o| o.is_err()) {
        return common::usage(USAGE);
    }
    let files = match opts.operands() {
        [] => &[c"-"][..],
        files => files,
    };
    let mut out = Buffered::new(Fd::STDOUT);
    let mut status = 0;
    for &file in files {
        if out.error.is_some() {
            break;
        }
        let input = if file.to_bytes() == b"-" {
            Fd::STDIN
        } else {
            match fs::open(file, fs::O_RDONLY | fs::O_CLOEXEC, 0) {
                Ok(fd) => fd,
                Err(e) => {
                    status = common::fail("cat", file.to_bytes(), e);
                    continue;
                }
            }
        };
        if let Err(e) = common::copy(input, &mut out) {
            // The error message must follow what was already copied.
            out.flush();
            status = common::fail("cat", file.to_bytes(), e);
        }
        if input != Fd::STDIN {
            let _ = fd::close(input);
        }
    }
    common::finish("cat", out, status)
}
