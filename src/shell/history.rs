//! Command history: the last [`MAX_HISTORY`] lines typed at the prompt, for the editor's
//! up/down keys and the `history` builtin, kept in `$HOME/.rawsh_history` when HOME is set
//! and writable (else in memory only).

use super::{Exec, Shell};
use crate::rt::out::Buffered;
use crate::sys::fd::{self, Fd};
use crate::sys::{Errno, fs};
use alloc::collections::VecDeque;
use alloc::vec::Vec;
use core::fmt::Write;

/// DESIGN.md: at least 500 history lines.
pub const MAX_HISTORY: usize = 500;

const FILE_NAME: &[u8] = b".rawsh_history";

#[derive(Default)]
pub struct History {
    lines: VecDeque<Vec<u8>>,
    /// The history file (`None`: memory only).
    file: Option<Vec<u8>>,
    loaded: bool,
}

impl History {
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Entry `i`, oldest first.
    pub fn get(&self, i: usize) -> Option<&[u8]> {
        self.lines.get(i).map(Vec::as_slice)
    }

    /// Adds `line` (no newline) unless it is blank or repeats the newest entry; the oldest
    /// entry goes when the history is full. Whether it was added.
    pub fn add(&mut self, line: &[u8]) -> bool {
        let blank = line.iter().all(u8::is_ascii_whitespace);
        if blank || self.lines.back().is_some_and(|l| l == line) {
            return false;
        }
        if self.lines.len() == MAX_HISTORY {
            self.lines.pop_front();
        }
        self.lines.push_back(line.to_vec());
        true
    }

    /// On the first call, reads the history file in `home` (a missing file is an empty
    /// history) and remembers it for [`save`](History::save).
    pub fn load(&mut self, home: Option<&[u8]>) {
        if core::mem::replace(&mut self.loaded, true) {
            return;
        }
        let Some(home) = home.filter(|h| !h.is_empty()) else {
            return;
        };
        let mut path = home.to_vec();
        if !path.ends_with(b"/") {
            path.push(b'/');
        }
        path.extend_from_slice(FILE_NAME);
        if let Some(data) = super::input::read_file(&path) {
            for line in data.split(|&b| b == b'\n') {
                self.add(line);
            }
        }
        self.file = Some(path);
    }

    /// Writes the history file: to `FILE.tmp.PID`, synced, then renamed over FILE (rename(2)
    /// replaces it atomically), so a crash leaves the old file or the new one, never a
    /// truncated one. `pid` keeps two shells' temporary files apart.
    pub fn save(&self, pid: i32) -> Result<(), Errno> {
        let Some(path) = &self.file else {
            return Ok(());
        };
        // Not alloc::format!: its precompiled body unwinds, and the binary has no unwinder.
        let mut suffix = heapless::String::<24>::new();
        let _ = write!(suffix, ".tmp.{pid}");
        let tmp = [path, suffix.as_bytes()].concat();
        let (Some(path), Some(tmp)) = (super::path::cstring(path), super::path::cstring(&tmp))
        else {
            return Err(Errno::EINVAL);
        };
        let mut data = Vec::new();
        for line in &self.lines {
            data.extend_from_slice(line);
            data.push(b'\n');
        }
        let flags = fs::O_WRONLY | fs::O_CREAT | fs::O_TRUNC | fs::O_NOFOLLOW | fs::O_CLOEXEC;
        let f = fs::open(&tmp, flags, 0o600)?;
        let written = fd::write_all(f, &data).and_then(|()| fd::fsync(f));
        let closed = fd::close(f);
        let r = written.and(closed).and_then(|()| fs::rename(&tmp, &path));
        if r.is_err() {
            let _ = fs::unlink(&tmp, false);
        }
        r
    }
}

/// `history`: lists the history, numbered from 1, oldest first.
pub fn builtin(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    if args.len() > 1 {
        sh.error(format_args!("history: too many arguments"));
        return Ok(2);
    }
    let mut out = Buffered::new(Fd::STDOUT);
    for (i, line) in sh.history.lines.iter().enumerate() {
        let _ = write!(out, "{:4}  ", i + 1);
        out.bytes(line);
        out.bytes(b"\n");
    }
    out.flush();
    match out.error {
        None => Ok(0),
        Some(e) => {
            sh.error(format_args!("history: {e}"));
            Ok(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_blank_lines_and_repeats() {
        let mut h = History::default();
        assert!(h.add(b"echo a"));
        assert!(!h.add(b"echo a"));
        assert!(!h.add(b""));
        assert!(!h.add(b"  \t"));
        assert!(h.add(b"echo b"));
        assert!(h.add(b"echo a"));
        assert_eq!(h.len(), 3);
        assert_eq!(h.get(0), Some(&b"echo a"[..]));
        assert_eq!(h.get(2), Some(&b"echo a"[..]));
        assert_eq!(h.get(3), None);
    }

    #[test]
    fn keeps_the_newest_lines() {
        let mut h = History::default();
        for i in 0..MAX_HISTORY + 20 {
            h.add(format!("cmd {i}").as_bytes());
        }
        assert_eq!(h.len(), MAX_HISTORY);
        assert_eq!(h.get(0), Some(&b"cmd 20"[..]));
        let last = format!("cmd {}", MAX_HISTORY + 19);
        assert_eq!(h.get(MAX_HISTORY - 1), Some(last.as_bytes()));
    }

    #[test]
    fn file_round_trip() {
        let dir = std::env::temp_dir().join(format!("rawsh-history-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        let home = dir.to_str().unwrap().as_bytes();
        let mut h = History::default();
        h.load(Some(home));
        assert!(h.is_empty());
        h.add(b"echo one");
        h.add(b"ls -l");
        h.save(42).unwrap();
        let file = dir.join(".rawsh_history");
        assert_eq!(std::fs::read(&file).unwrap(), b"echo one\nls -l\n");
        assert!(!dir.join(".rawsh_history.tmp.42").exists());
        let mut again = History::default();
        again.load(Some(home));
        assert_eq!(again.len(), 2);
        assert_eq!(again.get(1), Some(&b"ls -l"[..]));
        // Loaded once only.
        again.load(Some(home));
        assert_eq!(again.len(), 2);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn memory_only_without_home() {
        let mut h = History::default();
        h.load(None);
        h.add(b"x");
        assert_eq!(h.save(1), Ok(()));
        let mut h = History::default();
        h.load(Some(b"/nonexistent-rawsh-home"));
        h.add(b"x");
        assert!(h.save(1).is_err());
        assert_eq!(h.len(), 1);
    }
}
