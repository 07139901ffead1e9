//! The interactive shell on a real terminal: rawsh runs in a tmux pane (a pty with a screen
//! we can read back), the tests type keys with `send-keys` and check what the screen shows.
//! tmux is a Debian package the Makefile installs.
//!
//! RAWSH_ARCH=aarch64 runs the aarch64 binary through qemu-aarch64.

mod common;

use common::{TempDir, arch, rawsh_path};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::{Duration, Instant};

/// The command line that runs rawsh: directly, or through qemu-user for aarch64.
fn rawsh_command() -> Vec<String> {
    let bin = rawsh_path();
    assert!(
        bin.is_file(),
        "{} is missing: run `make build`",
        bin.display()
    );
    let bin = bin.display().to_string();
    match arch().as_str() {
        "aarch64" => vec!["qemu-aarch64".into(), bin],
        _ => vec![bin],
    }
}

/// How long a screen may take to show what a test waits for: a hang guard, generous because
/// the tests run in parallel on a loaded machine (and qemu-user is slower).
fn patience() -> Duration {
    Duration::from_secs(if arch() == "aarch64" { 30 } else { 15 })
}

/// rawsh in a tmux session of its own (its own server socket), `cols` wide.
struct Term {
    sock: PathBuf,
    /// Where rawsh's exit status appears.
    status: PathBuf,
    _dir: TempDir,
}

impl Term {
    /// Starts rawsh with HOME=`home`, in directory `cwd`, with `env` added.
    fn start(home: &Path, cwd: &Path, cols: u32, env: &[(&str, &str)]) -> Term {
        let dir = TempDir::new();
        let sock = dir.path().join("sock");
        let conf = dir.path().join("tmux.conf");
        std::fs::write(&conf, "set -g status off\n").unwrap();
        // rawsh's exit status is written to a file by a shell waiting for it: tmux's own
        // `pane_dead_status` sometimes never comes (it can miss reaping qemu-aarch64).
        let status = dir.path().join("status");
        let mut cmd = vec![
            "sh".to_string(),
            "-c".into(),
            r#"f=$1; shift; "$@"; echo $? > "$f.new"; mv "$f.new" "$f"; sleep 60"#.into(),
            "sh".into(),
            status.display().to_string(),
            "env".into(),
            "-i".into(),
            format!("HOME={}", home.display()),
            "TERM=screen".into(),
            format!("PATH={}", common::PATH),
            "PS1=$ ".into(),
        ];
        cmd.extend(env.iter().map(|(k, v)| format!("{k}={v}")));
        cmd.extend(rawsh_command());
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&sock)
            .arg("-f")
            .arg(&conf)
            .args([
                "new-session",
                "-d",
                "-x",
                &cols.to_string(),
                "-y",
                "24",
                "-c",
            ])
            .arg(cwd)
            .args(&cmd)
            .output()
            .expect("tmux is needed for these tests (Debian package tmux; `make deps`)");
        assert!(
            out.status.success(),
            "tmux: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let term = Term {
            sock,
            status,
            _dir: dir,
        };
        term.wait_last_line("$");
        term
    }

    fn tmux(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-S")
            .arg(&self.sock)
            .args(args)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    /// Presses keys by tmux name (`Left`, `C-u`, `Enter`, `Tab`...).
    fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys"];
        args.extend(keys);
        self.tmux(&args);
    }

    /// Types `text` literally.
    fn type_text(&self, text: &str) {
        self.tmux(&["send-keys", "-l", text]);
    }

    /// The screen's lines, trailing blanks and empty lines at the bottom removed.
    fn screen(&self) -> String {
        let out = self.tmux(&["capture-pane", "-p"]);
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        let lines: Vec<&str> = text.lines().map(str::trim_end).collect();
        lines.join("\n").trim_end().to_string()
    }

    /// Waits until the screen satisfies `ok`; the screen. Fails with `what` and the screen.
    fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + patience();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if Instant::now() > deadline {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the screen's last line to be `line`.
    fn wait_last_line(&self, line: &str) -> String {
        self.wait_for(&format!("last line {line:?}"), |s| {
            s.lines().last().unwrap_or("") == line
        })
    }

    /// Waits for rawsh to exit; its exit status.
    fn wait_exit(&self) -> i32 {
        let deadline = Instant::now() + patience();
        loop {
            if let Ok(status) = std::fs::read_to_string(&self.status) {
                return status.trim().parse().unwrap();
            }
            if Instant::now() > deadline {
                panic!("rawsh did not exit; the screen:\n{}", self.screen());
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }
}

impl Drop for Term {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .arg("-S")
            .arg(&self.sock)
            .arg("kill-server")
            .output();
    }
}

/// rawsh `cols` wide, with a fresh directory as HOME and current directory.
fn shell(cols: u32) -> (Term, TempDir) {
    let home = TempDir::new();
    let term = Term::start(home.path(), home.path(), cols, &[]);
    (term, home)
}

#[test]
fn editing_keys() {
    let (t, _home) = shell(80);
    t.type_text("echo hello");
    t.wait_last_line("$ echo hello");
    t.keys(&["Left", "Left", "X"]);
    t.wait_last_line("$ echo helXlo");
    t.keys(&["Home", "Y", "End", "Z"]);
    t.wait_last_line("$ Yecho helXloZ");
    t.keys(&["C-a", "Right", "C-k"]);
    t.wait_last_line("$ Y");
    t.type_text("one two");
    t.keys(&["C-w"]);
    t.wait_last_line("$ Yone");
    t.keys(&["BSpace", "C-a", "DC"]);
    t.wait_last_line("$ one");
    t.keys(&["End", "Left", "C-u"]);
    t.wait_last_line("$ e");
    t.keys(&["C-e", "C-u"]);
    t.wait_last_line("$");
}

#[test]
fn a_long_line_wraps_and_edits_in_place() {
    let (t, _home) = shell(20);
    let text = "abcdefghijklmnopqrstuvwxyz0123456789";
    t.type_text(text);
    // "$ " plus 36 characters on 20 columns: rows of 20, 18.
    t.wait_for("the wrapped line", |s| {
        s.ends_with("$ abcdefghijklmnopqr\nstuvwxyz0123456789")
    });
    t.keys(&["Home", "X", "End", "Y"]);
    t.wait_for("the edited wrapped line", |s| {
        s.ends_with("$ Xabcdefghijklmnopq\nrstuvwxyz0123456789Y")
    });
    t.keys(&["BSpace", "BSpace"]);
    t.wait_for("the shortened line", |s| {
        s.ends_with("$ Xabcdefghijklmnopq\nrstuvwxyz012345678")
    });
    t.keys(&["C-u"]);
    t.wait_last_line("$");
}

#[test]
fn ctrl_d_on_an_empty_line_exits() {
    let (t, _home) = shell(80);
    t.type_text("x");
    t.keys(&["Left", "C-d"]);
    t.wait_last_line("$");
    t.keys(&["C-d"]);
    assert_eq!(t.wait_exit(), 0);
}

#[test]
fn ctrl_c_abandons_the_line_with_status_130() {
    let (t, _home) = shell(80);
    t.type_text("echo nope");
    t.keys(&["C-c"]);
    t.wait_for("^C and a new prompt", |s| s.ends_with("$ echo nope^C\n$"));
    t.type_text("echo $?");
    t.keys(&["Enter"]);
    t.wait_for("status 130", |s| s.ends_with("\n130\n$"));
}

#[test]
fn running_commands_with_normal_terminal_settings() {
    let (t, _home) = shell(80);
    t.type_text("echo hi");
    t.keys(&["Left", "Left", "Left", "C-u"]);
    t.wait_last_line("$  hi");
    t.keys(&["C-a"]);
    t.type_text("echo");
    t.keys(&["Enter"]);
    t.wait_for("the output", |s| s.ends_with("$ echo hi\nhi\n$"));
    // Commands see the terminal as it was before the editor's raw mode.
    t.type_text("stty -a | grep -o -- '-\\?icanon'");
    t.keys(&["Enter"]);
    t.wait_for("icanon", |s| s.ends_with("\nicanon\n$"));
}

#[test]
fn history_across_two_runs() {
    let home = TempDir::new();
    let t = Term::start(home.path(), home.path(), 80, &[]);
    for line in ["echo first", "echo second", "echo second", ""] {
        t.type_text(line);
        t.keys(&["Enter"]);
        t.wait_last_line("$");
    }
    t.keys(&["C-d"]);
    t.wait_exit();
    let file = std::fs::read_to_string(home.path().join(".rawsh_history")).unwrap();
    assert_eq!(file, "echo first\necho second\n");
    drop(t);

    let t = Term::start(home.path(), home.path(), 80, &[]);
    t.type_text("draft");
    t.keys(&["Up"]);
    t.wait_last_line("$ echo second");
    t.keys(&["Up"]);
    t.wait_last_line("$ echo first");
    t.keys(&["Up"]);
    t.wait_last_line("$ echo first");
    t.keys(&["Down"]);
    t.wait_last_line("$ echo second");
    t.keys(&["Down"]);
    t.wait_last_line("$ draft");
    t.keys(&["C-u", "C-d"]);
    t.wait_exit();
}

#[test]
fn history_builtin_lists_the_lines() {
    let home = TempDir::new();
    std::fs::write(home.path().join(".rawsh_history"), "echo old\n").unwrap();
    let t = Term::start(home.path(), home.path(), 80, &[]);
    t.type_text("echo new");
    t.keys(&["Enter"]);
    t.type_text("history");
    t.keys(&["Enter"]);
    t.wait_for("the listing", |s| {
        s.ends_with("   1  echo old\n   2  echo new\n   3  history\n$")
    });
}

#[test]
fn completing_file_and_command_names() {
    let (t, home) = shell(80);
    std::fs::write(home.path().join("unique-file.txt"), "").unwrap();
    std::fs::write(home.path().join("same1"), "").unwrap();
    std::fs::write(home.path().join("same2"), "").unwrap();
    std::fs::create_dir(home.path().join("subdir")).unwrap();
    t.type_text("cat uni");
    t.keys(&["Tab"]);
    t.wait_last_line("$ cat unique-file.txt");
    t.type_text("sa");
    t.keys(&["Tab"]);
    t.wait_last_line("$ cat unique-file.txt same");
    t.keys(&["Tab"]);
    t.wait_for("the candidates", |s| {
        s.ends_with("$ cat unique-file.txt same\nsame1  same2\n$ cat unique-file.txt same")
    });
    t.keys(&["C-u"]);
    t.type_text("cd su");
    t.keys(&["Tab"]);
    t.wait_last_line("$ cd subdir/");
    t.keys(&["C-u"]);
    t.type_text("ech");
    t.keys(&["Tab"]);
    t.wait_last_line("$ echo");
}

#[test]
fn completed_names_run() {
    let (t, home) = shell(80);
    std::fs::write(home.path().join("only file"), "contents\n").unwrap();
    t.type_text("ca");
    t.keys(&["Tab"]);
    t.type_text("t on");
    t.keys(&["Tab"]);
    t.wait_last_line("$ cat only\\ file");
    t.keys(&["Enter"]);
    t.wait_for("the file", |s| s.ends_with("\ncontents\n$"));
}

#[test]
fn dumb_terminal_reads_plain_lines() {
    let home = TempDir::new();
    let t = Term::start(home.path(), home.path(), 80, &[("TERM", "dumb")]);
    t.type_text("echo plain");
    t.keys(&["Enter"]);
    t.wait_for("the output", |s| s.ends_with("$ echo plain\nplain\n$"));
    t.keys(&["C-d"]);
    assert_eq!(t.wait_exit(), 0);
}

/// Gives a job just started time to take the terminal: a key typed before that goes to the
/// shell's process group (which ignores it), as it would for a person typing that fast.
fn settle() {
    std::thread::sleep(if arch() == "aarch64" {
        Duration::from_secs(2)
    } else {
        Duration::from_millis(300)
    });
}

/// A trapped signal that comes while the shell waits at the prompt is acted on once the next
/// line is read, before that line's command runs, as dash does.
#[test]
fn a_trap_caught_at_the_prompt_runs_before_the_next_command() {
    let (t, home) = shell(80);
    t.type_text("trap 'echo got' USR1; echo $$ > pid");
    t.keys(&["Enter"]);
    t.wait_last_line("$");
    let pid = std::fs::read_to_string(home.path().join("pid")).unwrap();
    let sent = std::process::Command::new("kill")
        .args(["-USR1", pid.trim()])
        .status()
        .unwrap();
    assert!(sent.success());
    settle();
    t.type_text("echo cmd");
    t.keys(&["Enter"]);
    t.wait_for("the trap, then the command", |s| {
        s.ends_with("$ echo cmd\ngot\ncmd\n$")
    });
}

#[test]
fn ctrl_c_kills_the_foreground_job_not_the_shell() {
    let (t, _home) = shell(80);
    t.type_text("sleep 30");
    t.keys(&["Enter"]);
    t.wait_last_line("$ sleep 30");
    settle();
    t.keys(&["C-c"]);
    t.wait_last_line("$");
    t.type_text("echo status=$?");
    t.keys(&["Enter"]);
    t.wait_for("status 130", |s| s.ends_with("status=130\n$"));
}

#[test]
fn ctrl_z_stops_the_job_and_fg_bg_jobs_kill_manage_it() {
    let (t, _home) = shell(80);
    t.type_text("sleep 30 | cat");
    t.keys(&["Enter"]);
    t.wait_last_line("$ sleep 30 | cat");
    settle();
    t.keys(&["C-z"]);
    t.wait_for("the stop notice", |s| {
        s.contains("[1]+  Stopped                 sleep 30 | cat")
    });
    t.wait_last_line("$");
    t.type_text("echo status=$?; bg");
    t.keys(&["Enter"]);
    t.wait_for("bg", |s| s.ends_with("status=148\n[1] sleep 30 | cat &\n$"));
    t.type_text("jobs");
    t.keys(&["Enter"]);
    t.wait_for("jobs", |s| {
        s.ends_with("[1]+  Running                 sleep 30 | cat\n$")
    });
    t.type_text("fg %1");
    t.keys(&["Enter"]);
    t.wait_last_line("sleep 30 | cat");
    settle();
    t.keys(&["C-z"]);
    t.wait_last_line("$");
    t.type_text("kill %1; wait %1; echo killed=$?");
    t.keys(&["Enter"]);
    t.wait_for("kill %1", |s| s.ends_with("killed=143\n$"));
}

#[test]
fn background_jobs_get_a_done_notice() {
    let (t, _home) = shell(80);
    t.type_text("true & sleep 1");
    t.keys(&["Enter"]);
    t.wait_for("the job number", |s| s.contains("[1] "));
    t.wait_for("the notice", |s| {
        s.ends_with("[1]+  Done                    true\n$")
    });
}
