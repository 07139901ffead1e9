//! `ls [-adl] [FILE...]`: one name per line, sorted in byte order.
//!
//! As coreutils ls: operands that cannot be found are reported first, then the operands that
//! are not directories are listed together, then each directory's contents, headed by `DIR:`
//! when there is more than one operand. Without `-l` or `-d`, an operand that is a symlink to
//! a directory lists the directory. `-a` shows names starting with `.`; `-d` lists
//! directories themselves; `-l` shows mode, link count, numeric owner and group, size (or
//! `major, minor` for devices), name, and `-> target` for a symlink; it prints no time.

use super::common::{self, Opts};
use crate::rt::out::{self, Buffered};
use crate::sys::fd::Fd;
use crate::sys::fs::{self, Stat};
use alloc::vec::Vec;
use core::ffi::CStr;
use core::fmt::Write;
use linux_raw_sys::general as g;

const USAGE: &str = "ls [-adl] [FILE...]";

#[derive(Clone, Copy, Default)]
struct Flags {
    all: bool,
    dir: bool,
    long: bool,
}

/// One name to print, with what `-l` shows of it.
struct Entry<'a> {
    name: &'a [u8],
    stat: Stat,
    target: Option<Vec<u8>>,
}

pub fn main(args: &[&CStr]) -> i32 {
    let mut flags = Flags::default();
    let mut opts = Opts::new(args, b"adl");
    for o in &mut opts {
        match o {
            Ok((b'a', _)) => flags.all = true,
            Ok((b'd', _)) => flags.dir = true,
            Ok((b'l', _)) => flags.long = true,
            _ => return common::usage(USAGE),
        }
    }
    let operands = match opts.operands() {
        [] => &[c"."][..],
        ops => ops,
    };
    let stat = |op: &CStr| {
        if flags.long || flags.dir {
            fs::lstat(op)
        } else {
            fs::stat(op).or_else(|_| fs::lstat(op))
        }
    };
    // Missing operands are reported first, in command-line order; the rest are sorted (with
    // their NUL, which sorts as the shorter name does) and stat'ed again in that order.
    let mut status = 0;
    let mut found = Vec::with_capacity(operands.len());
    for &op in operands {
        match stat(op) {
            Ok(_) => found.push(op.to_bytes_with_nul()),
            Err(e) => status = cannot("access", op.to_bytes(), e),
        }
    }
    common::sort(&mut found);
    let mut files = Vec::new();
    let mut dirs = Vec::new();
    for op in found
        .iter()
        .filter_map(|op| CStr::from_bytes_with_nul(op).ok())
    {
        match stat(op) {
            Ok(st) if st.is_dir() && !flags.dir => dirs.push(op),
            Ok(st) => files.push(entry(op.to_bytes(), op, st, flags)),
            Err(e) => status = cannot("access", op.to_bytes(), e),
        }
    }
    let mut out = Buffered::new(Fd::STDOUT);
    print(&mut out, &files, flags);
    for (i, dir) in dirs.iter().enumerate() {
        if i > 0 || !files.is_empty() {
            out.bytes(b"\n");
        }
        if operands.len() > 1 {
            out.bytes(dir.to_bytes());
            out.bytes(b":\n");
        }
        if list_dir(&mut out, dir, flags) != 0 {
            status = 1;
        }
    }
    common::finish("ls", out, status)
}

/// `ls: cannot VERB 'PATH': strerror`, the coreutils wording; returns 1.
fn cannot(verb: &str, path: &[u8], e: crate::sys::Errno) -> i32 {
    let mut l = out::Line::new();
    let _ = write!(l, "ls: cannot {verb} '");
    l.push(path);
    let _ = write!(l, "': {}", e.message());
    l.finish(Fd::STDERR);
    1
}

fn entry<'a>(name: &'a [u8], path: &CStr, stat: Stat, flags: Flags) -> Entry<'a> {
    let mut target = None;
    if flags.long && stat.mode & fs::S_IFMT == fs::S_IFLNK {
        let mut buf = [0u8; 4096];
        target = fs::readlink(path, &mut buf).ok().map(<[u8]>::to_vec);
    }
    Entry { name, stat, target }
}

fn list_dir(out: &mut Buffered, dir: &CStr, flags: Flags) -> i32 {
    let read = match common::read_dir(dir) {
        Ok(names) => names,
        Err(e) => {
            out.flush();
            return cannot("open directory", dir.to_bytes(), e);
        }
    };
    let mut names: Vec<&[u8]> = read
        .iter()
        .map(|n| &n[..])
        .filter(|n| flags.all || !n.starts_with(b"."))
        .collect();
    common::sort(&mut names);
    let mut status = 0;
    let mut entries = Vec::with_capacity(names.len());
    for &name in &names {
        if !flags.long {
            entries.push(Entry {
                name,
                stat: Stat::default(),
                target: None,
            });
            continue;
        }
        let path = common::join(dir.to_bytes(), name);
        match fs::lstat(&path) {
            Ok(st) => entries.push(entry(name, &path, st, flags)),
            Err(e) => {
                out.flush();
                status = cannot("access", path.as_bytes(), e);
            }
        }
    }
    print(out, &entries, flags);
    status
}

fn print(out: &mut Buffered, entries: &[Entry<'_>], flags: Flags) {
    if !flags.long {
        for e in entries {
            out.bytes(e.name);
            out.bytes(b"\n");
        }
        return;
    }
    // Numeric columns are right-aligned to their widest value, as coreutils does.
    let mut width = [0; 4];
    for e in entries {
        for (w, f) in width.iter_mut().zip(columns(&e.stat)) {
            *w = f.len().max(*w);
        }
    }
    for e in entries {
        out.bytes(&mode_string(e.stat.mode));
        for (w, f) in width.iter().zip(columns(&e.stat)) {
            let _ = write!(out, " {:>w$}", f.as_str());
        }
        out.bytes(b" ");
        out.bytes(e.name);
        if let Some(t) = &e.target {
            out.bytes(b" -> ");
            out.bytes(t);
        }
        out.bytes(b"\n");
    }
}

type Field = heapless::String<24>;

fn num(n: u64) -> Field {
    let mut f = Field::new();
    let _ = write!(f, "{n}");
    f
}

/// The numeric columns of `-l`: links, owner, group, size.
fn columns(s: &Stat) -> [Field; 4] {
    [num(s.nlink), num(s.uid.into()), num(s.gid.into()), size(s)]
}

/// The size column: bytes, or `major, minor` for a device (the kernel's `dev_t` encoding,
/// as makedev(3) decodes it).
fn size(s: &Stat) -> Field {
    let kind = s.mode & fs::S_IFMT;
    if kind != fs::S_IFCHR && kind != fs::S_IFBLK {
        return num(s.size as u64);
    }
    let major = ((s.rdev >> 8) & 0xfff) | ((s.rdev >> 32) & !0xfff);
    let minor = (s.rdev & 0xff) | ((s.rdev >> 12) & !0xff);
    let mut f = Field::new();
    let _ = write!(f, "{major}, {minor}");
    f
}

/// `drwxr-xr-x`: the file type letter and the nine permission bits, with set-user-ID,
/// set-group-ID and sticky shown as `s`/`S` and `t`/`T` (ls(1p), "-l").
fn mode_string(mode: u32) -> [u8; 10] {
    let kind = match mode & fs::S_IFMT {
        fs::S_IFDIR => b'd',
        fs::S_IFLNK => b'l',
        fs::S_IFCHR => b'c',
        fs::S_IFBLK => b'b',
        fs::S_IFIFO => b'p',
        fs::S_IFSOCK => b's',
        _ => b'-',
    };
    let mut m = [kind, b'-', b'-', b'-', b'-', b'-', b'-', b'-', b'-', b'-'];
    for (i, c) in b"rwxrwxrwx".iter().enumerate() {
        if mode & (0o400 >> i) != 0 {
            m[i + 1] = *c;
        }
    }
    for (bit, at, set) in [
        (g::S_ISUID, 3, b's'),
        (g::S_ISGID, 6, b's'),
        (g::S_ISVTX, 9, b't'),
    ] {
        if mode & bit != 0 {
            m[at] = if m[at] == b'-' {
                set.to_ascii_uppercase()
            } else {
                set
            };
        }
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modes() {
        assert_eq!(&mode_string(fs::S_IFDIR | 0o755), b"drwxr-xr-x");
        assert_eq!(&mode_string(fs::S_IFREG | 0o644), b"-rw-r--r--");
        assert_eq!(&mode_string(fs::S_IFLNK | 0o777), b"lrwxrwxrwx");
        assert_eq!(&mode_string(fs::S_IFREG | 0o4755), b"-rwsr-xr-x");
        assert_eq!(&mode_string(fs::S_IFREG | 0o2644), b"-rw-r-Sr--");
        assert_eq!(&mode_string(fs::S_IFDIR | 0o1777), b"drwxrwxrwt");
        assert_eq!(&mode_string(fs::S_IFDIR | 0o1770), b"drwxrwx--T");
        assert_eq!(&mode_string(fs::S_IFCHR | 0o666), b"crw-rw-rw-");
    }

    #[test]
    fn device_sizes() {
        let st = Stat {
            mode: fs::S_IFCHR,
            rdev: (1 << 8) | 3,
            ..Stat::default()
        };
        assert_eq!(size(&st).as_str(), "1, 3");
        let st = Stat {
            mode: fs::S_IFBLK,
            rdev: (0x100 << 20) | (259 << 8) | 5,
            ..Stat::default()
        };
        assert_eq!(size(&st).as_str(), "259, 65541");
    }
}
