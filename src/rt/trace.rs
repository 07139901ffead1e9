//! Syscall tracing (`rawsh -T`, `set -o systrace`): one strace(1)-style line per syscall on
//! standard error, `[pid] name(args) = result`.
//!
//! Every syscall the runtime issues passes through [`crate::sys::syscall!`], which asks
//! [`on`] after the call: off, tracing costs one load and one predictable branch per syscall,
//! and everything below is out of line and cold. The trampolines (vfork, clone) are traced by
//! their Rust callers, on both sides of the call.
//!
//! A line is built on the stack and written with one raw write(2) that is itself not traced.
//! Nothing here allocates or writes a global, so the child of vfork or of a CLONE_VM clone,
//! which shares our memory, traces its own calls under its own pid. A call that does not
//! return on success (execve, exit, exit_group) is shown before it is issued, ending in
//! `= ?`; if it does return, a `<... name resumed>` line gives the error.
//!
//! What a call's arguments mean comes from [`CALLS`], one row per syscall rawsh issues;
//! [`site`] finds the row at compile time, so a syscall without one does not build, and each
//! row checks the call's number against the kernel headers (linux-raw-sys).

use super::SingleThreaded;
use super::out::Line;
use crate::arch::{self, CloneArg};
use crate::sys::Errno;
use crate::sys::process::WaitStatus;
use crate::sys::signal;
use crate::sys::strtab::{StrTab, total_len};
use core::cell::Cell;
use core::ffi::{CStr, c_char};
use core::fmt::Write;
use linux_raw_sys::general as g;
use linux_raw_sys::ioctl as io;
use syscalls::Sysno;

static ON: SingleThreaded<Cell<bool>> = SingleThreaded(Cell::new(false));

/// Whether tracing is on: the one check every syscall makes.
#[inline(always)]
pub fn on() -> bool {
    // `--cfg rawsh_notrace` (only `make bench` builds that way) compiles the check out, so the
    // bench can show what the check costs when tracing is off.
    !cfg!(rawsh_notrace) && ON.0.get()
}

pub fn set(on: bool) {
    ON.0.set(on);
}

/// How to show one argument.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Arg {
    /// Signed decimal: descriptors, pids, counts.
    Int,
    /// An address: `NULL` or hex.
    Ptr,
    /// A file mode, in octal.
    Mode,
    /// A NUL-terminated string we pass.
    Path,
    /// A string the kernel writes (getcwd), shown on success.
    PathOut,
    /// Bytes we pass, their count in the next argument (write).
    BufIn,
    /// Bytes the kernel writes, as many as the result says (read, readlinkat).
    BufOut,
    /// execve's argv: `["ls", "-l"]`.
    Argv,
    /// execve's envp, as a count.
    Envp,
    /// pipe2's two descriptors, written by the kernel.
    Fds,
    /// wait4's status word, written by the kernel.
    Status,
    /// A pointer to a kernel_sigset_t, read after the call (an old set shows what it was).
    SigSet,
    /// A pointer to a kernel_sigaction: its handler.
    SigAction,
    Signal,
    /// A clone(2) argument, shown as `name=value`.
    ClonePart(CloneArg),
    /// A directory descriptor: `AT_FDCWD` or a number.
    Dir,
    /// A value from one of the [`names`] tables.
    Named(Table),
}

/// The symbolic-name tables: flag sets (shown `A|B|0x..`) and enumerations.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Table {
    Open,
    FdFlags,
    At,
    Access,
    Prot,
    Map,
    Mremap,
    Wait,
    How,
    Whence,
    Fcntl,
    Ioctl,
    Clock,
}

/// How to show the result when there is no error.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Ret {
    Int,
    Ptr,
    Mode,
    /// Does not return on success (execve, exit, exit_group): traced before it is issued.
    Never,
}

/// One syscall's row: its name, its arguments and its result.
struct Call {
    nr: Sysno,
    name: &'static str,
    args: &'static [Arg],
    ret: Ret,
}

/// Where a syscall is issued: its row in [`CALLS`], found at compile time by [`site`].
#[derive(Clone, Copy)]
pub struct Site {
    row: u8,
    /// The call does not return on success, so it is traced before it is issued.
    pub before: bool,
}

/// The row for `nr`. A `const` use fails to compile for a syscall with no row.
pub const fn site(nr: Sysno) -> Site {
    let mut i = 0;
    while i < CALLS.len() {
        if CALLS[i].nr as i32 == nr as i32 {
            return Site {
                row: i as u8,
                before: matches!(CALLS[i].ret, Ret::Never),
            };
        }
        i += 1;
    }
    panic!("rt::trace::CALLS has no row for this syscall: add one")
}

/// A [`CALLS`] row: syscall `$nr`, which the kernel headers call `$kernel`.
macro_rules! row {
    ($nr:ident = $kernel:ident, $args:expr, $ret:ident) => {{
        assert!(
            Sysno::$nr as u32 == g::$kernel,
            concat!(
                "syscalls and linux-raw-sys number ",
                stringify!($nr),
                " differently"
            )
        );
        Call {
            nr: Sysno::$nr,
            name: stringify!($nr),
            args: &$args,
            ret: Ret::$ret,
        }
    }};
}

use Arg::*;
use Table::*;

/// clone's arguments in the running arch's order (see [`arch::Abi::clone_order`]).
const CLONE: [Arg; 5] = {
    let o = arch::ABI.clone_order;
    [
        ClonePart(o[0]),
        ClonePart(o[1]),
        ClonePart(o[2]),
        ClonePart(o[3]),
        ClonePart(o[4]),
    ]
};

/// Every syscall rawsh issues, in the order of sys/ and the trampolines: the one list of them,
/// since [`site`] makes every `syscall!` find its row here. Each row also checks, while
/// compiling, that `syscalls` numbers the call as the kernel headers (linux-raw-sys) do for
/// the arch being built; both arches are built, so both tables are checked.
const CALLS: &[Call] = &[
    row!(read = __NR_read, [Int, BufOut, Int], Int),
    row!(write = __NR_write, [Int, BufIn, Int], Int),
    row!(close = __NR_close, [Int], Int),
    row!(fsync = __NR_fsync, [Int], Int),
    row!(dup3 = __NR_dup3, [Int, Int, Named(FdFlags)], Int),
    row!(fcntl = __NR_fcntl, [Int, Named(Fcntl), Int], Int),
    row!(pipe2 = __NR_pipe2, [Fds, Named(FdFlags)], Int),
    row!(lseek = __NR_lseek, [Int, Int, Named(Whence)], Int),
    row!(openat = __NR_openat, [Dir, Path, Named(Open), Mode], Int),
    #[cfg(target_arch = "x86_64")]
    row!(
        newfstatat = __NR_newfstatat,
        [Dir, Path, Ptr, Named(At)],
        Int
    ),
    #[cfg(target_arch = "aarch64")]
    row!(fstatat = __NR_newfstatat, [Dir, Path, Ptr, Named(At)], Int),
    row!(faccessat = __NR_faccessat, [Dir, Path, Named(Access)], Int),
    row!(mkdirat = __NR_mkdirat, [Dir, Path, Mode], Int),
    row!(unlinkat = __NR_unlinkat, [Dir, Path, Named(At)], Int),
    row!(renameat2 = __NR_renameat2, [Dir, Path, Dir, Path, Int], Int),
    row!(symlinkat = __NR_symlinkat, [Path, Dir, Path], Int),
    row!(readlinkat = __NR_readlinkat, [Dir, Path, BufOut, Int], Int),
    row!(chdir = __NR_chdir, [Path], Int),
    row!(getcwd = __NR_getcwd, [PathOut, Int], Int),
    row!(umask = __NR_umask, [Mode], Mode),
    row!(getdents64 = __NR_getdents64, [Int, Ptr, Int], Int),
    row!(mount = __NR_mount, [Path, Path, Path, Ptr, Path], Int),
    row!(umount2 = __NR_umount2, [Path, Int], Int),
    row!(
        mmap = __NR_mmap,
        [Ptr, Int, Named(Prot), Named(Map), Int, Int],
        Ptr
    ),
    row!(munmap = __NR_munmap, [Ptr, Int], Int),
    row!(mprotect = __NR_mprotect, [Ptr, Int, Named(Prot)], Int),
    row!(mremap = __NR_mremap, [Ptr, Int, Int, Named(Mremap)], Ptr),
    #[cfg(target_arch = "x86_64")]
    row!(fork = __NR_fork, [], Int),
    #[cfg(target_arch = "x86_64")]
    row!(vfork = __NR_vfork, [], Int),
    row!(clone = __NR_clone, CLONE, Int),
    row!(execve = __NR_execve, [Path, Argv, Envp], Never),
    row!(exit = __NR_exit, [Int], Never),
    row!(exit_group = __NR_exit_group, [Int], Never),
    row!(wait4 = __NR_wait4, [Int, Status, Named(Wait), Ptr], Int),
    row!(getpid = __NR_getpid, [], Int),
    row!(getppid = __NR_getppid, [], Int),
    row!(kill = __NR_kill, [Int, Signal], Int),
    row!(setpgid = __NR_setpgid, [Int, Int], Int),
    row!(getpgid = __NR_getpgid, [Int], Int),
    row!(setsid = __NR_setsid, [], Int),
    row!(getuid = __NR_getuid, [], Int),
    row!(geteuid = __NR_geteuid, [], Int),
    row!(getegid = __NR_getegid, [], Int),
    row!(prlimit64 = __NR_prlimit64, [Int, Int, Ptr, Ptr], Int),
    row!(getrusage = __NR_getrusage, [Int, Ptr], Int),
    row!(
        rt_sigprocmask = __NR_rt_sigprocmask,
        [Named(How), SigSet, SigSet, Int],
        Int
    ),
    row!(
        rt_sigaction = __NR_rt_sigaction,
        [Signal, SigAction, SigAction, Int],
        Int
    ),
    row!(ioctl = __NR_ioctl, [Int, Named(Ioctl), Ptr], Int),
    row!(clock_gettime = __NR_clock_gettime, [Named(Clock), Ptr], Int),
    row!(nanosleep = __NR_nanosleep, [Ptr, Ptr], Int),
    row!(uname = __NR_uname, [Ptr], Int),
    row!(sync = __NR_sync, [], Int),
    row!(reboot = __NR_reboot, [Ptr, Ptr, Ptr, Ptr], Int),
];

static_assertions::const_assert!(CALLS.len() <= 256);

/// A [`CALLS`] row as the tracer reads it while running: without the number, which only
/// [`site`] needs (while compiling), and with the name packed in [`NAMES`] (24 bytes a row in
/// the binary instead of 40; README "Performance", the size target).
struct Row {
    args: &'static [Arg],
    ret: Ret,
}

const ROWS_LEN: usize = CALLS.len();

static ROWS: [Row; ROWS_LEN] = {
    let mut rows = [const {
        Row {
            args: &[],
            ret: Ret::Int,
        }
    }; ROWS_LEN];
    let mut i = 0;
    while i < ROWS_LEN {
        rows[i] = Row {
            args: CALLS[i].args,
            ret: CALLS[i].ret,
        };
        i += 1;
    }
    rows
};

const NAME_STRS: [&str; ROWS_LEN] = {
    let mut names = [""; ROWS_LEN];
    let mut i = 0;
    while i < ROWS_LEN {
        names[i] = CALLS[i].name;
        i += 1;
    }
    names
};

static NAMES: StrTab<ROWS_LEN, { total_len(&NAME_STRS) }> = StrTab::new(&NAME_STRS);

/// The row and the name of the call issued at `site`.
fn row(site: Site) -> (&'static Row, &'static [u8]) {
    let i = site.row as usize;
    // `site` made every row number while compiling, so both lookups find one.
    let name = NAMES.get(i).unwrap_or("?");
    (ROWS.get(i).unwrap_or(&ROWS[0]), name.as_bytes())
}

/// The names of one argument's values: a flag set when `zero` says what 0 is called, else an
/// enumeration. The names are one space-separated string beside `values` (in the same order):
/// a `(u32, &str)` per name would cost several times the bytes.
struct Names {
    zero: Option<&'static str>,
    text: &'static str,
    values: &'static [u32],
}

impl Names {
    /// `(value, name)` pairs.
    fn iter(&self) -> impl Iterator<Item = (usize, &'static [u8])> {
        let mut text = self.text.as_bytes();
        self.values.iter().map(move |&v| {
            let end = text.iter().position(|&b| b == b' ').unwrap_or(text.len());
            let name = &text[..end];
            text = text.get(end + 1..).unwrap_or(&[]);
            (v as usize, name)
        })
    }
}

/// A [`Names`] from constant names in module `$m`.
macro_rules! names {
    ($zero:expr, $m:ident: $($name:ident),*) => {
        Names {
            zero: $zero,
            text: concat!($(stringify!($name), " "),*),
            values: &[$($m::$name as u32),*],
        }
    };
}

fn names(t: Table) -> Names {
    match t {
        Open => names!(Some(""), g: O_CREAT, O_EXCL, O_NOCTTY, O_TRUNC, O_APPEND, O_NONBLOCK,
            O_DIRECTORY, O_NOFOLLOW, O_CLOEXEC),
        FdFlags => names!(Some("0"), g: O_NONBLOCK, O_CLOEXEC),
        At => names!(Some("0"), g: AT_SYMLINK_NOFOLLOW, AT_REMOVEDIR, AT_EMPTY_PATH),
        Access => names!(Some("F_OK"), g: R_OK, W_OK, X_OK),
        Prot => names!(Some("PROT_NONE"), g: PROT_READ, PROT_WRITE, PROT_EXEC),
        Map => names!(Some("0"), g: MAP_SHARED, MAP_PRIVATE, MAP_FIXED, MAP_ANONYMOUS,
            MAP_NORESERVE, MAP_POPULATE, MAP_STACK),
        Mremap => names!(Some("0"), g: MREMAP_MAYMOVE, MREMAP_FIXED),
        Wait => names!(Some("0"), g: WNOHANG, WUNTRACED, WCONTINUED),
        How => names!(None, g: SIG_BLOCK, SIG_UNBLOCK, SIG_SETMASK),
        Whence => names!(None, g: SEEK_SET, SEEK_CUR, SEEK_END),
        Fcntl => names!(None, g: F_DUPFD, F_GETFD, F_SETFD, F_GETFL, F_SETFL, F_DUPFD_CLOEXEC),
        Ioctl => names!(None, io: TCGETS, TCSETSW, TIOCSCTTY, TIOCSPGRP, TIOCGPGRP, TIOCGWINSZ),
        Clock => names!(None, g: CLOCK_REALTIME, CLOCK_MONOTONIC),
    }
}

/// clone's flags without the exit signal (the low byte, CSIGNAL), which is shown by name.
const CLONE_FLAGS: Names = names!(Some("0"), g: CLONE_VM, CLONE_FS, CLONE_FILES, CLONE_SIGHAND,
    CLONE_VFORK, CLONE_PARENT, CLONE_THREAD, CLONE_SETTLS, CLONE_PARENT_SETTID,
    CLONE_CHILD_CLEARTID, CLONE_CHILD_SETTID);

/// open(2)'s access modes, the low two bits (O_ACCMODE): not flags, a number.
const ACCESS_MODES: [&str; 4] = ["O_RDONLY", "O_WRONLY", "O_RDWR", "3"];

/// Strings longer than this are cut and marked `...`, as strace's `-s 32` does.
const MAX_STR: usize = 32;
/// Paths are shown longer: they are what a reader looks for.
const MAX_PATH: usize = 256;
/// execve argv entries shown before `...`.
const MAX_ARGV: usize = 8;

/// Traces a call that does not return on success, before it is issued.
///
/// # Safety
/// `args` are the call's arguments, valid as its caller's `// SAFETY:` line says (pointers are
/// read to show strings and arrays).
#[inline(always)]
pub unsafe fn before(site: Site, a: [usize; 6]) {
    // SAFETY: passed on from our caller.
    unsafe { before_cold(site, a[0], a[1], a[2], a[3], a[4], a[5]) }
}

/// [`before`], out of line. The arguments travel in registers: a call site builds no array
/// in memory, which keeps each of the ~60 call sites' cold branch short.
// SAFETY: callers keep `before`'s contract.
#[cold]
#[inline(never)]
unsafe fn before_cold(
    site: Site,
    a0: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
) {
    let args = [a0, a1, a2, a3, a4, a5];
    let (c, name) = row(site);
    let mut line = start();
    let l = &mut line;
    put(l, name);
    // SAFETY: passed on from our caller.
    unsafe { show_args(l, c.args, &args, None) };
    put(l, b" = ?");
    emit(line);
}

/// Traces a call that returned `ret` (a raw result: -4095..-1 is `-errno`); `args` are its
/// arguments, unused ones 0.
///
/// # Safety
/// As [`before`]; the call has returned, so what the kernel wrote through pointers is there.
#[inline(always)]
pub unsafe fn after(site: Site, ret: usize, a: [usize; 6]) {
    // SAFETY: passed on from our caller.
    unsafe { after_cold(site, ret, a[0], a[1], a[2], a[3], a[4], a[5]) }
}

/// [`after`], out of line, its arguments in registers as for [`before_cold`].
#[cold]
#[inline(never)]
#[allow(clippy::too_many_arguments)] // registers, not a struct in memory: see before_cold
// SAFETY: callers keep `after`'s contract.
unsafe fn after_cold(
    site: Site,
    ret: usize,
    a0: usize,
    a1: usize,
    a2: usize,
    a3: usize,
    a4: usize,
    a5: usize,
) {
    let args = [a0, a1, a2, a3, a4, a5];
    let (c, name) = row(site);
    let r = crate::sys::ret(ret);
    let mut line = start();
    let l = &mut line;
    if c.ret == Ret::Never {
        // Shown in full by `before`: here only the error it came back with.
        put(l, b"<... ");
        put(l, name);
        put(l, b" resumed>");
    } else {
        put(l, name);
        // SAFETY: passed on from our caller.
        unsafe { show_args(l, c.args, &args, Some(r)) };
    }
    put(l, b" = ");
    match r {
        Err(e) => {
            let _ = write!(l, "-1 {} ({})", e.name(), e.message());
        }
        Ok(v) => match c.ret {
            Ret::Ptr => ptr(l, v),
            Ret::Mode => mode(l, v),
            Ret::Int | Ret::Never => int(l, v),
        },
    }
    emit(line);
}

/// `[pid] `: the pid asked of the kernel each time, since a child (of fork, vfork, clone)
/// traces too, and a vfork child must not write a cache its parent would then read.
fn start() -> Line {
    let mut l = Line::new();
    let pid = crate::sys::untraced::getpid();
    let _ = write!(l, "[{pid}] ");
    l
}

/// Writes the line to stderr with one raw write(2), which is not traced.
fn emit(mut l: Line) {
    crate::sys::untraced::write(2, l.end());
}

/// `(arg, arg, ...)`. `r` is the result, `None` before the call.
///
/// # Safety
/// As [`after`].
unsafe fn show_args(l: &mut Line, kinds: &[Arg], args: &[usize], r: Option<Result<usize, Errno>>) {
    put(l, b"(");
    for (i, &kind) in kinds.iter().enumerate() {
        if i > 0 {
            put(l, b", ");
        }
        let v = args.get(i).copied().unwrap_or(0);
        let next = args.get(i + 1).copied().unwrap_or(0);
        // SAFETY: passed on from our caller.
        unsafe { show_arg(l, kind, v, next, r) };
    }
    put(l, b")");
}

/// One argument `v` of kind `kind`; `next` is the argument after it (a buffer's length).
///
/// # Safety
/// `v` is what the caller passed for this argument, valid for the call as its `// SAFETY:`
/// line says; out-pointers are read only once the call has succeeded.
unsafe fn show_arg(
    l: &mut Line,
    kind: Arg,
    v: usize,
    next: usize,
    r: Option<Result<usize, Errno>>,
) {
    let ok = match r {
        Some(Ok(n)) => Some(n),
        _ => None,
    };
    let p = v as *const u8;
    match kind {
        Int => int(l, v),
        Ptr => ptr(l, v),
        Mode => mode(l, v),
        Dir if v as i32 == g::AT_FDCWD => put(l, b"AT_FDCWD"),
        Dir => int(l, v),
        Signal => signal(l, v),
        Named(t) => named(l, t, v),
        ClonePart(a) => {
            put(l, a.name().as_bytes());
            put(l, b"=");
            match a {
                CloneArg::Flags => clone_flags(l, v),
                _ => ptr(l, v),
            }
        }
        _ if v == 0 => put(l, b"NULL"),
        // SAFETY (all reads below): `p` is the caller's valid pointer for this argument:
        // a NUL-terminated string, `next` bytes, or what the kernel wrote on success.
        Path => quoted(
            l,
            unsafe { CStr::from_ptr(p as *const c_char) }.to_bytes(),
            MAX_PATH,
        ),
        PathOut => match ok {
            Some(_) => quoted(
                l,
                unsafe { CStr::from_ptr(p as *const c_char) }.to_bytes(),
                MAX_PATH,
            ),
            None => ptr(l, v),
        },
        BufIn => quoted(l, unsafe { core::slice::from_raw_parts(p, next) }, MAX_STR),
        BufOut => match ok {
            Some(n) => quoted(l, unsafe { core::slice::from_raw_parts(p, n) }, MAX_STR),
            None => ptr(l, v),
        },
        Argv => unsafe { argv(l, p as *const *const c_char) },
        Envp => {
            let mut n = 0;
            while !unsafe { *(p as *const *const c_char).add(n) }.is_null() {
                n += 1;
            }
            let _ = write!(l, "[/* {n} var{} */]", if n == 1 { "" } else { "s" });
        }
        Fds => match ok {
            Some(_) => {
                let fds = unsafe { *(p as *const [i32; 2]) };
                let _ = write!(l, "[{}, {}]", fds[0], fds[1]);
            }
            None => ptr(l, v),
        },
        Status => match ok {
            Some(n) if n > 0 => status(l, unsafe { *(p as *const i32) }),
            _ => ptr(l, v),
        },
        SigSet => match r {
            Some(Err(_)) => ptr(l, v),
            _ => sigset(l, unsafe { *(p as *const u64) }),
        },
        SigAction => match r {
            Some(Err(_)) => ptr(l, v),
            _ => match unsafe { *(p as *const usize) } {
                0 => put(l, b"{SIG_DFL}"),
                1 => put(l, b"{SIG_IGN}"),
                h => {
                    put(l, b"{");
                    ptr(l, h);
                    put(l, b"}");
                }
            },
        },
    }
}

/// Appends `s`: one out-of-line copy of `Line::push` for all the pieces of a line.
#[inline(never)]
fn put(l: &mut Line, s: &[u8]) {
    l.push(s);
}

fn int(l: &mut Line, v: usize) {
    let _ = write!(l, "{}", v as isize);
}

fn ptr(l: &mut Line, v: usize) {
    if v == 0 {
        put(l, b"NULL");
    } else {
        let _ = write!(l, "{v:#x}");
    }
}

fn mode(l: &mut Line, v: usize) {
    let _ = write!(l, "0{v:o}");
}

/// `"text"`, escaped like C, cut after `max` bytes with `...` after the quote.
fn quoted(l: &mut Line, s: &[u8], max: usize) {
    put(l, b"\"");
    for &b in s.iter().take(max) {
        match b {
            b'"' => put(l, b"\\\""),
            b'\\' => put(l, b"\\\\"),
            b'\n' => put(l, b"\\n"),
            b'\t' => put(l, b"\\t"),
            b'\r' => put(l, b"\\r"),
            b' '..=b'~' => put(l, &[b]),
            _ => {
                let _ = write!(l, "\\x{b:02x}");
            }
        }
    }
    put(l, b"\"");
    if s.len() > max {
        put(l, b"...");
    }
}

/// `["ls", "-l"]`, cut after [`MAX_ARGV`] entries.
///
/// # Safety
/// `argv` is a NULL-terminated array of NUL-terminated strings.
unsafe fn argv(l: &mut Line, argv: *const *const c_char) {
    put(l, b"[");
    let mut i = 0;
    loop {
        // SAFETY: we stop at the terminating NULL.
        let s = unsafe { *argv.add(i) };
        if s.is_null() {
            break;
        }
        if i > 0 {
            put(l, b", ");
        }
        if i == MAX_ARGV {
            put(l, b"...");
            break;
        }
        // SAFETY: a non-NULL entry is a NUL-terminated string.
        quoted(l, unsafe { CStr::from_ptr(s) }.to_bytes(), MAX_STR);
        i += 1;
    }
    put(l, b"]");
}

/// `SIGCHLD`, or the number for one without a name here (real-time signals).
fn signal(l: &mut Line, v: usize) {
    match signal::name(v).filter(|_| v > 0) {
        Some(name) => {
            put(l, b"SIG");
            put(l, name.as_bytes());
        }
        None => int(l, v),
    }
}

/// A signal set as strace shows it: `[INT QUIT]`, or `~[CHLD]` (all but CHLD) when most
/// signals are in it; `~[]` is every signal.
fn sigset(l: &mut Line, set: u64) {
    let (invert, set) = if set.count_ones() > 32 {
        (true, !set)
    } else {
        (false, set)
    };
    put(l, if invert { b"~[" } else { b"[" });
    let mut first = true;
    for sig in 1..=64usize {
        if set & 1 << (sig - 1) != 0 {
            if !first {
                put(l, b" ");
            }
            first = false;
            match signal::name(sig) {
                Some(name) => put(l, name.as_bytes()),
                None => int(l, sig),
            }
        }
    }
    put(l, b"]");
}

/// wait4's status, the way strace spells it: `[{WIFEXITED(s) && WEXITSTATUS(s) == 0}]`.
fn status(l: &mut Line, s: i32) {
    put(l, b"[{");
    match WaitStatus::decode(s) {
        WaitStatus::Exited(code) => {
            let _ = write!(l, "WIFEXITED(s) && WEXITSTATUS(s) == {code}");
        }
        WaitStatus::Signaled { signal: sig, core } => {
            put(l, b"WIFSIGNALED(s) && WTERMSIG(s) == ");
            signal(l, sig as usize);
            if core {
                put(l, b" && WCOREDUMP(s)");
            }
        }
        WaitStatus::Stopped(sig) => {
            put(l, b"WIFSTOPPED(s) && WSTOPSIG(s) == ");
            signal(l, sig as usize);
        }
        WaitStatus::Continued => put(l, b"WIFCONTINUED(s)"),
    }
    put(l, b"}]");
}

/// A value from table `t`: flags as `A|B|0x..`, an enumeration as its name or number.
fn named(l: &mut Line, t: Table, mut v: usize) {
    let names = names(t);
    let Some(zero) = names.zero else {
        match names.iter().find(|&(n, _)| n == v) {
            Some((_, name)) => put(l, name),
            None => int(l, v),
        }
        return;
    };
    let mut sep = false;
    if t == Open {
        put(l, ACCESS_MODES[v & g::O_ACCMODE as usize].as_bytes());
        v &= !(g::O_ACCMODE as usize);
        sep = true;
    }
    flags(l, v, &names, zero, sep);
}

/// The bits of `v` by name, `|`-separated, leftovers in hex; `zero` when `v` is 0 and
/// nothing was written before (`sep`).
fn flags(l: &mut Line, mut v: usize, names: &Names, zero: &str, mut sep: bool) {
    if v == 0 && !sep {
        put(l, zero.as_bytes());
        return;
    }
    for (bit, name) in names.iter() {
        if bit != 0 && v & bit == bit {
            if sep {
                put(l, b"|");
            }
            put(l, name);
            sep = true;
            v &= !bit;
        }
    }
    if v != 0 {
        if sep {
            put(l, b"|");
        }
        let _ = write!(l, "{v:#x}");
    }
}

/// clone's flags: the CLONE_* bits, then the exit signal in the low byte (CSIGNAL).
fn clone_flags(l: &mut Line, v: usize) {
    let sig = v & g::CSIGNAL as usize;
    let rest = v & !(g::CSIGNAL as usize);
    if rest != 0 || sig == 0 {
        flags(l, rest, &CLONE_FLAGS, "0", false);
    }
    if sig != 0 {
        if rest != 0 {
            put(l, b"|");
        }
        signal(l, sig);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn text(f: impl FnOnce(&mut Line)) -> String {
        let mut l = Line::new();
        f(&mut l);
        let b = l.end();
        String::from_utf8_lossy(&b[..b.len() - 1]).into_owned()
    }

    #[test]
    fn clone_flags_name_the_exit_signal() {
        let vfork = (g::CLONE_VM | g::CLONE_VFORK | g::SIGCHLD) as usize;
        assert_eq!(
            text(|l| clone_flags(l, vfork)),
            "CLONE_VM|CLONE_VFORK|SIGCHLD"
        );
        assert_eq!(text(|l| clone_flags(l, g::SIGCHLD as usize)), "SIGCHLD");
        assert_eq!(text(|l| clone_flags(l, 0)), "0");
        assert_eq!(
            text(|l| clone_flags(l, 1 << 40 | g::CLONE_FILES as usize)),
            "CLONE_FILES|0x10000000000"
        );
    }

    #[test]
    fn open_flags_start_with_the_access_mode() {
        let f = (g::O_WRONLY | g::O_CREAT | g::O_TRUNC | g::O_CLOEXEC) as usize;
        assert_eq!(
            text(|l| named(l, Open, f)),
            "O_WRONLY|O_CREAT|O_TRUNC|O_CLOEXEC"
        );
        assert_eq!(text(|l| named(l, Open, 0)), "O_RDONLY");
        assert_eq!(text(|l| named(l, FdFlags, 0)), "0");
        assert_eq!(
            text(|l| named(l, FdFlags, g::O_CLOEXEC as usize)),
            "O_CLOEXEC"
        );
    }

    #[test]
    fn mmap_and_wait_flags() {
        let prot = (g::PROT_READ | g::PROT_WRITE) as usize;
        assert_eq!(text(|l| named(l, Prot, prot)), "PROT_READ|PROT_WRITE");
        assert_eq!(text(|l| named(l, Prot, 0)), "PROT_NONE");
        let map = (g::MAP_PRIVATE | g::MAP_ANONYMOUS | g::MAP_STACK) as usize;
        assert_eq!(
            text(|l| named(l, Map, map)),
            "MAP_PRIVATE|MAP_ANONYMOUS|MAP_STACK"
        );
        assert_eq!(text(|l| named(l, Wait, g::WNOHANG as usize)), "WNOHANG");
        assert_eq!(text(|l| named(l, Wait, 0)), "0");
    }

    #[test]
    fn enumerations_and_signals() {
        assert_eq!(
            text(|l| named(l, How, g::SIG_SETMASK as usize)),
            "SIG_SETMASK"
        );
        assert_eq!(text(|l| named(l, Fcntl, g::F_SETFD as usize)), "F_SETFD");
        assert_eq!(text(|l| named(l, How, 7)), "7");
        assert_eq!(text(|l| signal(l, 17)), "SIGCHLD");
        assert_eq!(text(|l| signal(l, 40)), "40");
        assert_eq!(text(|l| sigset(l, !0)), "~[]");
        assert_eq!(text(|l| sigset(l, 0)), "[]");
        assert_eq!(text(|l| sigset(l, 0b110)), "[INT QUIT]");
        assert_eq!(text(|l| sigset(l, !(1 << 16))), "~[CHLD]");
    }

    #[test]
    fn strings_are_quoted_and_cut() {
        assert_eq!(text(|l| quoted(l, b"a\"b\n\x01", 32)), r#""a\"b\n\x01""#);
        assert_eq!(text(|l| quoted(l, b"abcdef", 3)), r#""abc"..."#);
    }

    #[test]
    fn wait_status() {
        assert_eq!(
            text(|l| status(l, 0x0100)),
            "[{WIFEXITED(s) && WEXITSTATUS(s) == 1}]"
        );
        assert_eq!(
            text(|l| status(l, 9)),
            "[{WIFSIGNALED(s) && WTERMSIG(s) == SIGKILL}]"
        );
    }

    #[test]
    fn execve_arguments() {
        let null = core::ptr::null();
        let argv = [c"ls".as_ptr(), c"-l".as_ptr(), null];
        let mut envp = [c"A=1".as_ptr(); 13];
        envp[12] = null;
        let c = CALLS[site(Sysno::execve).row as usize].args;
        let args = [
            c"/bin/ls".as_ptr() as usize,
            argv.as_ptr() as usize,
            envp.as_ptr() as usize,
        ];
        // SAFETY: valid execve arguments.
        let s = text(|l| unsafe { show_args(l, c, &args, None) });
        assert_eq!(s, r#"("/bin/ls", ["ls", "-l"], [/* 12 vars */])"#);
    }

    #[test]
    fn clone_arguments_follow_the_arch_order() {
        let c = CALLS[site(Sysno::clone).row as usize].args;
        let args = [g::SIGCHLD as usize, 0, 0, 0, 0];
        // SAFETY: clone's arguments are plain values here.
        let s = text(|l| unsafe { show_args(l, c, &args, Some(Ok(0))) });
        #[cfg(target_arch = "x86_64")]
        assert_eq!(
            s,
            "(flags=SIGCHLD, stack=NULL, parent_tid=NULL, child_tid=NULL, tls=NULL)"
        );
        #[cfg(target_arch = "aarch64")]
        assert_eq!(
            s,
            "(flags=SIGCHLD, stack=NULL, parent_tid=NULL, tls=NULL, child_tid=NULL)"
        );
    }
}
