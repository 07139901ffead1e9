//! Error cases and limits of the shell (issue 3, "Errors and limits"): exit statuses, one-line
//! `rawsh: ` messages on stderr, a script stopping at a syntax error, garbage input, huge lines
//! and argument lists, E2BIG, descriptor leaks and zombies. Where dash's behaviour is the
//! reference, dash is run on the same input and compared live.

mod common;

use common::{Output, STRATEGIES, TempDir};
use std::process::Command;
use std::time::Duration;

const TIMEOUT: Duration = Duration::from_secs(10);
/// For the inputs that move megabytes (slow under qemu-user).
const SLOW_TIMEOUT: Duration = Duration::from_secs(60);

/// How a test feeds the shell its commands.
#[derive(Clone, Copy, Debug)]
enum Mode {
    /// `sh -c STRING`
    Inline,
    /// `sh FILE`, the file written into the temp dir as `script.sh`
    File,
    /// `sh < input` (non-interactive: stdin is a pipe)
    Stdin,
}
use Mode::*;

const MODES: [Mode; 3] = [Inline, File, Stdin];

/// Runs `input` the way `mode` says, in a fresh directory, under `shell` (a rawsh or dash
/// command builder), with `spawn` args prepended for rawsh.
fn run_with(
    shell: fn(&[&str]) -> Command,
    pre: &[&str],
    mode: Mode,
    input: &[u8],
    timeout: Duration,
) -> Output {
    let dir = TempDir::new();
    let mut args: Vec<&str> = pre.to_vec();
    let text;
    let stdin = match mode {
        Inline => {
            text = String::from_utf8(input.to_vec()).expect("-c input must be text");
            args.extend(["-c", text.as_str()]);
            None
        }
        File => {
            std::fs::write(dir.path().join("script.sh"), input).expect("write script");
            args.push("script.sh");
            None
        }
        Stdin => Some(input.to_vec()),
    };
    common::run(shell(&args), dir.path(), stdin, timeout)
}

fn rawsh(mode: Mode, input: &str) -> Output {
    run_with(common::rawsh, &[], mode, input.as_bytes(), TIMEOUT)
}

/// rawsh with `--spawn=strategy`.
fn rawsh_spawn(strategy: &str, mode: Mode, input: &[u8], timeout: Duration) -> Output {
    let flag = format!("--spawn={strategy}");
    run_with(common::rawsh, &[&flag], mode, input, timeout)
}

fn dash(mode: Mode, input: &str) -> Output {
    run_with(common::dash, &[], mode, input.as_bytes(), TIMEOUT)
}

/// The process ended by itself, without a signal, in time.
fn assert_no_crash(out: &Output, what: &str) {
    assert!(!out.timed_out, "{what}: timed out (hang): {out:?}");
    assert!(
        out.signal.is_none(),
        "{what}: killed by signal {:?}: {}",
        out.signal,
        out.stderr_str()
    );
    assert!(out.status < 128, "{what}: status {} >= 128", out.status);
}

/// stderr is exactly one line starting with `rawsh: ` and containing `needle` (ignoring case).
fn assert_one_error(out: &Output, needle: &str, what: &str) {
    let err = out.stderr_str();
    assert!(
        err.starts_with("rawsh: "),
        "{what}: stderr does not start with `rawsh: `: {err:?}"
    );
    assert!(
        err.ends_with('\n') && err.matches('\n').count() == 1,
        "{what}: stderr is not one line: {err:?}"
    );
    assert!(
        err.to_lowercase().contains(&needle.to_lowercase()),
        "{what}: stderr lacks {needle:?}: {err:?}"
    );
}

/// Same stdout and status as dash for the same input and mode.
fn assert_like_dash(got: &Output, want: &Output, what: &str) {
    assert_no_crash(got, what);
    assert_eq!(
        (got.stdout_str(), got.status),
        (want.stdout_str(), want.status),
        "{what}: rawsh (left) differs from dash (right); rawsh stderr: {}",
        got.stderr_str()
    );
}

#[test]
fn not_found_is_127_with_one_line() {
    for mode in MODES {
        let what = format!("not found ({mode:?})");
        let out = rawsh(mode, "nosuch_cmd_rawsh\necho after $?\n");
        assert_eq!(out.stdout_str(), "after 127\n", "{what}: {out:?}");
        assert_eq!(out.status, 0, "{what}");
        assert_one_error(&out, "nosuch_cmd_rawsh: not found", &what);

        let out = rawsh(mode, "nosuch_cmd_rawsh");
        assert_eq!(out.status, 127, "{what}: as the last command: {out:?}");
    }
}

/// printf's errors name the argument or directive on one line; the floating-point
/// conversions, which dash has and rawsh refuses, say so and stop the printf only.
#[test]
fn printf_errors_are_one_line_each() {
    let cases = [
        (
            "printf '%d\\n' 12x",
            "printf: 12x: not completely converted",
            "12\n",
            1,
        ),
        (
            "printf '%d' abc",
            "printf: abc: expected numeric value",
            "0",
            1,
        ),
        ("printf 'a%qb'", "printf: %q: invalid directive", "a", 2),
        (
            "printf '%.2f' 1.5",
            "printf: %.2f: floating point is not supported",
            "",
            2,
        ),
        ("printf", "printf: usage: printf format [arg ...]", "", 2),
    ];
    for (cmd, message, stdout, status) in cases {
        let out = rawsh(Inline, &format!("{cmd}; echo \" $?\""));
        assert_one_error(&out, message, cmd);
        assert_eq!(out.stdout_str(), format!("{stdout} {status}\n"), "{cmd}");
    }
}

/// getopts reports a bad option or a missing argument as dash does: the message alone, no
/// `rawsh: LINE:` prefix, and OPTARG/`?` set so the script can go on.
#[test]
fn getopts_errors_are_bare() {
    for (args, message) in [
        ("-z", "Illegal option -z\n"),
        ("-b", "No arg for -b option\n"),
    ] {
        let cmd = format!("getopts ab: o {args}; echo \"$o $?\"");
        let out = rawsh(Inline, &cmd);
        assert_eq!(out.stderr_str(), message, "{cmd}");
        assert_eq!(out.stdout_str(), "? 0\n", "{cmd}");
    }
}

/// `-s ARGS` reads commands from standard input with ARGS as `$1`...; `-n` parses a script
/// without running it (a syntax checker: status 2 and the error for a bad one).
#[test]
fn dash_options_s_and_n() {
    for shell in [common::rawsh as fn(&[&str]) -> Command, common::dash] {
        let out = run_with(
            shell,
            &["-s", "a", "b"],
            Stdin,
            b"echo \"$- $1 $#\"",
            TIMEOUT,
        );
        assert_eq!(out.stdout_str(), "s a 2\n");
        let out = run_with(shell, &["-n"], File, b"echo not run\n", TIMEOUT);
        assert_eq!((out.stdout_str(), out.status), (String::new(), 0));
        let out = run_with(shell, &["-n"], File, b"echo not run\nif\n", TIMEOUT);
        assert_eq!((out.stdout_str(), out.status), (String::new(), 2));
        assert!(out.stderr_str().contains("Syntax error"));
    }
}

/// `wait PID` reports a job a signal ended, as dash does (`Terminated`).
#[test]
fn wait_reports_a_job_killed_by_a_signal() {
    let out = rawsh(Inline, "sleep 10 & kill $!; wait $!; echo $?");
    assert_eq!(
        (out.stderr_str(), out.stdout_str()),
        ("Terminated\n".into(), "143\n".into())
    );
}

/// A compound command's failing redirection is reported with the line the command starts on
/// (a function's: where it was defined), as dash does.
#[test]
fn compound_redirection_errors_name_their_line() {
    let script = "echo a\n{ echo b\n} > /nonexistent/z\nwhile false\ndo :; done < /nonexistent/w\n\
                  f() {\n  :\n} > /nonexistent/f\nf\n";
    let out = rawsh(File, script);
    let stderr = out.stderr_str();
    let lines: Vec<&str> = stderr
        .lines()
        .map(|l| &l[..l.find(" cannot").unwrap_or(0)])
        .collect();
    assert_eq!(lines, ["rawsh: 2:", "rawsh: 4:", "rawsh: 6:"], "{stderr}");
}

/// Without PATH in its environment the shell sets dash's default, unexported; with PATH
/// unset no directory but the current one is searched.
#[test]
fn path_default_and_unset() {
    for shell in [common::rawsh as fn(&[&str]) -> Command, common::dash] {
        let script = "echo \"$PATH\"; export -p | grep -c PATH; \
                      cd / && (unset PATH; ls 2>/dev/null; echo $?)";
        let mut cmd = shell(&["-c", script]);
        cmd.env_clear();
        let out = cmd.output().unwrap();
        assert_eq!(
            String::from_utf8_lossy(&out.stdout),
            "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin\n0\n127\n"
        );
    }
}

/// `$(jobs -p)` lists the shell's own background jobs (dash's subshell has none), so the
/// common `kill $(jobs -p)` works; `jobs -l` shows their pids.
#[test]
fn jobs_p_in_a_command_substitution() {
    let out = rawsh(Inline, "sleep 10 & kill $(jobs -p); wait $!; echo $?");
    assert_eq!(out.stdout_str(), "143\n", "{}", out.stderr_str());
    // -l: the state with the pid, which is $!.
    let out = rawsh(
        Inline,
        "sleep 10 & p=$!; jobs -l > l; grep -c \" $p Running\" l; kill $p",
    );
    assert_eq!(out.stdout_str(), "1\n", "{}", out.stderr_str());
}

/// README's limit: 65 536 aliases; one more is one error line, and the shell goes on.
#[test]
fn alias_limit() {
    let names: Vec<String> = (0..=65_536).map(|i| format!("a{i:05}=x")).collect();
    let script = format!(
        "alias {}; echo \"status $?\"; alias a65535",
        names.join(" ")
    );
    let out = run_with(common::rawsh, &[], File, script.as_bytes(), SLOW_TIMEOUT);
    assert_one_error(
        &out,
        "alias: too many aliases (at most 65536)",
        "alias limit",
    );
    assert_eq!(out.stdout_str(), "status 1\na65535='x'\n");
}

#[test]
fn not_found_for_every_strategy() {
    for strategy in STRATEGIES {
        let input = b"./missing; echo $?; nosuch_cmd_rawsh; echo $?";
        let out = rawsh_spawn(strategy, Inline, input, TIMEOUT);
        assert_eq!(out.stdout_str(), "127\n127\n", "{strategy}: {out:?}");
        let err = out.stderr_str();
        assert_eq!(
            err.lines().count(),
            2,
            "{strategy}: one line per error: {err:?}"
        );
        assert!(
            err.lines().all(|l| l.starts_with("rawsh: ")),
            "{strategy}: {err:?}"
        );
    }
}

#[test]
fn not_executable_is_126() {
    for strategy in STRATEGIES {
        let what = format!("not executable ({strategy})");
        let input = b"printf 'echo x\\n' > f\n./f\necho after $?\n";
        let out = rawsh_spawn(strategy, File, input, TIMEOUT);
        assert_eq!(out.stdout_str(), "after 126\n", "{what}: {out:?}");
        assert_one_error(&out, "permission denied", &what);

        let out = rawsh_spawn(strategy, Inline, b"mkdir d; ./d; echo $?", TIMEOUT);
        assert_eq!(out.stdout_str(), "126\n", "{what}: a directory: {out:?}");
        assert_one_error(&out, "./d", &what);
    }
}

#[test]
fn syntax_error_in_script_stops_it_with_2() {
    let out = rawsh(File, "echo before\nif then\necho after\n");
    assert_eq!(
        out.stdout_str(),
        "before\n",
        "later lines must not run: {out:?}"
    );
    assert_eq!(out.status, 2);
    assert_one_error(&out, "syntax", "syntax error in a script");
}

#[test]
fn syntax_error_with_c_is_2() {
    // dash parses a whole line before running it: `echo a; fi` prints nothing.
    for input in [
        "echo a; fi; echo b",
        "echo a\nfi\necho b",
        "echo a )",
        "if true; then echo x",
    ] {
        let what = format!("-c {input:?}");
        let out = rawsh(Inline, input);
        assert_like_dash(&out, &dash(Inline, input), &what);
        assert_eq!(out.status, 2, "{what}");
        assert_one_error(&out, "syntax", &what);
    }
}

#[test]
fn syntax_error_on_stdin_stops_like_dash() {
    for input in [
        "echo before\nif then\necho after\n",
        "echo a\n)\necho b\n",
        "echo a\ndone\n",
    ] {
        let what = format!("stdin {input:?}");
        let out = rawsh(Stdin, input);
        assert_like_dash(&out, &dash(Stdin, input), &what);
        assert_eq!(out.status, 2, "{what}");
        assert_one_error(&out, "syntax", &what);
    }
}

#[test]
fn unterminated_quotes_are_syntax_errors() {
    for input in [
        "echo a\necho 'abc\n",
        "echo a\necho \"abc\n",
        "echo a\necho `abc\n",
        "echo a\necho $(abc\n",
    ] {
        for mode in MODES {
            let what = format!("{mode:?} {input:?}");
            let out = rawsh(mode, input);
            assert_like_dash(&out, &dash(mode, input), &what);
            assert_eq!(out.status, 2, "{what}");
            assert_one_error(&out, "rawsh: ", &what);
        }
    }
}

/// Deterministic pseudo-random bytes (a 64-bit LCG, Knuth's MMIX constants).
fn garbage(seed: u64, len: usize) -> Vec<u8> {
    let mut x = seed;
    (0..len)
        .map(|_| {
            x = x
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            (x >> 56) as u8
        })
        .collect()
}

#[test]
fn binary_garbage_never_crashes() {
    for seed in 1..=4u64 {
        let bytes = garbage(seed, 64 * 1024);
        for mode in [File, Stdin] {
            let what = format!("garbage seed {seed} ({mode:?})");
            let out = run_with(common::rawsh, &[], mode, &bytes, TIMEOUT);
            assert_no_crash(&out, &what);
        }
    }
    let zeros = vec![0u8; 64 * 1024];
    for mode in [File, Stdin] {
        let out = run_with(common::rawsh, &[], mode, &zeros, TIMEOUT);
        assert_no_crash(&out, &format!("NUL bytes ({mode:?})"));
    }
}

#[test]
fn nul_bytes_in_a_line_do_not_stop_later_lines() {
    for mode in [File, Stdin] {
        let out = run_with(common::rawsh, &[], mode, b"echo a\0b\necho c\n", TIMEOUT);
        assert_no_crash(&out, "NUL in a line");
        assert!(
            out.stdout_str().ends_with("c\n"),
            "{mode:?}: later line did not run: {out:?}"
        );
    }
}

#[test]
fn one_mib_line() {
    let word = "a".repeat(1 << 20);
    let input = format!("echo {word} | wc -c\necho after\n");
    for mode in [File, Stdin] {
        let out = run_with(common::rawsh, &[], mode, input.as_bytes(), SLOW_TIMEOUT);
        assert_no_crash(&out, "1 MiB line");
        assert_eq!(
            out.stdout_str(),
            format!("{}\nafter\n", (1 << 20) + 1),
            "{mode:?}"
        );
        assert_eq!(out.status, 0);
    }
}

#[test]
fn hundred_thousand_arguments() {
    let input = "set -- $(seq 100000); echo $# $1\n\
                 /bin/echo $(seq 100000) | wc -c\n\
                 echo $(seq 100000) | wc -c\n";
    let want = run_with(common::dash, &[], File, input.as_bytes(), SLOW_TIMEOUT);
    for strategy in STRATEGIES {
        let out = rawsh_spawn(strategy, File, input.as_bytes(), SLOW_TIMEOUT);
        assert_like_dash(&out, &want, &format!("100000 arguments ({strategy})"));
    }
}

/// 100 kB words (under the kernel's 128 KiB limit for one string): 15 of them fit in any
/// ARG_MAX, 90 (9 MB) exceed it whatever the stack limit (the kernel caps it at 6 MiB).
const ARGS_SETUP: &str =
    "x=$(head -c 100000 /dev/zero | tr '\\0' x)\ny=\"$x $x $x $x $x $x $x $x $x $x\"\n";

#[test]
fn large_argv_within_arg_max_works() {
    let input = format!("{ARGS_SETUP}/bin/echo $y $x $x $x $x $x | wc -c\n");
    for strategy in STRATEGIES {
        let out = rawsh_spawn(strategy, File, input.as_bytes(), SLOW_TIMEOUT);
        assert_no_crash(&out, strategy);
        assert_eq!(
            out.stdout_str(),
            "1500015\n",
            "{strategy}: {}",
            out.stderr_str()
        );
    }
}

#[test]
fn e2big_is_one_error_and_the_shell_goes_on() {
    let input = format!("{ARGS_SETUP}/bin/true $y $y $y $y $y $y $y $y $y\necho after $?\n");
    let want = run_with(common::dash, &[], File, input.as_bytes(), SLOW_TIMEOUT);
    assert_eq!(want.stdout_str(), "after 126\n", "dash reference changed");
    for strategy in STRATEGIES {
        let what = format!("E2BIG ({strategy})");
        let out = rawsh_spawn(strategy, File, input.as_bytes(), SLOW_TIMEOUT);
        assert_like_dash(&out, &want, &what);
        assert_one_error(&out, "argument list too long", &what);
    }
}

/// What a child sees of its descriptors in several positions: it must match dash (which
/// leaks nothing of its own; descriptors the test process inherited show in both).
const FD_LISTING: &str = "ls /proc/self/fd\n\
                          echo --\n\
                          ls /proc/self/fd | cat\n\
                          echo --\n\
                          (ls /proc/self/fd)\n\
                          echo --\n\
                          x=$(ls /proc/self/fd); echo $x\n\
                          echo --\n\
                          ls /proc/self/fd &\n\
                          wait\n\
                          echo --\n\
                          exec 3>f\n\
                          ls /proc/self/fd\n\
                          echo --\n\
                          ls /proc/self/fd 4<f\n";

#[test]
fn children_see_no_leaked_descriptors() {
    for mode in MODES {
        let want = dash(mode, FD_LISTING);
        for strategy in STRATEGIES {
            let out = rawsh_spawn(strategy, mode, FD_LISTING.as_bytes(), TIMEOUT);
            assert_like_dash(&out, &want, &format!("descriptors ({mode:?}, {strategy})"));
        }
    }
}

/// Lists the shell's zombie children (none expected), then `end`.
const ZOMBIE_CHECK: &str =
    "awk -v p=$$ '$4 == p && $3 == \"Z\" { print \"zombie\", $0 }' /proc/[0-9]*/stat\necho end\n";

#[test]
fn every_child_is_reaped() {
    let waited = format!(
        "true & true & wait\n/bin/true\n/bin/true | cat\n(true)\nx=$(true)\nsleep 0.1 &\nwait $!\n{ZOMBIE_CHECK}"
    );
    // Background jobs that end (their files exist) while the shell waits for a foreground
    // command, never waited for by name: dash reaps them too.
    let unwaited = format!(
        "touch f1 & touch f2 &\nwhile [ ! -e f1 ] || [ ! -e f2 ]; do sleep 0.05; done\nsleep 0.2\n{ZOMBIE_CHECK}"
    );
    for input in [&waited, &unwaited] {
        assert_eq!(
            dash(File, input).stdout_str(),
            "end\n",
            "dash reference changed"
        );
        for strategy in STRATEGIES {
            let out = rawsh_spawn(strategy, File, input.as_bytes(), TIMEOUT);
            assert_no_crash(&out, strategy);
            assert_eq!(
                out.stdout_str(),
                "end\n",
                "{strategy}: {input}\n{}",
                out.stderr_str()
            );
        }
    }
}

#[test]
fn runaway_recursion_is_an_error_not_a_crash() {
    let out = rawsh(File, "f() { f; }\nf\necho not reached\n");
    assert_no_crash(&out, "runaway recursion");
    assert_eq!(out.stdout_str(), "", "the script must stop");
    assert_eq!(out.status, 2);
    assert_one_error(&out, "rawsh: ", "runaway recursion");
}

/// `set -v` (and `rawsh -v`): each command's text goes to stderr as it is read, before it
/// runs, as dash does for scripts.
#[test]
fn verbose_echoes_input_before_running_it() {
    for mode in [File, Stdin] {
        let out = rawsh(mode, "set -v\necho one\nif true; then\n  echo two\nfi\n");
        assert_eq!(out.stdout_str(), "one\ntwo\n", "{mode:?}: {out:?}");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "echo one\nif true; then\n  echo two\nfi\n",
            "{mode:?}"
        );
        assert_eq!(
            out.stderr,
            dash(mode, "set -v\necho one\nif true; then\n  echo two\nfi\n").stderr,
            "{mode:?}: like dash"
        );
    }
}
