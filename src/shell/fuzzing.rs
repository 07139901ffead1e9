//! A stand-in for the shell under the fuzzer (`cargo fuzz`, which sets `cfg(fuzzing)`): the
//! expansion [`Context`] with a few variables and parameters and canned command-substitution
//! output, and no processes.

use super::ast::List;
use super::expand::{Context, ExpandError};
use alloc::collections::BTreeMap;
use alloc::vec;
use alloc::vec::Vec;

pub struct Mock {
    vars: BTreeMap<Vec<u8>, Vec<u8>>,
    params: Vec<Vec<u8>>,
}

impl Mock {
    pub fn new() -> Mock {
        let vars = [
            (&b"x"[..], &b"a b*c"[..]),
            (b"n", b"42"),
            (b"e", b""),
            (b"IFS", b" :\t\n"),
        ];
        Mock {
            vars: vars.iter().map(|(k, v)| (k.to_vec(), v.to_vec())).collect(),
            params: vec![b"p q".to_vec(), Vec::new(), b"-7".to_vec()],
        }
    }
}

impl Default for Mock {
    fn default() -> Mock {
        Mock::new()
    }
}

impl Context for Mock {
    fn var(&self, name: &[u8]) -> Option<&[u8]> {
        self.vars.get(name).map(Vec::as_slice)
    }

    fn set_var(&mut self, name: &[u8], value: &[u8]) -> Result<(), ExpandError> {
        self.vars.insert(name.to_vec(), value.to_vec());
        Ok(())
    }

    fn positional(&self) -> &[Vec<u8>] {
        &self.params
    }

    fn special(&self, c: u8) -> Option<Vec<u8>> {
        (c != b'!').then(|| vec![b'0'])
    }

    fn command_subst(&mut self, _: &List) -> Result<Vec<u8>, ExpandError> {
        Ok(b"out put\n\n".to_vec())
    }

    fn nounset(&self) -> bool {
        false
    }

    /// No pathname expansion: the fuzzer must not depend on (or walk) the file system.
    fn noglob(&self) -> bool {
        true
    }
}
