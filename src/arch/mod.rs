//! Per-arch assembly and ABI facts: one file per arch. Both files are always compiled, so the
//! `abi` builtin can show either arch's facts; each file's assembly is only built for its own
//! arch, and the running arch's facts are re-exported here.

pub mod aarch64;
pub mod x86_64;

#[cfg(target_arch = "aarch64")]
pub use aarch64::{ABI, CLONE_RESERVED, VFORK};
#[cfg(target_arch = "x86_64")]
pub use x86_64::{ABI, CLONE_RESERVED, VFORK};

/// How an arch passes a system call (syscall(2), "Architecture calling conventions").
pub struct Abi {
    pub arch: &'static str,
    pub instruction: &'static str,
    pub number: &'static str,
    pub args: [&'static str; 6],
    pub ret: &'static str,
    pub clobbers: &'static str,
    /// clone(2)'s five raw arguments in the order this arch's kernel takes them.
    pub clone_order: [CloneArg; 5],
}

/// One argument of the raw clone(2) syscall (not glibc's `clone()` wrapper, which takes a
/// function and reorders everything).
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CloneArg {
    Flags,
    Stack,
    ParentTid,
    ChildTid,
    Tls,
}

impl CloneArg {
    pub const fn name(self) -> &'static str {
        match self {
            CloneArg::Flags => "flags",
            CloneArg::Stack => "stack",
            CloneArg::ParentTid => "parent_tid",
            CloneArg::ChildTid => "child_tid",
            CloneArg::Tls => "tls",
        }
    }
}

// Both trampolines (`rawsh_clone`, and `rawsh_vfork` on aarch64) and aarch64's fork put the
// flags in the first argument register and the stack in the second: true on both arches.
static_assertions::const_assert!(
    matches!(
        x86_64::ABI.clone_order,
        [CloneArg::Flags, CloneArg::Stack, ..]
    ) && matches!(
        aarch64::ABI.clone_order,
        [CloneArg::Flags, CloneArg::Stack, ..]
    )
);

// clone3(2) has one layout on every arch: a versioned struct instead of argument registers.
// rawsh does not call it; the `abi` builtin lists its number next to clone's.
mod clone3 {
    use core::mem::{offset_of, size_of};
    use linux_raw_sys::general::{CLONE_ARGS_SIZE_VER2, clone_args};
    static_assertions::const_assert_eq!(size_of::<clone_args>(), CLONE_ARGS_SIZE_VER2 as usize);
    static_assertions::const_assert_eq!(offset_of!(clone_args, flags), 0);
    static_assertions::const_assert_eq!(offset_of!(clone_args, exit_signal), 32);
    static_assertions::const_assert_eq!(offset_of!(clone_args, stack), 40);
    static_assertions::const_assert_eq!(offset_of!(clone_args, stack_size), 48);
    static_assertions::const_assert_eq!(offset_of!(clone_args, tls), 56);
}

/// `syscalls::Sysno` (the numbers rawsh issues) agrees with the kernel headers linux-raw-sys
/// was generated from, for the arch being built: each target build checks its own table.
macro_rules! same_numbers {
    ($($name:ident = $nr:ident,)*) => {
        $(static_assertions::const_assert_eq!(
            syscalls::Sysno::$name as u32,
            linux_raw_sys::general::$nr
        );)*
    };
}
pub(crate) use same_numbers;

// The syscalls both arches issue under the same name; arch-only ones are in the arch files.
same_numbers! {
    read = __NR_read, write = __NR_write, close = __NR_close, fsync = __NR_fsync, dup3 = __NR_dup3,
    fcntl = __NR_fcntl, pipe2 = __NR_pipe2, lseek = __NR_lseek, openat = __NR_openat,
    faccessat = __NR_faccessat, mkdirat = __NR_mkdirat, unlinkat = __NR_unlinkat,
    renameat2 = __NR_renameat2, symlinkat = __NR_symlinkat, readlinkat = __NR_readlinkat,
    chdir = __NR_chdir, getcwd = __NR_getcwd, umask = __NR_umask, getdents64 = __NR_getdents64,
    mount = __NR_mount, umount2 = __NR_umount2, mmap = __NR_mmap, munmap = __NR_munmap,
    mprotect = __NR_mprotect, mremap = __NR_mremap, clone = __NR_clone, execve = __NR_execve,
    exit = __NR_exit, exit_group = __NR_exit_group, wait4 = __NR_wait4, getpid = __NR_getpid,
    getppid = __NR_getppid, kill = __NR_kill, setpgid = __NR_setpgid, getpgid = __NR_getpgid,
    setsid = __NR_setsid, getuid = __NR_getuid, geteuid = __NR_geteuid,
    prlimit64 = __NR_prlimit64, rt_sigprocmask = __NR_rt_sigprocmask,
    rt_sigaction = __NR_rt_sigaction, ioctl = __NR_ioctl, clock_gettime = __NR_clock_gettime,
    nanosleep = __NR_nanosleep, uname = __NR_uname, sync = __NR_sync, reboot = __NR_reboot,
    clone3 = __NR_clone3,
}
