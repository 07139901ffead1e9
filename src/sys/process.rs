//! Process syscalls: fork, vfork, execve, _exit, wait4, and the pid/pgid/session calls.
//!
//! clone with its own stack is [`crate::rt::stack::clone`]; it needs the guarded stacks that
//! live in `rt`.

use super::{Errno, Result, syscall};
use crate::rt::trace;
use alloc::vec::Vec;
use core::cell::Cell;
use core::ffi::CStr;
use linux_raw_sys::general as g;

/// A process (or process group) id.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub struct Pid(pub i32);

/// What [`fork`] returns: on which side of it we are.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Fork {
    Child,
    Parent(Pid),
}

/// fork(2): a new process with a copy-on-write copy of this one's memory. The child sees
/// `Fork::Child`, the parent `Fork::Parent(child's pid)`.
///
/// Safe in rawsh because the runtime is single-threaded: no other thread can hold a lock or be
/// halfway through a data structure that the child inherits.
pub fn fork() -> Result<Fork> {
    // aarch64 (asm-generic syscall table) has no fork: it is clone with only the exit signal,
    // no shared resources and a zero stack (the child continues on its copy of ours).
    #[cfg(target_arch = "aarch64")]
    // SAFETY: clone without CLONE_VM or CLONE_*TID flags touches no memory of ours; the child
    // continues here on its own copy of the address space, exactly like fork.
    let r = unsafe { syscall!(clone, g::SIGCHLD, 0, 0, 0, 0) };
    #[cfg(target_arch = "x86_64")]
    // SAFETY: fork takes no arguments and returns twice, once in each process, on separate
    // copies of the address space.
    let r = unsafe { syscall!(fork) };
    Ok(match r? {
        0 => Fork::Child,
        pid => Fork::Parent(Pid(pid as i32)),
    })
}

// SAFETY: defined in arch/<arch>.rs (global_asm) with exactly this signature.
unsafe extern "C" {
    /// In `arch/<arch>.rs`: vfork (or clone(CLONE_VM|CLONE_VFORK|SIGCHLD, 0) on aarch64),
    /// then `child(ctx)` in the child. Returns the pid or `-errno` in the parent.
    fn rawsh_vfork(ctx: *const (), child: extern "C" fn(*const ()) -> !) -> isize;
}

/// vfork(2): runs `child(ctx)` in a new process that borrows this one's memory and stack, and
/// returns the child's pid once the child has called [`execve`] successfully or [`exit`].
///
/// The calling process is suspended until then, so the two never run at the same time; what
/// the child writes to memory, the parent sees afterwards. The child cannot return (it has no
/// stack frame of its own to return to): `child` is `-> !` and must end in `execve` or `exit`.
/// It should not allocate: a child killed halfway through would leave that state to the parent.
///
/// Under qemu-user, CLONE_VFORK is emulated as a plain fork: the child then works on a copy.
pub fn vfork<T: Sync>(child: fn(&T) -> !, ctx: &T) -> Result<Pid> {
    struct Call<'a, T> {
        child: fn(&T) -> !,
        ctx: &'a T,
    }
    extern "C" fn shim<T>(call: *const ()) -> ! {
        if trace::on() {
            // SAFETY: the trampoline's arguments are plain values.
            unsafe { trace::after(VFORK_SITE, 0, crate::arch::VFORK.1) };
        }
        // SAFETY: `call` is the `&Call<T>` passed below; the parent is suspended in the syscall,
        // so its frame, and the `Call` in it, stay alive and unchanged while the child runs.
        let call = unsafe { &*(call as *const Call<'_, T>) };
        (call.child)(call.ctx)
    }
    let call = Call { child, ctx };
    // SAFETY: the trampoline only runs `shim::<T>(&call)` in the child, which never returns.
    let r = unsafe { rawsh_vfork(&call as *const Call<'_, T> as *const (), shim::<T>) } as usize;
    if trace::on() {
        // SAFETY: as in the child.
        unsafe { trace::after(VFORK_SITE, r, crate::arch::VFORK.1) };
    }
    super::ret(r).map(|pid| Pid(pid as i32))
}

/// The tracer's row for what `rawsh_vfork` issues (vfork, or clone on aarch64); traced by
/// [`vfork`] on both sides, since the trampoline is not a `syscall!`.
const VFORK_SITE: trace::Site = trace::site(crate::arch::VFORK.0);

/// A NULL-terminated array of C strings, built ahead of time so that execve needs no
/// allocation (a vfork child must not allocate). One more pointer is kept in front of the
/// array, for [`execve_or_script`].
pub struct CStrArray {
    bytes: Vec<u8>,
    /// The spare slot, the pointers into `bytes`, NULL.
    ptrs: Vec<Cell<*const u8>>,
}

// SAFETY: the strings in `bytes` are never modified after construction; the pointers only by
// `execve_or_script`, in a child whose parent does not use the array until that child has
// exec'd or ended (vfork and CLONE_VFORK suspend it; rt::spawn's concurrent children are
// waited for before their arrays are dropped).
unsafe impl Sync for CStrArray {}
// SAFETY: as above; the pointed-to bytes move with the Vec's heap buffer, not with the struct.
unsafe impl Send for CStrArray {}

impl CStrArray {
    /// Each item becomes one NUL-terminated string; an item with a NUL byte is cut there (no
    /// C string can hold one).
    pub fn new<'a>(items: impl IntoIterator<Item = &'a [u8]>) -> CStrArray {
        // The generic part is only the loop: each caller's iterator type gets its own copy of
        // this function, so the work is in `push` and `finish`, compiled once.
        let (mut bytes, mut offsets) = (Vec::new(), Vec::new());
        for item in items {
            Self::push(&mut bytes, &mut offsets, item);
        }
        Self::finish(bytes, &offsets)
    }

    fn push(bytes: &mut Vec<u8>, offsets: &mut Vec<usize>, item: &[u8]) {
        offsets.push(bytes.len());
        let end = item.iter().position(|&b| b == 0).unwrap_or(item.len());
        bytes.extend_from_slice(&item[..end]);
        bytes.push(0);
    }

    fn finish(bytes: Vec<u8>, offsets: &[usize]) -> CStrArray {
        let base = bytes.as_ptr();
        let mut ptrs = Vec::with_capacity(offsets.len() + 2);
        ptrs.push(Cell::new(core::ptr::null()));
        ptrs.extend(offsets.iter().map(|&o| Cell::new(base.wrapping_add(o))));
        ptrs.push(Cell::new(core::ptr::null()));
        CStrArray { bytes, ptrs }
    }

    /// The number of strings (without the terminating NULL).
    pub fn len(&self) -> usize {
        self.ptrs.len() - 2
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The first string (a program's name, in an argv).
    pub fn first(&self) -> Option<&[u8]> {
        self.bytes
            .split(|&b| b == 0)
            .next()
            .filter(|_| !self.is_empty())
    }

    /// Bytes the kernel copies for this array at execve: strings and pointers (execve(2),
    /// "Limits on size of arguments and environment").
    pub fn exec_size(&self) -> usize {
        self.bytes.len() + (self.len() + 1) * core::mem::size_of::<usize>()
    }

    /// The array itself (after the spare slot), as execve takes it.
    fn as_ptr(&self) -> *const *const u8 {
        self.ptrs[1..].as_ptr().cast()
    }
}

/// execve(2): replaces this process's image with `path`. Returns only on failure.
pub fn execve(path: &CStr, argv: &CStrArray, envp: &CStrArray) -> Errno {
    // SAFETY: path is NUL-terminated; argv and envp are NULL-terminated arrays of pointers to
    // NUL-terminated strings that live as long as the borrow.
    match unsafe { syscall!(execve, path.as_ptr(), argv.as_ptr(), envp.as_ptr()) } {
        Err(e) => e,
        Ok(_) => Errno::EINVAL, // execve does not return on success
    }
}

/// execve(2) as a shell runs a command: a file the kernel will not run (ENOEXEC: no `#!`, not
/// ELF) is run as a script by `shell`, with the arguments `shell path argv[1] ...` (POSIX,
/// "Command Search and Execution"). Like dash's tryexec, the arguments are rewritten in place
/// (the spare slot in front of argv, and argv[0]), so nothing is allocated: the caller may be
/// a vfork child. argv stays rewritten. If `shell` cannot be run either, the error is ENOEXEC.
pub fn execve_or_script(path: &CStr, argv: &CStrArray, envp: &CStrArray, shell: &CStr) -> Errno {
    let e = execve(path, argv, envp);
    if e != Errno::ENOEXEC || argv.is_empty() {
        return e;
    }
    argv.ptrs[0].set(shell.as_ptr().cast());
    argv.ptrs[1].set(path.as_ptr().cast());
    // SAFETY: as in execve; the array now starts at the spare slot and is still NULL-terminated.
    let _ = unsafe { syscall!(execve, shell.as_ptr(), argv.ptrs.as_ptr(), envp.as_ptr()) };
    Errno::ENOEXEC
}

/// _exit(2) (exit_group): ends every thread of the process at once; runs no handlers and
/// flushes nothing.
pub fn exit(status: i32) -> ! {
    loop {
        // SAFETY: exit_group takes a plain integer and does not return.
        let _ = unsafe { syscall!(exit_group, status) };
    }
}

/// How a child changed state, decoded from wait4(2)'s status word (see waitpid(2), WIFEXITED
/// and friends).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum WaitStatus {
    Exited(i32),
    Signaled { signal: i32, core: bool },
    Stopped(i32),
    Continued,
}

impl WaitStatus {
    pub fn decode(status: i32) -> WaitStatus {
        let sig = status & 0x7f;
        if sig == 0 {
            WaitStatus::Exited((status >> 8) & 0xff)
        } else if status == 0xffff {
            WaitStatus::Continued
        } else if sig == 0x7f {
            WaitStatus::Stopped((status >> 8) & 0xff)
        } else {
            WaitStatus::Signaled {
                signal: sig,
                core: status & 0x80 != 0,
            }
        }
    }

    /// The shell's `$?` for this status: the exit code, or 128 + the signal number.
    pub fn code(self) -> i32 {
        match self {
            WaitStatus::Exited(code) => code,
            WaitStatus::Signaled { signal, .. } | WaitStatus::Stopped(signal) => 128 + signal,
            WaitStatus::Continued => 0,
        }
    }
}

pub const WNOHANG: u32 = g::WNOHANG;
pub const WUNTRACED: u32 = g::WUNTRACED;
pub const WCONTINUED: u32 = g::WCONTINUED;

/// wait4(2): waits for a child (`pid` > 0), any child of group -`pid`, or any child (-1).
/// Returns `None` when WNOHANG was given and no child has changed state.
pub fn wait4(pid: i32, options: u32) -> Result<Option<(Pid, WaitStatus)>> {
    let mut status: i32 = 0;
    // SAFETY: status is a valid, writable i32; rusage is NULL (not wanted).
    let r = unsafe { syscall!(wait4, pid, &mut status as *mut i32, options, 0) }?;
    Ok(if r == 0 {
        None
    } else {
        Some((Pid(r as i32), WaitStatus::decode(status)))
    })
}

pub fn getpid() -> Pid {
    // SAFETY: getpid takes no arguments and cannot fail.
    Pid(unsafe { syscall!(getpid) }.unwrap_or(0) as i32)
}

pub fn getppid() -> Pid {
    // SAFETY: getppid takes no arguments and cannot fail.
    Pid(unsafe { syscall!(getppid) }.unwrap_or(0) as i32)
}

/// kill(2): sends `signal` to a process (pid > 0) or a process group (pid < 0).
pub fn kill(pid: i32, signal: i32) -> Result<()> {
    // SAFETY: plain integers.
    unsafe { syscall!(kill, pid, signal) }.map(drop)
}

/// setpgid(2): puts process `pid` (0: this one) in group `pgid` (0: a group of its own).
pub fn setpgid(pid: i32, pgid: i32) -> Result<()> {
    // SAFETY: plain integers.
    unsafe { syscall!(setpgid, pid, pgid) }.map(drop)
}

pub fn getpgid(pid: i32) -> Result<Pid> {
    // SAFETY: plain integer.
    unsafe { syscall!(getpgid, pid) }.map(|r| Pid(r as i32))
}

/// setsid(2): a new session and process group, led by this process, with no controlling tty.
pub fn setsid() -> Result<Pid> {
    // SAFETY: no arguments.
    unsafe { syscall!(setsid) }.map(|r| Pid(r as i32))
}

pub fn getuid() -> u32 {
    // SAFETY: no arguments, cannot fail.
    unsafe { syscall!(getuid) }.unwrap_or(0) as u32
}

pub fn geteuid() -> u32 {
    // SAFETY: no arguments, cannot fail.
    unsafe { syscall!(geteuid) }.unwrap_or(0) as u32
}

pub fn getegid() -> u32 {
    // SAFETY: no arguments, cannot fail.
    unsafe { syscall!(getegid) }.unwrap_or(0) as u32
}

/// A resource limit, for getrlimit/setrlimit (prlimit64(2) on the calling process).
#[derive(Clone, Copy, Debug)]
pub struct Rlimit {
    pub cur: u64,
    pub max: u64,
}

pub const RLIM_INFINITY: u64 = u64::MAX;

// prlimit64 reads and writes two u64s on every arch.
static_assertions::const_assert_eq!(core::mem::size_of::<g::rlimit64>(), 16);
pub const RLIMIT_CPU: u32 = g::RLIMIT_CPU;
pub const RLIMIT_FSIZE: u32 = g::RLIMIT_FSIZE;
pub const RLIMIT_DATA: u32 = g::RLIMIT_DATA;
pub const RLIMIT_STACK: u32 = g::RLIMIT_STACK;
pub const RLIMIT_CORE: u32 = g::RLIMIT_CORE;
pub const RLIMIT_RSS: u32 = g::RLIMIT_RSS;
pub const RLIMIT_NPROC: u32 = g::RLIMIT_NPROC;
pub const RLIMIT_NOFILE: u32 = g::RLIMIT_NOFILE;
pub const RLIMIT_MEMLOCK: u32 = g::RLIMIT_MEMLOCK;
pub const RLIMIT_AS: u32 = g::RLIMIT_AS;
pub const RLIMIT_LOCKS: u32 = g::RLIMIT_LOCKS;
pub const RLIMIT_RTPRIO: u32 = g::RLIMIT_RTPRIO;

/// Whose CPU time [`cpu_times`] reports.
pub const RUSAGE_SELF: i32 = g::RUSAGE_SELF as i32;
pub const RUSAGE_CHILDREN: i32 = g::RUSAGE_CHILDREN;

/// getrusage(2)'s user and system CPU time, in microseconds.
pub fn cpu_times(who: i32) -> Result<(u64, u64)> {
    // SAFETY: all-zero bytes are a valid rusage (integers only).
    let mut usage: g::rusage = unsafe { core::mem::zeroed() };
    // SAFETY: usage is a writable rusage, the struct the kernel fills.
    unsafe { syscall!(getrusage, who, &mut usage as *mut g::rusage) }?;
    let us = |t: g::__kernel_old_timeval| t.tv_sec as u64 * 1_000_000 + t.tv_usec as u64;
    Ok((us(usage.ru_utime), us(usage.ru_stime)))
}

// getrusage writes 2 timevals and 14 longs on both arches.
static_assertions::const_assert_eq!(core::mem::size_of::<g::rusage>(), 144);

pub fn prlimit(resource: u32, new: Option<Rlimit>) -> Result<Rlimit> {
    let new = new.map(|l| g::rlimit64 {
        rlim_cur: l.cur,
        rlim_max: l.max,
    });
    let mut old = g::rlimit64 {
        rlim_cur: 0,
        rlim_max: 0,
    };
    let new_ptr = new
        .as_ref()
        .map_or(core::ptr::null(), |l| l as *const g::rlimit64);
    // SAFETY: pid 0 is this process; new_ptr is NULL or a valid rlimit64; old is writable.
    unsafe {
        syscall!(
            prlimit64,
            0,
            resource,
            new_ptr,
            &mut old as *mut g::rlimit64
        )
    }?;
    Ok(Rlimit {
        cur: old.rlim_cur,
        max: old.rlim_max,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wait_status_decoding() {
        assert_eq!(WaitStatus::decode(0x0300), WaitStatus::Exited(3));
        assert_eq!(
            WaitStatus::decode(9),
            WaitStatus::Signaled {
                signal: 9,
                core: false
            }
        );
        assert_eq!(
            WaitStatus::decode(0x8b),
            WaitStatus::Signaled {
                signal: 11,
                core: true
            }
        );
        assert_eq!(WaitStatus::decode(0x137f), WaitStatus::Stopped(19));
        assert_eq!(WaitStatus::decode(0xffff), WaitStatus::Continued);
        assert_eq!(WaitStatus::decode(0x8b).code(), 139);
    }

    #[test]
    fn cstr_array_is_null_terminated() {
        let a = CStrArray::new([&b"ls"[..], b"-l", b"a\0b"]);
        assert_eq!(a.len(), 3);
        // The spare slot, the three strings, NULL.
        assert!(a.ptrs[0].get().is_null());
        assert!(a.ptrs[4].get().is_null());
        // SAFETY: ptrs[3] points at a NUL-terminated string inside the array.
        let third = unsafe { CStr::from_ptr(a.ptrs[3].get().cast()) };
        assert_eq!(third.to_bytes(), b"a");
        assert_eq!(a.first(), Some(&b"ls"[..]));
        assert_eq!(CStrArray::new([]).first(), None);
    }
}
