//! The shell: lexing and parsing into [`ast`], expansion, execution, builtins.

pub mod arith;
pub mod ast;
pub mod expand;
pub mod pattern;
