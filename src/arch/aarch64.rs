//! aarch64: every line of assembly rawsh has for this arch, and the arch's syscall ABI.
//!
//! Syscall convention (syscall(2), "Architecture calling conventions"): the number goes in
//! `x8`, arguments in `x0`..`x5`, the instruction is `svc #0`, the result comes back in `x0`
//! (-4095..-1 is `-errno`). The kernel preserves every other register, which the trampolines
//! below rely on.
//!
//! aarch64 uses the generic syscall table (asm-generic/unistd.h): there is no `fork` and no
//! `vfork` syscall. fork is `clone(SIGCHLD, 0, ...)` and vfork is
//! `clone(CLONE_VM | CLONE_VFORK | SIGCHLD, 0, ...)`, a zero stack meaning "the caller's".
//! clone(2)'s raw argument order here is `flags, newsp, parent_tid, tls, child_tid`
//! (kernel/fork.c's CONFIG_CLONE_BACKWARDS; x86_64 has `child_tid, tls`).

use super::{Abi, CloneArg};
use linux_raw_sys::general::{CLONE_VFORK, CLONE_VM, SIGCHLD};
use syscalls::aarch64::Sysno;

pub const ABI: Abi = Abi {
    arch: "aarch64",
    instruction: "svc #0",
    number: "x8",
    args: ["x0", "x1", "x2", "x3", "x4", "x5"],
    ret: "x0",
    clobbers: "none besides x0",
    clone_order: [
        CloneArg::Flags,
        CloneArg::Stack,
        CloneArg::ParentTid,
        CloneArg::Tls,
        CloneArg::ChildTid,
    ],
};

/// vfork without a vfork syscall: share memory, suspend the parent until exec or exit.
const VFORK_FLAGS: u32 = CLONE_VM | CLONE_VFORK | SIGCHLD;

/// The syscall `rawsh_vfork` issues and its arguments, for the tracer: clone with a zero
/// stack (the child keeps the caller's) and no tid or tls pointers.
pub const VFORK: (Sysno, [usize; 6]) = (Sysno::clone, [VFORK_FLAGS as usize, 0, 0, 0, 0, 0]);

/// Bytes `rawsh_clone` keeps below the (16-byte aligned) stack top it is given: none, `f`
/// and `arg` travel in x9/x10.
pub const CLONE_RESERVED: usize = 0;

// The ELF entry point. The kernel leaves `sp` pointing at argc, then argv[], NULL, envp[],
// NULL, auxv pairs; sp is already 16-byte aligned (AAPCS64 requires it at all times). The frame
// pointer and link register are zeroed so backtraces stop here.
#[cfg(all(target_arch = "aarch64", not(any(test, fuzzing))))]
core::arch::global_asm!(
    ".section .text._start,\"ax\",%progbits",
    ".globl _start",
    ".type _start,%function",
    "_start:",
    "    mov x29, #0",
    "    mov x30, #0",
    "    mov x0, sp",             // arg 0: the initial stack pointer
    "    bl {entry}",
    "    brk #0",                 // entry never returns
    entry = sym crate::rt::start::entry,
);

// `rawsh_vfork(ctx, child) -> pid or -errno`, the child side running `child(ctx)`.
//
// clone(CLONE_VM | CLONE_VFORK | SIGCHLD, newsp = 0): the child borrows this stack, so it must
// never return through a Rust frame of the parent's; it calls `child` from here and `child`
// ends in execve or _exit. `ctx` and `child` wait in x9/x10, which svc preserves.
#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".text",
    ".globl rawsh_vfork",
    ".type rawsh_vfork,%function",
    "rawsh_vfork:",
    "    mov x9, x0",
    "    mov x10, x1",
    "    mov x0, #{flags}",
    "    mov x1, #0",              // newsp = 0: keep the caller's stack
    "    mov x2, #0",
    "    mov x3, #0",
    "    mov x4, #0",
    "    mov x8, #{nr}",
    "    svc #0",
    "    cbnz x0, 1f",             // parent (pid) or error (-errno): return it
    "    mov x29, #0",
    "    mov x0, x9",
    "    blr x10",                 // child(ctx): execve or _exit, never returns
    "    brk #0",
    "1:  ret",
    flags = const VFORK_FLAGS,
    nr = const Sysno::clone as usize,
);

// `rawsh_clone(flags, stack_top, f, arg) -> pid or -errno`; the child runs `f(arg)` on
// `stack_top` and exits with its return value. `f` and `arg` wait in x9/x10 (preserved by svc,
// inherited by the child). parent_tid, tls and child_tid are zero: rawsh never passes the
// flags that read them.
#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".text",
    ".globl rawsh_clone",
    ".type rawsh_clone,%function",
    "rawsh_clone:",
    "    mov x9, x2",
    "    mov x10, x3",
    "    and x1, x1, #-16",
    "    mov x2, #0",
    "    mov x3, #0",
    "    mov x4, #0",
    "    mov x8, #{nr}",
    "    svc #0",
    "    cbnz x0, 1f",
    "    mov x29, #0",             // child: sp = stack_top
    "    mov x30, #0",
    "    mov x0, x10",
    "    blr x9",
    "    mov x8, #{exit}",         // exit, not exit_group: this task only; x0 = f's result
    "    svc #0",
    "    brk #0",
    "1:  ret",
    nr = const Sysno::clone as usize,
    exit = const Sysno::exit as usize,
);

// `rawsh_sigreturn`: where a signal handler returns to (sa_restorer, reached through x30).
// arm64 would fall back to the vDSO's trampoline without SA_RESTORER; rawsh gives its own so
// both arches install handlers the same way (arch/arm64/kernel/signal.c, setup_return).
#[cfg(target_arch = "aarch64")]
core::arch::global_asm!(
    ".text",
    ".globl rawsh_sigreturn",
    ".type rawsh_sigreturn,%function",
    "rawsh_sigreturn:",
    "    mov x8, #{nr}",
    "    svc #0",
    "    brk #0",
    nr = const Sysno::rt_sigreturn as usize,
);
