//! `rm [-rf] FILE...`: removes files; `-r` removes directories and their contents, `-f`
//! ignores files that do not exist (and a missing operand).
//!
//! Like coreutils, it refuses `.` and `..` as operands and `-r` on `/`. A directory's names
//! are read in full before any is removed, since removing entries while reading the directory
//! can make getdents skip some.

use super::common::{self, Opts};
use crate::rt::out;
use crate::sys::fd::Fd;
use crate::sys::{Errno, fs};
use core::ffi::CStr;

const USAGE: &str = "rm [-rf] FILE...";

pub fn main(args: &[&CStr]) -> i32 {
    let (mut recursive, mut force) = (false, false);
    let mut opts = Opts::new(args, b"rRf");
    for o in &mut opts {
        match o {
            Ok((b'r' | b'R', _)) => recursive = true,
            Ok((b'f', _)) => force = true,
            _ => return common::usage(USAGE),
        }
    }
    let files = opts.operands();
    if files.is_empty() && !force {
        return common::usage(USAGE);
    }
    let mut status = 0;
    for &file in files {
        let path = file.to_bytes();
        let trimmed = &path[..path.iter().rposition(|&b| b != b'/').map_or(0, |i| i + 1)];
        let last = trimmed.rsplit(|&b| b == b'/').next().unwrap_or(b"");
        if trimmed.is_empty() && recursive {
            out::line(
                Fd::STDERR,
                format_args!("rm: it is dangerous to operate recursively on '/'"),
            );
            status = 1;
        } else if last == b"." || last == b".." {
            let mut l = out::Line::new();
            l.push(b"rm: refusing to remove '.' or '..' directory: skipping '");
            l.push(path);
            l.push(b"'");
            l.finish(Fd::STDERR);
            status = 1;
        } else if remove(file, recursive, force) != 0 {
            status = 1;
        }
    }
    status
}

/// Removes `path`, and with `recursive` a directory's contents first; reports each failure.
/// Tries unlink first: on a directory it fails with EISDIR, which saves a stat per file.
fn remove(path: &CStr, recursive: bool, force: bool) -> i32 {
    match fs::unlink(path, false) {
        Ok(()) => 0,
        Err(Errno::ENOENT) if force => 0,
        Err(Errno::EISDIR) if recursive => remove_dir(path, force),
        Err(e) => common::fail("rm", path.to_bytes(), e),
    }
}

fn remove_dir(dir: &CStr, force: bool) -> i32 {
    let names = match common::read_dir(dir) {
        Ok(names) => names,
        Err(e) => return common::fail("rm", dir.to_bytes(), e),
    };
    let mut status = 0;
    for name in names.iter().filter(|n| *n != b"." && *n != b"..") {
        if remove(&common::join(dir.to_bytes(), name), true, force) != 0 {
            status = 1;
        }
    }
    match fs::unlink(dir, true) {
        Ok(()) => status,
        // A failure inside was reported already; the directory is not empty because of it.
        Err(_) if status != 0 => status,
        Err(e) => common::fail("rm", dir.to_bytes(), e),
    }
}
