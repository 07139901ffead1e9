//! `mkdir [-p] [-m MODE] DIR...`: creates directories. `-p` creates missing parents and
//! accepts a directory that already exists; `-m` gives the new directory exactly the octal
//! MODE, whatever the umask (parents made by `-p` get the default mode).

use super::common::{self, Opts};
use crate::sys::{Errno, fs};
use alloc::ffi::CString;
use core::ffi::CStr;

const USAGE: &str = "mkdir [-p] [-m MODE] DIR...";

pub fn main(args: &[&CStr]) -> i32 {
    let mut parents = false;
    let mut mode = None;
    let mut opts = Opts::new(args, b"pm:");
    for o in &mut opts {
        match o {
            Ok((b'p', _)) => parents = true,
            Ok((b'm', Some(m))) => match parse_mode(m.to_bytes()) {
                Some(m) => mode = Some(m),
                None => return common::usage(USAGE),
            },
            _ => return common::usage(USAGE),
        }
    }
    let dirs = opts.operands();
    if dirs.is_empty() {
        return common::usage(USAGE);
    }
    let mut status = 0;
    for &dir in dirs {
        if let Err((path, e)) = make(dir, parents, mode) {
            status = common::fail("mkdir", path.to_bytes(), e);
        }
    }
    status
}

/// Creates `dir` (and, with `parents`, its missing ancestors); on failure, the path that
/// could not be created and why.
fn make(dir: &CStr, parents: bool, mode: Option<u32>) -> Result<(), (CString, Errno)> {
    let bytes = dir.to_bytes();
    if parents {
        // Each prefix ending before a slash that follows a name: `a/b//c/` makes a, a/b.
        for end in (1..bytes.len()).filter(|&i| bytes[i] == b'/' && bytes[i - 1] != b'/') {
            let prefix = CString::new(&bytes[..end]).unwrap_or_default();
            match fs::mkdir(&prefix, 0o777) {
                Ok(()) | Err(Errno::EEXIST) => {}
                Err(e) => return Err((prefix, e)),
            }
        }
    }
    // mkdir(2) applies the umask; -m must not, so clear it for this one call.
    let old = mode.map(|_| fs::umask(0));
    let r = fs::mkdir(dir, mode.unwrap_or(0o777));
    if let Some(old) = old {
        fs::umask(old);
    }
    match r {
        Err(Errno::EEXIST) if parents && fs::stat(dir).is_ok_and(|st| st.is_dir()) => Ok(()),
        r => r.map_err(|e| (dir.into(), e)),
    }
}

/// An octal mode up to 07777.
fn parse_mode(s: &[u8]) -> Option<u32> {
    if s.is_empty() || s.len() > 4 {
        return None;
    }
    s.iter().try_fold(0, |m, &d| match d {
        b'0'..=b'7' => Some(m * 8 + (d - b'0') as u32),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(parse_mode(b"755"), Some(0o755));
        assert_eq!(parse_mode(b"1777"), Some(0o1777));
        assert_eq!(parse_mode(b"0"), Some(0));
        assert_eq!(parse_mode(b""), None);
        assert_eq!(parse_mode(b"8"), None);
        assert_eq!(parse_mode(b"u+x"), None);
        assert_eq!(parse_mode(b"17777"), None);
    }
}
