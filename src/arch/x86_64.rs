//! x86_64: every line of assembly rawsh has for this arch, and the arch's syscall ABI.
//!
//! Syscall convention (syscall(2), "Architecture calling conventions"): the number goes in
//! `rax`, arguments in `rdi rsi rdx r10 r8 r9`, the instruction is `syscall`, the result comes
//! back in `rax` (-4095..-1 is `-errno`), and the kernel clobbers `rcx` (return address) and
//! `r11` (rflags). Every other register survives, which the trampolines below rely on.
//!
//! clone(2)'s raw argument order here is `flags, newsp, parent_tid, child_tid, tls`
//! (aarch64 swaps the last two: kernel/fork.c's CONFIG_CLONE_BACKWARDS). x86_64 still has
//! `fork` (57) and `vfork` (58).

use super::{Abi, CloneArg};
use syscalls::x86_64::Sysno;

pub const ABI: Abi = Abi {
    arch: "x86_64",
    instruction: "syscall",
    number: "rax",
    args: ["rdi", "rsi", "rdx", "r10", "r8", "r9"],
    ret: "rax",
    clobbers: "rcx, r11 (return address and rflags)",
    clone_order: [
        CloneArg::Flags,
        CloneArg::Stack,
        CloneArg::ParentTid,
        CloneArg::ChildTid,
        CloneArg::Tls,
    ],
};

/// The syscall `rawsh_vfork` issues and its arguments, for the tracer: the real vfork.
pub const VFORK: (Sysno, [usize; 6]) = (Sysno::vfork, [0; 6]);

/// Bytes `rawsh_clone` keeps for `f` and `arg` below the (16-byte aligned) stack top it is
/// given: the kernel's `newsp`, and the child's first `rsp`, is that much lower.
pub const CLONE_RESERVED: usize = 16;

// The ELF entry point. The kernel leaves `rsp` pointing at argc, then argv[], NULL, envp[],
// NULL, auxv pairs (System V x86_64 psABI, "Initial Stack and Register State"); `rbp` is zeroed
// to end frame-pointer chains, and the stack is re-aligned to 16 bytes before the call.
#[cfg(all(target_arch = "x86_64", not(any(test, fuzzing))))]
core::arch::global_asm!(
    ".section .text._start,\"ax\",@progbits",
    ".globl _start",
    ".type _start,@function",
    "_start:",
    "    xor %ebp, %ebp",
    "    mov %rsp, %rdi",          // arg 0: the initial stack pointer
    "    and $-16, %rsp",
    "    call {entry}",
    "    ud2",                     // entry never returns
    entry = sym crate::rt::start::entry,
    options(att_syntax)
);

// `rawsh_vfork(ctx, child) -> pid or -errno`, the child side running `child(ctx)`.
//
// The child borrows this very stack (vfork(2)), so it must never return through a Rust frame
// of the parent's: it calls `child` from here, below our return address, and `child` ends in
// execve or _exit. `ctx` and `child` arrive in rdi and rsi and stay there across `syscall`.
// The parent resumes once the child has exec'd or exited, with its registers as they were.
#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".text",
    ".globl rawsh_vfork",
    ".type rawsh_vfork,@function",
    "rawsh_vfork:",
    "    mov ${nr}, %eax",
    "    syscall",
    "    test %rax, %rax",
    "    jnz 1f",                  // parent (pid) or error (-errno): return it
    "    and $-16, %rsp",          // child: align for the call, on the shared stack
    "    xor %ebp, %ebp",
    "    call *%rsi",              // child(ctx): execve or _exit, never returns
    "    ud2",
    "1:  ret",
    nr = const Sysno::vfork as usize,
    options(att_syntax)
);

// `rawsh_clone(flags, stack_top, f, arg) -> pid or -errno`; the child runs `f(arg)` on
// `stack_top` and exits with its return value.
//
// `f` and `arg` are stored at the top of the new stack before the syscall, so the child finds
// them there whatever memory it shares. parent_tid, child_tid and tls are zero: rawsh never
// passes CLONE_*SETTID, CLONE_CHILD_CLEARTID or CLONE_SETTLS.
#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".text",
    ".globl rawsh_clone",
    ".type rawsh_clone,@function",
    "rawsh_clone:",
    "    and $-16, %rsi",
    "    sub $16, %rsi",
    "    mov %rdx, 0(%rsi)",       // f
    "    mov %rcx, 8(%rsi)",       // arg
    "    xor %edx, %edx",          // parent_tid
    "    xor %r10d, %r10d",        // child_tid
    "    xor %r8d, %r8d",          // tls
    "    mov ${nr}, %eax",
    "    syscall",
    "    test %rax, %rax",
    "    jnz 1f",
    "    xor %ebp, %ebp",          // child: rsp = stack_top - 16, 16-byte aligned
    "    mov 8(%rsp), %rdi",
    "    call *0(%rsp)",
    "    mov %eax, %edi",          // f's return value is the exit status
    "    mov ${exit}, %eax",       // exit, not exit_group: this task only
    "    syscall",
    "    ud2",
    "1:  ret",
    nr = const Sysno::clone as usize,
    exit = const Sysno::exit as usize,
    options(att_syntax)
);

// `rawsh_sigreturn`: where a signal handler returns to (sa_restorer). x86_64 has no default
// restorer: the kernel pushes sa_restorer as the handler's return address and needs
// SA_RESTORER set (arch/x86/kernel/signal_64.c), so rt_sigreturn(2) is issued from here with
// the frame the kernel built still on the stack.
#[cfg(target_arch = "x86_64")]
core::arch::global_asm!(
    ".text",
    ".globl rawsh_sigreturn",
    ".type rawsh_sigreturn,@function",
    "rawsh_sigreturn:",
    "    mov ${nr}, %eax",
    "    syscall",
    "    ud2",
    nr = const Sysno::rt_sigreturn as usize,
    options(att_syntax)
);
