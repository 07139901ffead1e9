//! Built-in commands. Special builtins (XCU 2.14) keep prefix assignments and end a
//! non-interactive shell on error; regular ones behave like external commands.

use super::vars::is_name;
use super::{Exec, Flow, Shell, Show};
use crate::rt::out::Buffered;
use crate::rt::spawn::Strategy;
use crate::sys::fd::{self, Fd};
use crate::sys::{Errno, fs};
use alloc::vec::Vec;
use core::fmt::Write;

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Kind {
    Special,
    Regular,
}

pub type Builtin = fn(&mut Shell, &[Vec<u8>]) -> Exec;

const BUILTINS: &[(&str, Kind, Builtin)] = &[
    (".", Kind::Special, dot),
    (":", Kind::Special, |_, _| Ok(0)),
    ("[", Kind::Regular, super::test::bracket),
    ("abi", Kind::Regular, super::abi::abi),
    ("alias", Kind::Regular, alias),
    ("break", Kind::Special, break_),
    ("bg", Kind::Regular, super::jobctl::bg),
    ("cd", Kind::Regular, cd),
    ("command", Kind::Regular, command),
    ("continue", Kind::Special, continue_),
    ("echo", Kind::Regular, echo),
    ("eval", Kind::Special, eval),
    ("exec", Kind::Special, exec),
    ("exit", Kind::Special, exit),
    ("export", Kind::Special, export),
    ("false", Kind::Regular, |_, _| Ok(1)),
    ("fg", Kind::Regular, super::jobctl::fg),
    ("getopts", Kind::Regular, super::getopts::getopts),
    ("hash", Kind::Regular, hash),
    ("history", Kind::Regular, super::history::builtin),
    ("jobs", Kind::Regular, super::jobctl::jobs),
    ("kill", Kind::Regular, super::jobctl::kill),
    // Special in dash (`type local`): its errors end a script, its prefix assignments stay.
    ("local", Kind::Special, local),
    ("poweroff", Kind::Regular, |sh, _| {
        halt(sh, "poweroff", crate::init::poweroff)
    }),
    ("printf", Kind::Regular, super::printf::printf),
    ("pwd", Kind::Regular, pwd),
    ("read", Kind::Regular, read),
    ("readonly", Kind::Special, readonly),
    ("reboot", Kind::Regular, |sh, _| {
        halt(sh, "reboot", crate::init::reboot)
    }),
    ("return", Kind::Special, return_),
    ("set", Kind::Special, set),
    ("selftest", Kind::Regular, |sh, args| {
        applet(sh, crate::applets::selftest::main, args)
    }),
    ("shift", Kind::Special, shift),
    ("spawn", Kind::Regular, spawn),
    ("spawnbench", Kind::Regular, |sh, args| {
        applet(sh, crate::applets::spawnbench::main, args)
    }),
    ("test", Kind::Regular, super::test::test),
    ("times", Kind::Special, times),
    ("trap", Kind::Special, super::trap::trap),
    ("true", Kind::Regular, |_, _| Ok(0)),
    ("type", Kind::Regular, type_),
    ("ulimit", Kind::Regular, super::ulimit::ulimit),
    ("umask", Kind::Regular, umask),
    ("unalias", Kind::Regular, unalias),
    ("unset", Kind::Special, unset),
    ("wait", Kind::Regular, wait),
];

pub fn find(name: &[u8]) -> Option<(Kind, Builtin)> {
    BUILTINS
        .iter()
        .find(|(n, _, _)| n.as_bytes() == name)
        .map(|&(_, k, f)| (k, f))
}

pub fn names() -> impl Iterator<Item = &'static str> {
    BUILTINS.iter().map(|(n, _, _)| *n)
}

/// Writes `text` to standard output; a write error is reported as `NAME: ERROR`, status 1.
pub(super) fn output(sh: &Shell, name: &str, f: impl FnOnce(&mut Buffered)) -> Exec {
    let mut out = Buffered::new(Fd::STDOUT);
    f(&mut out);
    flushed(sh, name, &mut out)
}

/// The end of [`output`], apart so that it is compiled once, not for each caller's closure.
fn flushed(sh: &Shell, name: &str, out: &mut Buffered) -> Exec {
    out.flush();
    match out.error {
        None => Ok(0),
        Some(e) => {
            sh.error(format_args!("{name}: {e}"));
            Ok(1)
        }
    }
}

/// A decimal operand, like dash's `number()`: digits only.
pub fn number(s: &[u8]) -> Option<i32> {
    if s.is_empty() || s.len() > 9 || !s.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(s.iter().fold(0i32, |n, &d| n * 10 + (d - b'0') as i32))
}

fn illegal_number(sh: &Shell, name: &str, arg: &[u8]) -> Flow {
    sh.fatal(2, format_args!("{name}: Illegal number: {}", Show(arg)))
}

fn echo(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    // dash's echo: only `-n`, and the escapes of printf's %b are always interpreted.
    let (newline, words) = match args.get(1) {
        Some(a) if a == b"-n" => (false, args.get(2..).unwrap_or_default()),
        _ => (true, args.get(1..).unwrap_or_default()),
    };
    output(sh, "echo", |out| {
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                out.bytes(b" ");
            }
            if !super::printf::unescape(w, &mut |b| out.bytes(b)) {
                return;
            }
        }
        if newline {
            out.bytes(b"\n");
        }
    })
}

/// `selftest`, `spawnbench`: the applets of the same name, run in a subshell so that the
/// children they make and the signal dispositions they change stay out of the shell.
fn applet(sh: &mut Shell, main: crate::applets::Main, args: &[Vec<u8>]) -> Exec {
    let cargs: Vec<alloc::ffi::CString> = args
        .iter()
        .filter_map(|a| alloc::ffi::CString::new(a.as_slice()).ok())
        .collect();
    let refs: Vec<&core::ffi::CStr> = cargs.iter().map(|c| c.as_c_str()).collect();
    sh.subshell(&mut |_| Ok(main(&refs)))
}

/// `poweroff`, `reboot`: only as init (run by hand on a host as root, they would stop it).
fn halt(sh: &mut Shell, name: &str, how: fn() -> !) -> Exec {
    if crate::sys::process::getpid().0 != 1 {
        sh.error(format_args!("{name}: not init (pid 1): nothing done"));
        return Ok(1);
    }
    how()
}

/// Option letters before the operands, as dash's `nextopt` reads them (`-ab` is `-a -b`,
/// `--` ends them): `take` is given each letter and says whether it is one of `name`'s.
/// Returns the operands, or the status after an `Illegal option` error.
pub(super) fn options<'a>(
    sh: &Shell,
    name: &str,
    args: &'a [Vec<u8>],
    take: &mut dyn FnMut(u8) -> bool,
) -> Result<&'a [Vec<u8>], i32> {
    let mut rest = args.get(1..).unwrap_or_default();
    while let Some(a) = rest.first().filter(|a| a.len() > 1 && a[0] == b'-') {
        rest = &rest[1..];
        if a == b"--" {
            break;
        }
        if let Some(&c) = a[1..].iter().find(|&&c| !take(c)) {
            sh.error(format_args!("{name}: Illegal option -{}", c as char));
            return Err(2);
        }
    }
    Ok(rest)
}

/// [`options`] for a builtin with the one option `-letter`: whether it was given.
fn one_option<'a>(
    sh: &Shell,
    name: &str,
    args: &'a [Vec<u8>],
    letter: u8,
) -> Result<(bool, &'a [Vec<u8>]), i32> {
    let mut given = false;
    let rest = options(sh, name, args, &mut |c| {
        given |= c == letter;
        c == letter
    })?;
    Ok((given, rest))
}

/// The options of `cd` and `pwd`: `-L` (logical: the path as given, `..` taken off
/// textually; the default) or `-P` (physical: symbolic links resolved), the last one wins.
/// Returns whether it is `-P` and the operands.
fn logical_or_physical<'a>(
    sh: &Shell,
    name: &str,
    args: &'a [Vec<u8>],
) -> Result<(bool, &'a [Vec<u8>]), i32> {
    let mut physical = false;
    let rest = options(sh, name, args, &mut |c| match c {
        b'L' | b'P' => {
            physical = c == b'P';
            true
        }
        _ => false,
    })?;
    Ok((physical, rest))
}

/// At most this many aliases, as many as variables; past it, `alias` fails.
const MAX_ALIASES: usize = super::vars::MAX_VARS;

/// `alias [NAME[=VALUE]...]`: defines each NAME=VALUE; shows each NAME, or all of them
/// with no operands, as `name='value'`; status 1 if one is not defined.
fn alias(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let operands = args.get(1..).unwrap_or_default();
    let mut shown = Vec::new();
    let mut status = 0;
    for a in operands {
        match a.iter().position(|&b| b == b'=') {
            Some(eq) if !sh.aliases.contains_key(&a[..eq]) && sh.aliases.len() >= MAX_ALIASES => {
                sh.error(format_args!(
                    "alias: too many aliases (at most {MAX_ALIASES})"
                ));
                status = 1;
            }
            Some(eq) => {
                alloc::rc::Rc::make_mut(&mut sh.aliases).insert(&a[..eq], a[eq + 1..].to_vec())
            }
            None if sh.aliases.contains_key(a) => shown.push(a.clone()),
            None => {
                sh.error(format_args!("alias: {} not found", Show(a)));
                status = 1;
            }
        }
    }
    if operands.is_empty() {
        shown = sh.aliases.iter().map(|(n, _)| n.to_vec()).collect();
    }
    let aliases = sh.aliases.clone();
    let written = output(sh, "alias", |out| {
        for name in &shown {
            out.bytes(name);
            out.bytes(b"=");
            quote(aliases.get(name).map_or(&[][..], Vec::as_slice), out);
            out.bytes(b"\n");
        }
    })?;
    Ok(status.max(written))
}

/// `unalias NAME...` or `unalias -a` (all of them); status 1 for a name not defined.
fn unalias(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let (all, names) = match one_option(sh, "unalias", args, b'a') {
        Ok(x) => x,
        Err(status) => return Ok(status),
    };
    if all {
        alloc::rc::Rc::make_mut(&mut sh.aliases).clear();
    }
    let mut status = 0;
    for name in names {
        if alloc::rc::Rc::make_mut(&mut sh.aliases)
            .remove(name)
            .is_none()
        {
            sh.error(format_args!("unalias: {} not found", Show(name)));
            status = 1;
        }
    }
    Ok(status)
}

/// `hash [-r] [NAME...]`, dash's table of where commands were found: `-r` empties it, each
/// NAME is looked up now (an error and status 1 if it is not found: `hash NAME` is how
/// scripts ask whether a command exists), and with neither it lists the paths found.
fn hash(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let (forget, names) = match one_option(sh, "hash", args, b'r') {
        Ok(x) => x,
        Err(status) => return Ok(status),
    };
    if forget {
        sh.path_cache.forget(None);
    } else if names.is_empty() {
        let path = sh.vars.get(b"PATH").unwrap_or_default();
        let paths: Vec<Vec<u8>> = sh
            .path_cache
            .entries(path)
            .map(|(_, p)| p.as_bytes().to_vec())
            .collect();
        return output(sh, "hash", |out| {
            for p in &paths {
                out.bytes(p);
                out.bytes(b"\n");
            }
        });
    }
    let mut status = 0;
    for name in names {
        let known = name.contains(&b'/') || find(name).is_some() || sh.functions.contains_key(name);
        if !known && sh.search(name).is_err() {
            sh.error(format_args!("hash: {}: not found", Show(name)));
            status = 1;
        }
    }
    Ok(status)
}

/// `times`: the CPU time of the shell, then of its children, user and system, as dash
/// prints it (`0m0.012000s 0m0.004000s`).
fn times(sh: &mut Shell, _: &[Vec<u8>]) -> Exec {
    use crate::sys::process::{RUSAGE_CHILDREN, RUSAGE_SELF, cpu_times};
    let rows = [RUSAGE_SELF, RUSAGE_CHILDREN].map(|who| cpu_times(who).unwrap_or((0, 0)));
    output(sh, "times", |out| {
        for (user, system) in rows {
            for (t, end) in [(user, ' '), (system, '\n')] {
                let (s, us) = (t / 1_000_000, t % 1_000_000);
                let _ = write!(out, "{}m{}.{us:06}s{end}", s / 60, s % 60);
            }
        }
    })
}

fn pwd(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let physical = match logical_or_physical(sh, "pwd", args) {
        Ok((physical, _)) => physical,
        Err(status) => return Ok(status),
    };
    let mut buf = [0u8; 4096];
    let cwd = match &sh.cwd {
        // Logical: where cd went, even if it has been removed since (dash).
        p if !physical && !p.is_empty() => p.clone(),
        _ => match fs::getcwd(&mut buf) {
            Ok(c) => c.to_vec(),
            Err(e) => {
                sh.error(format_args!("pwd: {e}"));
                return Ok(1);
            }
        },
    };
    output(sh, "pwd", |out| {
        out.bytes(&cwd);
        out.bytes(b"\n");
    })
}

pub(super) fn same_file(a: &[u8], b: &[u8]) -> bool {
    let (Some(a), Some(b)) = (super::path::cstring(a), super::path::cstring(b)) else {
        return false;
    };
    match (fs::stat(&a), fs::stat(&b)) {
        (Ok(x), Ok(y)) => x.dev == y.dev && x.ino == y.ino,
        _ => false,
    }
}

/// `/a/./b/../c` → `/a/c`, lexically (cd -L, XCU cd step 8).
fn clean_path(path: &[u8]) -> Vec<u8> {
    let mut parts: Vec<&[u8]> = Vec::new();
    for c in path.split(|&b| b == b'/') {
        match c {
            b"" | b"." => {}
            b".." => {
                parts.pop();
            }
            c => parts.push(c),
        }
    }
    let mut out = Vec::new();
    for p in parts {
        out.push(b'/');
        out.extend_from_slice(p);
    }
    if out.is_empty() {
        out.push(b'/');
    }
    out
}

fn cd(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let (physical, operands) = match logical_or_physical(sh, "cd", args) {
        Ok(x) => x,
        Err(status) => return Ok(status),
    };
    let mut print = false;
    let dir = match operands.first().map(Vec::as_slice) {
        // No HOME, no OLDPWD: nowhere to go, so cd stays (dash).
        None => match sh.vars.get(b"HOME") {
            Some(h) => h.to_vec(),
            None => return Ok(0),
        },
        Some(b"-") => {
            print = true;
            match sh.vars.get(b"OLDPWD") {
                Some(d) => d.to_vec(),
                None => sh.cwd.clone(),
            }
        }
        Some(d) => d.to_vec(),
    };
    let old = Some(sh.cwd.clone()).filter(|c| !c.is_empty());
    // The directory `target` names, entered: its logical path (from where cd last went, `..`
    // taken off textually), or with -P the physical one.
    let enter = |target: &[u8]| {
        let ok = |p: &[u8]| super::path::cstring(p).is_some_and(|c| fs::chdir(&c).is_ok());
        // Logical, unless a relative name has no known directory to start from (the shell
        // began in a removed one): then as the kernel sees it.
        if !physical && (old.is_some() || target.starts_with(b"/")) {
            let logical = match &old {
                Some(cwd) if !target.starts_with(b"/") => {
                    clean_path(&[cwd, &b"/"[..], target].concat())
                }
                _ => clean_path(target),
            };
            return ok(&logical).then_some(logical);
        }
        if !ok(target) {
            return None;
        }
        let mut buf = [0u8; 4096];
        Some(fs::getcwd(&mut buf).map_or(target.to_vec(), <[u8]>::to_vec))
    };
    // CDPATH's directories are tried first for a relative name not starting with . or ..;
    // going to one found through a non-empty entry prints where (XCU cd).
    let searched =
        !dir.starts_with(b"/") && !matches!(dir.split(|&b| b == b'/').next(), Some(b"." | b".."));
    let cdpath = sh
        .vars
        .get(b"CDPATH")
        .filter(|_| searched)
        .unwrap_or_default();
    let found = cdpath
        .split(|&b| b == b':')
        .filter(|_| !cdpath.is_empty())
        .find_map(|entry| {
            let target = match entry {
                b"" => dir.clone(),
                _ => [entry, &b"/"[..], &dir].concat(),
            };
            enter(&target).map(|new| (new, !entry.is_empty()))
        })
        .or_else(|| enter(&dir).map(|new| (new, false)));
    let Some((new, through_cdpath)) = found else {
        sh.error(format_args!("cd: can't cd to {}", Show(&dir)));
        return Ok(2);
    };
    print |= through_cdpath;
    if let Some(old) = old {
        let _ = sh.vars.set(b"OLDPWD", &old);
    }
    let _ = sh.vars.set(b"PWD", &new);
    sh.cwd.clone_from(&new);
    sh.path_cache.forget_relative();
    if print {
        return output(sh, "cd", |out| {
            out.bytes(&new);
            out.bytes(b"\n");
        });
    }
    Ok(0)
}

/// The status operand of `exit` and `return`: `$?` when there is none. `return 300` gives a
/// `$?` of 300 (dash); only a process's exit status is cut to 8 bits.
fn status_operand(sh: &Shell, name: &str, args: &[Vec<u8>]) -> Result<i32, Flow> {
    match args.get(1) {
        None => Ok(sh.status),
        Some(a) => count_operand(sh, name, a),
    }
}

/// The number operand of `exit`, `return`, `break`, `continue` and `shift`: blanks around it
/// and a `+` are allowed (dash).
fn count_operand(sh: &Shell, name: &str, a: &[u8]) -> Result<i32, Flow> {
    let digits = a.trim_ascii();
    let digits = digits.strip_prefix(b"+").unwrap_or(digits);
    number(digits).ok_or_else(|| illegal_number(sh, name, a))
}

fn exit(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let status = match (args.get(1), sh.trap_status) {
        (None, Some(before)) => before,
        _ => status_operand(sh, "exit", args)?,
    };
    Err(Flow::Exit(status & 0xff))
}

fn return_(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    Err(Flow::Return(status_operand(sh, "return", args)?))
}

fn loop_count(sh: &Shell, name: &str, args: &[Vec<u8>]) -> Result<u32, Flow> {
    match args.get(1) {
        None => Ok(1),
        Some(a) => match count_operand(sh, name, a)? {
            n if n > 0 => Ok(n as u32),
            _ => Err(illegal_number(sh, name, a)),
        },
    }
}

fn break_(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let n = loop_count(sh, "break", args)?;
    if sh.loop_depth == 0 {
        return Ok(0);
    }
    Err(Flow::Break(n.min(sh.loop_depth)))
}

fn continue_(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let n = loop_count(sh, "continue", args)?;
    if sh.loop_depth == 0 {
        return Ok(0);
    }
    Err(Flow::Continue(n.min(sh.loop_depth)))
}

/// `export`/`readonly` operands: `NAME` or `NAME=value`; `-p` (or nothing) lists.
fn declare(
    sh: &mut Shell,
    args: &[Vec<u8>],
    name: &str,
    mark: fn(&mut super::vars::Vars, &[u8]) -> Result<(), super::vars::VarError>,
    listed: fn(bool, bool) -> bool,
) -> Exec {
    let ops: Vec<&Vec<u8>> = args
        .get(1..)
        .unwrap_or_default()
        .iter()
        .filter(|a| a.as_slice() != b"-p")
        .collect();
    if ops.is_empty() {
        let mut lines = Vec::new();
        for (n, v, exported, readonly) in sh.vars.iter() {
            if listed(exported, readonly) {
                lines.push((n.to_vec(), v.map(<[u8]>::to_vec)));
            }
        }
        return output(sh, name, |out| {
            for (n, v) in lines {
                let _ = write!(out, "{name} {}", Show(&n));
                if let Some(v) = v {
                    out.bytes(b"=");
                    quote(&v, out);
                }
                out.bytes(b"\n");
            }
        });
    }
    for op in ops {
        let (n, v) = match op.iter().position(|&b| b == b'=') {
            Some(eq) => (&op[..eq], Some(&op[eq + 1..])),
            None => (&op[..], None),
        };
        if !is_name(n) {
            return Err(sh.fatal(2, format_args!("{name}: {}: bad variable name", Show(n))));
        }
        if let Some(v) = v {
            sh.set_var(n, v)?;
        }
        if mark(&mut sh.vars, n).is_err() {
            return Err(sh.fatal(2, format_args!("{name}: {}: is read only", Show(n))));
        }
    }
    Ok(0)
}

fn export(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    declare(
        sh,
        args,
        "export",
        super::vars::Vars::export,
        |exported, _| exported,
    )
}

fn readonly(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    declare(
        sh,
        args,
        "readonly",
        super::vars::Vars::set_readonly,
        |_, readonly| readonly,
    )
}

/// Single-quotes `v` for re-input to the shell (`set`, `export -p`, `trap`), as dash does.
pub(super) fn quote(v: &[u8], out: &mut Buffered) {
    out.bytes(&quoted(v));
}

/// dash's form: each run of other bytes in single quotes (the first even if empty), each run
/// of `'` in double quotes: `a'` is `'a'"'"`.
fn quoted(v: &[u8]) -> Vec<u8> {
    let mut q = Vec::with_capacity(v.len() + 2);
    let mut rest = v;
    loop {
        let plain = rest.iter().position(|&b| b == b'\'').unwrap_or(rest.len());
        q.push(b'\'');
        q.extend_from_slice(&rest[..plain]);
        q.push(b'\'');
        rest = &rest[plain..];
        let quotes = rest.iter().take_while(|&&b| b == b'\'').count();
        if quotes == 0 {
            return q;
        }
        q.push(b'"');
        q.extend_from_slice(&rest[..quotes]);
        q.push(b'"');
        rest = &rest[quotes..];
        if rest.is_empty() {
            return q;
        }
    }
}

fn unset(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    // -f and -v (the last one wins, as in dash); errors end a script: unset is special.
    let mut functions = false;
    let names = options(sh, "unset", args, &mut |c| match c {
        b'f' | b'v' => {
            functions = c == b'f';
            true
        }
        _ => false,
    })
    .map_err(Flow::Fatal)?;
    for n in names {
        if functions {
            sh.functions.remove(n.as_slice());
        } else if !super::vars::is_name(n) {
            return Err(sh.fatal(2, format_args!("unset: {}: bad variable name", Show(n))));
        } else if sh.vars.unset(n).is_err() {
            return Err(sh.fatal(2, format_args!("unset: {}: is read only", Show(n))));
        }
    }
    Ok(0)
}

/// `set -o NAME` names.
const OPTION_NAMES: [(&str, u8); 11] = [
    ("allexport", b'a'),
    ("errexit", b'e'),
    ("noglob", b'f'),
    ("interactive", b'i'),
    ("monitor", b'm'),
    ("noclobber", b'C'),
    ("noexec", b'n'),
    ("nounset", b'u'),
    ("verbose", b'v'),
    ("xtrace", b'x'),
    ("systrace", b'T'),
];

/// Sets option letter `c`; false if there is no such option.
pub fn set_option(sh: &mut Shell, c: u8, on: bool) -> bool {
    let o = &mut sh.opts;
    let flag = match c {
        b'e' => &mut o.errexit,
        b'f' => &mut o.noglob,
        b'u' => &mut o.nounset,
        b'x' => &mut o.xtrace,
        b'v' => &mut o.verbose,
        b'C' => &mut o.noclobber,
        b'm' => &mut o.monitor,
        b'i' => &mut o.interactive,
        b'n' => &mut o.noexec,
        b'T' => {
            // The runtime's switch, not a shell field: the syscall wrappers read it.
            crate::rt::trace::set(on);
            return true;
        }
        b'a' => {
            sh.vars.allexport = on;
            return true;
        }
        _ => return false,
    };
    *flag = on;
    true
}

/// `set -o NAME`; false if there is no such option.
pub fn set_option_name(sh: &mut Shell, name: &[u8], on: bool) -> bool {
    OPTION_NAMES
        .iter()
        .find(|(n, _)| n.as_bytes() == name)
        .is_some_and(|&(_, c)| set_option(sh, c, on))
}

fn set(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    if args.len() == 1 {
        let vars: Vec<(Vec<u8>, Vec<u8>)> = sh
            .vars
            .iter()
            .filter_map(|(n, v, _, _)| Some((n.to_vec(), v?.to_vec())))
            .collect();
        return output(sh, "set", |out| {
            for (n, v) in vars {
                out.bytes(&n);
                out.bytes(b"=");
                quote(&v, out);
                out.bytes(b"\n");
            }
        });
    }
    let mut i = 1;
    while i < args.len() {
        let a = &args[i];
        let (on, flags) = match a.split_first() {
            Some((b'-', flags)) => (true, flags),
            Some((b'+', flags)) => (false, flags),
            _ => break,
        };
        if a.as_slice() == b"--" || a.as_slice() == b"-" {
            // A lone `-` also turns -x and -v off (dash, XCU set's historical form).
            if a.as_slice() == b"-" {
                sh.opts.xtrace = false;
                sh.opts.verbose = false;
            }
            i += 1;
            break;
        }
        if flags == b"o" {
            i += 1;
            let Some(name) = args.get(i) else {
                let opts: Vec<(&str, bool)> = OPTION_NAMES
                    .iter()
                    .map(|&(n, c)| (n, sh.flags().contains(&c)))
                    .collect();
                // `set -o` shows the options, `set +o` the commands that restore them (dash).
                return output(sh, "set", |out| {
                    if on {
                        out.bytes(b"Current option settings\n");
                    }
                    for (n, set) in opts {
                        let _ = match (on, set) {
                            (true, _) => writeln!(out, "{n:<16}{}", if set { "on" } else { "off" }),
                            (false, _) => writeln!(out, "set {}o {n}", if set { '-' } else { '+' }),
                        };
                    }
                });
            };
            if !set_option_name(sh, name, on) {
                return Err(sh.fatal(2, format_args!("set: Illegal option -o {}", Show(name))));
            }
            i += 1;
            continue;
        }
        for &c in flags {
            if !set_option(sh, c, on) {
                return Err(sh.fatal(
                    2,
                    format_args!(
                        "set: Illegal option {}{}",
                        if on { '-' } else { '+' },
                        c as char
                    ),
                ));
            }
        }
        i += 1;
    }
    if i < args.len() || args.get(i - 1).is_some_and(|a| a.as_slice() == b"--") {
        sh.params = args.get(i..).unwrap_or_default().to_vec();
    }
    Ok(0)
}

fn shift(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let n = match args.get(1) {
        None => 1,
        Some(a) => count_operand(sh, "shift", a)? as usize,
    };
    if n > sh.params.len() {
        return Err(sh.fatal(2, format_args!("shift: can't shift that many")));
    }
    sh.params.drain(..n);
    Ok(0)
}

fn eval(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let src = args.get(1..).unwrap_or_default().join(&b' ');
    sh.run_string(&src, sh.line)
}

fn dot(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    // `.` alone does nothing (dash).
    let Some(name) = args.get(1) else {
        return Ok(0);
    };
    let path = if name.contains(&b'/') {
        name.clone()
    } else {
        let path_var = sh.vars.get(b"PATH").unwrap_or_default().to_vec();
        match path_var
            .split(|&b| b == b':')
            .map(|d| [if d.is_empty() { &b"."[..] } else { d }, b"/", name].concat())
            .find(|p| {
                super::path::cstring(p).is_some_and(|c| fs::stat(&c).is_ok_and(|s| s.is_file()))
            }) {
            Some(p) => p,
            None => return Err(sh.fatal(2, format_args!(".: {}: not found", Show(name)))),
        }
    };
    let Some(src) = super::input::read_file(&path) else {
        return Err(sh.fatal(2, format_args!(".: cannot open {}", Show(&path))));
    };
    match sh.run_string(&src, 1) {
        Err(Flow::Return(s)) => Ok(s),
        r => r,
    }
}

fn exec(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    if args.len() == 1 {
        return Ok(0);
    }
    sh.exec_replace(args.get(1..).unwrap_or_default(), &[])
}

fn wait(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let ids = match args.get(1..).unwrap_or_default() {
        [first, rest @ ..] if first == b"--" => rest,
        ids => ids,
    };
    if ids.is_empty() {
        return Ok(sh.jobs.wait_all());
    }
    let mut status = 0;
    for a in ids {
        status = match number(a) {
            Some(pid) => sh.jobs.wait_pid(pid),
            None if a.starts_with(b"%") => match sh.jobs.find(Some(a)) {
                Some(i) => {
                    let last = sh.jobs.list[i].last;
                    sh.jobs.wait_pid(last)
                }
                None => return super::jobctl::job_error(sh, "wait", Some(a)),
            },
            None => return Err(illegal_number(sh, "wait", a)),
        };
    }
    Ok(status)
}

/// `command -v NAME...`: how each name would be found — the name itself for a function or
/// builtin, else its path — and status 127 if one is not found (as dash); `command -V` is
/// `type`.
/// (`command NAME ARGS`, which skips functions, is run by the executor.)
fn command(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let mut describe = None;
    let names = match options(sh, "command", args, &mut |c| match c {
        b'p' => true,
        b'v' | b'V' => {
            describe = Some(c);
            true
        }
        _ => false,
    }) {
        Ok(names) => names,
        Err(status) => return Ok(status),
    };
    match describe {
        // `command` alone, or with -p only: nothing to run.
        None if names.is_empty() => Ok(0),
        Some(b'V') => {
            let mut typed = alloc::vec![b"type".to_vec()];
            typed.extend_from_slice(names);
            type_(sh, &typed)
        }
        Some(_) => {
            let mut status = 0;
            let mut lines: Vec<u8> = Vec::new();
            for name in names {
                let found = if let Some(value) = sh.aliases.get(name) {
                    Some([&b"alias "[..], name, b"=", &quoted(value)].concat())
                } else if super::parse::is_keyword(name)
                    || sh.functions.contains_key(name.as_slice())
                    || find(name).is_some()
                {
                    Some(name.clone())
                } else if name.contains(&b'/') {
                    // A path is shown if it exists (dash does not ask for execute permission).
                    super::path::cstring(name)
                        .filter(|c| fs::stat(c).is_ok())
                        .map(|_| name.clone())
                } else {
                    sh.search(name).ok().map(|p| p.as_bytes().to_vec())
                };
                match found {
                    Some(f) => {
                        lines.extend_from_slice(&f);
                        lines.push(b'\n');
                    }
                    None => status = 127,
                }
            }
            output(sh, "command", |out| out.bytes(&lines))?;
            Ok(status)
        }
        _ => {
            sh.error(format_args!(
                "command: usage: command [-p] NAME [ARG...] or command -v|-V NAME..."
            ));
            Ok(2)
        }
    }
}

/// For `command [-p] [--] NAME ARGS`, which the executor runs: how many words come before
/// NAME. None when the options are -v or -V (or not command's): the builtin's business.
pub(super) fn command_skip(fields: &[Vec<u8>]) -> Option<usize> {
    let mut i = 1;
    while let Some(a) = fields.get(i) {
        i += 1;
        match a.as_slice() {
            b"--" => break,
            [b'-', letters @ ..] if !letters.is_empty() => {
                if letters.iter().any(|&c| c != b'p') {
                    return None;
                }
            }
            _ => return Some(i - 1),
        }
    }
    Some(i)
}

/// `local NAME[=VALUE]...`: inside a function, the names get their old values back when it
/// returns (dash's `local`; a name keeps its value until assigned).
fn local(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    if sh.locals.is_empty() {
        // As in dash, an error that ends a non-interactive shell.
        return Err(sh.fatal(2, format_args!("local: not in a function")));
    }
    for op in args.get(1..).unwrap_or_default() {
        if op == b"-" {
            // `local -`: the options set from here on are the function's own.
            let now = (sh.opts, sh.vars.allexport);
            if let Some(slot) = sh.local_opts.last_mut() {
                slot.get_or_insert(now);
            }
            continue;
        }
        let (name, value) = match op.iter().position(|&b| b == b'=') {
            Some(eq) => (&op[..eq], Some(&op[eq + 1..])),
            None => (&op[..], None),
        };
        if !is_name(name) {
            // Special: the error ends a script.
            return Err(sh.fatal(2, format_args!("local: {}: bad variable name", Show(name))));
        }
        if let Some(frame) = sh.locals.last_mut()
            && !frame.iter().any(|(n, _)| n == name)
        {
            frame.push((name.to_vec(), sh.vars.snapshot(name)));
        }
        if let Some(v) = value {
            sh.set_var(name, v)?;
        }
    }
    Ok(0)
}

fn type_(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let mut status = 0;
    let mut lines: Vec<Vec<u8>> = Vec::new();
    for name in args.get(1..).unwrap_or_default() {
        let mut line = name.clone();
        if let Some(value) = sh.aliases.get(name) {
            line.extend_from_slice(b" is an alias for ");
            line.extend_from_slice(value);
        } else if super::parse::is_keyword(name) {
            line.extend_from_slice(b" is a shell keyword");
        } else if sh.functions.contains_key(name.as_slice()) {
            line.extend_from_slice(b" is a shell function");
        } else if let Some((kind, _)) = find(name) {
            line.extend_from_slice(if kind == Kind::Special {
                b" is a special shell builtin"
            } else {
                b" is a shell builtin"
            });
        } else if name.contains(&b'/') {
            if super::path::cstring(name).is_some_and(|c| fs::stat(&c).is_ok()) {
                line.extend_from_slice(b" is ");
                line.extend_from_slice(name);
            } else {
                line.extend_from_slice(b": not found");
                status = 127;
            }
        } else {
            match sh.search(name) {
                Ok(p) => {
                    line.extend_from_slice(b" is ");
                    line.extend_from_slice(p.as_bytes());
                }
                Err(_) => {
                    line.extend_from_slice(b": not found");
                    status = 127;
                }
            }
        }
        line.push(b'\n');
        lines.push(line);
    }
    output(sh, "type", |out| lines.iter().for_each(|l| out.bytes(l)))?;
    Ok(status)
}

fn umask(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let (symbolic, rest) = match one_option(sh, "umask", args, b'S') {
        Ok(r) => r,
        Err(status) => return Ok(status),
    };
    let Some(a) = rest.first() else {
        let m = fs::umask(0);
        fs::umask(m);
        return output(sh, "umask", |out| {
            if !symbolic {
                let _ = writeln!(out, "{m:04o}");
                return;
            }
            // -S: what the mask allows, `u=rwx,g=rx,o=rx`.
            for (i, who) in [b'u', b'g', b'o'].into_iter().enumerate() {
                let allowed = !m >> (6 - 3 * i);
                out.bytes(&[who, b'=']);
                for (bit, c) in [(4, b'r'), (2, b'w'), (1, b'x')] {
                    if allowed & bit != 0 {
                        out.bytes(&[c]);
                    }
                }
                out.bytes(if i < 2 { b"," } else { b"\n" });
            }
        });
    };
    // A mode sets the mask; with -S too, silently (dash).
    let octal = a.len() <= 4 && a.iter().all(|&d| (b'0'..=b'7').contains(&d));
    let old = fs::umask(0);
    let new = if octal && !a.is_empty() {
        Some(a.iter().fold(0, |m, &d| m * 8 + (d - b'0') as u32))
    } else {
        symbolic_umask(old, a)
    };
    fs::umask(new.unwrap_or(old));
    if new.is_none() {
        sh.error(format_args!("umask: Illegal mode: {}", Show(a)));
        return Ok(2);
    }
    Ok(0)
}

/// A symbolic mode (chmod(1)'s `u=rwx,g-w,o=`, `a+X`, `g=u`) applied to the permissions
/// `mask` lets through; the new mask, or `None` if `spec` is not such a mode.
fn symbolic_umask(mask: u32, spec: &[u8]) -> Option<u32> {
    let mut allowed = !mask & 0o777;
    let class = |c: u8| match c {
        b'u' => 0o700,
        b'g' => 0o070,
        b'o' => 0o007,
        _ => 0o777,
    };
    for clause in spec.split(|&c| c == b',') {
        let named = clause.iter().take_while(|c| b"ugoa".contains(c)).count();
        let who = match clause[..named].iter().fold(0, |w, &c| w | class(c)) {
            0 => 0o777,
            w => w,
        };
        let mut rest = &clause[named..];
        if named > 0 && rest.is_empty() {
            return None;
        }
        while let Some((&op, tail)) = rest.split_first() {
            let n = tail.iter().take_while(|c| !b"+-=".contains(c)).count();
            let bits = match &tail[..n] {
                // Another class's current permissions, copied.
                &[c @ (b'u' | b'g' | b'o')] => (allowed & class(c)) / (class(c) / 7) * 0o111,
                perms => perms.iter().try_fold(0, |bits, &c| {
                    Some(match c {
                        b'r' => bits | 0o444,
                        b'w' => bits | 0o222,
                        b'x' => bits | 0o111,
                        b'X' if allowed & 0o111 != 0 => bits | 0o111,
                        b'X' => bits,
                        _ => return None,
                    })
                })?,
            } & who;
            allowed = match op {
                b'+' => allowed | bits,
                b'-' => allowed & !bits,
                b'=' => allowed & !who | bits,
                _ => return None,
            };
            rest = &tail[n..];
        }
    }
    Some(!allowed & 0o777)
}

/// `read [-r] [NAME...]`: one line of standard input, split on IFS into the names (the last
/// gets the rest). Reads a byte at a time so that it never consumes input past the line,
/// which the next command may need (a pipe cannot be un-read).
fn read(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let mut raw = false;
    let mut names = args.get(1..).unwrap_or_default();
    while let Some(opt) = names.first().filter(|a| a.starts_with(b"-") && a.len() > 1) {
        if opt.as_slice() == b"-r" {
            raw = true;
        } else if opt.as_slice() == b"-p" {
            // `-p PROMPT`, written to stderr only when reading from a terminal (dash).
            let Some(prompt) = names.get(1) else {
                sh.error(format_args!("read: -p: option requires an argument"));
                return Ok(2);
            };
            if crate::sys::tty::isatty(Fd::STDIN) {
                let _ = fd::write_all(Fd::STDERR, prompt);
            }
            names = names.get(1..).unwrap_or_default();
        } else if opt.as_slice() == b"--" {
            names = names.get(1..).unwrap_or_default();
            break;
        } else {
            sh.error(format_args!("read: Illegal option {}", Show(opt)));
            return Ok(2);
        }
        names = names.get(1..).unwrap_or_default();
    }
    let default = [b"REPLY".to_vec()];
    let names = if names.is_empty() {
        &default[..]
    } else {
        names
    };
    if let Some(bad) = names.iter().find(|n| !is_name(n)) {
        sh.error(format_args!("read: {}: bad variable name", Show(bad)));
        return Ok(2);
    }
    // (byte, escaped) pairs: an escaped byte is never a separator.
    let mut line: Vec<(u8, bool)> = Vec::new();
    let mut eof = false;
    let mut escape = false;
    loop {
        let mut b = [0u8];
        match fd::read(Fd::STDIN, &mut b) {
            Ok(0) => {
                eof = true;
                break;
            }
            Ok(_) => {}
            // A caught signal's trap runs at once, and the read goes on (dash).
            Err(Errno::EINTR) => {
                sh.run_traps()?;
                continue;
            }
            Err(e) => {
                sh.error(format_args!("read: {e}"));
                return Ok(2);
            }
        }
        let c = b[0];
        if line.try_reserve(1).is_err() {
            sh.error(format_args!("read: out of memory"));
            return Ok(2);
        }
        if escape {
            escape = false;
            if c != b'\n' {
                line.push((c, true));
            }
            continue;
        }
        match c {
            b'\n' => break,
            b'\\' if !raw => escape = true,
            0 => {}
            c => line.push((c, false)),
        }
        if line.len() > super::input::MAX_LINE {
            sh.error(format_args!(
                "read: line too long (at most {} bytes)",
                super::input::MAX_LINE
            ));
            return Ok(2);
        }
    }
    let ifs = sh.vars.get(b"IFS").unwrap_or(b" \t\n").to_vec();
    let fields = split_read(&line, &ifs, names.len());
    for (i, n) in names.iter().enumerate() {
        let v = fields.get(i).map_or(&[][..], Vec::as_slice);
        sh.set_var(n, v)?;
    }
    Ok(eof as i32)
}

/// Splits a `read` line into at most `n` fields (XCU read, 2.6.5): IFS whitespace around
/// fields is dropped; the last field keeps the rest of the line, less trailing IFS whitespace,
/// and less a trailing delimiter if that rest is one field (`x:y:` gives `x` and `y`, but
/// `y:z:` stays whole), as dash does.
fn split_read(line: &[(u8, bool)], ifs: &[u8], n: usize) -> Vec<Vec<u8>> {
    let is_sep = |&(c, esc): &(u8, bool)| !esc && ifs.contains(&c);
    let is_ws =
        |&(c, esc): &(u8, bool)| !esc && ifs.contains(&c) && matches!(c, b' ' | b'\t' | b'\n');
    let mut fields = Vec::new();
    let mut i = 0;
    while i < line.len() && is_ws(&line[i]) {
        i += 1;
    }
    while i < line.len() {
        if fields.len() + 1 == n {
            let mut end = line.len();
            while end > i && is_ws(&line[end - 1]) {
                end -= 1;
            }
            let mut j = i;
            while j < end && !is_sep(&line[j]) {
                j += 1;
            }
            let field_end = j;
            while j < end && is_ws(&line[j]) {
                j += 1;
            }
            if j + 1 == end && is_sep(&line[j]) {
                end = field_end;
            }
            fields.push(line[i..end].iter().map(|p| p.0).collect());
            return fields;
        }
        let start = i;
        while i < line.len() && !is_sep(&line[i]) {
            i += 1;
        }
        fields.push(line[start..i].iter().map(|p| p.0).collect());
        // One separator: IFS whitespace around at most one non-whitespace IFS character.
        while i < line.len() && is_ws(&line[i]) {
            i += 1;
        }
        if i < line.len() && is_sep(&line[i]) && !is_ws(&line[i]) {
            i += 1;
            while i < line.len() && is_ws(&line[i]) {
                i += 1;
            }
        }
    }
    fields
}

fn spawn(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    match args.get(1) {
        None => {
            let name = sh.strategy.name();
            output(sh, "spawn", |out| {
                let _ = writeln!(out, "{name}");
            })
        }
        Some(a) => match Strategy::from_name(a) {
            Some(s) => {
                sh.strategy = s;
                Ok(0)
            }
            None => {
                sh.error(format_args!(
                    "spawn: {}: unknown strategy (fork, vfork or clone)",
                    Show(a)
                ));
                Ok(2)
            }
        },
    }
}

impl Shell {
    /// Replaces the shell with `fields[0]` (searched on PATH), `assigns` added to its
    /// environment; returns only if that fails, with the error.
    pub fn exec_in_place(&mut self, fields: &[Vec<u8>], assigns: &[(Vec<u8>, Vec<u8>)]) -> Errno {
        let name = &fields[0];
        let path = if name.contains(&b'/') {
            super::path::cstring(name).ok_or(Errno::ENOENT)
        } else {
            self.search(name)
        };
        match path {
            Ok(path) => {
                let argv = crate::sys::process::CStrArray::new(fields.iter().map(Vec::as_slice));
                let env = self.environ(assigns);
                crate::sys::process::execve_or_script(&path, &argv, &env, super::path::SCRIPT_SHELL)
            }
            Err(e) => e,
        }
    }

    /// `exec cmd args`: as [`exec_in_place`](Shell::exec_in_place); a failure ends a
    /// non-interactive shell with 127 ("not found") or 126.
    pub fn exec_replace(&mut self, fields: &[Vec<u8>], assigns: &[(Vec<u8>, Vec<u8>)]) -> Exec {
        let e = self.exec_in_place(fields, assigns);
        let (status, what) = if e == Errno::ENOENT {
            (127, "not found")
        } else {
            (126, e.message())
        };
        self.error(format_args!("exec: {}: {}", Show(&fields[0]), what));
        Err(Flow::Fatal(status))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoting_as_dash() {
        for (v, q) in [
            (&b""[..], &b"''"[..]),
            (b"a b", b"'a b'"),
            (b"a'", b"'a'\"'\""),
            (b"'a", b"''\"'\"'a'"),
            (b"''", b"''\"''\""),
            (b"a''b", b"'a'\"''\"'b'"),
        ] {
            assert_eq!(quoted(v), q, "{}", String::from_utf8_lossy(v));
        }
    }

    #[test]
    fn read_splitting() {
        let l = |s: &[u8]| s.iter().map(|&c| (c, false)).collect::<Vec<_>>();
        assert_eq!(
            split_read(&l(b"  a  b  c  "), b" \t\n", 2),
            [b"a".to_vec(), b"b  c".to_vec()]
        );
        assert_eq!(
            split_read(&l(b"a:b::c"), b":", 5),
            [b"a".to_vec(), b"b".to_vec(), b"".to_vec(), b"c".to_vec()]
        );
        assert_eq!(split_read(&l(b"a b"), b"", 2), [b"a b".to_vec()]);
    }

    #[test]
    fn cleaning_paths() {
        assert_eq!(clean_path(b"/a/./b/../c/"), b"/a/c");
        assert_eq!(clean_path(b"/.."), b"/");
    }
}
