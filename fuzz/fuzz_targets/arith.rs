//! Arithmetic expansion on arbitrary text, with variables that hold numbers and non-numbers.
#![no_main]

use libfuzzer_sys::fuzz_target;
use rawsh::shell::arith;
use rawsh::shell::fuzzing::Mock;

fuzz_target!(|text: &[u8]| {
    let _ = arith::eval(&mut Mock::new(), text);
});
