//! Shell variables: values, the export and readonly flags, and the environment built from them.

use super::map::Map;
use crate::sys::process::CStrArray;
use alloc::vec::Vec;

/// At most this many variables (DESIGN.md asks for at least 4096); past it, assignment fails.
pub const MAX_VARS: usize = 65536;

#[derive(Clone, Debug, Default)]
struct Var {
    /// `None`: declared (`export X`) but unset.
    value: Option<Vec<u8>>,
    exported: bool,
    readonly: bool,
}

/// A variable as `local` found it, put back whole (value and flags) when the function
/// returns, as dash does: a `readonly` inside the function ends with it.
#[derive(Debug)]
pub struct Snapshot(Option<Var>);

#[derive(Debug, PartialEq, Eq)]
pub enum VarError {
    ReadOnly,
    TooMany,
    /// No memory for the value (values can grow without bound: `x=$x$x`).
    NoMemory,
}

#[derive(Default)]
pub struct Vars {
    map: Map<Var>,
    /// Bumped whenever the exported environment may have changed, so the shell can keep the
    /// execve environment it built last and rebuild it only when needed.
    pub generation: u64,
    /// `set -a`: every variable assigned is exported.
    pub allexport: bool,
}

/// `[A-Za-z_][A-Za-z0-9_]*` (XBD 3.235 "Name").
pub fn is_name(s: &[u8]) -> bool {
    match s.split_first() {
        Some((&c, rest)) => {
            (c.is_ascii_alphabetic() || c == b'_')
                && rest.iter().all(|&c| c.is_ascii_alphanumeric() || c == b'_')
        }
        None => false,
    }
}

impl Vars {
    /// The variables of an environment (`NAME=value` strings), all exported. Strings that are
    /// not `NAME=value` with a valid name are kept out, as dash does.
    pub fn from_env<'a>(env: impl Iterator<Item = &'a [u8]>) -> Vars {
        let mut vars = Vars::default();
        for entry in env {
            if let Some(eq) = entry.iter().position(|&b| b == b'=') {
                let (name, value) = (&entry[..eq], &entry[eq + 1..]);
                if is_name(name) {
                    vars.map.insert(
                        name,
                        Var {
                            value: Some(value.to_vec()),
                            exported: true,
                            readonly: false,
                        },
                    );
                }
            }
        }
        vars
    }

    pub fn get(&self, name: &[u8]) -> Option<&[u8]> {
        self.map.get(name).and_then(|v| v.value.as_deref())
    }

    pub fn is_exported(&self, name: &[u8]) -> bool {
        self.map.get(name).is_some_and(|v| v.exported)
    }

    pub fn is_readonly(&self, name: &[u8]) -> bool {
        self.map.get(name).is_some_and(|v| v.readonly)
    }

    pub fn set(&mut self, name: &[u8], value: &[u8]) -> Result<(), VarError> {
        let mut copy = Vec::new();
        copy.try_reserve_exact(value.len())
            .map_err(|_| VarError::NoMemory)?;
        copy.extend_from_slice(value);
        let allexport = self.allexport;
        let var = self.entry(name)?;
        var.value = Some(copy);
        var.exported |= allexport;
        if var.exported {
            self.generation += 1;
        }
        Ok(())
    }

    fn entry(&mut self, name: &[u8]) -> Result<&mut Var, VarError> {
        if !self.map.contains_key(name) && self.map.len() >= MAX_VARS {
            return Err(VarError::TooMany);
        }
        let var = self.map.get_or_insert_with(name, Var::default);
        if var.readonly {
            return Err(VarError::ReadOnly);
        }
        Ok(var)
    }

    pub fn export(&mut self, name: &[u8]) -> Result<(), VarError> {
        if !self.map.contains_key(name) && self.map.len() >= MAX_VARS {
            return Err(VarError::TooMany);
        }
        self.map.get_or_insert_with(name, Var::default).exported = true;
        self.generation += 1;
        Ok(())
    }

    pub fn set_readonly(&mut self, name: &[u8]) -> Result<(), VarError> {
        if !self.map.contains_key(name) && self.map.len() >= MAX_VARS {
            return Err(VarError::TooMany);
        }
        self.map.get_or_insert_with(name, Var::default).readonly = true;
        Ok(())
    }

    pub fn unset(&mut self, name: &[u8]) -> Result<(), VarError> {
        match self.map.get(name) {
            Some(v) if v.readonly => Err(VarError::ReadOnly),
            _ => {
                if self.map.remove(name).is_some_and(|v| v.exported) {
                    self.generation += 1;
                }
                Ok(())
            }
        }
    }

    pub fn snapshot(&self, name: &[u8]) -> Snapshot {
        Snapshot(self.map.get(name).cloned())
    }

    pub fn restore(&mut self, name: &[u8], saved: Snapshot) {
        if self.is_exported(name) || saved.0.as_ref().is_some_and(|v| v.exported) {
            self.generation += 1;
        }
        match saved.0 {
            Some(var) => self.map.insert(name, var),
            None => drop(self.map.remove(name)),
        }
    }

    /// `(name, value, exported, readonly)` in name order, for `set`, `export -p`.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], Option<&[u8]>, bool, bool)> {
        self.map
            .iter()
            .map(|(k, v)| (k, v.value.as_deref(), v.exported, v.readonly))
    }

    /// The environment for execve: every exported variable that has a value, overridden or
    /// extended by `extra` (prefix assignments `A=1 cmd`, which reach only that command).
    pub fn environ(&self, extra: &[(Vec<u8>, Vec<u8>)]) -> CStrArray {
        let mut strings: Vec<Vec<u8>> = Vec::with_capacity(self.map.len() + extra.len());
        for (name, var) in self.map.iter() {
            if extra.iter().any(|(n, _)| n == name) {
                continue;
            }
            if let (true, Some(value)) = (var.exported, &var.value) {
                strings.push(pair(name, value));
            }
        }
        for (name, value) in extra {
            strings.push(pair(name, value));
        }
        CStrArray::new(strings.iter().map(Vec::as_slice))
    }
}

fn pair(name: &[u8], value: &[u8]) -> Vec<u8> {
    let mut s = Vec::with_capacity(name.len() + 1 + value.len());
    s.extend_from_slice(name);
    s.push(b'=');
    s.extend_from_slice(value);
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(is_name(b"_a1"));
        assert!(!is_name(b"1a"));
        assert!(!is_name(b""));
        assert!(!is_name(b"a-b"));
    }

    #[test]
    fn environment_and_flags() {
        let mut v = Vars::from_env([&b"A=1"[..], b"bad", b"1X=2", b"B=x=y"].into_iter());
        assert_eq!(v.get(b"B"), Some(&b"x=y"[..]));
        assert_eq!(v.get(b"1X"), None);
        v.set(b"C", b"3").unwrap();
        v.set_readonly(b"C").unwrap();
        assert_eq!(v.set(b"C", b"4"), Err(VarError::ReadOnly));
        assert_eq!(v.unset(b"C"), Err(VarError::ReadOnly));
        let env = v.environ(&[(b"A".to_vec(), b"9".to_vec())]);
        assert_eq!(env.len(), 2); // B, then A=9; C is not exported
    }
}
