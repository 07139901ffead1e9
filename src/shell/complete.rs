//! Tab completion: finds the word at the cursor and its candidates — command names (builtins,
//! functions, applets, executables on PATH) for a word in command position, file names for
//! the others.

use super::Shell;
use super::path::cstring;
use crate::sys::fd;
use crate::sys::fs;
use alloc::vec::Vec;

/// Candidates for the word before the cursor.
#[derive(Debug, Default)]
pub struct Completion {
    /// Where the word starts in the line.
    pub start: usize,
    /// The word as typed, without its quotes and backslashes.
    pub typed: Vec<u8>,
    /// What the word could become (unquoted), sorted; directories end in `/`.
    pub words: Vec<Vec<u8>>,
    /// How many leading bytes of each candidate a listing leaves out (their directory).
    pub shown_from: usize,
}

/// The candidates for the word that ends at `cursor` in `line`.
pub fn complete(sh: &Shell, line: &[u8], cursor: usize) -> Completion {
    let word = word_at(line.get(..cursor).unwrap_or(line));
    let (words, shown_from) = if word.command && !word.text.contains(&b'/') {
        let path = sh.vars.get(b"PATH").unwrap_or_default();
        let functions = sh.functions.iter().map(|(name, _)| name);
        (commands(&word.text, path, functions), 0)
    } else {
        files(&word.text, sh.vars.get(b"HOME"))
    };
    Completion {
        start: word.start,
        typed: word.text,
        words,
        shown_from,
    }
}

/// The word being completed.
#[derive(Debug, PartialEq, Eq)]
struct Word {
    start: usize,
    /// Unquoted.
    text: Vec<u8>,
    /// In command position: first in its command, or after assignments and reserved words
    /// that a command follows.
    command: bool,
}

/// Reserved words after which a command name comes (XCU 2.4).
const BEFORE_COMMAND: &[&[u8]] = &[
    b"!", b"{", b"do", b"elif", b"else", b"if", b"then", b"until", b"while",
];

/// Finds the last word of `line` with a light scan of the shell's token rules (XCU 2.3):
/// quotes and backslashes, blanks, control operators, redirections. An empty last word starts
/// at the end.
fn word_at(line: &[u8]) -> Word {
    let mut word = Word {
        start: line.len(),
        text: Vec::new(),
        command: true,
    };
    let mut in_word = false;
    // The next word is a command name / a redirection's target.
    let mut command = true;
    let mut target = false;
    let mut word_is_target = false;
    let mut quote: Option<u8> = None;
    let mut i = 0;
    while i < line.len() {
        let b = line[i];
        let mut start = |word: &mut Word, in_word: &mut bool| {
            if !*in_word {
                *in_word = true;
                word.start = i;
                word.text.clear();
                word.command = command && !target;
                word_is_target = target;
            }
        };
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(b'"'), b'\\') if matches!(line.get(i + 1), Some(b'$' | b'`' | b'"' | b'\\')) => {
                i += 1;
                word.text.push(line[i]);
            }
            (Some(_), _) => word.text.push(b),
            (None, b'\\') => {
                start(&mut word, &mut in_word);
                i += 1;
                if let Some(&c) = line.get(i) {
                    word.text.push(c);
                }
            }
            (None, b'\'' | b'"') => {
                start(&mut word, &mut in_word);
                quote = Some(b);
            }
            (
                None,
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'`' | b'<' | b'>',
            ) => {
                if in_word {
                    in_word = false;
                    if word_is_target {
                        target = false;
                    } else if word.command {
                        command = is_assignment(&word.text)
                            || BEFORE_COMMAND.contains(&word.text.as_slice());
                    }
                }
                let after_redirection = i > 0 && matches!(line[i - 1], b'<' | b'>');
                match b {
                    b'<' | b'>' => target = true,
                    b'&' if after_redirection => {}
                    b';' | b'&' | b'|' | b'(' | b')' | b'`' => {
                        command = true;
                        target = false;
                    }
                    _ => {}
                }
            }
            (None, _) => {
                start(&mut word, &mut in_word);
                word.text.push(b);
            }
        }
        i += 1;
    }
    if !in_word {
        word.start = line.len();
        word.text.clear();
        word.command = command && !target;
    }
    word
}

fn is_assignment(w: &[u8]) -> bool {
    w.iter()
        .position(|&b| b == b'=')
        .is_some_and(|eq| super::vars::is_name(&w[..eq]))
}

/// Command names starting with `prefix`: builtins, `functions`, applets, and executable
/// regular files in the directories of `path`.
fn commands<'a>(
    prefix: &[u8],
    path: &[u8],
    functions: impl Iterator<Item = &'a [u8]>,
) -> Vec<Vec<u8>> {
    // A set kept in name order (shell::map, not BTreeSet: one sorted-map code in the binary).
    let mut found: super::map::Map<()> = super::map::Map::default();
    let builtins = super::builtins::names().map(|n| -> &'a [u8] { n.as_bytes() });
    let applets = crate::applets::APPLETS
        .iter()
        .map(|(n, _)| -> &'a [u8] { n.as_bytes() });
    for name in builtins.chain(applets).chain(functions) {
        if name.starts_with(prefix) {
            found.insert(name, ());
        }
    }
    for dir in path.split(|&b| b == b':') {
        // An empty PATH entry is the current directory (XBD 8.3).
        let dir = if dir.is_empty() { &b"."[..] } else { dir };
        read_dir(dir, &mut |name, _| {
            if name.starts_with(prefix) && !found.contains_key(name) && is_executable(dir, name) {
                found.insert(name, ());
            }
        });
    }
    found.iter().map(|(name, ())| name.to_vec()).collect()
}

fn is_executable(dir: &[u8], name: &[u8]) -> bool {
    let Some(full) = cstring(&join(dir, name)) else {
        return false;
    };
    fs::stat(&full).is_ok_and(|st| st.is_file()) && fs::access(&full, fs::X_OK).is_ok()
}

/// File names completing `text` (a path, possibly `~/...`), directories with a trailing `/`,
/// and the length of the directory part they share. Dot files only when the name typed starts
/// with a dot.
fn files(text: &[u8], home: Option<&[u8]>) -> (Vec<Vec<u8>>, usize) {
    let split = text.iter().rposition(|&b| b == b'/').map_or(0, |i| i + 1);
    let (dir, base) = text.split_at(split);
    let real: Vec<u8> = match (dir.strip_prefix(b"~/"), home) {
        (Some(rest), Some(home)) => join(home, rest),
        _ if dir.is_empty() => b"./".to_vec(),
        _ => dir.to_vec(),
    };
    let mut words = Vec::new();
    read_dir(&real, &mut |name, kind| {
        let hidden = name.starts_with(b".") && !base.starts_with(b".");
        if !name.starts_with(base) || hidden || name == b"." || name == b".." {
            return;
        }
        let is_dir = match kind {
            fs::DT_DIR => true,
            fs::DT_LNK | fs::DT_UNKNOWN => cstring(&join(&real, name))
                .is_some_and(|p| fs::stat(&p).is_ok_and(|st| st.is_dir())),
            _ => false,
        };
        let mut w = [dir, name].concat();
        if is_dir {
            w.push(b'/');
        }
        words.push(w);
    });
    crate::rt::sort::sort(&mut words);
    (words, dir.len())
}

/// `dir/name`, without doubling a slash.
fn join(dir: &[u8], name: &[u8]) -> Vec<u8> {
    let mut p = dir.to_vec();
    if !p.ends_with(b"/") {
        p.push(b'/');
    }
    p.extend_from_slice(name);
    p
}

/// Calls `f(name, d_type)` for each entry of directory `dir`; nothing if it cannot be read.
// `dyn`, not generic: one copy for both callers.
fn read_dir(dir: &[u8], f: &mut dyn FnMut(&[u8], u8)) {
    let Some(c) = cstring(dir) else { return };
    let Ok(d) = fs::open(&c, fs::O_RDONLY | fs::O_DIRECTORY | fs::O_CLOEXEC, 0) else {
        return;
    };
    let mut buf = alloc::vec![0u8; 8192];
    while let Ok(n @ 1..) = fs::getdents64(d, &mut buf) {
        for e in fs::dir_entries(buf.get(..n).unwrap_or(&[])) {
            f(e.name, e.kind);
        }
    }
    let _ = fd::close(d);
}

/// `word` with a backslash before each character the shell would otherwise take as syntax or
/// a pattern (XCU 2.2), for inserting a file name into the line. `~` and `=` are left alone:
/// a `~/` the user typed stays a tilde prefix.
pub fn escape(word: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(word.len());
    for &b in word {
        if b" \t\n'\"\\$`;&|()<>*?[]".contains(&b) {
            out.push(b'\\');
        }
        out.push(b);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::os::unix::fs::PermissionsExt;

    fn word(line: &str) -> (usize, String, bool) {
        let w = word_at(line.as_bytes());
        (w.start, String::from_utf8(w.text).unwrap(), w.command)
    }

    #[test]
    fn finding_the_word() {
        assert_eq!(word(""), (0, "".into(), true));
        assert_eq!(word("ec"), (0, "ec".into(), true));
        assert_eq!(word("echo "), (5, "".into(), false));
        assert_eq!(word("echo fi"), (5, "fi".into(), false));
        assert_eq!(word("echo a; ls"), (8, "ls".into(), true));
        assert_eq!(word("a|b"), (2, "b".into(), true));
        assert_eq!(word("X=1 ls"), (4, "ls".into(), true));
        assert_eq!(word("if tr"), (3, "tr".into(), true));
        assert_eq!(word("cat <fi"), (5, "fi".into(), false));
        assert_eq!(word(">out ec"), (5, "ec".into(), true));
        assert_eq!(word("ls 2>&1 fo"), (8, "fo".into(), false));
        assert_eq!(word("cat my\\ fi"), (4, "my fi".into(), false));
        assert_eq!(word("cat 'my fi"), (4, "my fi".into(), false));
        assert_eq!(word("x $(ec"), (4, "ec".into(), true));
    }

    #[test]
    fn escaping() {
        assert_eq!(escape(b"a b$c"), b"a\\ b\\$c");
        assert_eq!(escape(b"~/x=y"), b"~/x=y");
    }

    fn temp_dir(name: &str) -> std::path::PathBuf {
        let d = std::env::temp_dir().join(format!("rawsh-complete-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&d);
        std::fs::create_dir_all(&d).unwrap();
        d
    }

    fn strings(v: Vec<Vec<u8>>) -> Vec<String> {
        v.into_iter()
            .map(|w| String::from_utf8(w).unwrap())
            .collect()
    }

    #[test]
    fn file_names() {
        let d = temp_dir("files");
        std::fs::write(d.join("file one"), "").unwrap();
        std::fs::write(d.join("file2"), "").unwrap();
        std::fs::write(d.join(".hidden"), "").unwrap();
        std::fs::create_dir(d.join("fdir")).unwrap();
        std::os::unix::fs::symlink(d.join("fdir"), d.join("flink")).unwrap();
        let base = format!("{}/", d.display());
        let (words, shown) = files(format!("{base}f").as_bytes(), None);
        assert_eq!(shown, base.len());
        let short: Vec<String> = strings(words)
            .iter()
            .map(|w| w[shown..].to_string())
            .collect();
        assert_eq!(short, ["fdir/", "file one", "file2", "flink/"]);
        let (words, _) = files(format!("{base}.h").as_bytes(), None);
        assert_eq!(strings(words), [format!("{base}.hidden")]);
        let (words, _) = files(format!("{base}x").as_bytes(), None);
        assert!(words.is_empty());
        // `~/` stays as typed, read from HOME.
        let (words, shown) = files(b"~/file2", Some(d.to_str().unwrap().as_bytes()));
        assert_eq!((strings(words), shown), (vec!["~/file2".to_string()], 2));
        std::fs::remove_dir_all(&d).unwrap();
    }

    #[test]
    fn command_names() {
        let d = temp_dir("commands");
        for (name, mode) in [("rawcmd-x", 0o755), ("rawcmd-noexec", 0o644)] {
            std::fs::write(d.join(name), "").unwrap();
            std::fs::set_permissions(d.join(name), std::fs::Permissions::from_mode(mode)).unwrap();
        }
        std::fs::create_dir(d.join("rawcmd-dir")).unwrap();
        let path = format!("/nonexistent:{}", d.display());
        let functions = [&b"rawcmd-fn"[..]];
        let found = commands(b"rawcmd", path.as_bytes(), functions.into_iter());
        assert_eq!(strings(found), ["rawcmd-fn", "rawcmd-x"]);
        let found = commands(b"ech", b"", core::iter::empty());
        assert!(strings(found).contains(&"echo".to_string()));
        std::fs::remove_dir_all(&d).unwrap();
    }
}
