//! Signals caught for `trap`. The handler only notes which signal came: almost nothing is
//! safe to do inside one (signal-safety(7)), so the shell runs the trap's action later,
//! between commands, from [`take`].

use crate::sys::Result;
use crate::sys::signal::{self, Disposition, SigSet};
use core::sync::atomic::{AtomicU64, Ordering};

/// Bit `n - 1` for each signal `n` caught and not yet taken.
static PENDING: AtomicU64 = AtomicU64::new(0);

extern "C" fn note(sig: i32) {
    PENDING.fetch_or(1 << ((sig - 1) & 63), Ordering::Relaxed);
}

/// Catches `sig` from now on; returns whether it was ignored before.
pub fn catch(sig: i32) -> Result<bool> {
    signal::set_disposition(sig, Disposition::Handler(note))
}

/// The caught signals waiting to be taken: one load, cheap enough for every command.
pub fn pending() -> SigSet {
    SigSet(PENDING.load(Ordering::Relaxed))
}

/// The signals caught since the last call.
pub fn take() -> SigSet {
    SigSet(PENDING.swap(0, Ordering::Relaxed))
}
