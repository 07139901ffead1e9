//! Finding a command on PATH, with a cache like dash's command hash table.

use super::Shell;
use super::map::Map;
use crate::sys::{Errno, fs};
use alloc::ffi::CString;
use alloc::vec::Vec;

/// Where commands were found, keyed by name; valid for one value of PATH.
#[derive(Default)]
pub struct Cache {
    path: Vec<u8>,
    found: Map<CString>,
}

/// The default search path when PATH is unset (dash uses the same).
/// What runs a file that has no `#!` and is not ELF (ENOEXEC) as a script: this very shell,
/// as dash runs /bin/sh (XCU 2.9.1.1). It needs /proc, which init mounts first; without it
/// such a file fails with "Exec format error".
pub const SCRIPT_SHELL: &core::ffi::CStr = c"/proc/self/exe";

pub const DEFAULT_PATH: &[u8] = b"/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

/// `name` joined to a NUL-terminated path; `None` if `name` holds a NUL.
pub fn cstring(bytes: &[u8]) -> Option<CString> {
    CString::new(bytes).ok()
}

impl Cache {
    /// Searches `path` (PATH's value) for an executable regular file called `name`.
    /// ENOENT when there is none; EACCES when one exists but may not be executed (dash then
    /// reports "Permission denied", status 126).
    pub fn lookup(&mut self, path: &[u8], name: &[u8]) -> Result<CString, Errno> {
        if self.path != path {
            self.path = path.to_vec();
            self.found.clear();
        }
        if let Some(hit) = self.found.get(name) {
            return Ok(hit.clone());
        }
        let mut denied = false;
        for dir in path.split(|&b| b == b':') {
            let mut full = Vec::with_capacity(dir.len() + 1 + name.len());
            // An empty PATH entry means the current directory (XBD 8.3): the name as it is,
            // which is also what the program gets as its path (`$0` of a script, as dash).
            if !dir.is_empty() {
                full.extend_from_slice(dir);
                full.push(b'/');
            }
            full.extend_from_slice(name);
            let Some(full) = cstring(&full) else { continue };
            match fs::stat(&full) {
                Ok(st) if st.is_file() => match fs::access(&full, fs::X_OK) {
                    Ok(()) => {
                        self.found.insert(name, full.clone());
                        return Ok(full);
                    }
                    Err(_) => denied = true,
                },
                _ => {}
            }
        }
        Err(if denied { Errno::EACCES } else { Errno::ENOENT })
    }

    /// Drops a cached location that turned out stale (the file is gone), or everything.
    pub fn forget(&mut self, name: Option<&[u8]>) {
        match name {
            Some(name) => {
                self.found.remove(name);
            }
            None => self.found.clear(),
        }
    }

    /// After `cd`: what was found through a relative PATH entry (`PATH=bin:...`, or an empty
    /// one) is somewhere else now.
    pub fn forget_relative(&mut self) {
        let relative: Vec<Vec<u8>> = self
            .found
            .iter()
            .filter(|(_, p)| !p.as_bytes().starts_with(b"/"))
            .map(|(name, _)| name.to_vec())
            .collect();
        for name in relative {
            self.found.remove(&name);
        }
    }

    /// The cached entries (for `hash`) found on `path`: none if PATH has changed since.
    pub fn entries(&self, path: &[u8]) -> impl Iterator<Item = (&[u8], &CString)> {
        self.found.iter().filter(move |_| self.path == path)
    }
}

impl Shell {
    /// Where `name` is on PATH, through the cache. An unset PATH is an empty one: the current
    /// directory (dash); the shell starts with DEFAULT_PATH when the environment has none.
    pub fn search(&mut self, name: &[u8]) -> Result<CString, Errno> {
        let path = self.vars.get(b"PATH").unwrap_or_default().to_vec();
        self.path_cache.lookup(&path, name)
    }
}
