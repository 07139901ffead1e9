//! Memory-mapping syscalls: mmap, munmap, mprotect, mremap.

use super::{Result, syscall};
use linux_raw_sys::general as g;

pub const PROT_NONE: u32 = g::PROT_NONE;
pub const PROT_READ: u32 = g::PROT_READ;
pub const PROT_WRITE: u32 = g::PROT_WRITE;
pub const MAP_PRIVATE: u32 = g::MAP_PRIVATE;
pub const MAP_ANONYMOUS: u32 = g::MAP_ANONYMOUS;
pub const MAP_STACK: u32 = g::MAP_STACK;
pub const MAP_NORESERVE: u32 = g::MAP_NORESERVE;
pub const MAP_POPULATE: u32 = g::MAP_POPULATE;

/// mmap(2) of anonymous memory (rawsh maps no files): `len` bytes, page-aligned address.
///
/// # Safety
/// The new mapping is fresh memory and harms nothing, but the caller decides who may use it
/// and must not hand out overlapping `&mut` views of it.
pub unsafe fn mmap_anonymous(len: usize, prot: u32, flags: u32) -> Result<*mut u8> {
    // SAFETY: addr NULL lets the kernel choose a free range; no fd, offset 0.
    unsafe { syscall!(mmap, 0, len, prot, flags | MAP_ANONYMOUS, -1i32, 0) }.map(|p| p as *mut u8)
}

/// munmap(2).
///
/// # Safety
/// No live reference may point into `[addr, addr + len)`.
pub unsafe fn munmap(addr: *mut u8, len: usize) -> Result<()> {
    // SAFETY: the caller guarantees the range is no longer used.
    unsafe { syscall!(munmap, addr, len) }.map(drop)
}

/// mprotect(2).
///
/// # Safety
/// Removing access must not break a live reference into the range.
pub unsafe fn mprotect(addr: *mut u8, len: usize, prot: u32) -> Result<()> {
    // SAFETY: the caller guarantees no live reference relies on the old protection.
    unsafe { syscall!(mprotect, addr, len, prot) }.map(drop)
}

/// mremap(2) with MREMAP_MAYMOVE: grows or shrinks a mapping, moving it if needed.
///
/// # Safety
/// No live reference may point into the old range (it may move).
pub unsafe fn mremap(addr: *mut u8, old: usize, new: usize) -> Result<*mut u8> {
    // SAFETY: the caller guarantees the old range is not referenced.
    unsafe { syscall!(mremap, addr, old, new, g::MREMAP_MAYMOVE) }.map(|p| p as *mut u8)
}
