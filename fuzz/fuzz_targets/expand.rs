//! Word expansion: `echo` and the fuzzer's text parsed by the real parser, then each simple
//! command's words expanded every way (fields, string, pattern) against a mock shell.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rawsh::shell::ast::Command;
use rawsh::shell::expand;
use rawsh::shell::fuzzing::Mock;
use rawsh::shell::parse::Parser;

fuzz_target!(|text: &[u8]| {
    let src = [&b"echo "[..], text].concat();
    let mut p = Parser::with_line(&src, 1);
    while let Ok(Some(list)) = p.next_command() {
        for item in &list {
            for cmd in &item.and_or.first.commands {
                if let Command::Simple(sc) = cmd {
                    let mut m = Mock::new();
                    let _ = expand::expand_fields(&mut m, &sc.words);
                    for w in &sc.words {
                        let _ = expand::expand_string(&mut m, w);
                        let _ = expand::expand_pattern(&mut m, w);
                    }
                }
            }
        }
    }
});
