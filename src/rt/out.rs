//! Writing formatted text to a descriptor without allocating.

use crate::sys::fd::{self, Fd};
use core::fmt;

/// One line of formatted text, built on the stack and written with a single write(2), so that
/// lines from a parent and its children do not interleave. Text past 1 KiB is cut.
pub struct Line {
    buf: heapless::Vec<u8, 1024>,
}

impl Line {
    pub fn new() -> Line {
        Line {
            buf: heapless::Vec::new(),
        }
    }

    pub fn push(&mut self, bytes: &[u8]) {
        let room = self.buf.capacity() - self.buf.len();
        let _ = self.buf.extend_from_slice(&bytes[..bytes.len().min(room)]);
    }

    /// Adds the newline and writes the line to `fd`.
    pub fn finish(mut self, fd: Fd) {
        let _ = fd::write_all(fd, self.end());
    }

    /// Adds the newline and returns the whole line, for a caller that writes it itself.
    pub fn end(&mut self) -> &[u8] {
        if self.buf.is_full() {
            self.buf.pop();
        }
        let _ = self.buf.push(b'\n');
        &self.buf
    }
}

impl Default for Line {
    fn default() -> Self {
        Line::new()
    }
}

impl fmt::Write for Line {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.push(s.as_bytes());
        Ok(())
    }
}

/// Writes one formatted line to `fd` with a single write(2).
pub fn line(fd: Fd, args: fmt::Arguments<'_>) {
    let mut l = Line::new();
    let _ = fmt::Write::write_fmt(&mut l, args);
    l.finish(fd);
}

/// A `fmt::Write` that buffers up to 4 KiB and writes through to `fd` when full and on
/// [`flush`](Buffered::flush) (also on drop). Remembers the first write error.
pub struct Buffered {
    fd: Fd,
    buf: heapless::Vec<u8, 4096>,
    pub error: Option<crate::sys::Errno>,
}

impl Buffered {
    pub fn new(fd: Fd) -> Buffered {
        Buffered {
            fd,
            buf: heapless::Vec::new(),
            error: None,
        }
    }

    pub fn bytes(&mut self, mut b: &[u8]) {
        while !b.is_empty() {
            if self.buf.is_full() {
                self.flush();
            }
            let n = b.len().min(self.buf.capacity() - self.buf.len());
            let _ = self.buf.extend_from_slice(&b[..n]);
            b = &b[n..];
        }
    }

    pub fn flush(&mut self) {
        if !self.buf.is_empty()
            && self.error.is_none()
            && let Err(e) = fd::write_all(self.fd, &self.buf)
        {
            self.error = Some(e);
        }
        self.buf.clear();
    }
}

impl fmt::Write for Buffered {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.bytes(s.as_bytes());
        Ok(())
    }
}

impl Drop for Buffered {
    fn drop(&mut self) {
        self.flush();
    }
}
