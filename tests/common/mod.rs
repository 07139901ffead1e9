//! Shared by the integration tests that run the real binary: which binary (RAWSH_ARCH), a clean
//! fixed environment, fresh temporary directories, and running a command with a timeout.
#![allow(dead_code)] // each test crate uses its own subset

use std::fs;
use std::io::{Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The PATH every test command gets: fixed so results do not depend on the caller's shell.
pub const PATH: &str = "/usr/local/bin:/usr/bin:/bin";

/// The spawn strategies the shell offers (`--spawn=`); the corpus runs each of them.
pub const STRATEGIES: [&str; 3] = ["fork", "vfork", "clone"];

/// The arch under test: `RAWSH_ARCH` (x86_64 when unset).
pub fn arch() -> String {
    std::env::var("RAWSH_ARCH").unwrap_or_else(|_| "x86_64".to_string())
}

/// The release binary for `arch()`; `RAWSH_BIN` overrides the path (for a build elsewhere).
pub fn rawsh_path() -> PathBuf {
    if let Ok(bin) = std::env::var("RAWSH_BIN") {
        return PathBuf::from(bin);
    }
    let arch = arch();
    assert!(
        arch == "x86_64" || arch == "aarch64",
        "RAWSH_ARCH must be x86_64 or aarch64, not {arch:?}"
    );
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/{arch}-unknown-linux-gnu/release/rawsh"))
}

/// A command that runs rawsh with `args`: directly on x86_64, through qemu-user on aarch64
/// (the cargo runner wraps only the test harness, not the programs it starts).
pub fn rawsh(args: &[&str]) -> Command {
    let bin = rawsh_path();
    assert!(
        bin.is_file(),
        "{} does not exist: build it first (`make build`)",
        bin.display()
    );
    let mut cmd = if arch() == "aarch64" {
        let mut c = Command::new("qemu-aarch64");
        c.arg(&bin);
        c
    } else {
        Command::new(&bin)
    };
    cmd.args(args);
    cmd
}

/// A command that runs dash, the reference, with `args`.
pub fn dash(args: &[&str]) -> Command {
    let mut cmd = Command::new("dash");
    cmd.args(args);
    cmd
}

/// A fresh empty directory, removed (with everything in it) when dropped.
pub struct TempDir(PathBuf);

impl TempDir {
    pub fn new() -> TempDir {
        static COUNTER: AtomicUsize = AtomicUsize::new(0);
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let n = COUNTER.fetch_add(1, Ordering::Relaxed);
        let path =
            std::env::temp_dir().join(format!("rawsh-test-{}-{n}-{nanos}", std::process::id()));
        fs::create_dir(&path).unwrap_or_else(|e| panic!("creating {}: {e}", path.display()));
        TempDir(path)
    }

    pub fn path(&self) -> &Path {
        &self.0
    }
}

impl Drop for TempDir {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

/// What a finished (or killed) command produced.
#[derive(Debug)]
pub struct Output {
    /// The exit status, or 128 + signal number when killed by a signal (like a shell's `$?`).
    pub status: i32,
    /// Killed by a signal (the number), rather than exiting.
    pub signal: Option<i32>,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
    pub timed_out: bool,
    pub elapsed: Duration,
}

impl Output {
    pub fn stdout_str(&self) -> String {
        String::from_utf8_lossy(&self.stdout).into_owned()
    }

    pub fn stderr_str(&self) -> String {
        String::from_utf8_lossy(&self.stderr).into_owned()
    }
}

/// Runs `cmd` in `dir` with the fixed environment (PATH, HOME=dir, LC_ALL=C, nothing else),
/// `stdin` as its input (/dev/null when None), in its own process group. After `timeout` the
/// whole group is killed with SIGKILL, so background children cannot keep it alive.
pub fn run(mut cmd: Command, dir: &Path, stdin: Option<Vec<u8>>, timeout: Duration) -> Output {
    cmd.current_dir(dir)
        .env_clear()
        .env("PATH", PATH)
        .env("HOME", dir)
        .env("LC_ALL", "C")
        .stdin(if stdin.is_some() {
            Stdio::piped()
        } else {
            Stdio::null()
        })
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let start = Instant::now();
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("starting {cmd:?}: {e}"));
    if let (Some(input), Some(mut pipe)) = (stdin, child.stdin.take()) {
        // The shell may stop reading early (exit, syntax error): a broken pipe is fine.
        thread::spawn(move || {
            let _ = pipe.write_all(&input);
        });
    }
    let stdout = reader(child.stdout.take());
    let stderr = reader(child.stderr.take());
    let deadline = start + timeout;
    let mut timed_out = false;
    let status = loop {
        if let Some(status) = child.try_wait().expect("try_wait") {
            break status;
        }
        if Instant::now() >= deadline {
            timed_out = true;
            kill_group(&mut child);
            break child.wait().expect("wait");
        }
        thread::sleep(Duration::from_millis(2));
    };
    // Output pipes stay open while any process of the group holds them: wait until the
    // deadline, then kill what is left.
    let collect = |rx: mpsc::Receiver<Vec<u8>>, child: &mut Child, timed_out: &mut bool| {
        let left = deadline.saturating_duration_since(Instant::now());
        match rx.recv_timeout(left) {
            Ok(bytes) => bytes,
            Err(_) => {
                *timed_out = true;
                kill_group(child);
                rx.recv_timeout(Duration::from_secs(2)).unwrap_or_default()
            }
        }
    };
    let stdout = collect(stdout, &mut child, &mut timed_out);
    let stderr = collect(stderr, &mut child, &mut timed_out);
    let signal = status.signal();
    Output {
        status: status.code().unwrap_or_else(|| 128 + signal.unwrap_or(0)),
        signal,
        stdout,
        stderr,
        timed_out,
        elapsed: start.elapsed(),
    }
}

/// Reads a pipe to its end on a thread; the bytes arrive on the returned channel.
fn reader(pipe: Option<impl Read + Send + 'static>) -> mpsc::Receiver<Vec<u8>> {
    let (tx, rx) = mpsc::channel();
    thread::spawn(move || {
        let mut bytes = Vec::new();
        if let Some(mut pipe) = pipe {
            let _ = pipe.read_to_end(&mut bytes);
        }
        let _ = tx.send(bytes);
    });
    rx
}

/// SIGKILL to the child's process group (it leads one: `process_group(0)`), through kill(1)
/// since the tests use std only.
fn kill_group(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-KILL", "--", &format!("-{}", child.id())])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    let _ = child.kill();
}

/// At most `max` bytes of `bytes` as text, marking the cut.
pub fn truncated(bytes: &[u8], max: usize) -> String {
    if bytes.len() <= max {
        String::from_utf8_lossy(bytes).into_owned()
    } else {
        format!(
            "{}... [{} more bytes]",
            String::from_utf8_lossy(&bytes[..max]),
            bytes.len() - max
        )
    }
}
