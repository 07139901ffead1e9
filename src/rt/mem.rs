//! The memory functions the compiler emits calls to. A `-gnu` target expects libc to provide
//! them (compiler_builtins only does so for targets without a libc), so rawsh defines them.
//!
//! Plain loops, a word at a time: LLVM's loop-idiom pass does not turn a loop inside a
//! function *named* memcpy, memmove or memset back into a call to itself, and strlen reads
//! bytes with volatile loads so it cannot be recognised either.

#![cfg(not(any(test, fuzzing)))]

const WORD: usize = core::mem::size_of::<usize>();

/// memcpy(3): a word at a time (unaligned loads and stores are cheap on both arches), then
/// the last bytes.
///
/// # Safety
/// `dst` and `src` are valid for `n` bytes and do not overlap.
// SAFETY: no libc is linked, so this is the only definition of the symbol.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcpy(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    let mut i = 0;
    while i + WORD <= n {
        // SAFETY: i + WORD <= n and both ranges are valid for n bytes.
        unsafe {
            (dst.add(i) as *mut usize)
                .write_unaligned((src.add(i) as *const usize).read_unaligned())
        };
        i += WORD;
    }
    while i < n {
        // SAFETY: i < n.
        unsafe { *dst.add(i) = *src.add(i) };
        i += 1;
    }
    dst
}

/// memmove(3): forwards when `dst` is below `src`, else backwards, so overlap is safe (each
/// word is read before the store that could overwrite it).
///
/// # Safety
/// `dst` and `src` are valid for `n` bytes.
// SAFETY: no libc is linked, so this is the only definition of the symbol.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memmove(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    if (dst as usize) <= (src as usize) {
        // SAFETY: forwards, a store never overwrites a byte not yet read.
        return unsafe { memcpy_forward(dst, src, n) };
    }
    let mut i = n;
    while i >= WORD {
        i -= WORD;
        // SAFETY: i + WORD <= n; backwards, a store never overwrites a byte not yet read.
        unsafe {
            (dst.add(i) as *mut usize)
                .write_unaligned((src.add(i) as *const usize).read_unaligned())
        };
    }
    while i > 0 {
        i -= 1;
        // SAFETY: i < n.
        unsafe { *dst.add(i) = *src.add(i) };
    }
    dst
}

/// The forward copy of memmove: memcpy's loop, which reads each word before storing it.
///
/// # Safety
/// As memmove, with `dst <= src`.
unsafe fn memcpy_forward(dst: *mut u8, src: *const u8, n: usize) -> *mut u8 {
    // SAFETY: memcpy copies in increasing address order, one word read before it is stored.
    unsafe { memcpy(dst, src, n) }
}

/// memset(3).
///
/// # Safety
/// `dst` is valid for `n` bytes.
// SAFETY: no libc is linked, so this is the only definition of the symbol.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memset(dst: *mut u8, c: i32, n: usize) -> *mut u8 {
    let word = usize::from_ne_bytes([c as u8; WORD]);
    let mut i = 0;
    while i + WORD <= n {
        // SAFETY: i + WORD <= n.
        unsafe { (dst.add(i) as *mut usize).write_unaligned(word) };
        i += WORD;
    }
    while i < n {
        // SAFETY: i < n.
        unsafe { *dst.add(i) = c as u8 };
        i += 1;
    }
    dst
}

/// memcmp(3).
///
/// # Safety
/// `a` and `b` are valid for `n` bytes.
// SAFETY: no libc is linked, so this is the only definition of the symbol.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn memcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    let mut i = 0;
    while i < n {
        // SAFETY: i < n.
        let (x, y) = unsafe { (*a.add(i), *b.add(i)) };
        if x != y {
            return x as i32 - y as i32;
        }
        i += 1;
    }
    0
}

/// bcmp(3): zero when equal; LLVM emits it for `==` on byte slices.
///
/// # Safety
/// `a` and `b` are valid for `n` bytes.
// SAFETY: no libc is linked, so this is the only definition of the symbol.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn bcmp(a: *const u8, b: *const u8, n: usize) -> i32 {
    // SAFETY: the same contract as memcmp.
    unsafe { memcmp(a, b, n) }
}

/// strlen(3).
///
/// # Safety
/// `s` points to a NUL-terminated string.
// SAFETY: no libc is linked, so this is the only definition of the symbol.
#[unsafe(no_mangle)]
pub unsafe extern "C" fn strlen(s: *const u8) -> usize {
    let mut n = 0;
    // SAFETY: the string is NUL-terminated, so every byte up to the NUL is readable.
    while unsafe { core::ptr::read_volatile(s.add(n)) } != 0 {
        n += 1;
    }
    n
}
