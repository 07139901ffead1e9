//! `getopts OPTSTRING NAME [ARG...]` (XCU getopts), as dash does it: the position is kept
//! by the shell (the word and the letter inside a group like `-ab`) and shown in `OPTIND`;
//! assigning `OPTIND` starts over from there, and each function call starts at 1.

use super::vars::is_name;
use super::{Exec, Shell, Show};
use crate::sys::fd::{self, Fd};
use alloc::vec::Vec;

/// Where the next `getopts` looks.
#[derive(Clone, Debug)]
pub struct Position {
    /// The 1-based index of the word being read.
    word: usize,
    /// The next letter in it; 0 when the word has not been started.
    letter: usize,
    /// The `OPTIND` value this position stands for; another one means it was assigned.
    shown: Option<Vec<u8>>,
}

impl Position {
    /// The position a shell or a function call starts with, `OPTIND` showing `optind`.
    pub fn start(optind: Option<&[u8]>) -> Position {
        Position {
            word: 1,
            letter: 0,
            shown: optind.map(<[u8]>::to_vec),
        }
    }
}

pub fn getopts(sh: &mut Shell, args: &[Vec<u8>]) -> Exec {
    let (Some(optstring), Some(name)) = (args.get(1), args.get(2)) else {
        sh.error(format_args!(
            "getopts: Usage: getopts optstring var [arg...]"
        ));
        return Ok(2);
    };
    if !is_name(name) {
        sh.error(format_args!("getopts: {}: bad variable name", Show(name)));
        return Ok(2);
    }
    let words = match args.get(3..) {
        Some(w) if !w.is_empty() => w.to_vec(),
        _ => sh.params.clone(),
    };
    let optind = sh.vars.get(b"OPTIND");
    if optind != sh.getopts.shown.as_deref() {
        let Some(word) = optind.map_or(Some(1), super::builtins::number) else {
            let shown = Show(optind.unwrap_or_default());
            return Err(sh.fatal(2, format_args!("Illegal number: {shown}")));
        };
        sh.getopts = Position {
            word: word.max(1) as usize,
            letter: 0,
            shown: optind.map(<[u8]>::to_vec),
        };
    }
    let mut at = sh.getopts.clone();
    let found = next(&mut at, optstring, &words);
    let (letter, optarg, status) = match found {
        Next::End => (b'?', None, 1),
        Next::Option(c, arg) => (c, Some(arg.unwrap_or_default().to_vec()), 0),
        Next::Unknown(c) if optstring.starts_with(b":") => (b'?', Some(alloc::vec![c]), 0),
        Next::Unknown(c) => {
            bare(&[b"Illegal option -", &[c][..]]);
            (b'?', None, 0)
        }
        Next::NoArgument(c) if optstring.starts_with(b":") => (b':', Some(alloc::vec![c]), 0),
        Next::NoArgument(c) => {
            bare(&[b"No arg for -", &[c][..], b" option"]);
            (b'?', None, 0)
        }
    };
    // OPTIND shows the next word: past the current one while inside a group.
    let shown = alloc::format!("{}", at.word + usize::from(at.letter > 0)).into_bytes();
    let set = [
        sh.vars.set(name, &[letter]),
        sh.vars.set(b"OPTIND", &shown),
        match (&optarg, found) {
            (Some(a), _) => sh.vars.set(b"OPTARG", a),
            (None, Next::End) => Ok(()),
            (None, _) => sh.vars.unset(b"OPTARG"),
        },
    ];
    at.shown = Some(shown);
    sh.getopts = at;
    if set.iter().any(Result::is_err) {
        sh.error(format_args!("getopts: cannot set {}", Show(name)));
        return Ok(2);
    }
    Ok(status)
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Next<'a> {
    End,
    Option(u8, Option<&'a [u8]>),
    Unknown(u8),
    NoArgument(u8),
}

/// Reads the next option at `at` and moves past it (and past its argument).
fn next<'a>(at: &mut Position, optstring: &[u8], words: &'a [Vec<u8>]) -> Next<'a> {
    let Some(word) = words.get(at.word - 1) else {
        return Next::End;
    };
    if at.letter == 0 {
        if word == b"--" {
            at.word += 1;
            return Next::End;
        }
        if word.len() < 2 || word[0] != b'-' {
            return Next::End;
        }
        at.letter = 1;
    }
    // Inside a word that `set --` has since made shorter: go on with the next one.
    let Some(&c) = word.get(at.letter) else {
        at.word += 1;
        at.letter = 0;
        return next(at, optstring, words);
    };
    at.letter += 1;
    let rest = &word[at.letter..];
    if at.letter == word.len() {
        at.word += 1;
        at.letter = 0;
    }
    let Some(i) = optstring.iter().position(|&o| o == c && c != b':') else {
        return Next::Unknown(c);
    };
    if optstring.get(i + 1) != Some(&b':') {
        return Next::Option(c, None);
    }
    // The argument is the rest of this word, or the next word.
    if !rest.is_empty() {
        at.word += 1;
        at.letter = 0;
        return Next::Option(c, Some(rest));
    }
    match words.get(at.word - 1) {
        Some(arg) => {
            at.word += 1;
            Next::Option(c, Some(arg))
        }
        None => Next::NoArgument(c),
    }
}

/// A getopts diagnostic, written as dash writes it: without the shell's `NAME: LINE:` prefix.
fn bare(parts: &[&[u8]]) {
    let mut line = parts.concat();
    line.push(b'\n');
    let _ = fd::write_all(Fd::STDERR, &line);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<Vec<u8>> {
        w.iter().map(|s| s.as_bytes().to_vec()).collect()
    }

    #[test]
    fn groups_arguments_and_the_end() {
        let w = words(&["-a", "-bx", "-cab", "y", "--", "z"]);
        let mut at = Position::start(None);
        let mut got = Vec::new();
        loop {
            let n = next(&mut at, b"ab:c", &w);
            got.push((n, at.word));
            if n == Next::End {
                break;
            }
        }
        assert_eq!(
            got,
            [
                (Next::Option(b'a', None), 2),
                (Next::Option(b'b', Some(&b"x"[..])), 3),
                // Inside `-cab` (word 3): the position stays on it.
                (Next::Option(b'c', None), 3),
                (Next::Option(b'a', None), 3),
                (Next::Option(b'b', Some(&b"y"[..])), 5),
                // `--` is taken.
                (Next::End, 6),
            ]
        );
        let at = || Position::start(None);
        assert_eq!(
            next(&mut at(), b"b:", &words(&["-b"])),
            Next::NoArgument(b'b')
        );
        assert_eq!(next(&mut at(), b"b", &words(&["-z"])), Next::Unknown(b'z'));
        assert_eq!(next(&mut at(), b"b", &words(&["x", "-b"])), Next::End);
        // The words changed under a position inside a group.
        let mut inside = at();
        next(&mut inside, b"abc", &words(&["-abc"]));
        next(&mut inside, b"abc", &words(&["-abc"]));
        assert_eq!(
            next(&mut inside, b"xy", &words(&["-x", "-y"])),
            Next::Option(b'y', None)
        );
    }
}
