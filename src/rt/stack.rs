//! Hand-managed stacks for clone children, and clone itself.
//!
//! A [`Stack`] is one anonymous mapping whose lowest page is PROT_NONE: a child that runs off
//! the end of its stack faults on the guard page (SIGSEGV) instead of silently writing into
//! whatever memory lies below.

use super::trace;
use crate::sys::process::{self, Pid, WaitStatus};
use crate::sys::{Errno, Result, mem};

const GUARD: usize = 4096;

/// How many bytes the main thread's stack can still grow below the caller: RLIMIT_STACK less
/// what is in use (from the top start-up recorded to a local variable of this frame). The
/// shell checks it before going one level deeper, so that deep nesting or recursion ends in
/// an error rather than a SIGSEGV. Unbounded (usize::MAX) when the top is unknown.
pub fn main_left() -> usize {
    let top = super::start::stack_top();
    let here = 0u8;
    let sp = core::hint::black_box(&here) as *const u8 as usize;
    if top == 0 || sp > top {
        return usize::MAX;
    }
    main_limit().saturating_sub(top - sp)
}

/// RLIMIT_STACK's soft limit, read once (the shell never changes its own).
fn main_limit() -> usize {
    static LIMIT: super::SingleThreaded<core::cell::Cell<usize>> =
        super::SingleThreaded(core::cell::Cell::new(0));
    if LIMIT.0.get() == 0 {
        let cur = process::prlimit(process::RLIMIT_STACK, None).map_or(8 << 20, |l| l.cur);
        LIMIT.0.set(usize::try_from(cur).unwrap_or(usize::MAX));
    }
    LIMIT.0.get()
}

/// An mmap'd stack with a guard page below it; unmapped on drop.
pub struct Stack {
    base: *mut u8,
    len: usize,
}

impl Stack {
    /// A stack of `size` usable bytes (rounded up to pages) plus the guard page.
    pub fn new(size: usize) -> Result<Stack> {
        let len = ((size + GUARD - 1) & !(GUARD - 1)) + GUARD;
        // SAFETY: a fresh private mapping owned by the new Stack.
        let base = unsafe {
            mem::mmap_anonymous(
                len,
                mem::PROT_READ | mem::PROT_WRITE,
                mem::MAP_PRIVATE | mem::MAP_STACK | mem::MAP_NORESERVE,
            )
        }?;
        // SAFETY: the lowest page of our own mapping; nothing references it yet.
        if let Err(e) = unsafe { mem::mprotect(base, GUARD, mem::PROT_NONE) } {
            // SAFETY: the mapping was just made and is not referenced.
            let _ = unsafe { mem::munmap(base, len) };
            return Err(e);
        }
        Ok(Stack { base, len })
    }

    /// The highest address: stacks grow down on both arches.
    pub fn top(&self) -> *mut u8 {
        self.base.wrapping_add(self.len)
    }

    /// The usable size, without the guard page.
    pub fn size(&self) -> usize {
        self.len - GUARD
    }

    /// The guard page's address range.
    pub fn guard(&self) -> core::ops::Range<usize> {
        self.base as usize..self.base as usize + GUARD
    }
}

impl Drop for Stack {
    fn drop(&mut self) {
        // SAFETY: the mapping is ours; no child runs on it any more (see `clone`'s contract).
        let _ = unsafe { mem::munmap(self.base, self.len) };
    }
}

// SAFETY: defined in arch/<arch>.rs (global_asm) with exactly this signature.
unsafe extern "C" {
    /// In `arch/<arch>.rs`: clone(flags, stack_top) with the arch's argument order; the child
    /// calls `f(arg)` and exits with its return value.
    fn rawsh_clone(
        flags: usize,
        stack_top: *mut u8,
        f: extern "C" fn(*const ()) -> i32,
        arg: *const (),
    ) -> isize;
}

struct Call<'a, T> {
    f: fn(&T) -> i32,
    arg: &'a T,
    /// The raw syscall arguments, for the tracer in the child.
    args: [usize; 6],
}

extern "C" fn shim<T>(call: *const ()) -> i32 {
    // SAFETY: `call` points at the `Call<T>` written to the top of the child's stack by
    // `clone`, which outlives the child.
    let call = unsafe { &*(call as *const Call<'_, T>) };
    if trace::on() {
        // SAFETY: clone's arguments are plain values.
        unsafe { trace::after(CLONE_SITE, 0, call.args) };
    }
    let status = (call.f)(call.arg);
    if trace::on() {
        // The trampoline issues exit(status) when we return.
        // SAFETY: exit's argument is a plain value.
        unsafe { trace::before(EXIT_SITE, [status as usize, 0, 0, 0, 0, 0]) };
    }
    status
}

/// The tracer's rows for what `rawsh_clone` issues: clone, and exit in the child.
const CLONE_SITE: trace::Site = trace::site(syscalls::Sysno::clone);
const EXIT_SITE: trace::Site = trace::site(syscalls::Sysno::exit);

/// clone(2): a child that runs `f(arg)` on `stack` and exits with its return value.
/// `flags` say what it shares with us (CLONE_VM, CLONE_FILES, CLONE_SIGHAND, ...) and must
/// include the exit signal (SIGCHLD) for the child to be waited for like any other.
///
/// # Safety
/// `stack` and `arg` must stay alive, and unused by anyone else, until the child has exited or
/// exec'd. With CLONE_VM and without CLONE_VFORK the child runs concurrently in our memory,
/// so `f` must touch nothing the parent uses meanwhile.
pub unsafe fn clone<T: Sync>(flags: u32, stack: &Stack, f: fn(&T) -> i32, arg: &T) -> Result<Pid> {
    // The Call lives at the top of the child's own stack, so it stays valid for the child
    // whatever happens to the parent's frame.
    let slot = ((stack.top() as usize - 64) & !15) as *mut Call<'_, T>;
    // What the kernel gets: the stack pointer below what the trampoline keeps there.
    let args = [
        flags as usize,
        slot as usize - crate::arch::CLONE_RESERVED,
        0,
        0,
        0,
        0,
    ];
    // SAFETY: the slot is inside the stack's writable part and aligned; nothing runs on it.
    unsafe { slot.write(Call { f, arg, args }) };
    // SAFETY: the trampoline runs shim::<T>(slot) on the stack below the slot.
    let r = unsafe {
        rawsh_clone(
            flags as usize,
            slot as *mut u8,
            shim::<T>,
            slot as *const (),
        )
    } as usize;
    if trace::on() {
        // SAFETY: clone's arguments are plain values.
        unsafe { trace::after(CLONE_SITE, r, args) };
    }
    crate::sys::ret(r).map(|pid| Pid(pid as i32))
}

/// The clone flags [`clone_wait`] lets a caller choose.
pub const CLONE_VM: u32 = linux_raw_sys::general::CLONE_VM;
pub const CLONE_FILES: u32 = linux_raw_sys::general::CLONE_FILES;
pub const CLONE_SIGHAND: u32 = linux_raw_sys::general::CLONE_SIGHAND;
pub const CLONE_FS: u32 = linux_raw_sys::general::CLONE_FS;
pub const CLONE_VFORK: u32 = linux_raw_sys::general::CLONE_VFORK;
const SIGCHLD: u32 = linux_raw_sys::general::SIGCHLD;

/// Runs `f(arg)` in a clone child on `stack`, sharing what `share` names (a mix of CLONE_VM,
/// CLONE_FILES, CLONE_SIGHAND, CLONE_FS, CLONE_VFORK), and waits for it: returns how it ended
/// (its exit code is `f`'s return value). The caller owns the stack, so it knows where the
/// guard page is and can reuse the stack for the next child.
///
/// Safe because this function does not return before the child is gone: the parent does
/// nothing but wait while the child runs, so even with CLONE_VM the two never touch memory at
/// the same time, and the child's view of `arg` is shared (`T: Sync`).
pub fn clone_wait<T: Sync>(
    share: u32,
    stack: &Stack,
    f: fn(&T) -> i32,
    arg: &T,
) -> Result<WaitStatus> {
    let allowed = CLONE_VM | CLONE_FILES | CLONE_SIGHAND | CLONE_FS | CLONE_VFORK;
    if share & !allowed != 0 {
        return Err(Errno::EINVAL);
    }
    // SAFETY: the stack (borrowed for this call) and arg outlive the child: we wait for it
    // below before returning.
    let pid = unsafe { clone(share | SIGCHLD, stack, f, arg) }?;
    loop {
        match crate::sys::retry(|| process::wait4(pid.0, 0))? {
            Some((_, WaitStatus::Stopped(_) | WaitStatus::Continued)) | None => continue,
            Some((_, status)) => return Ok(status),
        }
    }
}
