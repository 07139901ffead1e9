//! The read-parse-run loop: commands are parsed and run one at a time, as soon as a complete
//! one has been read, so a script's later syntax error does not stop earlier commands and a
//! pipe feeding the shell is answered line by line.

use super::lineedit::{self, ReadLine};
use super::parse::Parser;
use super::{Exec, Flow, Shell, Show};
use crate::sys::fd::{self, Fd};
use crate::sys::{Errno, fs};
use alloc::vec::Vec;

/// The longest command (one complete command's source, here-documents included) the shell
/// accepts: DESIGN.md asks for at least 1 MiB; past this, the command is refused with an
/// error and the shell skips to the next line.
pub const MAX_LINE: usize = 16 << 20;
/// How much input one read asks for. The buffer is zero-filled up to it before the read, so
/// every page of it becomes resident: 8 KiB (dash's BUFSIZ) instead of 64 KiB cut peak RSS on
/// a script by 56 KiB, and start-up by the time spent zeroing.
const CHUNK: usize = 8 * 1024;

/// The whole contents of a file, or `None` if it cannot be read.
pub fn read_file(path: &[u8]) -> Option<Vec<u8>> {
    let c = super::path::cstring(path)?;
    let f = fs::open(&c, fs::O_RDONLY | fs::O_CLOEXEC, 0).ok()?;
    let mut data = Vec::new();
    let ok = read_all(f, &mut data);
    let _ = fd::close(f);
    ok.then_some(data)
}

fn read_all(f: Fd, data: &mut Vec<u8>) -> bool {
    loop {
        if data.try_reserve(CHUNK).is_err() {
            return false;
        }
        let len = data.len();
        data.resize(len + CHUNK, 0);
        match crate::sys::retry(|| fd::read(f, &mut data[len..])) {
            Ok(0) => {
                data.truncate(len);
                return true;
            }
            Ok(n) => data.truncate(len + n),
            Err(_) => {
                data.truncate(len);
                return false;
            }
        }
    }
}

impl Shell {
    /// Runs `src` (`eval`, `.`, `-c`): each complete command as soon as it is parsed. Control
    /// flow (`break`, `return`, `exit`) passes to the caller; a syntax error is fatal.
    pub fn run_string(&mut self, src: &[u8], line: u32) -> Exec {
        let mut parser = Parser::with_line(src, line);
        let mut status = 0;
        let mut used = 0;
        loop {
            // An `alias` run by one command applies to the commands parsed after it.
            parser.set_aliases(&self.aliases);
            match parser.next_command() {
                Ok(Some(list)) => {
                    self.echo_input(&src[used..parser.offset()]);
                    used = parser.offset();
                    status = self.run_list(&list)?;
                    self.reap_jobs();
                }
                Ok(None) => return Ok(status),
                Err(e) => {
                    self.line = e.line;
                    return Err(self.fatal(2, format_args!("{}", e.message)));
                }
            }
        }
    }

    /// Runs the script at `path`; the shell's exit status.
    pub fn run_file(&mut self, path: &[u8]) -> i32 {
        let opened = super::path::cstring(path)
            .ok_or(Errno::ENOENT)
            .and_then(|c| fs::open(&c, fs::O_RDONLY | fs::O_CLOEXEC, 0));
        let f = match opened.and_then(super::redir::move_high) {
            Ok(f) => f,
            Err(e) => {
                let status = if e == Errno::ENOENT { 127 } else { 126 };
                self.line = 0;
                self.error(format_args!("cannot open {}: {}", Show(path), e));
                return status;
            }
        };
        let status = self.run_fd(f);
        let _ = fd::close(f);
        status
    }

    /// Reads commands from `input` until end of file (or `exit`); the exit status.
    pub fn run_fd(&mut self, input: Fd) -> i32 {
        let mut buf: Vec<u8> = Vec::new();
        let mut start = 0;
        let mut line = 1;
        let mut eof = false;
        let mut skipping = false;
        let mut continued = false;
        loop {
            // Parse what we have; a command counts only once its line is complete.
            if start < buf.len() || eof {
                let pending = buf.get(start..).unwrap_or_default();
                let mut parser = Parser::with_line(pending, line);
                parser.set_aliases(&self.aliases);
                let r = parser.next_command();
                let used = parser.offset();
                let text = pending.get(..used).unwrap_or_default();
                let complete = eof || text.ends_with(b"\n");
                match r {
                    Ok(Some(list)) if complete => {
                        self.echo_input(text);
                        start += used;
                        line = parser.line();
                        continued = false;
                        match self.run_list(&list) {
                            Ok(s) => self.status = s,
                            Err(Flow::Exit(s)) => return s,
                            Err(Flow::Return(s)) if self.func_depth == 0 => return s,
                            Err(Flow::Fatal(s)) if !self.opts.interactive => return s,
                            Err(Flow::Fatal(s) | Flow::Return(s)) => self.status = s,
                            Err(Flow::Break(_) | Flow::Continue(_)) => {}
                        }
                        self.reap_jobs();
                        continue;
                    }
                    Ok(None) if eof => return self.status,
                    // An error is final only once its line is complete: the end of what
                    // has been read may cut a word (`case $x i|n`) and read as a bad token.
                    Err(e) if eof || (!e.incomplete && buf.ends_with(b"\n")) => {
                        self.line = e.line;
                        self.error(format_args!("{}", e.message));
                        if !self.opts.interactive {
                            return 2;
                        }
                        self.status = 2;
                        start = buf.len();
                        line = e.line + 1;
                        continued = false;
                        continue;
                    }
                    _ => continued = pending.iter().any(|&b| !b.is_ascii_whitespace()),
                }
            }
            // Need more input.
            if start > 0 {
                buf.drain(..start);
                start = 0;
            }
            if buf.len() > MAX_LINE {
                self.line = line;
                self.error(format_args!("command too long (at most {MAX_LINE} bytes)"));
                self.status = 2;
                buf.clear();
                skipping = true;
                continued = false;
            }
            if self.opts.interactive {
                self.job_notices();
            }
            let ps = if continued { b"PS2" } else { b"PS1" };
            let got = if self.opts.interactive && input == Fd::STDIN {
                // A person at the prompt: the line editor, which also keeps the history.
                let prompt = self.vars.get(ps).unwrap_or(b"").to_vec();
                match lineedit::read_line(self, &prompt) {
                    ReadLine::Line(l) => {
                        buf.extend_from_slice(&l);
                        Ok(l.len())
                    }
                    ReadLine::Eof => Ok(0),
                    ReadLine::Error(e) => Err(e),
                    ReadLine::Interrupted => {
                        // Ctrl-C abandons the command being typed, as in dash: status 130.
                        buf.clear();
                        self.status = 130;
                        continued = false;
                        continue;
                    }
                }
            } else {
                if self.opts.interactive {
                    self.prompt(ps);
                }
                self.read_more(input, &mut buf)
            };
            match got {
                Ok(0) => eof = true,
                Ok(_) => {}
                Err(e) => {
                    self.error(format_args!("read error: {e}"));
                    eof = true;
                }
            }
            if skipping {
                match buf.iter().position(|&b| b == b'\n') {
                    Some(nl) => {
                        buf.drain(..=nl);
                        line += 1;
                        skipping = false;
                    }
                    None => buf.clear(),
                }
            }
        }
    }

    fn read_more(&mut self, input: Fd, buf: &mut Vec<u8>) -> Result<usize, Errno> {
        let len = buf.len();
        buf.try_reserve(CHUNK).map_err(|_| Errno::ENOMEM)?;
        buf.resize(len + CHUNK, 0);
        let r = crate::sys::retry(|| fd::read(input, &mut buf[len..]));
        buf.truncate(len + *r.as_ref().unwrap_or(&0));
        r
    }

    /// `set -v`: the shell writes its input to standard error as it reads it.
    fn echo_input(&self, text: &[u8]) {
        if self.opts.verbose {
            let _ = fd::write_all(Fd::STDERR, text);
        }
    }

    fn prompt(&self, var: &[u8]) {
        let p = self.vars.get(var).unwrap_or(b"");
        let _ = fd::write_all(Fd::STDERR, p);
    }

    /// Collects finished background jobs, if there are any; as init, also every orphan the
    /// kernel gave us (they stay zombies until PID 1 waits for them).
    pub fn reap_jobs(&mut self) {
        if self.init || !self.jobs.is_empty() {
            self.jobs.reap(self.jc.is_some());
            if !self.opts.interactive {
                self.jobs.forget_done();
            }
        }
    }
}
