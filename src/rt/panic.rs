//! The panic handler: one line on stderr, then exit 70 (EX_SOFTWARE) — or, as PID 1, where
//! exiting would panic the kernel, sync and power off.

#[cfg(not(any(test, fuzzing)))]
#[panic_handler]
fn panic(info: &core::panic::PanicInfo<'_>) -> ! {
    use crate::sys::{process, system};
    use core::fmt::Write;
    let mut w = super::out::Line::new();
    let _ = write!(w, "rawsh: internal error: {}", info.message());
    if let Some(at) = info.location() {
        let _ = write!(w, " at {}:{}", at.file(), at.line());
    }
    w.finish(crate::sys::fd::Fd::STDERR);
    if process::getpid().0 == 1 {
        system::sync();
        let _ = system::reboot(system::POWER_OFF);
        loop {
            let _ = crate::sys::time::sleep_ns(1_000_000_000);
        }
    }
    process::exit(70)
}

/// The precompiled `alloc` is built for unwinding, so its non-generic functions (e.g.
/// `alloc::fmt::format`, behind `format!`) keep cleanup paths: they name the personality
/// routine and end in `_Unwind_Resume`. With panic=abort nothing ever unwinds and those paths
/// are never taken; these definitions only satisfy the linker, and end the process if reached.
#[cfg(not(any(test, fuzzing)))]
// SAFETY: no other definition of this symbol is linked into the freestanding binary.
#[unsafe(no_mangle)]
extern "C" fn _Unwind_Resume() -> ! {
    crate::sys::process::exit(70)
}

#[cfg(not(any(test, fuzzing)))]
// SAFETY: as above.
#[unsafe(no_mangle)]
extern "C" fn rust_eh_personality() -> ! {
    crate::sys::process::exit(70)
}
