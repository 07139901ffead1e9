//! Process start: the kernel's initial stack (argc, argv, envp, auxv) as a safe view.
//!
//! `_start` (src/arch) passes the initial stack pointer to [`entry`], which records it and
//! calls the binary's `rawsh_main` (made by [`entry_point!`](crate::entry_point)), then exits
//! with its status.

use super::SingleThreaded;
use core::cell::Cell;
use core::ffi::{CStr, c_char};

#[derive(Clone, Copy)]
struct Start {
    argc: usize,
    argv: *const *const c_char,
    envp: *const *const c_char,
    auxv: *const usize,
    /// The initial stack pointer.
    sp: usize,
}

static START: SingleThreaded<Cell<Start>> = SingleThreaded(Cell::new(Start {
    argc: 0,
    argv: core::ptr::null(),
    envp: core::ptr::null(),
    auxv: core::ptr::null(),
    sp: 0,
}));

/// Defines the binary's main function, called by the runtime after start-up; its return value
/// is the exit status.
#[macro_export]
macro_rules! entry_point {
    ($main:path) => {
        // SAFETY: the one definition of rawsh_main, which the runtime declares below.
        #[unsafe(no_mangle)]
        fn rawsh_main() -> i32 {
            $main()
        }
    };
}

#[cfg(not(any(test, fuzzing)))]
// SAFETY: defined once by the binary's entry_point! with this signature.
unsafe extern "Rust" {
    safe fn rawsh_main() -> i32;
}

/// Called by `_start` with the kernel's initial stack pointer: `[argc, argv..., NULL,
/// envp..., NULL, auxv pairs..., AT_NULL]` (System V ABI, "Process Initialization").
///
/// # Safety
/// Only `_start` calls it, once, with the stack pointer the kernel started the process with.
#[cfg(not(any(test, fuzzing)))]
pub unsafe extern "C" fn entry(sp: *const usize) -> ! {
    // SAFETY: the kernel laid out the initial stack as described above; we only read it, and
    // the strings it points to live (unchanged) for the whole process.
    unsafe {
        let argc = *sp;
        let argv = sp.add(1) as *const *const c_char;
        let envp = argv.add(argc + 1);
        let mut p = envp;
        while !(*p).is_null() {
            p = p.add(1);
        }
        let auxv = p.add(1) as *const usize;
        START.0.set(Start {
            argc,
            argv,
            envp,
            auxv,
            sp: sp as usize,
        });
    }
    crate::sys::process::exit(rawsh_main())
}

/// The command-line arguments, argv[0] first.
pub fn args() -> impl ExactSizeIterator<Item = &'static CStr> + Clone {
    let s = START.0.get();
    (0..s.argc).map(move |i| {
        // SAFETY: i < argc, so argv[i] is one of the kernel's NUL-terminated strings.
        unsafe { CStr::from_ptr(*s.argv.add(i)) }
    })
}

/// The environment strings (`NAME=value`) the process started with.
pub fn env() -> impl Iterator<Item = &'static [u8]> + Clone {
    let s = START.0.get();
    let mut i = 0;
    core::iter::from_fn(move || {
        if s.envp.is_null() {
            return None;
        }
        // SAFETY: envp is a NULL-terminated array and i never passes the NULL.
        let p = unsafe { *s.envp.add(i) };
        if p.is_null() {
            return None;
        }
        i += 1;
        // SAFETY: p is one of the kernel's NUL-terminated strings.
        Some(unsafe { CStr::from_ptr(p) }.to_bytes())
    })
}

/// About the highest address of the main thread's stack: the executable's name the kernel
/// copied there (AT_EXECFN lies above argv, envp and their strings); 0 before start-up (in
/// unit tests).
pub fn stack_top() -> usize {
    const AT_EXECFN: usize = 31;
    START.0.get().sp.max(auxv(AT_EXECFN).unwrap_or(0))
}

pub fn auxv(key: usize) -> Option<usize> {
    let s = START.0.get();
    let mut p = s.auxv;
    if p.is_null() {
        return None;
    }
    loop {
        // SAFETY: the auxv is a list of (key, value) pairs ending with AT_NULL (0).
        let (k, v) = unsafe { (*p, *p.add(1)) };
        if k == 0 {
            return None;
        }
        if k == key {
            return Some(v);
        }
        // SAFETY: not at AT_NULL yet, so the next pair exists.
        p = unsafe { p.add(2) };
    }
}
