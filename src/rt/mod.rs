//! The runtime: process start, panics, the memory builtins, the heap, guarded stacks, spawning,
//! the signals caught for `trap`, syscall tracing, and the one sort.

pub mod alloc;
pub mod caught;
pub mod group;
pub mod mem;
pub mod out;
pub mod panic;
pub mod sort;
pub mod spawn;
pub mod stack;
pub mod start;
pub mod trace;

/// A global that is only ever touched by rawsh's one thread.
///
/// rawsh never creates a second thread: its CLONE_VM children (vfork, spawn, clone) run only
/// code that does not touch these globals, while the parent is suspended or waiting in wait4.
pub struct SingleThreaded<T>(pub T);

// SAFETY: see above: no two threads of control ever access the value concurrently.
unsafe impl<T> Sync for SingleThreaded<T> {}
