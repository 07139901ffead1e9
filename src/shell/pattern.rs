//! Shell pattern matching (XCU 2.13): `case`, `${x#p}` and friends, and pathname expansion.
//!
//! A [`Pattern`] is the text after expansion with each byte marked quoted or not: quoted
//! bytes match only themselves, and an unquoted backslash makes the next byte literal (it
//! can come from an expansion: `x='\*'; case $y in $x)` matches only `*`). Bytes, not
//! characters, as in dash: `?` matches one byte.
//!
//! Matching is iterative and backtracks only to the last `*`, so it is O(pattern × text)
//! whatever the input.

use crate::sys::fd;
use crate::sys::fs;
use alloc::vec::Vec;
use core::ffi::CStr;

/// A pattern: bytes, each with whether it was quoted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pattern {
    chars: Vec<(u8, bool)>,
}

impl Pattern {
    pub fn new() -> Pattern {
        Pattern::default()
    }

    pub fn push(&mut self, byte: u8, quoted: bool) {
        self.chars.push((byte, quoted));
    }

    /// A pattern of unquoted bytes (`*` is a wildcard).
    pub fn unquoted(text: &[u8]) -> Pattern {
        Pattern {
            chars: text.iter().map(|&b| (b, false)).collect(),
        }
    }

    /// Whether pathname expansion applies: the pattern has an unquoted `*`, `?` or bracket
    /// expression (XCU 2.6.6).
    pub fn has_wildcards(&self) -> bool {
        Matcher::new(&self.chars).has_wildcards()
    }

    /// Whether the whole of `s` matches (`case`).
    pub fn matches(&self, s: &[u8]) -> bool {
        Matcher::new(&self.chars).matches(s)
    }

    /// `${x#p}` (`longest`: `${x##p}`): `s` without the shortest (longest) matching prefix.
    pub fn remove_prefix<'a>(&self, s: &'a [u8], longest: bool) -> &'a [u8] {
        let m = Matcher::new(&self.chars);
        let mut ends = 0..=s.len();
        let end = if longest {
            ends.rev().find(|&k| m.matches(&s[..k]))
        } else {
            ends.find(|&k| m.matches(&s[..k]))
        };
        end.map_or(s, |k| &s[k..])
    }

    /// `${x%p}` (`longest`: `${x%%p}`): `s` without the shortest (longest) matching suffix.
    pub fn remove_suffix<'a>(&self, s: &'a [u8], longest: bool) -> &'a [u8] {
        let m = Matcher::new(&self.chars);
        let mut starts = 0..=s.len();
        let start = if longest {
            starts.find(|&k| m.matches(&s[k..]))
        } else {
            starts.rev().find(|&k| m.matches(&s[k..]))
        };
        start.map_or(s, |k| &s[..k])
    }
}

/// One compiled pattern element; each but `Star` matches exactly one byte.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Token {
    Byte(u8),
    Any,
    Star,
    /// A bracket expression: the bytes it matches, one bit each.
    Set([u64; 4]),
}

impl Token {
    fn matches(&self, b: u8) -> bool {
        match self {
            Token::Byte(c) => *c == b,
            Token::Any => true,
            Token::Star => false,
            Token::Set(bits) => bits[(b >> 6) as usize] & (1 << (b & 63)) != 0,
        }
    }
}

struct Matcher {
    tokens: Vec<Token>,
}

impl Matcher {
    fn new(chars: &[(u8, bool)]) -> Matcher {
        let mut tokens = Vec::with_capacity(chars.len());
        let mut i = 0;
        while let Some(&(b, quoted)) = chars.get(i) {
            i += 1;
            if quoted {
                tokens.push(Token::Byte(b));
                continue;
            }
            match b {
                b'*' => {
                    // `**` is `*`: collapsing keeps the matcher's work linear in the stars.
                    if tokens.last() != Some(&Token::Star) {
                        tokens.push(Token::Star);
                    }
                }
                b'?' => tokens.push(Token::Any),
                // A lone trailing backslash stands for itself (dash: `x='\'` matches `\`).
                b'\\' => {
                    let (c, _) = chars.get(i).copied().unwrap_or((b'\\', true));
                    i = (i + 1).min(chars.len());
                    tokens.push(Token::Byte(c));
                }
                b'[' => match bracket(&chars[i..]) {
                    Some((set, used)) => {
                        tokens.push(Token::Set(set));
                        i += used;
                    }
                    // No closing `]`: the `[` is an ordinary character.
                    None => tokens.push(Token::Byte(b'[')),
                },
                _ => tokens.push(Token::Byte(b)),
            }
        }
        Matcher { tokens }
    }

    /// Whether the pattern has anything but literal bytes (pathname expansion skips words
    /// without wildcards).
    fn has_wildcards(&self) -> bool {
        self.tokens.iter().any(|t| !matches!(t, Token::Byte(_)))
    }

    /// The pattern's bytes when it has no wildcards (backslashes removed).
    fn literal(&self) -> Vec<u8> {
        self.tokens
            .iter()
            .filter_map(|t| match t {
                Token::Byte(b) => Some(*b),
                _ => None,
            })
            .collect()
    }

    fn matches(&self, s: &[u8]) -> bool {
        let tokens = &self.tokens;
        let (mut t, mut i) = (0, 0);
        // After a mismatch, retry from the last `*` with it covering one more byte. Every
        // other token matches exactly one byte, so the last star is the only choice point
        // that matters.
        let mut star: Option<(usize, usize)> = None;
        loop {
            match tokens.get(t) {
                Some(Token::Star) => {
                    star = Some((t + 1, i));
                    t += 1;
                    continue;
                }
                Some(tok) => {
                    if let Some(&b) = s.get(i) {
                        if tok.matches(b) {
                            t += 1;
                            i += 1;
                            continue;
                        }
                    }
                }
                None if i == s.len() => return true,
                None => {}
            }
            match star {
                Some((st, si)) if si < s.len() => {
                    star = Some((st, si + 1));
                    t = st;
                    i = si + 1;
                }
                _ => return false,
            }
        }
    }
}

/// Parses a bracket expression after its `[`: returns the set and how many pattern chars it
/// used (through the closing `]`), or `None` when there is no closing `]`.
///
/// As dash: `!` negates (`^` is an ordinary character), a `]` first in the list is literal,
/// `a-z` is a byte range (empty when reversed), `[:class:]` names a character class (an
/// unknown name makes the whole expression match nothing), quoted or backslash-escaped
/// characters are literal and never close the expression or make a range.
fn bracket(chars: &[(u8, bool)]) -> Option<([u64; 4], usize)> {
    let mut set = [0u64; 4];
    let mut valid = true;
    let mut i = 0;
    let negate = chars.first() == Some(&(b'!', false));
    if negate {
        i += 1;
    }
    let first = i;
    // The previous single character, if it can start a range.
    let mut prev: Option<u8> = None;
    loop {
        let &(b, quoted) = chars.get(i)?;
        if !quoted && b == b']' && i > first {
            i += 1;
            break;
        }
        if !quoted && b == b'[' && chars.get(i + 1) == Some(&(b':', false)) {
            if let Some(len) = class_end(&chars[i + 2..]) {
                let name: Vec<u8> = chars[i + 2..i + 2 + len].iter().map(|c| c.0).collect();
                match class(&name) {
                    Some(test) => (0..=255u8)
                        .filter(|&c| test(c))
                        .for_each(|c| add(&mut set, c)),
                    None => valid = false,
                }
                i += len + 4;
                prev = None;
                continue;
            }
        }
        let (c, next) = if !quoted && b == b'\\' {
            match chars.get(i + 1) {
                Some(&(c, _)) => (c, i + 2),
                None => (b'\\', i + 1),
            }
        } else {
            (b, i + 1)
        };
        // `a-z`: an unquoted `-` between two characters, not before the closing `]`.
        if !quoted && b == b'-' && prev.is_some() {
            if let Some(&(hi, hq)) = chars.get(i + 1) {
                if hq || hi != b']' {
                    let (hi, after) = if !hq && hi == b'\\' {
                        match chars.get(i + 2) {
                            Some(&(c, _)) => (c, i + 3),
                            None => (b'\\', i + 2),
                        }
                    } else if !hq && hi == b'[' && chars.get(i + 2) == Some(&(b':', false)) {
                        // `a-[:alpha:]`: not a range; `-` is literal, the class comes next.
                        add(&mut set, b'-');
                        prev = None;
                        i = next;
                        continue;
                    } else {
                        (hi, i + 2)
                    };
                    let lo = prev.take().unwrap_or(hi);
                    (lo..=hi).for_each(|c| add(&mut set, c));
                    i = after;
                    continue;
                }
            }
        }
        add(&mut set, c);
        prev = Some(c);
        i = next;
    }
    if !valid {
        return Some(([0; 4], i));
    }
    if negate {
        set.iter_mut().for_each(|w| *w = !*w);
    }
    Some((set, i))
}

fn add(set: &mut [u64; 4], c: u8) {
    set[(c >> 6) as usize] |= 1 << (c & 63);
}

/// The length of a class name up to its unquoted `:]`, if there is one.
fn class_end(chars: &[(u8, bool)]) -> Option<usize> {
    chars
        .windows(2)
        .position(|w| w[0] == (b':', false) && w[1] == (b']', false))
}

/// The POSIX locale's character classes (XBD 7.3.1).
fn class(name: &[u8]) -> Option<fn(u8) -> bool> {
    Some(match name {
        b"alpha" => |c: u8| c.is_ascii_alphabetic(),
        b"digit" => |c: u8| c.is_ascii_digit(),
        b"alnum" => |c: u8| c.is_ascii_alphanumeric(),
        b"upper" => |c: u8| c.is_ascii_uppercase(),
        b"lower" => |c: u8| c.is_ascii_lowercase(),
        b"space" => |c: u8| matches!(c, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c),
        b"blank" => |c: u8| c == b' ' || c == b'\t',
        b"punct" => |c: u8| c.is_ascii_punctuation(),
        b"print" => |c: u8| (0x20..0x7f).contains(&c),
        b"graph" => |c: u8| c.is_ascii_graphic(),
        b"cntrl" => |c: u8| c.is_ascii_control(),
        b"xdigit" => |c: u8| c.is_ascii_hexdigit(),
        _ => return None,
    })
}

/// Pathname expansion (XCU 2.13.3): the paths matching `pattern`, in byte order, or none.
///
/// The pattern is taken one `/`-separated component at a time: a component without
/// wildcards is appended as is, one with wildcards is matched against the entries of the
/// directory built so far. Wildcards never match `/`, nor a leading `.` (only a literal `.`
/// does). A final literal component must exist (lstat), like dash.
pub fn glob(pattern: &Pattern) -> Vec<Vec<u8>> {
    let components: Vec<&[(u8, bool)]> = pattern.chars.split(|&(b, _)| b == b'/').collect();
    let mut found = Vec::new();
    let mut path = Vec::new();
    walk(&components, &mut path, &mut found);
    found.sort();
    found
}

fn walk(components: &[&[(u8, bool)]], path: &mut Vec<u8>, found: &mut Vec<Vec<u8>>) {
    let Some((first, rest)) = components.split_first() else {
        return;
    };
    let matcher = Matcher::new(first);
    if !matcher.has_wildcards() {
        let len = path.len();
        path.extend_from_slice(&matcher.literal());
        if rest.is_empty() {
            if exists(path) {
                found.push(path.clone());
            }
        } else {
            path.push(b'/');
            walk(rest, path, found);
        }
        path.truncate(len);
        return;
    }
    let dot_ok = matcher.tokens.first() == Some(&Token::Byte(b'.'));
    let mut names = Vec::new();
    read_dir(path, |name| {
        if (dot_ok || name.first() != Some(&b'.')) && matcher.matches(name) {
            names.push(name.to_vec());
        }
    });
    for name in names {
        let len = path.len();
        path.extend_from_slice(&name);
        if rest.is_empty() {
            found.push(path.clone());
        } else {
            path.push(b'/');
            walk(rest, path, found);
        }
        path.truncate(len);
    }
}

/// Calls `f` with each entry name of directory `dir` ("" is the current directory); an
/// unreadable directory has no entries, as for dash.
fn read_dir(dir: &[u8], mut f: impl FnMut(&[u8])) {
    let Some(c) = c_path(if dir.is_empty() { b"." } else { dir }) else {
        return;
    };
    let Some(cstr) = CStr::from_bytes_with_nul(&c).ok() else {
        return;
    };
    let Ok(fd) = fs::open(cstr, fs::O_RDONLY | fs::O_DIRECTORY | fs::O_CLOEXEC, 0) else {
        return;
    };
    let mut buf = alloc::vec![0u8; 8192];
    while let Ok(n) = crate::sys::retry(|| fs::getdents64(fd, &mut buf)) {
        if n == 0 {
            break;
        }
        for entry in fs::dir_entries(&buf[..n.min(buf.len())]) {
            f(entry.name);
        }
    }
    let _ = fd::close(fd);
}

fn exists(path: &[u8]) -> bool {
    c_path(path)
        .and_then(|c| {
            CStr::from_bytes_with_nul(&c)
                .ok()
                .map(|s| fs::lstat(s).is_ok())
        })
        .unwrap_or(false)
}

/// `path` with a NUL appended, or `None` if it holds a NUL (no such file can exist).
fn c_path(path: &[u8]) -> Option<Vec<u8>> {
    if path.contains(&0) {
        return None;
    }
    let mut c = Vec::with_capacity(path.len() + 1);
    c.extend_from_slice(path);
    c.push(0);
    Some(c)
}
