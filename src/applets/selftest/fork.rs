//! The fork, vfork and execve checks.

use super::{
    Env, NO_BINFMT, Outcome, VFORK_IS_FORK, echo_args, environment, expect_exit, fail, parse_echo,
    pipe, read_all, reap, skip, sys,
};
use crate::rt::out::Buffered;
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, CStrArray, Fork, WaitStatus};
use crate::sys::{Errno, time};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use core::hint::black_box;
use core::sync::atomic::{AtomicU32, Ordering::SeqCst};

pub(super) fn fork_pids(_: &Env) -> Outcome {
    let (rd, wr) = pipe()?;
    match process::fork().map_err(sys("fork"))? {
        Fork::Child => {
            let mut msg = [0u8; 8];
            msg[..4].copy_from_slice(&process::getpid().0.to_ne_bytes());
            msg[4..].copy_from_slice(&process::getppid().0.to_ne_bytes());
            let _ = fd::write_all(wr, &msg);
            process::exit(0)
        }
        Fork::Parent(pid) => {
            let _ = fd::close(wr);
            let got = read_all(rd);
            let _ = fd::close(rd);
            expect_exit(reap(pid)?, 0, "the child")?;
            let Some((own, parent)) = got.split_at_checked(4) else {
                return fail(String::from("the child reported nothing"));
            };
            let own = i32::from_ne_bytes(own.try_into().unwrap_or([0; 4]));
            let parent = i32::from_ne_bytes(parent.try_into().unwrap_or([0; 4]));
            let me = process::getpid().0;
            if pid.0 > 0 && own == pid.0 && parent == me {
                Ok(())
            } else {
                fail(format!(
                    "fork returned {}, the child says pid {own} and parent {parent}, \
                     the parent is {me}",
                    pid.0
                ))
            }
        }
    }
}

/// Writes `v` through a heap page and a stack variable, so that the compiler cannot keep
/// either in a register.
fn set(page: &mut [u8], local: &mut u8, v: u8) {
    black_box(&mut *page).fill(v);
    *black_box(&mut *local) = v;
}

/// What the page and the stack variable hold, if they agree.
fn seen(page: &[u8], local: &u8) -> Option<u8> {
    let (page, local) = (black_box(page), *black_box(local));
    page.iter().all(|&b| b == local).then_some(local)
}

pub(super) fn fork_cow(_: &Env) -> Outcome {
    let mut page = vec![1u8; 4096];
    let mut local = 1u8;
    let (to_parent, from_child) = pipe()?;
    let (to_child, from_parent) = pipe().inspect_err(|_| {
        let _ = fd::close(to_parent);
        let _ = fd::close(from_child);
    })?;
    let mut byte = [0u8; 1];
    match process::fork().map_err(sys("fork"))? {
        Fork::Child => {
            let _ = fd::close(to_parent);
            let _ = fd::close(from_parent);
            set(&mut page, &mut local, 2);
            let _ = fd::write(from_child, b"w");
            // Wait for the parent's write, then look at ours again.
            let _ = fd::read(to_child, &mut byte);
            process::exit(if seen(&page, &local) == Some(2) { 0 } else { 1 })
        }
        Fork::Parent(pid) => {
            let _ = fd::close(from_child);
            let _ = fd::close(to_child);
            let _ = fd::read(to_parent, &mut byte);
            let after_child = seen(&page, &local);
            set(&mut page, &mut local, 3);
            let _ = fd::write(from_parent, b"w");
            let _ = fd::close(from_parent);
            let _ = fd::close(to_parent);
            let status = reap(pid)?;
            if after_child != Some(1) {
                return fail(format!(
                    "after the child wrote 2 the parent reads {after_child:?}, not 1"
                ));
            }
            match status {
                WaitStatus::Exited(1) => fail(String::from(
                    "after the parent wrote 3 the child no longer reads its own 2",
                )),
                status => expect_exit(status, 0, "the child"),
            }
        }
    }
}

const NAP_NS: u64 = 50_000_000;

pub(super) fn vfork_suspends(env: &Env) -> Outcome {
    fn child(wr: &Fd) -> ! {
        let _ = time::sleep_ns(NAP_NS);
        let exit_time = time::now_ns(time::CLOCK_MONOTONIC);
        let _ = fd::write_all(*wr, &exit_time.to_ne_bytes());
        process::exit(0)
    }
    let (rd, wr) = pipe()?;
    let before = time::now_ns(time::CLOCK_MONOTONIC);
    let pid = process::vfork(child, &wr);
    let resumed = time::now_ns(time::CLOCK_MONOTONIC);
    let _ = fd::close(wr);
    let got = read_all(rd);
    let _ = fd::close(rd);
    let pid = pid.map_err(sys("vfork"))?;
    expect_exit(reap(pid)?, 0, "the child")?;
    let Ok(exit_time) = got.try_into().map(u64::from_ne_bytes) else {
        return fail(String::from("the child reported no clock reading"));
    };
    if resumed >= exit_time && resumed - before >= NAP_NS {
        return Ok(());
    }
    if env.qemu_user && resumed < exit_time {
        return skip(VFORK_IS_FORK);
    }
    let us = |t: u64, from: u64| (t as i64 - from as i64) / 1000;
    fail(format!(
        "the parent resumed {} µs after vfork, the child exited at {} µs",
        us(resumed, before),
        us(exit_time, before)
    ))
}

pub(super) fn vfork_shares(env: &Env) -> Outcome {
    fn child(word: &AtomicU32) -> ! {
        word.store(1, SeqCst);
        process::exit(0)
    }
    let word = AtomicU32::new(0);
    let pid = process::vfork(child, &word).map_err(sys("vfork"))?;
    expect_exit(reap(pid)?, 0, "the child")?;
    match word.load(SeqCst) {
        1 => Ok(()),
        0 if env.qemu_user => skip(VFORK_IS_FORK),
        n => fail(format!("the child wrote 1, the parent reads {n}")),
    }
}

pub(super) fn vfork_exit(_: &Env) -> Outcome {
    fn child(wr: &Fd) -> ! {
        let _ = fd::write_all(*wr, b"child\n");
        process::exit(0)
    }
    let (rd, wr) = pipe()?;
    let mut pending = Buffered::new(wr);
    pending.bytes(b"parent\n");
    let status = process::vfork(child, &wr)
        .map_err(sys("vfork"))
        .and_then(reap);
    // The parent's exit path: flush what is buffered, once.
    drop(pending);
    let _ = fd::close(wr);
    let got = read_all(rd);
    let _ = fd::close(rd);
    expect_exit(status?, 0, "the child")?;
    if got == b"child\nparent\n" {
        Ok(())
    } else {
        fail(format!("the pipe holds \"{}\"", got.escape_ascii()))
    }
}

pub(super) fn execve_replaces(env: &Env) -> Outcome {
    let exe = env.exe()?;
    let args = echo_args(b"execve");
    let argv = CStrArray::new(args);
    let envp = environment();
    let (rd, wr) = pipe()?;
    match process::fork().map_err(sys("fork"))? {
        Fork::Child => {
            // A failed execve is reported on the pipe as `!` and the errno.
            let e = match fd::dup2(wr, Fd::STDOUT) {
                Ok(_) => process::execve(exe, &argv, &envp),
                Err(e) => e,
            };
            let mut msg = [b'!'; 5];
            msg[1..].copy_from_slice(&e.raw().to_ne_bytes());
            let _ = fd::write_all(wr, &msg);
            process::exit(127)
        }
        Fork::Parent(pid) => {
            let _ = fd::close(wr);
            let got = read_all(rd);
            let _ = fd::close(rd);
            let status = reap(pid)?;
            if let Some(raw) = got.strip_prefix(b"!") {
                let e = Errno::from_raw(i32::from_ne_bytes(raw.try_into().unwrap_or([0; 4])));
                if e == Errno::ENOEXEC && env.qemu_user {
                    return skip(NO_BINFMT);
                }
                return fail(format!(
                    "execve {}: {}",
                    exe.to_bytes().escape_ascii(),
                    e.name()
                ));
            }
            expect_exit(status, 0, "the new program")?;
            match parse_echo(&got) {
                Some(echo) if echo.pid == pid.0 && echo.argv == args => Ok(()),
                _ => fail(format!(
                    "the child {} printed \"{}\"",
                    pid.0,
                    got.escape_ascii()
                )),
            }
        }
    }
}

pub(super) fn execve_errors(env: &Env) -> Outcome {
    let scratch = env.scratch()?;
    let argv = CStrArray::new([&b"x"[..]]);
    let envp = CStrArray::new([]);
    let me = process::getpid();
    let cases = [
        (c"/nonexistent/rawsh-selftest", Errno::ENOENT),
        (&*scratch.plain, Errno::EACCES),
        (&*scratch.garbage, Errno::ENOEXEC),
    ];
    for (path, want) in cases {
        let got = process::execve(path, &argv, &envp);
        if got != want {
            return fail(format!(
                "execve {}: {}, expected {}",
                path.to_bytes().escape_ascii(),
                got.name(),
                want.name()
            ));
        }
    }
    if process::getpid() != me {
        return fail(String::from("the pid changed"));
    }
    Ok(())
}
