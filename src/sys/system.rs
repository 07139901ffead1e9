//! Whole-system syscalls: uname, sync, reboot.

use super::{Result, syscall};
use linux_raw_sys::general as g;

/// uname(2)'s struct new_utsname: six NUL-padded 65-byte fields.
pub struct Utsname([[u8; 65]; 6]);

impl Utsname {
    fn field(&self, i: usize) -> &[u8] {
        let f = &self.0[i];
        &f[..f.iter().position(|&b| b == 0).unwrap_or(65)]
    }
    pub fn sysname(&self) -> &[u8] {
        self.field(0)
    }
    pub fn nodename(&self) -> &[u8] {
        self.field(1)
    }
    pub fn release(&self) -> &[u8] {
        self.field(2)
    }
    pub fn version(&self) -> &[u8] {
        self.field(3)
    }
    pub fn machine(&self) -> &[u8] {
        self.field(4)
    }
}

pub fn uname() -> Result<Utsname> {
    let mut u = Utsname([[0; 65]; 6]);
    // SAFETY: u is a writable 390-byte struct new_utsname.
    unsafe { syscall!(uname, u.0.as_mut_ptr()) }?;
    Ok(u)
}

/// sync(2): flushes every filesystem's dirty data.
pub fn sync() {
    // SAFETY: no arguments, cannot fail.
    let _ = unsafe { syscall!(sync) };
}

pub const POWER_OFF: u32 = g::LINUX_REBOOT_CMD_POWER_OFF;
pub const RESTART: u32 = g::LINUX_REBOOT_CMD_RESTART;

/// reboot(2) with the magic numbers; returns only on failure (EPERM when not root).
pub fn reboot(cmd: u32) -> Result<()> {
    // SAFETY: integer arguments; the last (arg for RESTART2) is unused.
    unsafe {
        syscall!(
            reboot,
            g::LINUX_REBOOT_MAGIC1,
            g::LINUX_REBOOT_MAGIC2,
            cmd,
            0
        )
    }
    .map(drop)
}
