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
        prefix_match(&m.tokens, s, false, longest).map_or(s, |k| &s[k..])
    }

    /// `${x%p}` (`longest`: `${x%%p}`): `s` without the shortest (longest) matching suffix.
    pub fn remove_suffix<'a>(&self, s: &'a [u8], longest: bool) -> &'a [u8] {
        // A suffix of `s` matches exactly when its reverse matches the reversed pattern
        // (every token but `*` is one byte), so this is a prefix match from the end.
        let mut m = Matcher::new(&self.chars);
        m.tokens.reverse();
        prefix_match(&m.tokens, s, true, longest).map_or(s, |k| &s[..s.len() - k])
    }
}

/// The length of the shortest (or longest) prefix of `s` that `tokens` match, found in one
/// pass by tracking every token position a prefix can have reached (O(text × pattern),
/// where trying each prefix in turn would be quadratic in the text).
///
/// `from_end`: `s` is read backwards, from its last byte (a flag, not a generic iterator, so
/// that this is compiled once).
fn prefix_match(tokens: &[Token], s: &[u8], from_end: bool, longest: bool) -> Option<usize> {
    // at[j]: the prefix read so far can be matched by the first j tokens.
    let mut at = alloc::vec![false; tokens.len() + 1];
    let mut next = at.clone();
    at[0] = true;
    let close = |at: &mut [bool]| {
        // A star may match nothing.
        for j in 0..tokens.len() {
            if at[j] && tokens[j] == Token::Star {
                at[j + 1] = true;
            }
        }
    };
    close(&mut at);
    let mut found = at[tokens.len()].then_some(0);
    if found.is_some() && !longest {
        return found;
    }
    let mut bytes = s.iter();
    let mut k = 0;
    while let Some(&b) = if from_end {
        bytes.next_back()
    } else {
        bytes.next()
    } {
        next.iter_mut().for_each(|n| *n = false);
        for (j, tok) in tokens.iter().enumerate() {
            if at[j] {
                match tok {
                    Token::Star => next[j] = true,
                    tok if tok.matches(b) => next[j + 1] = true,
                    _ => {}
                }
            }
        }
        close(&mut next);
        core::mem::swap(&mut at, &mut next);
        k += 1;
        if at[tokens.len()] {
            found = Some(k);
            if !longest {
                break;
            }
        }
        if !at.contains(&true) {
            break;
        }
    }
    found
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
                Some(tok) if s.get(i).is_some_and(|&b| tok.matches(b)) => {
                    t += 1;
                    i += 1;
                    continue;
                }
                Some(_) => {}
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
    loop {
        let &(b, quoted) = chars.get(i)?;
        if !quoted && b == b']' && i > first {
            i += 1;
            break;
        }
        if !quoted
            && b == b'['
            && chars.get(i + 1) == Some(&(b':', false))
            && let Some(len) = class_end(&chars[i + 2..])
        {
            let name: Vec<u8> = chars[i + 2..i + 2 + len].iter().map(|c| c.0).collect();
            match class(&name) {
                Some(test) => (0..=255u8)
                    .filter(|&c| test(c))
                    .for_each(|c| add(&mut set, c)),
                None => valid = false,
            }
            i += len + 4;
            continue;
        }
        let (lo, next) = element(chars, i)?;
        // `a-z`: an unquoted `-` between two characters (not before the closing `]`).
        let dash = chars.get(next) == Some(&(b'-', false));
        match chars.get(next + 1) {
            Some(&(hi, hq)) if dash && (hq || hi != b']') => {
                let (hi, after) = element(chars, next + 1)?;
                (lo..=hi).for_each(|c| add(&mut set, c));
                i = after;
            }
            _ => {
                add(&mut set, lo);
                i = next;
            }
        }
    }
    if !valid {
        return Some(([0; 4], i));
    }
    if negate {
        set.iter_mut().for_each(|w| *w = !*w);
    }
    Some((set, i))
}

/// The character at `i` (a backslash quotes the next one) and the index after it.
fn element(chars: &[(u8, bool)], i: usize) -> Option<(u8, usize)> {
    let &(b, quoted) = chars.get(i)?;
    if quoted || b != b'\\' {
        return Some((b, i + 1));
    }
    // A backslash with nothing after it stands for itself.
    Some(
        chars
            .get(i + 1)
            .map_or((b'\\', i + 1), |&(c, _)| (c, i + 2)),
    )
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
    crate::rt::sort::sort(&mut found);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A pattern as a `case` pattern is written: `\c` and `"..."` quote, the rest does not.
    fn pat(text: &str) -> Pattern {
        let mut p = Pattern::new();
        let mut quoted = false;
        let mut bytes = text.bytes();
        while let Some(b) = bytes.next() {
            match b {
                b'"' => quoted = !quoted,
                b'\\' => p.push(bytes.next().unwrap(), true),
                _ => p.push(b, quoted),
            }
        }
        p
    }

    /// (pattern, string, matches) checked against dash's `case`.
    const CASES: &[(&str, &str, bool)] = &[
        ("a\"*\"", "a*", true),
        ("a\"*\"", "ab", false),
        ("[\"a-c\"]", "b", false),
        ("[\"a-c\"]", "-", true),
        ("[a\"-\"c]", "b", false),
        ("[]a]", "]", true),
        ("[]a]", "a", true),
        ("[a-]", "-", true),
        ("[!]a]", "x", true),
        ("[!]]", "]", false),
        ("[!]", "!", false),
        ("[!]", "[!]", true),
        ("[^a]", "b", false),
        ("[^a]", "^", true),
        ("[^a]", "a", true),
        ("[\\^a]", "^", true),
        ("[^]", "]", false),
        ("[[:alpha:]]", "a", true),
        ("[[:alpha:][:digit:]]", "1", true),
        ("[[:foo:]]", "a", false),
        ("[[:foo:]]", "[", false),
        ("[[:foo:]b]", "b", false),
        ("[b[:foo:]]", "b", false),
        ("[![:foo:]]", "b", false),
        ("[[:alpha:]", "a", false),
        ("[[:alpha:]", "[", false),
        ("[[:alpha]", "x", false),
        ("[[:alpha]", ":", true),
        ("[[:alpha:]x]", "a", true),
        // The range ends at `[`; `]` then closes, and a literal `]` follows.
        ("[a-[:alpha:]]", "b", false),
        ("[a-[:alpha:]]", "p]", true),
        ("[A-[:alpha:]]", "B]", true),
        ("[[:digit:]-z]", "b", false),
        ("[[:alpha:]-z]", "-", true),
        ("[c-a]", "b", false),
        ("[c-a]", "c", false),
        ("*a", ".a", true),
        ("?", "/", true),
        ("a*b", "a/b", true),
        ("[[]", "[", true),
        ("[", "a", false),
        ("[", "[", true),
        ("[ab", "[ab", true),
        ("x]", "x]", true),
        ("?", "é", false),
        ("??", "é", true),
        ("[a-a]", "a", true),
        ("[-a]", "-", true),
        ("[a-c-e]", "b", true),
        ("[a-c-e]", "-", true),
        ("[a-c-e]", "d", false),
        ("[\\\\]", "\\", true),
        ("[\\a]", "a", true),
        ("[\\]]", "]", true),
        ("\"\"", "", true),
        ("*", "", true),
        ("*?*?*?*", "abc", true),
        ("*?*?*?*", "ab", false),
        ("[[:upper:]]", "a", false),
        ("[[:space:]]", " ", true),
        ("[[:blank:]]", "\t", true),
        ("[[:punct:]]", "_", true),
        ("[[:xdigit:]]", "F", true),
        ("[[:ALPHA:]]", "a", false),
        ("[![:digit:]]", "a", true),
        ("[[.a.]]", "a", false),
        ("[[=a=]]", "a", false),
        ("[!a-z]", "a", false),
        ("*[!a]*", "a", false),
        ("\\*", "*", true),
        ("\\*", "a", false),
        ("[é]", "é", false),
        ("[!é]", "x", true),
        ("[[:]", "[:", false),
        ("[[:]", ":", true),
        ("[[:]", "[", true),
        ("[[:a]", "a", true),
        ("[[:]]", ":]", true),
        ("[[:]]", "[", false),
        ("a*b*c", "axxbxxbxc", true),
        ("a*b*c", "axxbxxbx", false),
    ];

    #[test]
    fn case_matching_like_dash() {
        for &(p, s, want) in CASES {
            assert_eq!(pat(p).matches(s.as_bytes()), want, "{p:?} {s:?}");
        }
    }

    /// Backslashes that came unquoted from an expansion (`x='\*'; case ... in $x)`).
    #[test]
    fn unquoted_backslash() {
        let u = Pattern::unquoted;
        assert!(u(b"\\*").matches(b"*"));
        assert!(!u(b"\\*").matches(b"a"));
        assert!(u(b"\\").matches(b"\\"));
        assert!(u(b"a\\").matches(b"a\\"));
        assert!(u(b"[\\]]").matches(b"]"));
        assert!(!u(b"[a\\]").matches(b"a"));
        assert!(u(b"[a\\]").matches(b"[a]"));
        assert!(u(b"[\\a]*").matches(b"ab"));
        assert!(u(b"\\a*").has_wildcards());
        assert!(!u(b"a\\*").has_wildcards());
        assert!(!u(b"[a").has_wildcards());
        assert!(u(b"[a]").has_wildcards());
    }

    #[test]
    fn prefix_and_suffix() {
        let u = Pattern::unquoted;
        let s = b"aXbXc";
        assert_eq!(u(b"*X").remove_prefix(s, false), b"bXc");
        assert_eq!(u(b"*X").remove_prefix(s, true), b"c");
        assert_eq!(u(b"X*").remove_suffix(s, false), b"aXb");
        assert_eq!(u(b"X*").remove_suffix(s, true), b"a");
        assert_eq!(u(b"").remove_prefix(s, true), s);
        assert_eq!(u(b"*").remove_prefix(s, false), s);
        assert_eq!(u(b"*").remove_prefix(s, true), b"");
        assert_eq!(u(b"*").remove_suffix(s, false), s);
        assert_eq!(u(b"*").remove_suffix(s, true), b"");
        assert_eq!(u(b"q").remove_suffix(s, true), s);
        assert_eq!(u(b"?").remove_suffix(b"", true), b"");
    }

    /// Random patterns over a nasty alphabet never panic, and adversarial ones stay fast.
    #[test]
    fn random_patterns_do_not_panic_or_blow_up() {
        let mut rand = crate::testing::xorshift(0x9E37_79B9_7F4A_7C15);
        let alphabet = b"ab*?[]!^-:\\./";
        for _ in 0..20_000 {
            let mut p = Pattern::new();
            for _ in 0..rand() % 16 {
                let quoted = rand().is_multiple_of(5);
                p.push(alphabet[rand() % alphabet.len()], quoted);
            }
            let s: Vec<u8> = (0..rand() % 24)
                .map(|_| alphabet[rand() % alphabet.len()])
                .collect();
            let m = p.matches(&s);
            // A string always matches itself quoted.
            let mut lit = Pattern::new();
            s.iter().for_each(|&b| lit.push(b, true));
            assert!(lit.matches(&s));
            // Trims return a prefix/suffix of the input, and full trims agree with `matches`.
            let rest = p.remove_prefix(&s, true);
            assert!(s.ends_with(rest));
            if !s.is_empty() {
                assert_eq!(m, rest.is_empty());
            }
            assert!(s.starts_with(p.remove_suffix(&s, false)));
            // The one-pass trims agree with trying every prefix and suffix.
            for longest in [false, true] {
                let mut ends: Vec<usize> = (0..=s.len()).filter(|&k| p.matches(&s[..k])).collect();
                let want = if longest {
                    ends.pop()
                } else {
                    ends.first().copied()
                };
                assert_eq!(
                    p.remove_prefix(&s, longest),
                    want.map_or(&s[..], |k| &s[k..])
                );
                let mut starts: Vec<usize> =
                    (0..=s.len()).filter(|&k| p.matches(&s[k..])).collect();
                let want = if longest {
                    starts.first().copied()
                } else {
                    starts.pop()
                };
                assert_eq!(
                    p.remove_suffix(&s, longest),
                    want.map_or(&s[..], |k| &s[..k])
                );
            }
        }
        // Exponential backtracking would not finish at all on these; the 60 s bound is a hang
        // guard, not a speed test (an unoptimised build under qemu-user is slow).
        let start = std::time::Instant::now();
        let evil = Pattern::unquoted(&b"*a".repeat(200));
        let text = vec![b'a'; 5000];
        assert!(!Pattern::unquoted(&[&b"*a".repeat(200)[..], b"b"].concat()).matches(&text));
        assert!(evil.matches(&text));
        let big = vec![b'a'; 1 << 20];
        let p = Pattern::unquoted(b"*b*");
        assert_eq!(p.remove_prefix(&big, true).len(), big.len());
        assert_eq!(p.remove_suffix(&big, false).len(), big.len());
        assert!(start.elapsed().as_secs() < 60);
    }
}
