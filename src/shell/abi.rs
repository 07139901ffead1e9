//! The `abi` builtin: how the running arch makes a system call, and the numbers of the process
//! syscalls on both arches rawsh supports (README.md, "ABI guide", explains them).

use super::builtins::output;
use super::{Exec, Shell};
use crate::arch::{self, Abi, aarch64, x86_64};
use alloc::vec::Vec;
use core::fmt::Write;
use syscalls::{aarch64::Sysno as A64, x86_64::Sysno as X64};

/// The process syscalls, with `None` where an arch has no such call: aarch64's generic table
/// (asm-generic/unistd.h) has no fork or vfork, which are clone there.
const PROCESS: [(&str, Option<X64>, Option<A64>); 8] = [
    ("fork", Some(X64::fork), None),
    ("vfork", Some(X64::vfork), None),
    ("clone", Some(X64::clone), Some(A64::clone)),
    ("clone3", Some(X64::clone3), Some(A64::clone3)),
    ("execve", Some(X64::execve), Some(A64::execve)),
    ("exit", Some(X64::exit), Some(A64::exit)),
    ("exit_group", Some(X64::exit_group), Some(A64::exit_group)),
    ("wait4", Some(X64::wait4), Some(A64::wait4)),
];

pub fn abi(sh: &mut Shell, _args: &[Vec<u8>]) -> Exec {
    let a = &arch::ABI;
    let [r0, r1, r2, r3, r4, r5] = a.args;
    output(sh, "abi", |out| {
        let _ = write!(
            out,
            "{}: the syscall convention (syscall(2))
  instruction  {}
  number in    {}
  arguments in {r0} {r1} {r2} {r3} {r4} {r5}
  result in    {} (-4095..-1 is -errno)
  clobbered    {}

syscall       x86_64  aarch64
",
            a.arch, a.instruction, a.number, a.ret, a.clobbers
        );
        for (name, x, y) in PROCESS {
            let _ = write!(out, "{name:<12}");
            number(out, 8, x.map(|n| n as i32));
            number(out, 9, y.map(|n| n as i32));
            let _ = writeln!(out);
        }
        let _ = writeln!(out, "\nclone's raw arguments, in order");
        for abi in [&x86_64::ABI, &aarch64::ABI] {
            clone_order(out, abi);
        }
    })
}

fn number(out: &mut impl Write, width: usize, n: Option<i32>) {
    let _ = match n {
        Some(n) => write!(out, "{n:>width$}"),
        None => write!(out, "{:>width$}", "—"),
    };
}

/// `x86_64   flags (rdi), stack (rsi), ...`: each argument with the register it travels in.
fn clone_order(out: &mut impl Write, abi: &Abi) {
    let _ = write!(out, "  {:<9}", abi.arch);
    for (i, (arg, reg)) in abi.clone_order.iter().zip(abi.args).enumerate() {
        let sep = if i > 0 { ", " } else { "" };
        let _ = write!(out, "{sep}{} ({reg})", arg.name());
    }
    let _ = writeln!(out);
}
