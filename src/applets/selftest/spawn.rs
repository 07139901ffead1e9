//! The spawn checks: each strategy runs a program with file actions, and reports exec errors.

use super::{
    Env, NO_BINFMT, Outcome, echo_args, ended, environment, expect_exit, fail, parse_echo, pipe,
    read_all, reap, skip,
};
use crate::rt::spawn::{self, FileAction, Spawn, SpawnError, Step, Strategy};
use crate::sys::fd::{self, Fd};
use crate::sys::process::CStrArray;
use crate::sys::signal::SigSet;
use crate::sys::{Errno, fs};
use alloc::format;
use core::ffi::CStr;

pub(super) fn spawn_runs(env: &Env, how: Strategy) -> Outcome {
    let exe = env.exe()?;
    let args = echo_args(how.name().as_bytes());
    let argv = CStrArray::new(args);
    let envp = environment();
    let (rd, wr) = pipe()?;
    let actions = [
        FileAction::Dup2 {
            from: wr,
            to: Fd::STDOUT,
        },
        FileAction::Chdir(c"/"),
    ];
    let s = Spawn {
        path: exe,
        argv: &argv,
        envp: &envp,
        actions: &actions,
        pgid: Some(0),
        terminal: None,
        default_signals: SigSet::EMPTY,
        ignore_signals: SigSet::EMPTY,
        script_shell: None,
        exec_error: None,
    };
    let started = spawn::spawn(&s, how);
    let _ = fd::close(wr);
    let got = read_all(rd);
    let _ = fd::close(rd);
    let pid = match started {
        Ok(pid) => pid,
        Err(SpawnError::Child(Step::Exec, Errno::ENOEXEC)) if env.qemu_user => {
            return skip(NO_BINFMT);
        }
        Err(e) => return fail(format!("spawn: {e}")),
    };
    expect_exit(reap(pid)?, 0, "the program")?;
    match parse_echo(&got) {
        Some(echo) if echo.pid == pid.0 && echo.pgid == pid.0 && echo.cwd == b"/" => {
            if echo.argv == args {
                Ok(())
            } else {
                fail(format!(
                    "argv arrived as \"{}\"",
                    echo.argv.join(&b' ').escape_ascii()
                ))
            }
        }
        _ => fail(format!(
            "the child {} printed \"{}\", expected its pid, pgid and cwd /",
            pid.0,
            got.escape_ascii()
        )),
    }
}

pub(super) fn spawn_errors(env: &Env, how: Strategy) -> Outcome {
    let scratch = env.scratch()?;
    let argv = CStrArray::new([&b"x"[..]]);
    let envp = CStrArray::new([]);
    let missing = c"/nonexistent/rawsh-selftest";
    let open_missing = [FileAction::Open {
        fd: Fd::STDIN,
        path: missing,
        flags: fs::O_RDONLY,
        mode: 0,
    }];
    let cases: [(&CStr, &[FileAction<'_>], SpawnError); 3] = [
        (missing, &[], SpawnError::Child(Step::Exec, Errno::ENOENT)),
        (
            &scratch.plain,
            &[],
            SpawnError::Child(Step::Exec, Errno::EACCES),
        ),
        (
            &scratch.garbage,
            &open_missing,
            SpawnError::Child(Step::Action(0), Errno::ENOENT),
        ),
    ];
    for (path, actions, want) in cases {
        let s = Spawn {
            path,
            argv: &argv,
            envp: &envp,
            actions,
            pgid: None,
            terminal: None,
            default_signals: SigSet::EMPTY,
            ignore_signals: SigSet::EMPTY,
            script_shell: None,
            exec_error: None,
        };
        match spawn::spawn(&s, how) {
            Err(got) if got == want => {}
            Err(got) => return fail(format!("got {got}, expected {want}")),
            Ok(pid) => {
                let status = reap(pid)?;
                return fail(format!(
                    "{} started and {}, expected {want}",
                    path.to_bytes().escape_ascii(),
                    ended(status)
                ));
            }
        }
    }
    Ok(())
}
