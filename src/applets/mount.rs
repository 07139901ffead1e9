//! `mount` prints the mount table (/proc/mounts); `mount [-t TYPE] [-o OPTIONS] SOURCE DIR`
//! mounts; `mount -o remount,OPTIONS DIR` changes a mount's flags.
//!
//! OPTIONS is a comma-separated list: the words of mount(8) that are mount(2) flags (`ro`,
//! `rw`, `nosuid`, `nodev`, `noexec`, `bind`, `remount`, ...) become flags, the rest go to the
//! filesystem as its data string (`size=10m,mode=755`). Without `-t`, only `bind`, `move`
//! and `remount` mounts work: no filesystem type is guessed.

use super::common::{self, Opts};
use crate::rt::out::Buffered;
use crate::sys::fd::{self, Fd};
use crate::sys::fs;
use alloc::ffi::CString;
use alloc::vec::Vec;
use core::ffi::CStr;
use linux_raw_sys::general as g;

const USAGE: &str = "mount [-t TYPE] [-o OPTIONS] [SOURCE] DIR";

/// Option words that are mount(2) flags: (word, flag, whether the word sets or clears it).
const FLAGS: &[(&[u8], u32, bool)] = &[
    (b"ro", g::MS_RDONLY, true),
    (b"rw", g::MS_RDONLY, false),
    (b"nosuid", g::MS_NOSUID, true),
    (b"suid", g::MS_NOSUID, false),
    (b"nodev", g::MS_NODEV, true),
    (b"dev", g::MS_NODEV, false),
    (b"noexec", g::MS_NOEXEC, true),
    (b"exec", g::MS_NOEXEC, false),
    (b"sync", g::MS_SYNCHRONOUS, true),
    (b"async", g::MS_SYNCHRONOUS, false),
    (b"dirsync", g::MS_DIRSYNC, true),
    (b"noatime", g::MS_NOATIME, true),
    (b"atime", g::MS_NOATIME, false),
    (b"nodiratime", g::MS_NODIRATIME, true),
    (b"relatime", g::MS_RELATIME, true),
    (b"strictatime", g::MS_STRICTATIME, true),
    (b"remount", g::MS_REMOUNT, true),
    (b"bind", g::MS_BIND, true),
    (b"rbind", g::MS_BIND | g::MS_REC, true),
    (b"move", g::MS_MOVE, true),
    (b"defaults", 0, true),
];

/// Flags that need no filesystem type, nor (remount) a source.
const NO_TYPE: u32 = g::MS_REMOUNT | g::MS_BIND | g::MS_MOVE;

pub fn main(args: &[&CStr]) -> i32 {
    let mut fstype = None;
    let mut flags = 0;
    let mut data = Vec::new();
    let mut opts = Opts::new(args, b"t:o:");
    for o in &mut opts {
        match o {
            Ok((b't', t)) => fstype = t,
            Ok((b'o', Some(o))) => parse_options(o.to_bytes(), &mut flags, &mut data),
            _ => return common::usage(USAGE),
        }
    }
    let (source, dir) = match opts.operands() {
        [] if fstype.is_none() && flags == 0 && data.is_empty() => return show(),
        [dir] if flags & g::MS_REMOUNT != 0 => (c"none", *dir),
        [source, dir] => (*source, *dir),
        _ => return common::usage(USAGE),
    };
    if fstype.is_none() && flags & NO_TYPE == 0 {
        return common::usage(USAGE);
    }
    let data = (!data.is_empty()).then(|| CString::new(data).unwrap_or_default());
    match fs::mount(
        source,
        dir,
        fstype.unwrap_or(c""),
        flags.into(),
        data.as_deref(),
    ) {
        Ok(()) => 0,
        Err(e) => common::fail("mount", dir.to_bytes(), e),
    }
}

/// Adds the words of `options` to `flags`, or to the comma-separated `data`.
fn parse_options(options: &[u8], flags: &mut u32, data: &mut Vec<u8>) {
    for word in options.split(|&b| b == b',').filter(|w| !w.is_empty()) {
        match FLAGS.iter().find(|(w, _, _)| *w == word) {
            Some(&(_, flag, true)) => *flags |= flag,
            Some(&(_, flag, false)) => *flags &= !flag,
            None => {
                if !data.is_empty() {
                    data.push(b',');
                }
                data.extend_from_slice(word);
            }
        }
    }
}

fn show() -> i32 {
    let mut out = Buffered::new(Fd::STDOUT);
    let path = c"/proc/mounts";
    let r = fs::open(path, fs::O_RDONLY | fs::O_CLOEXEC, 0).and_then(|f| {
        let r = common::copy(f, &mut out);
        let _ = fd::close(f);
        r
    });
    let status = match r {
        Ok(()) => 0,
        Err(e) => common::fail("mount", path.to_bytes(), e),
    };
    common::finish("mount", out, status)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn options() {
        let (mut flags, mut data) = (0, Vec::new());
        parse_options(b"ro,nosuid,size=10m,,mode=755", &mut flags, &mut data);
        assert_eq!(flags, g::MS_RDONLY | g::MS_NOSUID);
        assert_eq!(data, b"size=10m,mode=755");
        parse_options(b"remount,rw", &mut flags, &mut data);
        assert_eq!(flags, g::MS_NOSUID | g::MS_REMOUNT);
    }
}
