//! The clone checks: exit status, what CLONE_VM, CLONE_FILES and CLONE_SIGHAND share, death
//! by signal, the stack's guard page.

use super::{
    Env, NO_BARE_VM, NO_SHARING, Outcome, STACK_SIZE, ended, expect_exit, fail, new_stack, skip,
    sys,
};
use crate::rt::stack::{CLONE_FILES, CLONE_SIGHAND, CLONE_VM, clone_wait};
use crate::sys::fd::{self, Fd};
use crate::sys::process::{self, WaitStatus};
use crate::sys::signal::{self, Disposition};
use crate::sys::{Errno, fs};
use alloc::format;
use alloc::string::String;
use alloc::vec;
use core::hint::black_box;
use core::sync::atomic::{AtomicU32, AtomicUsize, Ordering::SeqCst};

pub(super) fn clone_exit_status(_: &Env) -> Outcome {
    fn plus_one(n: &i32) -> i32 {
        n + 1
    }
    let stack = new_stack()?;
    let status = clone_wait(0, &stack, plus_one, &41).map_err(sys("clone"))?;
    expect_exit(status, 42, "fn returned 42 but the child")
}

pub(super) fn clone_vm(env: &Env) -> Outcome {
    fn store(word: &AtomicU32) -> i32 {
        word.store(1, SeqCst);
        0
    }
    let stack = new_stack()?;
    let shared = AtomicU32::new(0);
    match clone_wait(CLONE_VM, &stack, store, &shared) {
        Err(Errno::EINVAL) if env.qemu_user => return skip(NO_BARE_VM),
        status => expect_exit(status.map_err(sys("clone(CLONE_VM)"))?, 0, "the child")?,
    }
    let private = AtomicU32::new(0);
    let status = clone_wait(0, &stack, store, &private).map_err(sys("clone"))?;
    expect_exit(status, 0, "the child")?;
    match (shared.load(SeqCst), private.load(SeqCst)) {
        (1, 0) => Ok(()),
        (0, _) => fail(String::from(
            "with CLONE_VM the parent did not see the child's write",
        )),
        _ => fail(String::from(
            "without CLONE_VM the parent saw the child's write",
        )),
    }
}

pub(super) fn clone_files(env: &Env) -> Outcome {
    /// Opens `/` and exits with the descriptor's number (255: could not).
    fn open_root(_: &()) -> i32 {
        match fs::open(c"/", fs::O_RDONLY | fs::O_DIRECTORY, 0) {
            Ok(fd) if fd.0 < 255 => fd.0,
            _ => 255,
        }
    }
    let stack = new_stack()?;
    let mut opened = [Fd(-1); 2];
    for (i, share) in [CLONE_FILES, 0].into_iter().enumerate() {
        match clone_wait(share, &stack, open_root, &()) {
            Err(Errno::EINVAL) if env.qemu_user => return skip(NO_SHARING),
            Err(e) => return fail(format!("clone: {}", e.name())),
            Ok(WaitStatus::Exited(n)) if n < 255 => opened[i] = Fd(n),
            Ok(status) => return fail(format!("the child {}", ended(status))),
        }
    }
    let [shared, private] = opened;
    let in_parent = |fd| fd::fcntl(fd, fd::F_GETFD, 0);
    if in_parent(shared).is_err() {
        return fail(format!(
            "with CLONE_FILES fd {} the child opened is not open in the parent",
            shared.0
        ));
    }
    let _ = fd::close(shared);
    if in_parent(private).is_ok() {
        let _ = fd::close(private);
        return fail(format!(
            "without CLONE_FILES fd {} the child opened is open in the parent",
            private.0
        ));
    }
    Ok(())
}

pub(super) fn clone_sighand(env: &Env) -> Outcome {
    fn ignore_usr1(_: &()) -> i32 {
        match signal::set_disposition(signal::SIGUSR1, Disposition::Ignore) {
            Ok(_) => 0,
            Err(_) => 1,
        }
    }
    let usr1 = signal::SIGUSR1;
    let was_ignored =
        signal::set_disposition(usr1, Disposition::Default).map_err(sys("rt_sigaction"))?;
    let stack = new_stack()?;
    let mut ignored = [false; 2];
    let mut result = Ok(());
    for (i, share) in [CLONE_VM | CLONE_SIGHAND, CLONE_VM].into_iter().enumerate() {
        result = match clone_wait(share, &stack, ignore_usr1, &()) {
            Err(Errno::EINVAL) if env.qemu_user => skip(NO_BARE_VM),
            Err(e) => fail(format!("clone: {}", e.name())),
            Ok(status) => expect_exit(status, 0, "the child"),
        };
        if result.is_err() {
            break;
        }
        ignored[i] = signal::is_ignored(usr1).unwrap_or(false);
        let _ = signal::set_disposition(usr1, Disposition::Default);
    }
    if was_ignored {
        let _ = signal::set_disposition(usr1, Disposition::Ignore);
    }
    result?;
    match ignored {
        [true, false] => Ok(()),
        [false, _] => fail(String::from(
            "with CLONE_SIGHAND the child ignored SIGUSR1 but the parent does not",
        )),
        _ => fail(String::from(
            "without CLONE_SIGHAND the child ignored SIGUSR1 and so does the parent",
        )),
    }
}

pub(super) fn clone_signaled(_: &Env) -> Outcome {
    fn kill_self(_: &()) -> i32 {
        let _ = process::kill(process::getpid().0, signal::SIGKILL);
        0
    }
    let stack = new_stack()?;
    match clone_wait(0, &stack, kill_self, &()).map_err(sys("clone"))? {
        WaitStatus::Signaled { signal, .. } if signal == signal::SIGKILL => Ok(()),
        status => fail(format!(
            "the child {}, expected killed by SIGKILL",
            ended(status)
        )),
    }
}

/// One level of the guard-page check's recursion uses a bit more than this much stack: well
/// under the guard page's 4 KiB, so no frame can jump over it.
const FRAME: usize = 1024;

/// The lowest stack address the diving child has reached.
struct Dive {
    lowest: AtomicUsize,
}

fn dive(d: &Dive) -> i32 {
    // A crash report would be noise here: qemu-user prints one on stderr, and a core file of
    // the whole shared memory is slow to write.
    if let Ok(null) = fs::open(c"/dev/null", fs::O_WRONLY, 0) {
        let _ = fd::dup2(null, Fd::STDERR);
    }
    if let Ok(core) = process::prlimit(process::RLIMIT_CORE, None) {
        let none = process::Rlimit { cur: 0, ..core };
        let _ = process::prlimit(process::RLIMIT_CORE, Some(none));
    }
    // Deep enough to run four times past the end of the stack.
    descend(&d.lowest, 4 * STACK_SIZE / FRAME) as i32
}

fn descend(lowest: &AtomicUsize, depth: usize) -> usize {
    let frame = black_box([depth as u8; FRAME]);
    lowest.fetch_min(frame.as_ptr() as usize, SeqCst);
    if depth == 0 {
        return 0;
    }
    // Using the frame after the call keeps it alive: no tail call, no reuse.
    descend(lowest, depth - 1) + usize::from(black_box(&frame)[FRAME - 1])
}

pub(super) fn clone_guard(env: &Env) -> Outcome {
    const SENTINEL: u8 = 0xa5;
    let stack = new_stack()?;
    // Mapped after the stack, so mmap's top-down placement puts it right below the guard page
    // (checked below): where an unguarded overflow would write first.
    let below = vec![SENTINEL; 64 * 1024];
    let adjacent = below.as_ptr() as usize + below.len() == stack.guard().start;
    // With CLONE_VM the child's stack is in our memory, so the sentinel would see an overflow;
    // without it (qemu-user, old kernels) only the SIGSEGV is shown.
    let share = if env.qemu_user || env.shared_coredump {
        0
    } else {
        CLONE_VM
    };
    let d = Dive {
        lowest: AtomicUsize::new(usize::MAX),
    };
    let status = clone_wait(share, &stack, dive, &d).map_err(sys("clone"))?;
    if !matches!(status, WaitStatus::Signaled { signal, .. } if signal == signal::SIGSEGV) {
        return fail(format!(
            "the child {}, expected killed by SIGSEGV",
            ended(status)
        ));
    }
    let overwritten = below.iter().filter(|&&b| b != SENTINEL).count();
    if overwritten != 0 {
        let adjacent = if adjacent { "right " } else { "" };
        return fail(format!(
            "{overwritten} of the {} bytes {adjacent}below the guard page were overwritten",
            below.len()
        ));
    }
    if share == CLONE_VM {
        let lowest = d.lowest.load(SeqCst);
        let guard_end = stack.guard().end;
        if lowest < guard_end || lowest >= guard_end + 2 * FRAME {
            return fail(format!(
                "the child's deepest frame was at {lowest:#x}, the guard page ends at \
                 {guard_end:#x}"
            ));
        }
    }
    Ok(())
}
