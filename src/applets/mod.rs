//! Small programs in the same binary, chosen by argv[0]'s basename (or `rawsh APPLET ...`).

use core::ffi::CStr;

pub mod selftest;
mod spawnbench;

pub type Main = fn(&[&CStr]) -> i32;

/// Every applet, by name.
pub const APPLETS: &[(&str, Main)] = &[
    ("selftest", selftest::main),
    ("spawnbench", spawnbench::main),
];

pub fn find(name: &[u8]) -> Option<Main> {
    APPLETS
        .iter()
        .find(|(n, _)| n.as_bytes() == name)
        .map(|&(_, f)| f)
}
