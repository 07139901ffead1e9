//! `env [-i] [NAME=VALUE...] [COMMAND [ARG...]]`: prints the environment, one `NAME=VALUE`
//! per line, or runs COMMAND with execve(2) in a changed environment. `-i` (or a lone `-`)
//! starts from an empty one. COMMAND is looked up in the new environment's PATH, as execvp(3)
//! does; not found is status 127, found but not runnable 126 (env(1p), "EXIT STATUS").

use super::common::{self, Opts};
use crate::rt::out::Buffered;
use crate::rt::start;
use crate::sys::Errno;
use crate::sys::fd::Fd;
use crate::sys::process::{self, CStrArray};
use alloc::vec::Vec;
use core::ffi::CStr;

const USAGE: &str = "env [-i] [NAME=VALUE...] [COMMAND [ARG...]]";

/// execvp(3)'s search path when PATH is not set.
const DEFAULT_PATH: &[u8] = b"/bin:/usr/bin";

pub fn main(args: &[&CStr]) -> i32 {
    let mut clear = false;
    let mut opts = Opts::new(args, b"i");
    for o in &mut opts {
        match o {
            Ok((b'i', _)) => clear = true,
            _ => return common::usage(USAGE),
        }
    }
    let mut rest = opts.operands();
    if let [dash, tail @ ..] = rest
        && dash.to_bytes() == b"-"
    {
        clear = true;
        rest = tail;
    }
    let mut env: Vec<&[u8]> = if clear {
        Vec::new()
    } else {
        start::env().collect()
    };
    while let [first, tail @ ..] = rest {
        let Some(eq) = first.to_bytes().iter().position(|&b| b == b'=') else {
            break;
        };
        set(&mut env, first.to_bytes(), eq);
        rest = tail;
    }
    if rest.is_empty() {
        let mut out = Buffered::new(Fd::STDOUT);
        for var in &env {
            out.bytes(var);
            out.bytes(b"\n");
        }
        return common::finish("env", out, 0);
    }
    let envp = CStrArray::new(env.iter().copied());
    let argv = CStrArray::new(rest.iter().map(|a| a.to_bytes()));
    let e = exec(rest[0], &argv, &envp, path_of(&env));
    common::fail("env", rest[0].to_bytes(), e);
    if e == Errno::ENOENT || e == Errno::ENOTDIR {
        127
    } else {
        126
    }
}

/// Sets `var` (`NAME=VALUE`, `=` at `eq`) in `env`, replacing an earlier NAME.
fn set<'a>(env: &mut Vec<&'a [u8]>, var: &'a [u8], eq: usize) {
    let name = &var[..=eq];
    match env.iter_mut().find(|v| v.starts_with(name)) {
        Some(old) => *old = var,
        None => env.push(var),
    }
}

fn path_of<'a>(env: &[&'a [u8]]) -> &'a [u8] {
    env.iter()
        .find_map(|v| v.strip_prefix(b"PATH="))
        .unwrap_or(DEFAULT_PATH)
}

/// Runs `name` directly if it holds a slash, else tries each PATH directory in turn (an
/// empty one is the current directory). Returns only on failure: the error of the last
/// attempt, but EACCES if any candidate existed without being runnable, as execvp(3) does.
fn exec(name: &CStr, argv: &CStrArray, envp: &CStrArray, path: &[u8]) -> Errno {
    if name.to_bytes().contains(&b'/') {
        return process::execve(name, argv, envp);
    }
    let mut denied = false;
    let mut last = Errno::ENOENT;
    for dir in path.split(|&b| b == b':') {
        let dir = if dir.is_empty() { &b"."[..] } else { dir };
        match process::execve(&common::join(dir, name.to_bytes()), argv, envp) {
            Errno::EACCES => denied = true,
            e @ (Errno::ENOENT | Errno::ENOTDIR | Errno::ENAMETOOLONG | Errno::ELOOP) => last = e,
            e => return e,
        }
    }
    if denied { Errno::EACCES } else { last }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn setting_replaces_by_name() {
        let mut env: Vec<&[u8]> = vec![b"A=1", b"AB=2", b"PATH=/x"];
        set(&mut env, b"A=3", 1);
        set(&mut env, b"C=", 1);
        assert_eq!(env, [&b"A=3"[..], b"AB=2", b"PATH=/x", b"C="]);
        assert_eq!(path_of(&env), b"/x");
        assert_eq!(path_of(&[]), DEFAULT_PATH);
    }
}
