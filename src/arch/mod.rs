//! Per-arch assembly and ABI facts: one file per arch, selected here.

#[cfg(target_arch = "aarch64")]
mod aarch64;
#[cfg(target_arch = "x86_64")]
mod x86_64;

#[cfg(target_arch = "aarch64")]
pub use aarch64::ABI;
#[cfg(target_arch = "x86_64")]
pub use x86_64::ABI;

/// How the running arch passes a system call (syscall(2), "Architecture calling conventions").
pub struct Abi {
    pub arch: &'static str,
    pub instruction: &'static str,
    pub number: &'static str,
    pub args: [&'static str; 6],
    pub ret: &'static str,
    pub clobbers: &'static str,
    pub clone_order: &'static str,
}
