//! Redirections (XCU 2.7), applied either to the shell's own descriptors (builtins, compound
//! commands, `exec`), with the old ones saved for restoring, or turned into spawn file actions
//! for an external command.
//!
//! Files are opened in the shell in both cases, so an error is reported by the shell itself
//! before any child exists. Descriptors the shell holds for itself live at 10 and above,
//! close-on-exec, like dash's, so they never collide with the 0..9 a script can name.

use super::ast::{RedirOp, Redirect};
use super::{Flow, Shell, Show};
use crate::rt::spawn::FileAction;
use crate::sys::fd::{self, Fd};
use crate::sys::{Errno, fs, process};
use alloc::vec::Vec;

/// The lowest descriptor the shell uses for itself.
pub const SHELL_FD_MIN: i32 = 10;
/// A here-document this small fits in a pipe's buffer (pipe(7): 16 pages) and is written
/// before the command starts; a larger one is fed by a child process.
const PIPE_CAPACITY: usize = 65536;

/// What one redirection makes descriptor `fd` refer to.
enum Source {
    /// A file or pipe the shell opened; closed once it has been moved into place.
    Opened(Fd),
    /// A copy of an existing descriptor (`>&2`).
    Dup(Fd),
    /// `>&-`
    Close,
}

/// A descriptor changed by [`Shell::redirect`] and what it was before.
pub struct Saved {
    fd: Fd,
    /// A close-on-exec copy of the old descriptor, or `None` if it was closed.
    old: Option<Fd>,
}

/// Moves a descriptor the shell just got to SHELL_FD_MIN or above, close-on-exec.
pub fn move_high(fd: Fd) -> Result<Fd, Errno> {
    if fd.0 >= SHELL_FD_MIN {
        return Ok(fd);
    }
    let high = dup_high(fd);
    let _ = fd::close(fd);
    high
}

/// A close-on-exec copy of `fd` at SHELL_FD_MIN or above. F_DUPFD fails with EINVAL when
/// RLIMIT_NOFILE is at most SHELL_FD_MIN (fcntl(2)): that is "too many open files" too.
fn dup_high(fd: Fd) -> Result<Fd, Errno> {
    match fd::dup_cloexec(fd, SHELL_FD_MIN) {
        Err(Errno::EINVAL) => Err(Errno::EMFILE),
        r => r,
    }
}

/// A redirection that could not be made. The message has been printed.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirError {
    /// The command fails with this status (2, like dash) and the shell goes on; a special
    /// builtin's failure ends a non-interactive shell (XCU 2.8.1).
    Failed(i32),
    /// An expansion or syntax error in the target: fatal as such.
    Flow(Flow),
}

impl From<Flow> for RedirError {
    fn from(f: Flow) -> RedirError {
        RedirError::Flow(f)
    }
}

impl Shell {
    /// Opens what `r` names.
    fn source(&mut self, r: &Redirect) -> Result<(Fd, Source), RedirError> {
        // A compound command's redirections report the line it starts on.
        self.line = r.line;
        let fd = Fd(r.fd.unwrap_or(r.op.default_fd()));
        let target = match (self.expand_string(&r.target), r.op) {
            // dash expands a here-document in a child: its expansion error fails the command
            // only, like a file that cannot be opened.
            (Err(Flow::Fatal(status)), RedirOp::HereDoc { .. }) => {
                return Err(RedirError::Failed(status));
            }
            (target, _) => target?,
        };
        let src = match r.op {
            RedirOp::HereDoc { .. } => Source::Opened(self.here_doc(&target)?),
            RedirOp::DupIn | RedirOp::DupOut => match parse_fd(&target) {
                Some(n) => Source::Dup(Fd(n)),
                None if target == b"-" => Source::Close,
                None => {
                    return Err(self
                        .fatal(2, format_args!("Syntax error: Bad fd number"))
                        .into());
                }
            },
            op => {
                let Some(path) = super::path::cstring(&target) else {
                    return Err(self.failed(format_args!(
                        "cannot open {}: {}",
                        Show(&target),
                        Errno::ENOENT
                    )));
                };
                let flags = match op {
                    RedirOp::In => fs::O_RDONLY,
                    RedirOp::ReadWrite => fs::O_RDWR | fs::O_CREAT,
                    RedirOp::Append => fs::O_WRONLY | fs::O_CREAT | fs::O_APPEND,
                    RedirOp::Out if self.opts.noclobber => fs::O_WRONLY | fs::O_CREAT | fs::O_EXCL,
                    _ => fs::O_WRONLY | fs::O_CREAT | fs::O_TRUNC,
                };
                // A FIFO blocks the open until the other end comes; a trap's signal may
                // interrupt it meanwhile.
                let flags = flags | fs::O_CLOEXEC | fs::O_NOCTTY;
                let mut opened = crate::sys::retry(|| fs::open(&path, flags, 0o666));
                if opened == Err(Errno::EEXIST) && fs::stat(&path).is_ok_and(|st| !st.is_file()) {
                    // noclobber only protects regular files (XCU 2.7.2).
                    opened = fs::open(&path, fs::O_WRONLY | fs::O_CLOEXEC | fs::O_NOCTTY, 0);
                }
                match opened.and_then(move_high) {
                    Ok(f) => Source::Opened(f),
                    Err(e) => {
                        let verb = if op == RedirOp::In { "open" } else { "create" };
                        return Err(self.failed(format_args!(
                            "cannot {verb} {}: {}",
                            Show(&target),
                            e
                        )));
                    }
                }
            }
        };
        Ok((fd, src))
    }

    fn failed(&self, args: core::fmt::Arguments<'_>) -> RedirError {
        self.error(args);
        RedirError::Failed(2)
    }

    /// A pipe whose read end yields `body`.
    fn here_doc(&mut self, body: &[u8]) -> Result<Fd, RedirError> {
        let (rd, wr) = match fd::pipe2(fd::O_CLOEXEC) {
            Ok(p) => p,
            Err(e) => return Err(self.failed(format_args!("cannot create here-document: {e}"))),
        };
        if body.len() <= PIPE_CAPACITY {
            let _ = fd::write_all(wr, body);
        } else {
            match process::fork() {
                Ok(process::Fork::Child) => {
                    let _ = fd::close(rd);
                    let _ = fd::write_all(wr, body);
                    process::exit(0)
                }
                Ok(process::Fork::Parent(pid)) => self.jobs.orphan(pid.0),
                Err(e) => {
                    let _ = (fd::close(rd), fd::close(wr));
                    return Err(self.failed(format_args!("cannot fork: {e}")));
                }
            }
        }
        let _ = fd::close(wr);
        move_high(rd).map_err(|e| self.failed(format_args!("here-document: {e}")))
    }

    /// Applies `redirs` to the shell's own descriptors, in order. Returns what `restore`
    /// needs to undo them. On error the ones already applied are undone.
    pub fn redirect(&mut self, redirs: &[Redirect]) -> Result<Vec<Saved>, RedirError> {
        let mut saved = Vec::new();
        for r in redirs {
            let (fd, src) = match self.source(r) {
                Ok(x) => x,
                Err(e) => {
                    self.restore(saved);
                    return Err(e);
                }
            };
            if !saved.iter().any(|s: &Saved| s.fd == fd) {
                // Only a closed descriptor is restored by closing it: if the copy fails for
                // another reason (EMFILE), the redirection must not happen, or the shell
                // would lose its own descriptor for good.
                let old = match dup_high(fd) {
                    Ok(old) => Some(old),
                    Err(Errno::EBADF) => None,
                    Err(e) => {
                        if let Source::Opened(f) = src {
                            let _ = fd::close(f);
                        }
                        // Reported with the redirections so far in place (`2>/dev/null`).
                        let err = self.failed(format_args!("{}: {}", fd.0, e));
                        self.restore(saved);
                        return Err(err);
                    }
                };
                saved.push(Saved { fd, old });
            }
            if let Err(e) = install(fd, &src) {
                let shown = fd_of(&src).map_or(fd.0, |f| f.0);
                let err = self.failed(format_args!("{shown}: {e}"));
                self.restore(saved);
                return Err(err);
            }
        }
        Ok(saved)
    }

    /// Runs `f` with a spawned command's descriptors in place for the shell itself: its
    /// pipeline stage (`stage`'s dup2s) and then its redirections; all undone afterwards. For
    /// the errors dash's child would print on its own stderr (`nosuch 2>/dev/null` is quiet).
    /// A redirection that fails is reported instead, with its status, as in that child.
    pub fn in_place(
        &mut self,
        stage: &[FileAction<'_>],
        redirs: &[Redirect],
        f: &mut dyn FnMut(&mut Shell) -> i32,
    ) -> Result<i32, Flow> {
        let mut saved = Vec::new();
        for a in stage {
            let FileAction::Dup2 { from, to } = *a else {
                continue;
            };
            // As in `redirect`: only a closed descriptor is restored by closing it; one that
            // cannot be saved (EMFILE) is left alone, or the shell would lose it.
            let old = match dup_high(to) {
                Ok(old) => Some(old),
                Err(Errno::EBADF) => None,
                Err(_) => continue,
            };
            if fd::dup2(from, to).is_ok() {
                saved.push(Saved { fd: to, old });
            } else if let Some(old) = old {
                let _ = fd::close(old);
            }
        }
        let r = match self.redirect(redirs) {
            Ok(more) => {
                let status = f(self);
                self.restore(more);
                Ok(status)
            }
            Err(RedirError::Failed(status)) => Ok(status),
            Err(RedirError::Flow(flow)) => Err(flow),
        };
        self.restore(saved);
        r
    }

    /// Undoes [`redirect`](Shell::redirect), last change first.
    pub fn restore(&mut self, saved: Vec<Saved>) {
        for s in saved.into_iter().rev() {
            match s.old {
                Some(old) => {
                    let _ = fd::dup2(old, s.fd);
                    let _ = fd::close(old);
                }
                None => {
                    let _ = fd::close(s.fd);
                }
            }
        }
    }

    /// `exec` without a command: the redirections stay, nothing is saved.
    pub fn redirect_permanently(&mut self, redirs: &[Redirect]) -> Result<(), RedirError> {
        for r in redirs {
            let (fd, src) = self.source(r)?;
            if let Err(e) = install(fd, &src) {
                return Err(self.failed(format_args!(
                    "{}: {}",
                    fd_of(&src).map_or(fd.0, |f| f.0),
                    e
                )));
            }
        }
        Ok(())
    }

    /// Opens what `redirs` name and appends the file actions that put them in place in a
    /// spawned child; `opened` collects the descriptors to close once the child has started.
    pub fn plan(
        &mut self,
        redirs: &[Redirect],
        actions: &mut Vec<FileAction<'static>>,
        opened: &mut Vec<Fd>,
    ) -> Result<(), RedirError> {
        for r in redirs {
            let (fd, src) = self.source(r)?;
            actions.push(match src {
                Source::Opened(from) => {
                    opened.push(from);
                    FileAction::Dup2 { from, to: fd }
                }
                Source::Dup(from) => FileAction::Dup2 { from, to: fd },
                Source::Close => FileAction::Close(fd),
            });
        }
        Ok(())
    }
}

pub fn close_all(fds: &mut Vec<Fd>) {
    for f in fds.drain(..) {
        let _ = fd::close(f);
    }
}

fn fd_of(src: &Source) -> Option<Fd> {
    match src {
        Source::Dup(f) => Some(*f),
        _ => None,
    }
}

fn install(fd: Fd, src: &Source) -> Result<(), Errno> {
    match *src {
        Source::Opened(from) => {
            let r = fd::dup2(from, fd).map(drop);
            let _ = fd::close(from);
            r
        }
        Source::Dup(from) if from == fd => fd::fcntl(from, fd::F_GETFD, 0).map(drop),
        Source::Dup(from) => fd::dup2(from, fd).map(drop),
        Source::Close => match fd::close(fd) {
            Err(Errno::EBADF) | Ok(()) => Ok(()),
            Err(e) => Err(e),
        },
    }
}

/// The descriptor a `>&WORD` or `<&WORD` names: one digit, as in dash (`>&12` is a "Bad fd
/// number"; the shell's own descriptors are 10 and up).
fn parse_fd(s: &[u8]) -> Option<i32> {
    match *s {
        [d @ b'0'..=b'9'] => Some(i32::from(d - b'0')),
        _ => None,
    }
}
