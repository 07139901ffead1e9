//! The applets, run as the real binary: through a symlink named for the applet (x86_64), or
//! under `qemu-aarch64 -0 NAME` (argv[0] set the same way) when RAWSH_ARCH=aarch64.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::{MetadataExt, PermissionsExt, symlink};
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

const APPLETS: &[&str] = &[
    "cat", "echo", "env", "false", "kill", "ls", "mkdir", "mount", "ps", "rm", "sleep", "true",
    "uname",
];

fn arch() -> String {
    std::env::var("RAWSH_ARCH").unwrap_or_else(|_| "x86_64".into())
}

fn binary() -> PathBuf {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join(format!("target/{}-unknown-linux-gnu/release/rawsh", arch()));
    assert!(bin.exists(), "build {} first (make build)", bin.display());
    bin
}

/// A directory of `NAME -> rawsh` symlinks, made once per test run.
fn links() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = scratch_path("bin");
        let _ = fs::remove_dir_all(&dir);
        fs::create_dir_all(&dir).unwrap();
        for name in APPLETS {
            symlink(binary(), dir.join(name)).unwrap();
        }
        dir
    })
}

/// The applet `name`, reached through argv[0].
fn applet(name: &str) -> Command {
    if arch() == "aarch64" {
        let mut c = Command::new("qemu-aarch64");
        c.args(["-0", name]).arg(binary());
        c
    } else {
        Command::new(links().join(name))
    }
}

fn run<S: AsRef<OsStr>>(name: &str, args: &[S]) -> Output {
    applet(name)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap()
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn scratch_path(tag: &str) -> PathBuf {
    std::env::temp_dir().join(format!(
        "rawsh-applets-{}-{}-{tag}",
        arch(),
        std::process::id()
    ))
}

/// A fresh directory, removed when dropped.
struct Scratch(PathBuf);

impl Scratch {
    fn new(tag: &str) -> Scratch {
        let p = scratch_path(tag);
        let _ = fs::remove_dir_all(&p);
        fs::create_dir_all(&p).unwrap();
        Scratch(p)
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = fs::remove_dir_all(&self.0);
    }
}

#[test]
fn uname_reports_the_running_arch() {
    let o = run("uname", &["-m"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o), format!("{}\n", arch()));
    assert_eq!(stdout(&run::<&str>("uname", &[])), "Linux\n");
    // -a is s n r v m, in that order whatever the option order; compare with the host's
    // uname for the fields qemu-user does not change.
    let host = Command::new("uname")
        .args(["-s", "-n", "-r", "-v"])
        .output()
        .unwrap();
    let want = format!("{} {}\n", stdout(&host).trim_end(), arch());
    assert_eq!(stdout(&run("uname", &["-a"])), want);
    assert_eq!(
        stdout(&run("uname", &["-m", "-s"])),
        format!("Linux {}\n", arch())
    );
}

#[test]
fn echo_matches_dash() {
    let cases: &[&[&str]] = &[
        &[],
        &["a", "b  c"],
        &["-n", "no newline"],
        &["-n"],
        &["-nn", "x"],
        &["-e", "x"],
        &["--", "x"],
        &["x", "-n"],
        &[r"a\nb\tc\\d"],
        &[r"\a\b\e\f\r\v"],
        &[r"\0101\101\1011\08\0\0777\400"],
        &[r"\q\8\x41 end\"],
        &["a", r"x\cy", "z"],
        &["-n", r"stop\c", "more"],
    ];
    for args in cases {
        let want = Command::new("dash")
            .arg("-c")
            .arg(r#"echo "$@""#)
            .arg("sh")
            .args(*args)
            .output()
            .unwrap();
        let got = run("echo", args);
        assert!(got.status.success());
        assert_eq!(got.stdout, want.stdout, "echo {args:?}");
    }
}

/// A directory with one of each kind of entry ls distinguishes.
fn ls_fixture(s: &Scratch) -> PathBuf {
    let d = s.0.join("t");
    fs::create_dir(&d).unwrap();
    fs::write(d.join("file"), "hello\n").unwrap();
    fs::set_permissions(d.join("file"), fs::Permissions::from_mode(0o640)).unwrap();
    fs::create_dir(d.join("sub")).unwrap();
    fs::set_permissions(d.join("sub"), fs::Permissions::from_mode(0o1755)).unwrap();
    fs::write(d.join("sub/inner"), "").unwrap();
    symlink("file", d.join("link")).unwrap();
    fs::write(d.join(".hidden"), "x").unwrap();
    fs::write(d.join("Big"), vec![b'x'; 123_456]).unwrap();
    fs::set_permissions(d.join("Big"), fs::Permissions::from_mode(0o4755)).unwrap();
    d
}

#[test]
fn ls_names() {
    let s = Scratch::new("ls");
    let d = ls_fixture(&s);
    let o = run("ls", &[&d]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), "Big\nfile\nlink\nsub\n");
    assert_eq!(
        stdout(&run("ls", &["-a".as_ref(), d.as_os_str()])),
        ".\n..\n.hidden\nBig\nfile\nlink\nsub\n"
    );
    let o = applet("ls").current_dir(&d).output().unwrap();
    assert_eq!(stdout(&o), "Big\nfile\nlink\nsub\n");
    let o = applet("ls")
        .current_dir(&d)
        .args(["-d", "sub", "file"])
        .output()
        .unwrap();
    assert_eq!(stdout(&o), "file\nsub\n");
}

#[test]
fn ls_several_operands_like_coreutils() {
    let s = Scratch::new("ls-ops");
    let d = ls_fixture(&s);
    let o = applet("ls")
        .current_dir(&d)
        .args(["sub", "missing", "file", "link", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        "ls: cannot access 'missing': No such file or directory\n"
    );
    assert_eq!(
        stdout(&o),
        "file\nlink\n\n.:\nBig\nfile\nlink\nsub\n\nsub:\ninner\n"
    );
}

/// `ls -l`'s numeric columns, right-aligned to the widest, as the applet should print them.
fn long_lines(dir: &Path, names: &[(&str, &str)]) -> String {
    let rows: Vec<[String; 5]> = names
        .iter()
        .map(|(name, mode)| {
            let m = fs::symlink_metadata(dir.join(name)).unwrap();
            let mut shown = name.to_string();
            if m.file_type().is_symlink() {
                let t = fs::read_link(dir.join(name)).unwrap();
                shown = format!("{name} -> {}", t.display());
            }
            [
                mode.to_string(),
                m.nlink().to_string(),
                m.uid().to_string(),
                m.gid().to_string(),
                m.size().to_string() + "\0" + &shown,
            ]
        })
        .collect();
    let width = |i: usize| {
        rows.iter()
            .map(|r| r[i].split('\0').next().unwrap().len())
            .max()
            .unwrap()
    };
    let mut out = String::new();
    for r in &rows {
        let (size, name) = r[4].split_once('\0').unwrap();
        out += &format!(
            "{} {:>w1$} {:>w2$} {:>w3$} {:>w4$} {}\n",
            r[0],
            r[1],
            r[2],
            r[3],
            size,
            name,
            w1 = width(1),
            w2 = width(2),
            w3 = width(3),
            w4 = width(4)
        );
    }
    out
}

#[test]
fn ls_long() {
    let s = Scratch::new("ls-l");
    let d = ls_fixture(&s);
    let o = run("ls", &["-l".as_ref(), d.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let want = long_lines(
        &d,
        &[
            ("Big", "-rwsr-xr-x"),
            ("file", "-rw-r-----"),
            ("link", "lrwxrwxrwx"),
            ("sub", "drwxr-xr-t"),
        ],
    );
    assert_eq!(stdout(&o), want);
    // A symlink operand is not followed with -l; -d shows a directory itself.
    let o = applet("ls")
        .current_dir(&d)
        .args(["-ld", "link", "sub"])
        .output()
        .unwrap();
    assert_eq!(
        stdout(&o),
        long_lines(&d, &[("link", "lrwxrwxrwx"), ("sub", "drwxr-xr-t")])
    );
    let o = run("ls", &["-l", "/dev/null"]);
    assert!(
        stdout(&o).starts_with("crw-rw-rw- 1 0 0 1, 3 /dev/null"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn cat_files_and_stdin() {
    let s = Scratch::new("cat");
    let a = s.0.join("a");
    fs::write(&a, "one\n").unwrap();
    let big: Vec<u8> = (0..3_000_017u32).map(|i| (i % 251) as u8).collect();
    fs::write(s.0.join("big"), &big).unwrap();
    let o = run("cat", &[s.0.join("big")]);
    assert!(o.status.success());
    assert!(o.stdout == big, "large file copied exactly");
    let mut child = applet("cat")
        .arg(&a)
        .arg("-")
        .arg(&a)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"from stdin\n")
        .unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(stdout(&o), "one\nfrom stdin\none\n");
    let o = run(
        "cat",
        &[
            a.as_os_str(),
            "/nonexistent".as_ref(),
            s.0.as_os_str(),
            a.as_os_str(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stdout(&o), "one\none\n");
    assert_eq!(
        stderr(&o),
        format!(
            "cat: /nonexistent: No such file or directory\ncat: {}: Is a directory\n",
            s.0.display()
        )
    );
}

#[test]
fn full_disk_is_an_error_not_a_crash() {
    let s = Scratch::new("full");
    let big = s.0.join("big");
    fs::write(&big, vec![b'y'; 100_000]).unwrap();
    let cases: &[(&str, &[&OsStr])] = &[
        ("echo", &["hi".as_ref()]),
        ("cat", &[big.as_os_str()]),
        ("ls", &["/".as_ref()]),
        ("uname", &["-a".as_ref()]),
        ("ps", &[]),
        ("env", &[]),
        ("mount", &[]),
        ("kill", &["-l".as_ref()]),
    ];
    for (name, args) in cases {
        let full = fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let o = applet(name).args(*args).stdout(full).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert_eq!(
            stderr(&o),
            format!("{name}: write error: No space left on device\n")
        );
    }
}

#[test]
fn bad_arguments_give_usage_and_status_2() {
    let cases: &[&[&str]] = &[
        &["cat", "-z"],
        &["ls", "-z"],
        &["ls", "-lz", "x"],
        &["mkdir"],
        &["mkdir", "-m", "9", "d"],
        &["mkdir", "-m"],
        &["rm"],
        &["rm", "-x", "f"],
        &["sleep"],
        &["sleep", "x"],
        &["sleep", "1", "-1"],
        &["env", "-z"],
        &["uname", "-z"],
        &["uname", "extra"],
        &["ps", "aux"],
        &["mount", "-z"],
        &["mount", "/only"],
        &["mount", "src", "dir"],
        &["kill"],
        &["kill", "-FOO", "1"],
        &["kill", "abc"],
        &["kill", "-s"],
        &["kill", "-l", "1", "2"],
        &["kill", "-l", "0"],
    ];
    for c in cases {
        let o = run(c[0], &c[1..]);
        assert_eq!(o.status.code(), Some(2), "{c:?}");
        let err = stderr(&o);
        assert!(err.starts_with(&format!("usage: {}", c[0])), "{c:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{c:?}: {err}");
        assert!(o.stdout.is_empty(), "{c:?}");
    }
}

#[test]
fn dispatch_by_flag() {
    let o = Command::new(if arch() == "aarch64" {
        "qemu-aarch64"
    } else {
        "env"
    })
    .arg(binary())
    .args(["--applet", "echo", "hi"])
    .output()
    .unwrap();
    assert_eq!(stdout(&o), "hi\n");
    let o = Command::new(if arch() == "aarch64" {
        "qemu-aarch64"
    } else {
        "env"
    })
    .arg(binary())
    .args(["--applet", "nosuch"])
    .output()
    .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).starts_with("usage: rawsh --applet"));
}

#[test]
fn true_and_false() {
    assert_eq!(run("true", &["ignored"]).status.code(), Some(0));
    assert_eq!(run::<&str>("false", &[]).status.code(), Some(1));
}

#[test]
fn mkdir_parents_and_modes() {
    let s = Scratch::new("mkdir");
    let deep = s.0.join("a/b//c/");
    let o = run("mkdir", &["-p".as_ref(), deep.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(s.0.join("a/b/c").is_dir());
    // -p accepts an existing directory; without it that is an error.
    assert!(
        run("mkdir", &["-p".as_ref(), deep.as_os_str()])
            .status
            .success()
    );
    let o = run("mkdir", &[s.0.join("a")]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("mkdir: {}: File exists\n", s.0.join("a").display())
    );
    // -m sets the mode exactly, whatever the umask.
    let o = run(
        "mkdir",
        &["-m".as_ref(), "1777".as_ref(), s.0.join("m").as_os_str()],
    );
    assert!(o.status.success());
    assert_eq!(fs::metadata(s.0.join("m")).unwrap().mode() & 0o7777, 0o1777);
    let o = run("mkdir", &["-pm700".as_ref(), s.0.join("p/q").as_os_str()]);
    assert!(o.status.success());
    assert_eq!(
        fs::metadata(s.0.join("p/q")).unwrap().mode() & 0o7777,
        0o700
    );
    // A file in the way of a parent.
    fs::write(s.0.join("f"), "").unwrap();
    let o = run("mkdir", &["-p".as_ref(), s.0.join("f/g").as_os_str()]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("mkdir: {}: Not a directory\n", s.0.join("f/g").display())
    );
}

#[test]
fn rm_files_and_trees() {
    let s = Scratch::new("rm");
    let t = s.0.join("tree");
    for i in 0..200 {
        fs::create_dir_all(t.join(format!("d{}/e{}", i % 7, i % 3))).unwrap();
        fs::write(t.join(format!("d{}/e{}/f{i}", i % 7, i % 3)), "x").unwrap();
    }
    symlink("/", t.join("root-link")).unwrap();
    let o = run("rm", &[&t]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), format!("rm: {}: Is a directory\n", t.display()));
    let o = run("rm", &["-r".as_ref(), t.as_os_str()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!t.exists());
    assert!(
        Path::new("/").read_dir().is_ok(),
        "the symlink was removed, not followed"
    );
    let missing = s.0.join("missing");
    let o = run("rm", &[&missing]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!("rm: {}: No such file or directory\n", missing.display())
    );
    let o = run("rm", &["-f".as_ref(), missing.as_os_str()]);
    assert!(o.status.success());
    assert!(o.stderr.is_empty());
    assert!(run("rm", &["-f"]).status.success());
    let o = applet("rm")
        .current_dir(&s.0)
        .args(["-rf", "."])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with("rm: refusing to remove '.' or '..'"));
    assert!(s.0.exists());
}

#[test]
fn sleep_fractions() {
    let start = Instant::now();
    let o = run("sleep", &["0.2", ".1"]);
    let took = start.elapsed();
    assert!(o.status.success());
    // At least the 0.3 s asked for; the upper bound only catches a misread unit (0.2 taken as
    // 2 or 200 seconds), generous for qemu-user on a loaded machine.
    assert!(took >= Duration::from_millis(300), "{took:?}");
    assert!(took < Duration::from_secs(10), "{took:?}");
}

#[test]
fn env_prints_and_runs() {
    // (qemu-user passes the environment on in reverse order: compare as sets.)
    let o = applet("env")
        .env_clear()
        .env("A", "1")
        .env("B", "two words")
        .output()
        .unwrap();
    let mut vars: Vec<String> = stdout(&o).lines().map(String::from).collect();
    vars.sort();
    assert_eq!(vars, ["A=1", "B=two words"]);
    let o = run("env", &["-i", "X=1", "Y=2", "X=3"]);
    assert_eq!(stdout(&o), "X=3\nY=2\n");
    let o = run("env", &["-", "Z=1"]);
    assert_eq!(stdout(&o), "Z=1\n");
    // The command is found through the new PATH (the first entry does not exist).
    let o = run(
        "env",
        &[
            "-i",
            "PATH=/nonexistent:/bin:/usr/bin",
            "V=ok",
            "sh",
            "-c",
            "echo $V $0",
        ],
    );
    assert_eq!(stdout(&o), "ok sh\n");
    let o = run("env", &["/bin/sh", "-c", "exit 7"]);
    assert_eq!(o.status.code(), Some(7));
    let o = run("env", &["-i", "no-such-command"]);
    assert_eq!(o.status.code(), Some(127));
    assert_eq!(
        stderr(&o),
        "env: no-such-command: No such file or directory\n"
    );
    let o = run("env", &["/etc/passwd"]);
    assert_eq!(o.status.code(), Some(126));
    assert_eq!(stderr(&o), "env: /etc/passwd: Permission denied\n");
}

#[test]
fn ps_lists_itself_under_its_parent() {
    // A process whose arguments hold a newline and a tab still takes one row.
    let mut odd = Command::new("sh")
        .args(["-c", "sleep 30\n#\tx", "odd"])
        .spawn()
        .unwrap();
    // Until it has exec'd sh, the child still shows this test's command line.
    let cmdline = format!("/proc/{}/cmdline", odd.id());
    for _ in 0..500 {
        if std::fs::read(&cmdline).is_ok_and(|c| c.starts_with(b"sh\0")) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
    let child = applet("ps").stdout(Stdio::piped()).spawn().unwrap();
    let pid = child.id();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    let out = stdout(&o);
    let mut lines = out.lines();
    assert_eq!(lines.next(), Some("  PID  PPID STAT CMD"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split_whitespace().collect()).collect();
    assert_eq!(rows[0][0], "1");
    odd.kill().unwrap();
    odd.wait().unwrap();
    let shown = rows
        .iter()
        .find(|r| r[0] == odd.id().to_string())
        .expect("ps shows the odd process");
    assert_eq!(shown[3..], ["sh", "-c", "sleep", "30?#?x", "odd"]);
    let me = rows
        .iter()
        .find(|r| r[0] == pid.to_string())
        .expect("ps shows itself");
    assert_eq!(me[1], std::process::id().to_string());
    let pids: Vec<u32> = rows.iter().map(|r| r[0].parse().unwrap()).collect();
    assert!(pids.windows(2).all(|w| w[0] < w[1]), "sorted by pid");
    assert!(
        rows.iter().any(|r| r[3].starts_with('[')),
        "kernel threads as [comm]"
    );
}

#[test]
fn kill_signals() {
    let signalled = |args: &[&str]| {
        let mut victim = Command::new("sleep").arg("30").spawn().unwrap();
        let mut a: Vec<String> = args.iter().map(|s| s.to_string()).collect();
        a.push(victim.id().to_string());
        let o = run("kill", &a);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        victim.wait().unwrap().signal()
    };
    assert_eq!(signalled(&[]), Some(15));
    assert_eq!(signalled(&["-9"]), Some(9));
    assert_eq!(signalled(&["-KILL"]), Some(9));
    assert_eq!(signalled(&["-SIGUSR1"]), Some(10));
    // Not HUP: under nohup the victim would inherit it ignored.
    assert_eq!(signalled(&["-s", "USR2"]), Some(12));
    assert_eq!(signalled(&["--"]), Some(15));
    let o = run("kill", &["-0", &std::process::id().to_string()]);
    assert!(o.status.success());
    let o = run("kill", &["999999999"]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o), "kill: 999999999: No such process\n");
    let o = run("kill", &["-l"]);
    assert!(stdout(&o).starts_with("HUP\nINT\nQUIT\n"));
    assert_eq!(stdout(&run("kill", &["-l", "143"])), "TERM\n");
    assert_eq!(stdout(&run("kill", &["-l", "9"])), "KILL\n");
}

#[test]
fn mount_lists_and_mounts() {
    let o = run::<&str>("mount", &[]);
    assert!(o.status.success());
    let table = fs::read_to_string("/proc/mounts").unwrap();
    assert_eq!(stdout(&o).lines().next(), table.lines().next());
    let s = Scratch::new("mount");
    let dir = s.0.join("mnt");
    fs::create_dir(&dir).unwrap();
    let o = run(
        "mount",
        &[
            "-t".as_ref(),
            "tmpfs".as_ref(),
            "-o".as_ref(),
            "nosuid,size=1m,mode=700".as_ref(),
            "rawsh-test".as_ref(),
            dir.as_os_str(),
        ],
    );
    if o.status.code() == Some(1) && stderr(&o).contains("Operation not permitted") {
        eprintln!("SKIP mount: not permitted here");
        return;
    }
    assert!(o.status.success(), "{}", stderr(&o));
    let table = fs::read_to_string("/proc/mounts").unwrap();
    let line = table
        .lines()
        .find(|l| l.starts_with(&format!("rawsh-test {} tmpfs ", dir.display())))
        .map(str::to_string);
    let remount = run(
        "mount",
        &["-o".as_ref(), "remount,ro".as_ref(), dir.as_os_str()],
    );
    let after = fs::read_to_string("/proc/mounts").unwrap();
    let _ = Command::new("umount").arg(&dir).status();
    let line = line.expect("the tmpfs shows in /proc/mounts");
    assert!(
        line.contains("rw,nosuid") && line.contains("size=1024k") && line.contains("mode=700"),
        "{line}"
    );
    assert!(remount.status.success(), "{}", stderr(&remount));
    assert!(after.contains(&format!("rawsh-test {} tmpfs ro,", dir.display())));
    let o = run(
        "mount",
        &[
            "-t".as_ref(),
            "tmpfs".as_ref(),
            "x".as_ref(),
            s.0.join("nope").as_os_str(),
        ],
    );
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(
        stderr(&o),
        format!(
            "mount: {}: No such file or directory\n",
            s.0.join("nope").display()
        )
    );
}
