//! The shell: lexing and parsing into [`ast`], expansion, execution, builtins.

pub mod ast;
pub mod lex;
pub mod parse;
