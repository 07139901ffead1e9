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

// The number of every syscall rawsh issues is checked against the kernel headers where each
// is described for the tracer, in `rt::trace::CALLS`.

// clone3(2) has one layout on every arch: a versioned struct instead of argument registers.
// rawsh does not call it; the `abi` builtin lists its number next to clone's.
mod clone3 {
    use core::mem::{offset_of, size_of};
    use linux_raw_sys::general::{__NR_clone3, CLONE_ARGS_SIZE_VER2, clone_args};
    static_assertions::const_assert_eq!(syscalls::Sysno::clone3 as u32, __NR_clone3);
    static_assertions::const_assert_eq!(size_of::<clone_args>(), CLONE_ARGS_SIZE_VER2 as usize);
    static_assertions::const_assert_eq!(offset_of!(clone_args, flags), 0);
    static_assertions::const_assert_eq!(offset_of!(clone_args, exit_signal), 32);
    static_assertions::const_assert_eq!(offset_of!(clone_args, stack), 40);
    static_assertions::const_assert_eq!(offset_of!(clone_args, stack_size), 48);
    static_assertions::const_assert_eq!(offset_of!(clone_args, tls), 56);
}
