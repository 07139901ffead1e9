//! Patterns against subjects: the first line is the pattern, the rest the subject.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rawsh::shell::pattern::Pattern;

fuzz_target!(|data: &[u8]| {
    let (pat, subject) = match data.iter().position(|&b| b == b'\n') {
        Some(i) => (&data[..i], &data[i + 1..]),
        None => (data, &b""[..]),
    };
    let p = Pattern::unquoted(pat);
    let _ = p.matches(subject);
    let _ = p.remove_prefix(subject, false);
    let _ = p.remove_prefix(subject, true);
    let _ = p.remove_suffix(subject, false);
    let _ = p.remove_suffix(subject, true);
});
