//! The shell's side of word expansion: what the expander asks of the shell, and the entry
//! points the executor uses, with errors turned into control flow.

use super::ast::Word;
use super::{Flow, Shell};
use alloc::vec::Vec;

impl Shell {
    pub fn expand_fields(&mut self, words: &[Word]) -> Result<Vec<Vec<u8>>, Flow> {
        let _ = words;
        Ok(Vec::new())
    }
    pub fn expand_string(&mut self, word: &Word) -> Result<Vec<u8>, Flow> {
        let _ = word;
        Ok(Vec::new())
    }
    pub fn case_matches(&mut self, pattern: &Word, subject: &[u8]) -> Result<bool, Flow> {
        let _ = (pattern, subject);
        Ok(false)
    }
}
