//! Time syscalls: clock_gettime and nanosleep, issued directly (no vDSO).

use super::{Result, syscall};
use linux_raw_sys::general as g;

pub const CLOCK_MONOTONIC: u32 = g::CLOCK_MONOTONIC;

// The kernel's timespec on both arches: 64-bit seconds and nanoseconds (no y2038 variant).
static_assertions::const_assert_eq!(core::mem::size_of::<g::__kernel_timespec>(), 16);
pub const CLOCK_REALTIME: u32 = g::CLOCK_REALTIME;

/// clock_gettime(2) in nanoseconds.
pub fn now_ns(clock: u32) -> u64 {
    let mut ts = g::__kernel_timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: ts is a valid, writable timespec; the clock ids used always exist.
    let _ = unsafe { syscall!(clock_gettime, clock, &mut ts as *mut g::__kernel_timespec) };
    ts.tv_sec as u64 * 1_000_000_000 + ts.tv_nsec as u64
}

/// nanosleep(2) for `ns` nanoseconds, resumed after signal interruptions.
pub fn sleep_ns(ns: u64) -> Result<()> {
    let mut req = g::__kernel_timespec {
        tv_sec: (ns / 1_000_000_000) as i64,
        tv_nsec: (ns % 1_000_000_000) as i64,
    };
    loop {
        let mut rem = g::__kernel_timespec {
            tv_sec: 0,
            tv_nsec: 0,
        };
        // SAFETY: req and rem are valid timespecs.
        match unsafe {
            syscall!(
                nanosleep,
                &req as *const g::__kernel_timespec,
                &mut rem as *mut g::__kernel_timespec
            )
        } {
            Err(super::Errno::EINTR) => req = rem,
            r => return r.map(drop),
        }
    }
}
