//! The heap: a small single-threaded allocator over a .bss arena and anonymous mmap.
//!
//! Requests up to 1 MiB come from seventeen power-of-two size classes (16 B .. 1 MiB),
//! recycled through one free list per class, so a shell that runs 100 000 commands reuses the
//! same few pages and a loop that keeps replacing a long string makes no system call. Blocks
//! up to 4 KiB (a page) are carved from 64 KiB chunks (the first one in .bss); larger ones are
//! mappings of their own, kept on their free list once freed. Requests above 1 MiB get their
//! own mapping, which realloc grows in place or moves with mremap(2) and free returns to the
//! kernel at once.

use super::SingleThreaded;
use crate::sys::mem;
use core::alloc::{GlobalAlloc, Layout};
use core::cell::Cell;
use core::ptr::null_mut;

const MIN_CLASS: usize = 4; // 16 bytes
const CLASSES: usize = 17; // 16 << 16 = 1 MiB
/// Classes up to this size are carved from chunks; larger ones are mapped one block each.
const CARVED: usize = 4096;
const CHUNK: usize = 64 * 1024;
const PAGE: usize = 4096;

pub struct Heap {
    free: [Cell<*mut u8>; CLASSES],
    bump: Cell<*mut u8>,
    bump_end: Cell<*mut u8>,
}

/// The first chunk, in .bss: zero pages next to the binary's own, like a mapping but without
/// the mmap(2), its area and page tables of its own (`rawsh -c :` and most scripts need no
/// more). A page longer than a chunk, whose page-aligned part is used: aligned by the linker,
/// it would page-align all of .bss. The linker scripts sort .bss by section name and this one
/// sorts last, so the process's other statics share the page .data already has written.
// SAFETY: a .bss section of the linker scripts' own (NOBITS: zero-filled, as this is); no
// other object defines it.
#[unsafe(link_section = ".bss.~arena")]
static mut FIRST: [u8; CHUNK + PAGE] = [0; CHUNK + PAGE];

#[cfg_attr(not(any(test, fuzzing)), global_allocator)]
pub static HEAP: SingleThreaded<Heap> = SingleThreaded(Heap {
    free: [const { Cell::new(null_mut()) }; CLASSES],
    bump: Cell::new(null_mut()),
    bump_end: Cell::new(null_mut()),
});

/// The size class for `layout`, or `None` for a large allocation. A class's blocks are
/// aligned to their size up to a page (chunks are page-aligned and carved in order, larger
/// blocks are mappings), so alignment is met by rounding the size up to it.
fn class(layout: Layout) -> Option<usize> {
    if layout.align() > PAGE {
        return None;
    }
    let size = layout.size().max(layout.align()).max(1 << MIN_CLASS);
    let class = (usize::BITS - (size - 1).leading_zeros()) as usize - MIN_CLASS;
    (class < CLASSES).then_some(class)
}

fn class_size(class: usize) -> usize {
    1 << (class + MIN_CLASS)
}

fn large_len(layout: Layout) -> usize {
    (layout.size() + PAGE - 1) & !(PAGE - 1)
}

impl Heap {
    fn alloc_small(&self, class: usize) -> *mut u8 {
        let head = self.free[class].get();
        if !head.is_null() {
            // SAFETY: a free block's first word holds the next free block (or NULL).
            self.free[class].set(unsafe { *(head as *mut *mut u8) });
            return head;
        }
        let size = class_size(class);
        if size > CARVED {
            // SAFETY: a fresh private mapping, used only by this heap (page-aligned, so
            // aligned to any class's size up to a page, which is all `class` asks of it).
            return unsafe {
                mem::mmap_anonymous(size, mem::PROT_READ | mem::PROT_WRITE, mem::MAP_PRIVATE)
            }
            .unwrap_or(null_mut());
        }
        let mut at = ((self.bump.get() as usize + size - 1) & !(size - 1)) as *mut u8;
        if at.is_null() || at as usize + size > self.bump_end.get() as usize {
            let chunk = if self.bump_end.get().is_null() {
                // The first chunk: only this heap ever takes the arena's address, once.
                let first = (&raw mut FIRST).cast::<u8>();
                let skip = (PAGE - first as usize % PAGE) % PAGE;
                Ok(first.wrapping_add(skip))
            } else {
                // SAFETY: a fresh private mapping, used only by this heap.
                unsafe {
                    mem::mmap_anonymous(CHUNK, mem::PROT_READ | mem::PROT_WRITE, mem::MAP_PRIVATE)
                }
            };
            match chunk {
                Ok(p) => {
                    at = p;
                    self.bump_end.set(p.wrapping_add(CHUNK));
                }
                Err(_) => return null_mut(),
            }
        }
        self.bump.set(at.wrapping_add(size));
        at
    }
}

// SAFETY: blocks are handed out once until freed, sized and aligned for their layout (see
// `class`); large blocks are whole page-aligned mappings.
unsafe impl GlobalAlloc for SingleThreaded<Heap> {
    // SAFETY: for these three, callers keep GlobalAlloc's contract (non-zero sizes; ptr and
    // layout are what alloc returned and was given).
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        match class(layout) {
            Some(c) => self.0.alloc_small(c),
            None if layout.align() > PAGE => null_mut(),
            // SAFETY: a fresh private mapping, owned by the caller until dealloc.
            None => unsafe {
                mem::mmap_anonymous(
                    large_len(layout),
                    mem::PROT_READ | mem::PROT_WRITE,
                    mem::MAP_PRIVATE,
                )
            }
            .unwrap_or(null_mut()),
        }
    }

    // SAFETY: see alloc.
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        match class(layout) {
            Some(c) => {
                // SAFETY: the block is at least 16 bytes and no longer in use: its first word
                // becomes the free-list link.
                unsafe { *(ptr as *mut *mut u8) = self.0.free[c].get() };
                self.0.free[c].set(ptr);
            }
            // SAFETY: the caller gives back the whole mapping it got from alloc.
            None => unsafe {
                let _ = mem::munmap(ptr, large_len(layout));
            },
        }
    }

    // SAFETY: see alloc.
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller guarantees new_size, rounded to align, does not overflow isize.
        let new = unsafe { Layout::from_size_align_unchecked(new_size, layout.align()) };
        match (class(layout), class(new)) {
            (Some(a), Some(b)) if a == b => ptr,
            (None, None) => {
                let (old_len, new_len) = (large_len(layout), large_len(new));
                if old_len == new_len {
                    return ptr;
                }
                // SAFETY: the caller gives up the old block; mremap keeps its contents.
                unsafe { mem::mremap(ptr, old_len, new_len) }.unwrap_or(null_mut())
            }
            _ => {
                // SAFETY: a new block, a copy of the overlapping part, the old one freed.
                unsafe {
                    let p = self.alloc(new);
                    if !p.is_null() {
                        core::ptr::copy_nonoverlapping(ptr, p, layout.size().min(new_size));
                        self.dealloc(ptr, layout);
                    }
                    p
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes() {
        let l = |s, a| Layout::from_size_align(s, a).unwrap();
        assert_eq!(class(l(1, 1)), Some(0));
        assert_eq!(class(l(16, 8)), Some(0));
        assert_eq!(class(l(17, 1)), Some(1));
        assert_eq!(class(l(8, 64)), Some(2));
        assert_eq!(class(l(2048, 1)), Some(7));
        assert_eq!(class(l(2049, 1)), Some(8));
        assert_eq!(class(l(1 << 20, 1)), Some(16));
        assert_eq!(class(l((1 << 20) + 1, 1)), None);
        assert_eq!(class(l(16, 8192)), None);
    }
}
