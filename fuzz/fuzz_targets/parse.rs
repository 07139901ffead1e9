//! The lexer and parser on arbitrary bytes: every command until the end or an error.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rawsh::shell::parse::Parser;

fuzz_target!(|src: &[u8]| {
    let mut p = Parser::with_line(src, 1);
    while let Ok(Some(_)) = p.next_command() {}
});
