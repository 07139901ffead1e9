//! Boot tests: rawsh as /init of a QEMU initramfs (TCG), on x86_64 and aarch64, driven through
//! the serial console. Slow (seconds per boot), so ignored by `cargo test`: `make boot-test`
//! runs them (they need `make build` and `make kernel` first).
//!
//! How the console is driven: qemu runs with `-nographic`, so the guest's serial port is
//! qemu's stdin/stdout. The guest's tty echoes what is typed and ends lines with `\r\n`. Each
//! command is sent as `CMD; echo "<"N">"` and its output is the text up to `<N>`, which only
//! the command's execution prints (the echoed input has the quotes), then the prompt. qemu's
//! exit status says nothing (a kernel panic also exits 0 with `panic=-1 -no-reboot`), so the
//! test reads the kernel's power-down line, and always kills qemu's process group at the end.

use std::io::{Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::{Duration, Instant};

struct Arch {
    name: &'static str,
    qemu: &'static str,
    machine: &'static [&'static str],
    console: &'static str,
}

const X86_64: Arch = Arch {
    name: "x86_64",
    qemu: "qemu-system-x86_64",
    machine: &["-M", "pc"],
    console: "ttyS0",
};

const AARCH64: Arch = Arch {
    name: "aarch64",
    qemu: "qemu-system-aarch64",
    machine: &["-M", "virt", "-cpu", "cortex-a57"],
    console: "ttyAMA0",
};

/// The shell's prompt as root (PS1's default, as in dash).
const PROMPT: &str = "# ";
/// What the kernel prints on reboot(LINUX_REBOOT_CMD_POWER_OFF), on both arches
/// (kernel/reboot.c, kernel_power_off: pr_emerg("Power down\n") with pr_fmt "reboot: ").
const POWER_DOWN: &str = "reboot: Power down";
/// Run by init before the prompt: the words after `--` reach /init's argv. `$HOME` is expanded
/// by the shell, not the kernel, so "/-ok" appears only if the command ran.
const BOOT_COMMAND: &str = "rawsh.run=\"echo $HOME-ok\"";

const BOOT_TIMEOUT: Duration = Duration::from_secs(90);
const COMMAND_TIMEOUT: Duration = Duration::from_secs(30);
const SELFTEST_TIMEOUT: Duration = Duration::from_secs(300);

/// A running qemu and what its console printed so far.
struct Qemu {
    child: Child,
    stdin: ChildStdin,
    chunks: Receiver<Vec<u8>>,
    /// Everything the console printed (and qemu's stderr), for messages.
    text: Vec<u8>,
    /// How much of `text` [`Qemu::expect`] has consumed.
    pos: usize,
    marks: usize,
}

impl Qemu {
    fn boot(arch: &Arch) -> Qemu {
        let root = env!("CARGO_MANIFEST_DIR");
        for script in ["tests/qemu/kernel.sh", "tests/qemu/initramfs.sh"] {
            let ok = Command::new(script)
                .arg(arch.name)
                .current_dir(root)
                .status()
                .unwrap_or_else(|e| panic!("{script}: {e}"))
                .success();
            assert!(ok, "{script} {} failed", arch.name);
        }
        let append = format!("console={} panic=-1 quiet -- {BOOT_COMMAND}", arch.console);
        let mut child = Command::new(arch.qemu)
            .args(arch.machine)
            .args(["-nographic", "-no-reboot", "-m", "256", "-kernel"])
            .arg(format!("{root}/target/kernel/vmlinuz-{}", arch.name))
            .arg("-initrd")
            .arg(format!("{root}/target/initramfs-{}.cpio", arch.name))
            .args(["-append", &append])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            // Its own process group, so that the whole of it can be killed.
            .process_group(0)
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", arch.qemu));
        let (tx, chunks) = channel();
        let out: Box<dyn Read + Send> = Box::new(child.stdout.take().unwrap());
        let err: Box<dyn Read + Send> = Box::new(child.stderr.take().unwrap());
        for mut r in [out, err] {
            let tx = tx.clone();
            std::thread::spawn(move || {
                let mut buf = [0u8; 4096];
                while let Ok(n @ 1..) = r.read(&mut buf) {
                    if tx.send(buf[..n].to_vec()).is_err() {
                        break;
                    }
                }
            });
        }
        Qemu {
            stdin: child.stdin.take().unwrap(),
            child,
            chunks,
            text: Vec::new(),
            pos: 0,
            marks: 0,
        }
    }

    /// Waits for `what` and returns the text before it; consumes both.
    fn expect(&mut self, what: &str, timeout: Duration) -> String {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(at) = find(&self.text[self.pos..], what.as_bytes()) {
                let before = String::from_utf8_lossy(&self.text[self.pos..self.pos + at]);
                let before = before.into_owned();
                self.pos += at + what.len();
                return before;
            }
            let left = deadline.saturating_duration_since(Instant::now());
            match self.chunks.recv_timeout(left) {
                Ok(chunk) => self.text.extend_from_slice(&chunk),
                Err(e) => panic!(
                    "waiting for {what:?}: {e:?} after {timeout:?}; console so far:\n{}",
                    self.transcript()
                ),
            }
        }
    }

    fn send(&mut self, bytes: &[u8]) {
        self.stdin.write_all(bytes).unwrap();
        self.stdin.flush().unwrap();
    }

    /// Runs one command line; returns its output (the text after the echoed input line).
    fn run(&mut self, cmd: &str, timeout: Duration) -> String {
        self.marks += 1;
        let n = self.marks;
        self.send(format!("{cmd}; echo \"<\"{n}\">\"\n").as_bytes());
        let out = self.expect(&format!("<{n}>"), timeout);
        self.expect(PROMPT, COMMAND_TIMEOUT);
        match out.split_once('\n') {
            Some((_echo, out)) => out.to_string(),
            None => out,
        }
    }

    fn transcript(&self) -> String {
        String::from_utf8_lossy(&self.text).into_owned()
    }
}

impl Drop for Qemu {
    fn drop(&mut self) {
        let group = format!("-{}", self.child.id());
        let _ = Command::new("kill")
            .args(["-s", "KILL", "--", &group])
            .stderr(Stdio::null())
            .status();
        let _ = self.child.wait();
    }
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn boot_test(arch: &Arch) {
    let start = Instant::now();
    let mut q = Qemu::boot(arch);

    // /etc/rc runs first, then the boot command, then the prompt.
    let rc = q.expect(
        &format!("rawsh: /etc/rc on {}\r\n", arch.name),
        BOOT_TIMEOUT,
    );
    let early = q.expect("/-ok\r\n", BOOT_TIMEOUT) + &q.expect(PROMPT, BOOT_TIMEOUT);
    let boot_time = start.elapsed();
    println!("{}: boot to prompt in {boot_time:.2?}", arch.name);
    for text in [&rc, &early] {
        assert!(!text.contains("rawsh: init:"), "init reported:\n{text}");
        assert!(
            !text.contains("rc: no "),
            "rc found a mount missing:\n{text}"
        );
        assert!(!text.contains("job control"), "no job control:\n{text}");
    }

    let out = q.run("uname -m", COMMAND_TIMEOUT);
    assert_eq!(out.trim(), arch.name);

    let out = q.run("ls /proc", COMMAND_TIMEOUT);
    assert!(
        out.split_whitespace()
            .any(|w| w.bytes().all(|b| b.is_ascii_digit())),
        "ls /proc shows no pids:\n{out}"
    );

    let out = q.run("echo one two | cat | cat", COMMAND_TIMEOUT);
    assert_eq!(out.trim(), "one two");

    let out = q.run(
        "sleep 1 & echo started; wait; echo waited $?",
        COMMAND_TIMEOUT,
    );
    assert!(
        out.contains("started\r\n") && out.contains("waited 0\r\n"),
        "background job and wait:\n{out}"
    );

    // An orphan: the inner shell exits at once, its `sleep 1` is re-parented to init, which
    // must reap it. Checked two prompts later, after it has exited.
    q.run("/init -c 'sleep 1 &'", COMMAND_TIMEOUT);
    // The same through a double fork: a subshell starts a background subshell and exits.
    q.run("( ( sleep 1; true ) & )", COMMAND_TIMEOUT);
    q.run("sleep 2", COMMAND_TIMEOUT);
    let out = q.run("cat /proc/[0-9]*/stat", COMMAND_TIMEOUT);
    // init is asleep in wait4 (S) or, if cat got the CPU first after its exec, runnable (R).
    assert!(out.contains("(init) "), "no init in /proc/*/stat:\n{out}");
    assert!(!out.contains(") Z "), "a zombie was not reaped:\n{out}");

    // Signals that end an ordinary process leave init at its prompt, and a command that dies
    // of SIGSEGV is reported (status 139) without disturbing it.
    let out = q.run(
        "kill -TERM 1; kill -INT 1; kill -HUP 1; echo alive $?",
        COMMAND_TIMEOUT,
    );
    assert!(out.contains("alive 0\r\n"), "after kill 1:\n{out}");
    // trap as PID 1 and in a child shell: the handler and its sa_restorer on a real kernel
    // (qemu-user delivers signals itself), and `wait` interrupted with 128 + SIGUSR1.
    let out = q.run(
        "trap 'echo caught TERM' TERM; kill -TERM 1; echo after $?; trap - TERM; kill -TERM 1; \
         echo alive; /init -c 'trap \"echo got USR1\" USR1; sleep 8 & (sleep 2; kill -USR1 $$) & \
         wait; echo wait $?'",
        COMMAND_TIMEOUT,
    );
    assert!(
        out.contains("caught TERM\r\nafter 0\r\nalive\r\n")
            && out.contains("got USR1\r\nwait 138\r\n"),
        "trap:\n{out}"
    );
    let out = q.run("/init -c 'kill -SEGV $$'; echo segv $?", COMMAND_TIMEOUT);
    assert!(
        out.contains("Segmentation fault\r\n") && out.contains("segv 139\r\n"),
        "a segfaulting command:\n{out}"
    );

    // A script's commands and pipeline stages after the first are cloned without CLONE_VFORK
    // on a real kernel (rt::group); an exec error still reaches the shell.
    let out = q.run(
        "/init -T -c '/bin/true; /bin/true; /nonexistent; echo st $?; echo x | /nonexistent | cat; echo st $?'",
        COMMAND_TIMEOUT,
    );
    assert!(
        out.matches("clone(flags=CLONE_VM|SIGCHLD, ").count() >= 8
            && out.matches("/nonexistent: not found\r\n").count() == 2
            && out.matches("st 127\r\n").count() == 1
            && out.contains("st 0\r\n"),
        "clone without CLONE_VFORK:\n{out}"
    );

    let out = q.run("selftest", SELFTEST_TIMEOUT);
    assert!(
        out.contains(" passed, 0 failed") && !out.contains("FAIL"),
        "selftest:\n{out}"
    );

    // Ctrl-C reaches the foreground job, not init: `sleep 10` dies at once with SIGINT ($? is
    // 130, so it was the running sleep that got it, not the line editor) and the prompt is back.
    q.send(b"echo \"<\"sleeping\">\"; sleep 10\n");
    q.expect("<sleeping>", COMMAND_TIMEOUT);
    std::thread::sleep(Duration::from_secs(1));
    let sent = Instant::now();
    q.send(b"\x03");
    q.expect(PROMPT, Duration::from_secs(5));
    let interrupted = sent.elapsed();
    let out = q.run("echo status $?", COMMAND_TIMEOUT);
    assert!(out.contains("status 130\r\n"), "after Ctrl-C:\n{out}");
    println!(
        "{}: Ctrl-C back at the prompt in {interrupted:.2?}",
        arch.name
    );

    q.send(b"poweroff\n");
    q.expect(POWER_DOWN, COMMAND_TIMEOUT);
}

#[test]
#[ignore = "boots QEMU: run by `make boot-test`"]
fn boots_x86_64() {
    boot_test(&X86_64);
}

#[test]
#[ignore = "boots QEMU: run by `make boot-test`"]
fn boots_aarch64() {
    boot_test(&AARCH64);
}
