//! Word expansion (XCU 2.6): tilde, parameter, command substitution and arithmetic expansion,
//! then field splitting, pathname expansion and quote removal, with dash's results.
//!
//! A word first becomes a sequence of [`Unit`]s: each byte marked with where it came from
//! (literal, quoted, or the result of an unquoted expansion, which alone is split), plus
//! zero-width marks where quotes were (they keep `""` as an empty field) and where `$@`
//! separates parameters. Splitting then cuts that sequence into fields with dash's rules, and
//! each field is globbed if it has unquoted wildcards.

use super::arith;
use super::ast::{self, Param, ParamName, ParamOp, Word, WordPart};
use super::pattern::{self, Pattern};
use crate::sys::{fd, fs};
use alloc::boxed::Box;
use alloc::format;
use alloc::vec::Vec;

/// What expansion needs from the shell; the executor implements it.
pub trait Context {
    /// A variable's value; `None` when unset.
    fn var(&self, name: &[u8]) -> Option<&[u8]>;
    /// Assigns a variable (`${x=w}`, arithmetic assignment); fails for a read-only one with
    /// the message to show (`x: is read only`).
    fn set_var(&mut self, name: &[u8], value: &[u8]) -> Result<(), ExpandError>;
    /// `$1`, `$2`, ... (not `$0`).
    fn positional(&self) -> &[Vec<u8>];
    /// `$0`, `$?`, `$$`, `$!`, `$-` (by that byte); `None` when unset (`$!` before any
    /// background job). `$#`, `$@` and `$*` come from [`Context::positional`].
    fn special(&self, c: u8) -> Option<Vec<u8>>;
    /// Runs `list` in a subshell and returns all it wrote to standard output, unchanged
    /// (expansion removes the trailing newlines).
    fn command_subst(&mut self, list: &ast::List) -> Result<Vec<u8>, ExpandError>;
    /// `set -u`: expanding an unset parameter is an error.
    fn nounset(&self) -> bool;
    /// `set -f`: no pathname expansion.
    fn noglob(&self) -> bool;
}

/// An expansion error, boxed as [`ParseError`](super::parse::ParseError) is: a pointer-sized
/// error keeps each `Result<T, ExpandError>` no bigger than `T`.
pub type ExpandError = Box<ExpansionError>;

/// What an [`ExpandError`] holds: dash's message, without the `rawsh: LINE: ` prefix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExpansionError {
    pub message: Vec<u8>,
    /// Whether a non-interactive shell exits (exit status 2). dash exits on every
    /// expansion error (`${x?}`, `set -u`, bad arithmetic), so all of ours are; the
    /// executor's own errors from [`Context`] may not be.
    pub fatal: bool,
}

impl ExpansionError {
    pub fn new(message: Vec<u8>) -> ExpandError {
        Box::new(ExpansionError {
            message,
            fatal: true,
        })
    }
}

/// Full expansion, for `for` lists: each word may give any number of fields.
pub fn expand_fields(ctx: &mut dyn Context, words: &[Word]) -> Result<Vec<Vec<u8>>, ExpandError> {
    let mut fields = Vec::new();
    for word in words {
        expand_word(ctx, word, &mut fields)?;
    }
    Ok(fields)
}

/// Command words: [`expand_fields`], except that the arguments of the declaration utilities
/// `export`, `readonly` and `local` (also after `command`) that start with `NAME=` expand
/// like assignments: tildes after `=` and `:`, no field splitting, no pathname expansion
/// (XCU 2.9.1.1), so `export PATH=$dir:$PATH` keeps a `$dir` with blanks whole. The command
/// is known only once its first words are expanded: `x=export; $x a=$y` declares too (dash).
pub fn expand_command(ctx: &mut dyn Context, words: &[Word]) -> Result<Vec<Vec<u8>>, ExpandError> {
    let mut fields = Vec::new();
    for word in words {
        let declared = declaring(&fields)
            .then(|| super::parse::assignment(word.clone()).ok())
            .flatten();
        match declared {
            Some(assign) => {
                let mut field = assign.name;
                field.push(b'=');
                field.extend(expand_string(ctx, &assign.value)?);
                fields.push(field);
            }
            None => expand_word(ctx, word, &mut fields)?,
        }
    }
    Ok(fields)
}

/// Whether the fields so far name a declaration utility, possibly behind `command [-p] [--]`.
fn declaring(fields: &[Vec<u8>]) -> bool {
    let mut names = fields
        .iter()
        .skip_while(|f| *f == b"command" || *f == b"-p" || *f == b"--");
    matches!(
        names.next().map(Vec::as_slice),
        Some(b"export" | b"readonly" | b"local")
    )
}

/// Expands one word onto `fields`: splitting, then pathname expansion.
fn expand_word(
    ctx: &mut dyn Context,
    word: &Word,
    fields: &mut Vec<Vec<u8>>,
) -> Result<(), ExpandError> {
    // The common words take no per-byte units: literal text, and a set variable whose value
    // has nothing to split or match (`[ $i -lt 10 ]`).
    let wild = |text: &[u8]| text.iter().any(|b| matches!(b, b'*' | b'?' | b'['));
    match word.parts.as_slice() {
        [WordPart::Lit(text)] if !wild(text) => {
            fields.push(text.clone());
            return Ok(());
        }
        [WordPart::Param(p)] if matches!(p.op, ParamOp::Plain) => {
            if let ParamName::Var(name) = &p.name
                && let Some(value) = ctx.var(name).filter(|v| !v.is_empty() && !wild(v))
            {
                let ifs = ctx.var(b"IFS").unwrap_or(DEFAULT_IFS);
                if !value.iter().any(|b| ifs.contains(b)) {
                    fields.push(value.to_vec());
                    return Ok(());
                }
            }
        }
        _ => {}
    }
    let mut e = Expander::new(ctx, true);
    e.parts(&word.parts, false)?;
    let units = e.units;
    let ifs = ctx.var(b"IFS").map_or(DEFAULT_IFS.to_vec(), <[u8]>::to_vec);
    let noglob = ctx.noglob();
    for field in split(&units, &ifs)? {
        // Only a field with an unquoted `*`, `?` or `[` can be a pattern: the others
        // skip building one (as large again as the field).
        let wild = field.iter().any(|u| {
            matches!(
                u,
                Unit::Lit(b'*' | b'?' | b'[') | Unit::Expanded(b'*' | b'?' | b'[', _)
            )
        });
        let pattern = if noglob || !wild {
            None
        } else {
            Some(to_pattern(&field)).filter(Pattern::has_wildcards)
        };
        let matches = pattern.map_or_else(Vec::new, |p| pattern::glob(&p));
        if matches.is_empty() {
            fields.push(bytes(&field));
        } else {
            fields.extend(matches);
        }
    }
    Ok(())
}

/// Expansion to one string, without field splitting or pathname expansion: assignment
/// values, redirection targets, here-document bodies, the `case` word. `$@` joins its
/// parameters like `$*`.
pub fn expand_string(ctx: &mut dyn Context, word: &Word) -> Result<Vec<u8>, ExpandError> {
    let mut out = Vec::new();
    if plain_string(&*ctx, &word.parts, &mut out) {
        return Ok(out);
    }
    let mut e = Expander::new(ctx, false);
    e.parts(&word.parts, false)?;
    Ok(bytes(&e.units))
}

/// The common case of [`expand_string`] without the per-byte units: literal text and set
/// variables (`x="$x."`, `PATH=$dir:$PATH`), where nothing can split, glob, fail or run.
/// False (with `out` to be discarded) for anything else, which takes the full path.
fn plain_string(ctx: &dyn Context, parts: &[WordPart], out: &mut Vec<u8>) -> bool {
    for part in parts {
        let ok = match part {
            WordPart::Lit(text) | WordPart::Quoted(text) => {
                out.try_reserve(text.len()).is_ok() && {
                    out.extend_from_slice(text);
                    true
                }
            }
            WordPart::Double(inner) => plain_string(ctx, inner, out),
            WordPart::Param(p) => match (&p.name, &p.op) {
                (ParamName::Var(name), ParamOp::Plain) => ctx.var(name).is_some_and(|v| {
                    out.try_reserve(v.len()).is_ok() && {
                        out.extend_from_slice(v);
                        true
                    }
                }),
                _ => false,
            },
            _ => false,
        };
        if !ok {
            return false;
        }
    }
    true
}

/// Expansion to a pattern (`case` patterns, `${x#pattern}`): quoted parts match literally.
pub fn expand_pattern(ctx: &mut dyn Context, word: &Word) -> Result<Pattern, ExpandError> {
    let mut e = Expander::new(ctx, false);
    e.parts(&word.parts, false)?;
    Ok(to_pattern(&e.units))
}

/// IFS when unset (XCU 2.5.3); also the bytes that count as IFS white space.
const DEFAULT_IFS: &[u8] = b" \t\n";

/// The most of /etc/passwd read to find a user's home directory.
const MAX_PASSWD: usize = 1 << 20;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Unit {
    /// Unquoted text of the word itself: globbed, never split.
    Lit(u8),
    /// Quoted text, or the result of a quoted expansion or of tilde expansion: as is.
    Quoted(u8),
    /// The result of unquoted expansion number `.1`: split on IFS, globbed.
    Expanded(u8, u32),
    /// Between the parameters of an unquoted `$@`/`$*` (expansion `.0`): a delimiter like
    /// IFS white space, even when IFS is empty.
    Sep(u32),
    /// Between the parameters of `"$@"`: always ends a field.
    Break,
    /// Where quotes were: makes a field exist even if empty (`""`).
    QuoteMark,
}

/// A parameter's value before an operator applies.
enum Value {
    Unset,
    One(Vec<u8>),
    /// `$@` (`star` false) or `$*`: the positional parameters.
    Many(Vec<Vec<u8>>, bool),
}

struct Expander<'c> {
    ctx: &'c mut dyn Context,
    units: Vec<Unit>,
    /// The number of the next unquoted expansion: splitting never joins delimiters across
    /// two expansions (dash: `IFS=': '; x='a '; y=': b'; $x$y` is `a`, ``, `b`).
    region: u32,
    /// Whether fields will be split (`$@` keeps its parameters apart); otherwise `$@` joins
    /// them like `$*`.
    split: bool,
    /// Expanding the word of an unquoted `${x-word}` or `${x+word}`: its literal text is
    /// split like an expansion's result (dash: `${y-a b}` gives two fields).
    in_param_word: bool,
}

impl<'c> Expander<'c> {
    fn new(ctx: &'c mut dyn Context, split: bool) -> Expander<'c> {
        Expander {
            ctx,
            units: Vec::new(),
            region: 0,
            split,
            in_param_word: false,
        }
    }

    /// A word's parts expanded on their own, to a string (no splitting).
    fn sub_units(&mut self, word: &Word) -> Result<Vec<Unit>, ExpandError> {
        let mut e = Expander::new(&mut *self.ctx, false);
        e.parts(&word.parts, false)?;
        Ok(e.units)
    }

    fn parts(&mut self, parts: &[WordPart], quoted: bool) -> Result<(), ExpandError> {
        for part in parts {
            match part {
                WordPart::Lit(text) if quoted => self.push(text, Unit::Quoted)?,
                WordPart::Lit(text) if self.in_param_word => self.emit(text, false)?,
                WordPart::Lit(text) => self.push(text, Unit::Lit)?,
                WordPart::Quoted(text) => {
                    self.units.push(Unit::QuoteMark);
                    self.push(text, Unit::Quoted)?;
                }
                WordPart::Double(inner) => {
                    // dash: a `"$@"` alone gives no field at all when there are no
                    // parameters (but `"$@$@"` and `"$@"''` give one empty field).
                    // `matches!`, not `==`: comparing ParamOps would link in PartialEq for the
                    // whole syntax tree (a word holds command substitutions), ~2.5 KB.
                    let lone_at = matches!(inner.as_slice(), [WordPart::Param(p)]
                        if matches!((&p.name, &p.op), (ParamName::Special(b'@'), ParamOp::Plain)));
                    if lone_at && self.ctx.positional().is_empty() {
                        continue;
                    }
                    self.units.push(Unit::QuoteMark);
                    self.parts(inner, true)?;
                    self.units.push(Unit::QuoteMark);
                }
                WordPart::Param(param) => self.param(param, quoted)?,
                WordPart::CommandSubst(list) => {
                    let mut out = self.ctx.command_subst(list)?;
                    // XCU 2.6.3: trailing newlines are removed. A NUL cannot be in an
                    // argument; dash drops them too.
                    while out.last() == Some(&b'\n') {
                        out.pop();
                    }
                    out.retain(|&b| b != 0);
                    self.emit(&out, quoted)?;
                }
                WordPart::Arith(expr) => {
                    let text = bytes(&self.sub_units(expr)?);
                    let value = arith::eval(&mut *self.ctx, &text)?;
                    self.emit(format!("{value}").as_bytes(), quoted)?;
                }
                WordPart::Tilde(user) => match self.tilde(user) {
                    // XCU 2.6.1: the result is not split or globbed; but an empty one
                    // leaves no field behind (dash: `HOME=; set -- ~` sets nothing).
                    Some(home) => self.push(&home, Unit::Quoted)?,
                    None => {
                        self.units.push(Unit::Lit(b'~'));
                        self.push(user, Unit::Lit)?;
                    }
                },
            }
        }
        Ok(())
    }

    // Generic rather than `fn(u8) -> Unit`, so that the per-byte conversion is inlined.
    fn push(&mut self, text: &[u8], unit: impl Fn(u8) -> Unit) -> Result<(), ExpandError> {
        self.grow(text.len())?;
        self.units.extend(text.iter().map(|&b| unit(b)));
        Ok(())
    }

    /// Room for `n` more units. The size of a word's expansion is up to the input (`x=$x$x`
    /// doubles), so running out of memory here is an error, not the end of the shell.
    fn grow(&mut self, n: usize) -> Result<(), ExpandError> {
        self.units.try_reserve(n).map_err(|_| out_of_memory())
    }

    /// The result of an expansion: quoted, or a new region to split.
    fn emit(&mut self, text: &[u8], quoted: bool) -> Result<(), ExpandError> {
        if quoted {
            self.push(text, Unit::Quoted)
        } else {
            let region = self.next_region();
            self.grow(text.len())?;
            self.units
                .extend(text.iter().map(|&b| Unit::Expanded(b, region)));
            Ok(())
        }
    }

    fn next_region(&mut self) -> u32 {
        self.region += 1;
        self.region
    }

    /// `~` is $HOME (left as is when HOME is unset), `~user` that user's home directory.
    fn tilde(&self, user: &[u8]) -> Option<Vec<u8>> {
        if user.is_empty() {
            self.ctx.var(b"HOME").map(<[u8]>::to_vec)
        } else {
            home_of(user)
        }
    }

    /// What `$*` puts between parameters: IFS's first byte, a space when IFS is unset,
    /// nothing when it is empty (XCU 2.5.2).
    fn separator(&self) -> Option<u8> {
        match self.ctx.var(b"IFS") {
            None => Some(b' '),
            Some(ifs) => ifs.first().copied(),
        }
    }

    fn join(&self, list: &[Vec<u8>]) -> Vec<u8> {
        let sep = self.separator();
        let mut out = Vec::new();
        for (i, item) in list.iter().enumerate() {
            if i > 0 {
                out.extend(sep);
            }
            out.extend_from_slice(item);
        }
        out
    }

    fn lookup(&self, name: &ParamName) -> Value {
        match name {
            ParamName::Var(v) => self
                .ctx
                .var(v)
                .map_or(Value::Unset, |v| Value::One(v.to_vec())),
            ParamName::Positional(0) => self.ctx.special(b'0').map_or(Value::Unset, Value::One),
            ParamName::Positional(n) => {
                let params = self.ctx.positional();
                let i = *n as usize - 1;
                params
                    .get(i)
                    .map_or(Value::Unset, |v| Value::One(v.clone()))
            }
            ParamName::Special(c @ (b'@' | b'*')) => {
                Value::Many(self.ctx.positional().to_vec(), *c == b'*')
            }
            ParamName::Special(b'#') => {
                Value::One(format!("{}", self.ctx.positional().len()).into_bytes())
            }
            ParamName::Special(c) => self.ctx.special(*c).map_or(Value::Unset, Value::One),
        }
    }

    /// Whether `${x:-w}` and the like take the word: unset, or null with the colon. `$@`
    /// is never unset, and null when its parameters joined with `$*`'s separator are empty.
    fn absent(&self, value: &Value, colon: bool) -> bool {
        match value {
            Value::Unset => true,
            Value::One(v) => colon && v.is_empty(),
            Value::Many(list, _) => colon && self.join(list).is_empty(),
        }
    }

    fn param(&mut self, param: &Param, quoted: bool) -> Result<(), ExpandError> {
        let value = self.lookup(&param.name);
        let unset_error = || error_for(&param.name, b"parameter not set");
        match &param.op {
            ParamOp::Bad(_) => return Err(ExpansionError::new(b"Bad substitution".to_vec())),
            ParamOp::Plain => {
                if matches!(value, Value::Unset) && self.ctx.nounset() {
                    return Err(unset_error());
                }
                self.value(value, quoted)?;
            }
            ParamOp::Length => {
                let len = match &value {
                    Value::Unset if self.ctx.nounset() => return Err(unset_error()),
                    Value::Unset => 0,
                    Value::One(v) => v.len(),
                    Value::Many(list, _) => self.join(list).len(),
                };
                self.emit(format!("{len}").as_bytes(), quoted)?;
            }
            ParamOp::Default { colon, word } => {
                if self.absent(&value, *colon) {
                    self.param_word(word, quoted)?;
                } else {
                    self.value(value, quoted)?;
                }
            }
            ParamOp::Alternate { colon, word } => {
                if !self.absent(&value, *colon) {
                    self.param_word(word, quoted)?;
                }
            }
            ParamOp::Assign { colon, word } => {
                if !self.absent(&value, *colon) {
                    return self.value(value, quoted);
                }
                let ParamName::Var(name) = &param.name else {
                    return Err(error_for(&param.name, b"bad variable name"));
                };
                let text = bytes(&self.sub_units(word)?);
                self.ctx.set_var(name, &text)?;
                self.emit(&text, quoted)?;
            }
            ParamOp::Error { colon, word } => {
                if !self.absent(&value, *colon) {
                    return self.value(value, quoted);
                }
                let mut message = bytes(&self.sub_units(word)?);
                if message.is_empty() {
                    message = match colon {
                        false => b"parameter not set".to_vec(),
                        true => b"parameter not set or null".to_vec(),
                    };
                }
                return Err(error_for(&param.name, &message));
            }
            ParamOp::TrimPrefix { longest, pattern } | ParamOp::TrimSuffix { longest, pattern } => {
                let suffix = matches!(param.op, ParamOp::TrimSuffix { .. });
                let pattern = to_pattern(&self.sub_units(pattern)?);
                let trim = |v: &[u8]| match suffix {
                    false => pattern.remove_prefix(v, *longest).to_vec(),
                    true => pattern.remove_suffix(v, *longest).to_vec(),
                };
                // dash trims each positional parameter of `$@`/`$*` on its own.
                let value = match value {
                    Value::Unset if self.ctx.nounset() => return Err(unset_error()),
                    Value::Unset => Value::Unset,
                    Value::One(v) => Value::One(trim(&v)),
                    Value::Many(list, star) => {
                        Value::Many(list.iter().map(|v| trim(v)).collect(), star)
                    }
                };
                self.value(value, quoted)?;
            }
        }
        Ok(())
    }

    fn param_word(&mut self, word: &Word, quoted: bool) -> Result<(), ExpandError> {
        let outer = self.in_param_word;
        self.in_param_word = !quoted;
        let r = self.parts(&word.parts, quoted);
        self.in_param_word = outer;
        r
    }

    /// A parameter's value as the result of an expansion.
    fn value(&mut self, value: Value, quoted: bool) -> Result<(), ExpandError> {
        match value {
            Value::Unset => {}
            Value::One(v) => self.emit(&v, quoted)?,
            Value::Many(list, star) if !self.split || (quoted && star) => {
                let joined = self.join(&list);
                self.emit(&joined, quoted)?;
            }
            Value::Many(list, _) if quoted => {
                for (i, item) in list.iter().enumerate() {
                    if i > 0 {
                        self.units.push(Unit::Break);
                    }
                    self.push(item, Unit::Quoted)?;
                }
            }
            Value::Many(list, _) => {
                let region = self.next_region();
                for (i, item) in list.iter().enumerate() {
                    if i > 0 {
                        self.units.push(Unit::Sep(region));
                    }
                    self.grow(item.len())?;
                    self.units
                        .extend(item.iter().map(|&b| Unit::Expanded(b, region)));
                }
            }
        }
        Ok(())
    }
}

fn out_of_memory() -> ExpandError {
    ExpansionError::new(b"out of memory".to_vec())
}

/// `name: message`, naming the parameter as written (`x`, `1`, `*`).
fn error_for(name: &ParamName, message: &[u8]) -> ExpandError {
    let mut text = match name {
        ParamName::Var(v) => v.clone(),
        ParamName::Positional(n) => format!("{n}").into_bytes(),
        ParamName::Special(c) => alloc::vec![*c],
    };
    text.extend_from_slice(b": ");
    text.extend_from_slice(message);
    ExpansionError::new(text)
}

/// Field splitting (XCU 2.6.5), as dash does it. Only bytes of unquoted expansions that are
/// in IFS delimit. IFS white space at the start of a field is skipped; a delimiter ends the
/// field, and with it go the IFS white space after it and, if it was white space, one
/// non-white IFS byte. A field that is still empty at the end (no bytes, no quotes) is
/// dropped, so `x=' '; set -- $x` sets nothing while `IFS=:; x=a::b` gives `a`, ``, `b`.
fn split(units: &[Unit], ifs: &[u8]) -> Result<Vec<Vec<Unit>>, ExpandError> {
    // (white space?, region) for a delimiter.
    let delimiter = |u: &Unit| match *u {
        Unit::Expanded(b, region) if ifs.contains(&b) => Some((DEFAULT_IFS.contains(&b), region)),
        Unit::Sep(region) => Some((true, region)),
        _ => None,
    };
    let mut fields = Vec::new();
    let mut field = Vec::new();
    let mut i = 0;
    while let Some(u) = units.get(i) {
        i += 1;
        if *u == Unit::Break {
            fields.push(core::mem::take(&mut field));
            continue;
        }
        let Some((mut white, region)) = delimiter(u) else {
            // The fields copy the units: as large as the expansion, so fallible too.
            field.try_reserve(1).map_err(|_| out_of_memory())?;
            field.push(*u);
            continue;
        };
        if field.is_empty() && white {
            continue;
        }
        fields.push(core::mem::take(&mut field));
        while let Some((w, r)) = units.get(i).and_then(delimiter) {
            if r != region || (!w && !white) {
                break;
            }
            white &= w;
            i += 1;
        }
    }
    if !field.is_empty() {
        fields.push(field);
    }
    Ok(fields)
}

/// Quote removal: the bytes, without the marks.
fn bytes(units: &[Unit]) -> Vec<u8> {
    let mut out = Vec::with_capacity(units.len());
    for u in units {
        if let Unit::Lit(b) | Unit::Quoted(b) | Unit::Expanded(b, _) = *u {
            out.push(b);
        }
    }
    out
}

/// The units as a pattern: quoted bytes are literal.
fn to_pattern(units: &[Unit]) -> Pattern {
    let mut p = Pattern::new();
    for u in units {
        match *u {
            Unit::Lit(b) | Unit::Expanded(b, _) => p.push(b, false),
            Unit::Quoted(b) => p.push(b, true),
            Unit::Sep(_) | Unit::Break | Unit::QuoteMark => {}
        }
    }
    p
}

/// `user`'s home directory from /etc/passwd (`name:passwd:uid:gid:gecos:dir:shell`).
fn home_of(user: &[u8]) -> Option<Vec<u8>> {
    let file = fs::open(c"/etc/passwd", fs::O_RDONLY | fs::O_CLOEXEC, 0).ok()?;
    let mut text = Vec::new();
    let mut buf = [0u8; 4096];
    while text.len() < MAX_PASSWD {
        match crate::sys::retry(|| fd::read(file, &mut buf)) {
            Ok(0) | Err(_) => break,
            Ok(n) => text.extend_from_slice(&buf[..n.min(buf.len())]),
        }
    }
    let _ = fd::close(file);
    text.split(|&b| b == b'\n').find_map(|line| {
        let mut fields = line.split(|&b| b == b':');
        (fields.next()? == user).then(|| fields.nth(4).map(<[u8]>::to_vec))?
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use alloc::boxed::Box;
    use alloc::rc::Rc;
    use alloc::string::String;
    use std::collections::HashMap;

    /// A shell state for tests: variables, positional parameters, options, and canned
    /// command-substitution output (the list's first word's text).
    #[derive(Default)]
    pub(crate) struct Mock {
        vars: HashMap<Vec<u8>, Vec<u8>>,
        pub params: Vec<Vec<u8>>,
        pub nounset: bool,
        pub noglob: bool,
        pub readonly: Vec<Vec<u8>>,
    }

    impl Mock {
        pub fn set(&mut self, name: &str, value: &str) {
            self.vars.insert(name.into(), value.into());
        }
        pub fn unset(&mut self, name: &str) {
            self.vars.remove(name.as_bytes());
        }
        pub fn get(&self, name: &str) -> Option<&str> {
            self.vars
                .get(name.as_bytes())
                .map(|v| core::str::from_utf8(v).unwrap())
        }
        pub fn args(&mut self, args: &[&str]) {
            self.params = args.iter().map(|a| a.as_bytes().to_vec()).collect();
        }
    }

    impl Context for Mock {
        fn var(&self, name: &[u8]) -> Option<&[u8]> {
            self.vars.get(name).map(Vec::as_slice)
        }
        fn set_var(&mut self, name: &[u8], value: &[u8]) -> Result<(), ExpandError> {
            if self.readonly.iter().any(|r| r == name) {
                let mut m = name.to_vec();
                m.extend_from_slice(b": is read only");
                return Err(ExpansionError::new(m));
            }
            self.vars.insert(name.to_vec(), value.to_vec());
            Ok(())
        }
        fn positional(&self) -> &[Vec<u8>] {
            &self.params
        }
        fn special(&self, c: u8) -> Option<Vec<u8>> {
            match c {
                b'0' => Some(b"rawsh".to_vec()),
                b'?' => Some(b"0".to_vec()),
                b'$' => Some(b"12345".to_vec()),
                b'-' => Some(b"f".to_vec()),
                _ => None,
            }
        }
        fn command_subst(&mut self, list: &ast::List) -> Result<Vec<u8>, ExpandError> {
            // The mock's "command" is the literal text of the first word: its output (none
            // for anything else).
            let first = list.first().and_then(|i| i.and_or.first.commands.first());
            let Some(ast::Command::Simple(c)) = first else {
                return Ok(Vec::new());
            };
            let Some(w) = c.words.first() else {
                return Ok(Vec::new());
            };
            Ok(bytes(&Expander::new(self, false).units_of(w)))
        }
        fn nounset(&self) -> bool {
            self.nounset
        }
        fn noglob(&self) -> bool {
            self.noglob
        }
    }

    impl Expander<'_> {
        fn units_of(mut self, w: &Word) -> Vec<Unit> {
            self.parts(&w.parts, false).unwrap();
            self.units
        }
    }

    // Word builders: a word is a list of parts.
    fn lit(s: &str) -> WordPart {
        WordPart::Lit(s.into())
    }
    fn q(s: &str) -> WordPart {
        WordPart::Quoted(s.into())
    }
    fn dq(parts: Vec<WordPart>) -> WordPart {
        WordPart::Double(parts)
    }
    fn name(n: &str) -> ParamName {
        match n.as_bytes() {
            [c @ (b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!')] => ParamName::Special(*c),
            d if d[0].is_ascii_digit() => ParamName::Positional(n.parse().unwrap()),
            _ => ParamName::Var(n.into()),
        }
    }
    fn var(n: &str) -> WordPart {
        op(n, ParamOp::Plain)
    }
    fn op(n: &str, op: ParamOp) -> WordPart {
        WordPart::Param(Box::new(Param { name: name(n), op }))
    }
    fn w(parts: Vec<WordPart>) -> Word {
        Word { parts }
    }
    fn subst(output: &str) -> WordPart {
        let cmd = ast::SimpleCommand {
            words: alloc::vec![w(alloc::vec![q(output)])],
            ..Default::default()
        };
        let pipeline = ast::Pipeline {
            bang: false,
            commands: alloc::vec![ast::Command::Simple(cmd)],
        };
        let item = ast::ListItem {
            and_or: ast::AndOr {
                first: pipeline,
                rest: Vec::new(),
            },
            background: false,
        };
        WordPart::CommandSubst(Rc::new(alloc::vec![item]))
    }
    fn arith(parts: Vec<WordPart>) -> WordPart {
        WordPart::Arith(w(parts))
    }

    fn strs(fields: Vec<Vec<u8>>) -> Vec<String> {
        fields
            .into_iter()
            .map(|f| String::from_utf8(f).unwrap())
            .collect()
    }

    /// The fields of one word, as `pr` in the dash session (`printf '<%s>' "$@"`) showed.
    fn fields(m: &mut Mock, parts: Vec<WordPart>) -> Vec<String> {
        strs(expand_fields(m, &[w(parts)]).unwrap())
    }

    fn string(m: &mut Mock, parts: Vec<WordPart>) -> String {
        String::from_utf8(expand_string(m, &w(parts)).unwrap()).unwrap()
    }

    fn error(m: &mut Mock, parts: Vec<WordPart>) -> String {
        let e = expand_fields(m, &[w(parts)]).unwrap_err();
        assert!(e.fatal);
        String::from_utf8(e.message).unwrap()
    }

    macro_rules! v {
        ($($x:expr),* $(,)?) => { alloc::vec![$($x),*] };
    }

    #[test]
    fn literal_and_quotes() {
        let mut m = Mock {
            noglob: true,
            ..Default::default()
        };
        assert_eq!(
            fields(&mut m, v![lit("a"), q("b c"), dq(v![lit("d")])]),
            ["ab cd"]
        );
        assert_eq!(fields(&mut m, v![q("")]), [""]);
        assert_eq!(fields(&mut m, v![dq(v![])]), [""]);
        assert_eq!(fields(&mut m, v![]), Vec::<String>::new());
    }

    #[test]
    fn ifs_default() {
        let mut m = Mock::default();
        m.set("x", " a  b ");
        assert_eq!(fields(&mut m, v![var("x")]), ["a", "b"]);
        assert_eq!(
            fields(&mut m, v![lit("pre"), var("x"), lit("post")]),
            ["pre", "a", "b", "post"]
        );
        assert_eq!(fields(&mut m, v![dq(v![var("x")])]), [" a  b "]);
        m.set("x", " ");
        assert_eq!(fields(&mut m, v![var("x")]), Vec::<String>::new());
        assert_eq!(fields(&mut m, v![q(""), var("x")]), [""]);
        assert_eq!(fields(&mut m, v![var("x"), q("")]), [""]);
        assert_eq!(fields(&mut m, v![lit("a"), var("x"), lit("b")]), ["a", "b"]);
        assert_eq!(fields(&mut m, v![var("x"), lit("a")]), ["a"]);
        m.set("x", "");
        assert_eq!(fields(&mut m, v![var("x")]), Vec::<String>::new());
        assert_eq!(fields(&mut m, v![dq(v![var("x")])]), [""]);
        assert_eq!(fields(&mut m, v![var("x"), var("x")]), Vec::<String>::new());
        assert_eq!(fields(&mut m, v![var("x"), q("")]), [""]);
        assert_eq!(fields(&mut m, v![var("unset")]), Vec::<String>::new());
        m.set("x", " a\tb\nc ");
        assert_eq!(fields(&mut m, v![var("x")]), ["a", "b", "c"]);
    }

    #[test]
    fn ifs_non_white() {
        let mut m = Mock::default();
        m.set("IFS", ":");
        let cases: &[(&str, &[&str])] = &[
            ("a::b", &["a", "", "b"]),
            (":a", &["", "a"]),
            ("a:", &["a"]),
            (":", &[""]),
            ("::", &["", ""]),
            ("a b", &["a b"]),
        ];
        for (x, want) in cases {
            m.set("x", x);
            assert_eq!(fields(&mut m, v![var("x")]), *want, "{x:?}");
        }
        m.set("x", "a:");
        assert_eq!(fields(&mut m, v![var("x"), lit("b")]), ["a", "b"]);
        assert_eq!(fields(&mut m, v![var("x"), q("")]), ["a", ""]);
        assert_eq!(fields(&mut m, v![var("x"), var("x")]), ["a", "a"]);
        m.set("x", ":");
        assert_eq!(fields(&mut m, v![lit("a"), var("x"), lit("b")]), ["a", "b"]);
        assert_eq!(fields(&mut m, v![var("x"), lit("b")]), ["", "b"]);
        assert_eq!(fields(&mut m, v![lit("a"), var("x")]), ["a"]);
        m.set("IFS", "x");
        m.set("x", "axbxxc");
        assert_eq!(fields(&mut m, v![var("x")]), ["a", "b", "", "c"]);
        assert_eq!(
            fields(&mut m, v![lit("a"), subst("bxc"), lit("d")]),
            ["ab", "cd"]
        );
        m.set("IFS", "5");
        assert_eq!(fields(&mut m, v![arith(v![lit("15+40")])]), ["", ""]);
        assert_eq!(
            fields(&mut m, v![lit("ab"), arith(v![lit("151")]), lit("c")]),
            ["ab1", "1c"]
        );
    }

    #[test]
    fn ifs_mixed() {
        let mut m = Mock::default();
        let d = |n, parts| {
            op(
                n,
                ParamOp::Default {
                    colon: true,
                    word: w(parts),
                },
            )
        };
        m.set("IFS", ": ");
        let cases: &[(&str, &[&str])] = &[
            ("a : b", &["a", "b"]),
            (" : ", &[""]),
            ("a  :  :b", &["a", "", "b"]),
            (" :a", &["", "a"]),
            ("a: ", &["a"]),
            ("a :", &["a"]),
            (": :", &["", ""]),
        ];
        for (x, want) in cases {
            m.set("x", x);
            assert_eq!(fields(&mut m, v![var("x")]), *want, "{x:?}");
        }
        // Delimiters do not merge across two expansions.
        m.set("x", "a ");
        m.set("y", ": b");
        assert_eq!(fields(&mut m, v![var("x"), var("y")]), ["a", "", "b"]);
        assert_eq!(fields(&mut m, v![var("x"), dq(v![var("y")])]), ["a", ": b"]);
        assert_eq!(fields(&mut m, v![dq(v![var("x")]), var("y")]), ["a ", "b"]);
        assert_eq!(
            fields(&mut m, v![var("x"), q(""), var("y")]),
            ["a", "", "b"]
        );
        assert_eq!(
            fields(&mut m, v![d("n", v![var("x"), var("y")])]),
            ["a", "", "b"]
        );
        assert_eq!(
            fields(&mut m, v![d("n", v![var("x"), lit(": b")])]),
            ["a", "", "b"]
        );
        assert_eq!(fields(&mut m, v![d("n", v![lit("a : b")])]), ["a", "b"]);
        m.set("IFS", " x");
        for (x, want) in [
            ("a x b", &["a", "b"][..]),
            ("a xx b", &["a", "", "b"]),
            ("axxb", &["a", "", "b"]),
        ] {
            m.set("x", x);
            assert_eq!(fields(&mut m, v![var("x")]), want, "{x:?}");
        }
    }

    #[test]
    fn ifs_empty_and_unset() {
        let mut m = Mock::default();
        m.set("IFS", "");
        m.set("x", " a b ");
        assert_eq!(fields(&mut m, v![var("x")]), [" a b "]);
        m.set("x", "");
        assert_eq!(fields(&mut m, v![var("x")]), Vec::<String>::new());
        m.unset("IFS");
        m.args(&["a", "b"]);
        assert_eq!(fields(&mut m, v![dq(v![var("*")])]), ["a b"]);
    }

    #[test]
    fn at_and_star_no_params() {
        let mut m = Mock::default();
        let none = Vec::<String>::new();
        let at = || dq(v![var("@")]);
        assert_eq!(fields(&mut m, v![at()]), none);
        assert_eq!(fields(&mut m, v![at(), q("")]), [""]);
        assert_eq!(fields(&mut m, v![q(""), at()]), [""]);
        assert_eq!(fields(&mut m, v![dq(v![var("@"), var("@")])]), [""]);
        assert_eq!(fields(&mut m, v![at(), at()]), none);
        assert_eq!(
            fields(&mut m, v![dq(v![lit("a"), var("@"), lit("b")])]),
            ["ab"]
        );
        assert_eq!(fields(&mut m, v![dq(v![lit("x"), var("@")])]), ["x"]);
        assert_eq!(fields(&mut m, v![at(), lit("x")]), ["x"]);
        assert_eq!(fields(&mut m, v![at(), var("x")]), none);
        assert_eq!(fields(&mut m, v![dq(v![var("*")])]), [""]);
        assert_eq!(fields(&mut m, v![var("*")]), none);
        assert_eq!(fields(&mut m, v![dq(v![var("x"), var("@")])]), [""]);
        let dflt = |word| op("x", ParamOp::Default { colon: true, word });
        assert_eq!(fields(&mut m, v![dflt(w(v![at()]))]), none);
        assert_eq!(fields(&mut m, v![dq(v![dflt(w(v![var("@")]))])]), [""]);
        assert_eq!(fields(&mut m, v![dflt(w(v![at(), q("")]))]), [""]);
        m.nounset = true;
        assert_eq!(fields(&mut m, v![var("@"), var("*"), var("#")]), ["0"]);
    }

    #[test]
    fn at_and_star_with_params() {
        let mut m = Mock::default();
        m.args(&["a", "b c", "d"]);
        let at = || var("@");
        assert_eq!(
            fields(&mut m, v![dq(v![lit("x"), at(), lit("y")])]),
            ["xa", "b c", "dy"]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![at(), at()])]),
            ["a", "b c", "da", "b c", "d"]
        );
        assert_eq!(fields(&mut m, v![at()]), ["a", "b", "c", "d"]);
        assert_eq!(fields(&mut m, v![dq(v![var("*")])]), ["a b c d"]);
        assert_eq!(fields(&mut m, v![var("*")]), ["a", "b", "c", "d"]);
        m.args(&["a"]);
        assert_eq!(fields(&mut m, v![dq(v![at()]), q("")]), ["a"]);
        m.args(&["", ""]);
        assert_eq!(fields(&mut m, v![dq(v![at()])]), ["", ""]);
        assert_eq!(fields(&mut m, v![at()]), Vec::<String>::new());
        assert_eq!(fields(&mut m, v![dq(v![var("*")])]), [" "]);
        assert_eq!(fields(&mut m, v![var("*")]), Vec::<String>::new());
        m.args(&["a", "", "b"]);
        assert_eq!(fields(&mut m, v![at()]), ["a", "b"]);
        m.set("IFS", ":");
        assert_eq!(fields(&mut m, v![at()]), ["a", "b"]);
        assert_eq!(fields(&mut m, v![var("*")]), ["a", "b"]);
        assert_eq!(fields(&mut m, v![dq(v![var("*")])]), ["a::b"]);
        assert_eq!(fields(&mut m, v![lit("x"), at(), lit("y")]), ["xa", "by"]);
        m.args(&["a", ":", "b"]);
        assert_eq!(fields(&mut m, v![at()]), ["a", "b"]);
        m.args(&["a:", ":b"]);
        assert_eq!(fields(&mut m, v![at()]), ["a", "", "b"]);
        m.args(&["a:b", "c"]);
        assert_eq!(fields(&mut m, v![var("*")]), ["a", "b", "c"]);
        m.args(&["a", ""]);
        assert_eq!(fields(&mut m, v![at()]), ["a"]);
        assert_eq!(fields(&mut m, v![dq(v![at()])]), ["a", ""]);
        assert_eq!(fields(&mut m, v![at(), q("")]), ["a", ""]);
        m.args(&["", "b"]);
        assert_eq!(fields(&mut m, v![at()]), ["b"]);
        m.args(&["a", "", ""]);
        assert_eq!(fields(&mut m, v![at(), lit("z")]), ["a", "z"]);
        m.set("IFS", ": ");
        m.args(&["a ", ": b"]);
        assert_eq!(fields(&mut m, v![at()]), ["a", "b"]);
        m.set("IFS", "");
        m.args(&["a b", "c"]);
        assert_eq!(fields(&mut m, v![at()]), ["a b", "c"]);
        assert_eq!(fields(&mut m, v![var("*")]), ["a b", "c"]);
        assert_eq!(fields(&mut m, v![dq(v![var("*")])]), ["a bc"]);
        m.args(&["", "a"]);
        assert_eq!(fields(&mut m, v![at()]), ["a"]);
        assert_eq!(string(&mut m, v![at()]), "a");
        m.set("IFS", ":-");
        m.args(&["a", "b"]);
        assert_eq!(string(&mut m, v![dq(v![at()])]), "a:b");
        assert_eq!(string(&mut m, v![at()]), "a:b");
        m.unset("IFS");
        assert_eq!(string(&mut m, v![dq(v![at()])]), "a b");
        assert_eq!(fields(&mut m, v![at(), lit("c")]), ["a", "bc"]);
    }

    #[test]
    fn special_and_positional() {
        let mut m = Mock::default();
        m.args(&["one", "two"]);
        let got = fields(&mut m, v![var("0"), lit(","), var("1"), lit(","), var("2")]);
        assert_eq!(got, ["rawsh,one,two"]);
        assert_eq!(
            fields(&mut m, v![var("#"), var("?"), var("$")]),
            ["2012345"]
        );
        assert_eq!(fields(&mut m, v![var("3"), var("!")]), Vec::<String>::new());
        m.nounset = true;
        assert_eq!(error(&mut m, v![var("3")]), "3: parameter not set");
        assert_eq!(error(&mut m, v![var("!")]), "!: parameter not set");
        assert_eq!(error(&mut m, v![var("x")]), "x: parameter not set");
    }

    #[test]
    fn length() {
        let mut m = Mock::default();
        m.set("x", "abc");
        m.set("u", "é");
        m.args(&["a", "b", "c"]);
        let len = |n| op(n, ParamOp::Length);
        assert_eq!(fields(&mut m, v![len("x")]), ["3"]);
        assert_eq!(fields(&mut m, v![len("u")]), ["2"]);
        assert_eq!(fields(&mut m, v![len("4")]), ["0"]);
        assert_eq!(fields(&mut m, v![len("@")]), ["5"]);
        assert_eq!(fields(&mut m, v![len("*")]), ["5"]);
        assert_eq!(fields(&mut m, v![len("#")]), ["1"]);
        assert_eq!(fields(&mut m, v![len("$")]), ["5"]);
        m.set("IFS", "");
        assert_eq!(fields(&mut m, v![len("*")]), ["3"]);
        m.nounset = true;
        assert_eq!(error(&mut m, v![len("nope")]), "nope: parameter not set");
    }

    #[test]
    fn default_and_alternate() {
        let mut m = Mock::default();
        m.set("x", "a");
        m.set("e", "");
        let d = |n, colon, parts| {
            op(
                n,
                ParamOp::Default {
                    colon,
                    word: w(parts),
                },
            )
        };
        let a = |n, colon, parts| {
            op(
                n,
                ParamOp::Alternate {
                    colon,
                    word: w(parts),
                },
            )
        };
        assert_eq!(
            fields(&mut m, v![d("x", true, v![dq(v![lit("b c")])])]),
            ["a"]
        );
        assert_eq!(
            fields(&mut m, v![d("y", true, v![dq(v![lit("b c")])])]),
            ["b c"]
        );
        assert_eq!(fields(&mut m, v![d("y", true, v![lit("b c")])]), ["b", "c"]);
        assert_eq!(
            fields(&mut m, v![dq(v![d("y", true, v![lit("b c")])])]),
            ["b c"]
        );
        let nested = d("z", true, v![lit("c d")]);
        assert_eq!(
            fields(&mut m, v![d("y", true, v![lit("a b"), nested])]),
            ["a", "bc", "d"]
        );
        m.set("s", "b c");
        assert_eq!(fields(&mut m, v![d("y", true, v![var("s")])]), ["b", "c"]);
        assert_eq!(
            fields(&mut m, v![dq(v![d("y", true, v![var("s")])])]),
            ["b c"]
        );
        assert_eq!(
            fields(&mut m, v![d("y", true, v![dq(v![var("s")])])]),
            ["b c"]
        );
        assert_eq!(
            fields(&mut m, v![d("e", false, v![lit("z")])]),
            Vec::<String>::new()
        );
        assert_eq!(fields(&mut m, v![d("e", true, v![lit("z")])]), ["z"]);
        assert_eq!(
            fields(&mut m, v![dq(v![d("y", true, v![lit("'a b'")])])]),
            ["'a b'"]
        );
        assert_eq!(fields(&mut m, v![d("y", true, v![q("*")])]), ["*"]);
        assert_eq!(
            fields(&mut m, v![a("s", true, v![dq(v![var("s")])])]),
            ["b c"]
        );
        assert_eq!(fields(&mut m, v![a("s", true, v![var("s")])]), ["b", "c"]);
        assert_eq!(
            fields(&mut m, v![a("y", false, v![lit("x")])]),
            Vec::<String>::new()
        );
        assert_eq!(fields(&mut m, v![a("e", false, v![lit("x")])]), ["x"]);
        assert_eq!(
            fields(&mut m, v![a("e", true, v![lit("x")]), lit("x")]),
            ["x"]
        );
        // $@ is never unset; it is null when its parameters joined are empty.
        m.args(&["a b"]);
        assert_eq!(fields(&mut m, v![d("@", true, v![lit("x")])]), ["a", "b"]);
        assert_eq!(
            fields(&mut m, v![dq(v![d("@", true, v![lit("x")])])]),
            ["a b"]
        );
        m.args(&[]);
        assert_eq!(fields(&mut m, v![d("@", true, v![lit("x y")])]), ["x", "y"]);
        assert_eq!(
            fields(&mut m, v![dq(v![d("@", false, v![lit("x")])])]),
            [""]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![d("*", false, v![lit("x")])])]),
            [""]
        );
        m.args(&[""]);
        assert_eq!(fields(&mut m, v![d("@", true, v![lit("x")])]), ["x"]);
        assert_eq!(
            fields(&mut m, v![dq(v![d("*", true, v![lit("x")])])]),
            ["x"]
        );
        assert_eq!(
            fields(&mut m, v![a("@", true, v![lit("y")])]),
            Vec::<String>::new()
        );
        assert_eq!(
            fields(&mut m, v![dq(v![a("@", false, v![lit("y")])])]),
            ["y"]
        );
        m.args(&["", ""]);
        assert_eq!(
            fields(&mut m, v![dq(v![d("@", true, v![lit("x")])])]),
            ["", ""]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![d("*", true, v![lit("x")])])]),
            [" "]
        );
        m.args(&["a", "b"]);
        let at = dq(v![var("@")]);
        assert_eq!(fields(&mut m, v![d("x", false, v![at.clone()])]), ["a"]);
        assert_eq!(
            fields(&mut m, v![d("y", false, v![lit("x"), at, lit("y")])]),
            ["xa", "by"]
        );
        m.nounset = true;
        assert_eq!(fields(&mut m, v![d("y", false, v![lit("d")])]), ["d"]);
    }

    #[test]
    fn quotes_in_param_words() {
        let mut m = Mock::default();
        let d = |parts| {
            op(
                "x",
                ParamOp::Default {
                    colon: true,
                    word: w(parts),
                },
            )
        };
        let pre = |parts| {
            op(
                "x",
                ParamOp::TrimPrefix {
                    longest: false,
                    pattern: w(parts),
                },
            )
        };
        assert_eq!(fields(&mut m, v![d(v![q("")])]), [""]);
        assert_eq!(fields(&mut m, v![d(v![dq(v![])])]), [""]);
        assert_eq!(fields(&mut m, v![dq(v![d(v![])])]), [""]);
        assert_eq!(fields(&mut m, v![d(v![])]), Vec::<String>::new());
        m.set("x", "a");
        assert_eq!(fields(&mut m, v![pre(v![lit("a")])]), Vec::<String>::new());
        assert_eq!(fields(&mut m, v![dq(v![pre(v![lit("a")])])]), [""]);
        m.set("x", "a b");
        assert_eq!(fields(&mut m, v![pre(v![dq(v![lit("a")])])]), ["b"]);
        m.set("IFS", "");
        assert_eq!(fields(&mut m, v![pre(v![lit("a")])]), [" b"]);
        m.args(&["a", "b"]);
        let at = || dq(v![var("@")]);
        assert_eq!(fields(&mut m, v![at(), lit("x"), at()]), ["a", "bxa", "b"]);
        let one = || arith(v![lit("1")]);
        assert_eq!(fields(&mut m, v![one(), one(), dq(v![one()])]), ["111"]);
    }

    #[test]
    fn assign() {
        let mut m = Mock::default();
        let asg = |n, colon, parts| {
            op(
                n,
                ParamOp::Assign {
                    colon,
                    word: w(parts),
                },
            )
        };
        assert_eq!(
            fields(&mut m, v![asg("y", false, v![lit("a b")])]),
            ["a", "b"]
        );
        assert_eq!(m.get("y"), Some("a b"));
        assert_eq!(
            fields(&mut m, v![asg("z", false, v![dq(v![lit("a  b")])])]),
            ["a", "b"]
        );
        assert_eq!(m.get("z"), Some("a  b"));
        assert_eq!(
            fields(&mut m, v![dq(v![asg("z", false, v![lit("c")])])]),
            ["a  b"]
        );
        m.set("e", "");
        assert_eq!(
            fields(&mut m, v![asg("e", false, v![lit("c")])]),
            Vec::<String>::new()
        );
        assert_eq!(fields(&mut m, v![asg("e", true, v![lit("c")])]), ["c"]);
        assert_eq!(m.get("e"), Some("c"));
        assert_eq!(
            error(&mut m, v![asg("1", false, v![lit("a")])]),
            "1: bad variable name"
        );
        assert_eq!(fields(&mut m, v![asg("#", false, v![lit("a")])]), ["0"]);
        m.readonly.push(b"r".to_vec());
        assert_eq!(
            error(&mut m, v![asg("r", false, v![lit("a")])]),
            "r: is read only"
        );
        m.nounset = true;
        assert_eq!(fields(&mut m, v![asg("n", true, v![lit("d")])]), ["d"]);
    }

    #[test]
    fn error_op() {
        let mut m = Mock::default();
        m.set("HOME", "/root");
        m.set("e", "");
        let err = |n, colon, parts| {
            op(
                n,
                ParamOp::Error {
                    colon,
                    word: w(parts),
                },
            )
        };
        assert_eq!(
            error(&mut m, v![err("x", false, v![])]),
            "x: parameter not set"
        );
        let msg = v![lit("oops "), var("HOME")];
        assert_eq!(error(&mut m, v![err("x", false, msg)]), "x: oops /root");
        assert_eq!(
            error(&mut m, v![err("e", true, v![])]),
            "e: parameter not set or null"
        );
        assert_eq!(error(&mut m, v![err("e", true, v![lit("bad")])]), "e: bad");
        assert_eq!(fields(&mut m, v![err("e", false, v![]), lit("ok")]), ["ok"]);
        assert_eq!(
            error(&mut m, v![err("1", false, v![])]),
            "1: parameter not set"
        );
        assert_eq!(
            fields(&mut m, v![err("@", false, v![])]),
            Vec::<String>::new()
        );
        assert_eq!(
            error(&mut m, v![err("*", true, v![])]),
            "*: parameter not set or null"
        );
    }

    #[test]
    fn trims() {
        let mut m = Mock::default();
        let pre = |n, longest, parts| {
            op(
                n,
                ParamOp::TrimPrefix {
                    longest,
                    pattern: w(parts),
                },
            )
        };
        let suf = |n, longest, parts| {
            op(
                n,
                ParamOp::TrimSuffix {
                    longest,
                    pattern: w(parts),
                },
            )
        };
        m.set("x", "aXbXc");
        let got: Vec<String> = [
            pre("x", false, v![lit("*X")]),
            pre("x", true, v![lit("*X")]),
            suf("x", false, v![lit("X*")]),
            suf("x", true, v![lit("X*")]),
            pre("x", false, v![q("*X")]),
            pre("x", false, v![]),
            suf("x", true, v![]),
        ]
        .into_iter()
        .flat_map(|p| fields(&mut m, v![p]))
        .collect();
        assert_eq!(got, ["bXc", "c", "aXb", "a", "aXbXc", "aXbXc", "aXbXc"]);
        m.set("x", "a*b");
        assert_eq!(fields(&mut m, v![pre("x", false, v![q("a*")])]), ["b"]);
        assert_eq!(
            fields(&mut m, v![suf("x", false, v![q("*"), lit("b")])]),
            ["a"]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![pre("x", false, v![lit("a*")])])]),
            ["*b"]
        );
        m.set("x", "abc");
        let cases = [
            (pre("x", false, v![lit("?")]), "bc"),
            (suf("x", false, v![lit("?")]), "ab"),
            (pre("x", true, v![lit("*")]), ""),
            (suf("x", true, v![lit("*")]), ""),
            (pre("x", false, v![lit("[ab]")]), "bc"),
            (pre("x", false, v![lit("x")]), "abc"),
        ];
        for (p, want) in cases {
            assert_eq!(fields(&mut m, v![dq(v![p])]), [want]);
        }
        assert_eq!(
            fields(&mut m, v![pre("y", false, v![lit("a")])]),
            Vec::<String>::new()
        );
        m.set("p", "a*");
        m.set("x", "abcd");
        assert_eq!(
            fields(&mut m, v![dq(v![pre("x", false, v![var("p")])])]),
            ["bcd"]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![pre("x", true, v![var("p")])])]),
            [""]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![pre("x", false, v![dq(v![var("p")])])])]),
            ["abcd"]
        );
        m.set("x", "/usr/lib/x.so");
        assert_eq!(fields(&mut m, v![pre("x", true, v![lit("*/")])]), ["x.so"]);
        assert_eq!(
            fields(&mut m, v![suf("x", false, v![lit("/*")])]),
            ["/usr/lib"]
        );
        assert_eq!(
            fields(&mut m, v![suf("x", false, v![lit(".*")])]),
            ["/usr/lib/x"]
        );
        // Per parameter for $@ and $*.
        m.args(&["abc", "abd"]);
        assert_eq!(
            fields(&mut m, v![pre("@", false, v![lit("a")])]),
            ["bc", "bd"]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![pre("@", false, v![lit("a")])])]),
            ["bc", "bd"]
        );
        assert_eq!(
            fields(&mut m, v![dq(v![suf("*", false, v![lit("d")])])]),
            ["abc ab"]
        );
        m.nounset = true;
        assert_eq!(
            error(&mut m, v![pre("y", false, v![lit("a")])]),
            "y: parameter not set"
        );
    }

    #[test]
    fn command_substitution() {
        let mut m = Mock::default();
        assert_eq!(fields(&mut m, v![subst("a\n\nb\n\n\n")]), ["a", "b"]);
        assert_eq!(fields(&mut m, v![dq(v![subst("a\n\n")])]), ["a"]);
        assert_eq!(fields(&mut m, v![subst("a\0b")]), ["ab"]);
        assert_eq!(fields(&mut m, v![subst("\n\n")]), Vec::<String>::new());
        assert_eq!(fields(&mut m, v![dq(v![subst("\n")])]), [""]);
        assert_eq!(string(&mut m, v![subst(" x \n")]), " x ");
    }

    #[test]
    fn arithmetic() {
        let mut m = Mock::default();
        m.set("x", "5");
        let e = v![lit("$x+1")];
        assert!(expand_fields(&mut m, &[w(v![arith(e)])]).is_err());
        assert_eq!(
            fields(&mut m, v![arith(v![var("x"), lit("+1")]), lit("x")]),
            ["6x"]
        );
        assert_eq!(fields(&mut m, v![arith(v![lit("y = x * 2")])]), ["10"]);
        assert_eq!(m.get("y"), Some("10"));
        assert_eq!(
            fields(&mut m, v![arith(v![dq(v![lit("1")]), lit("+2")])]),
            ["3"]
        );
        assert_eq!(
            error(&mut m, v![arith(v![lit("1/0")])]),
            "arithmetic expression: division by zero: \"1/0\""
        );
        m.set("x", "abc");
        assert_eq!(
            error(&mut m, v![arith(v![lit("x")])]),
            "Illegal number: abc"
        );
    }

    #[test]
    fn tilde() {
        let mut m = Mock::default();
        let t = |u: &str| WordPart::Tilde(u.into());
        m.set("HOME", "/x/y");
        assert_eq!(fields(&mut m, v![t("")]), ["/x/y"]);
        assert_eq!(fields(&mut m, v![t(""), lit("/a")]), ["/x/y/a"]);
        assert_eq!(fields(&mut m, v![t("root")]), ["/root"]);
        assert_eq!(fields(&mut m, v![t("root"), lit("/x")]), ["/root/x"]);
        assert_eq!(fields(&mut m, v![t("no such user")]), ["~no such user"]);
        m.set("HOME", "/a b");
        assert_eq!(fields(&mut m, v![t("")]), ["/a b"]);
        m.set("HOME", "/a*");
        assert_eq!(fields(&mut m, v![t("")]), ["/a*"]);
        m.set("IFS", "/");
        m.set("x", "a/b");
        m.set("HOME", "/root");
        assert_eq!(
            fields(&mut m, v![t(""), lit("/"), var("x")]),
            ["/root/a", "b"]
        );
        m.set("HOME", "");
        assert_eq!(fields(&mut m, v![t("")]), Vec::<String>::new());
        assert_eq!(fields(&mut m, v![t(""), lit("/c")]), ["/c"]);
        m.unset("HOME");
        assert_eq!(fields(&mut m, v![t(""), lit("/b")]), ["~/b"]);
        assert_eq!(
            string(&mut m, v![lit("a:"), t("root"), lit(":b")]),
            "a:/root:b"
        );
    }

    #[test]
    fn patterns_from_words() {
        let mut m = Mock::default();
        let pat = |m: &mut Mock, parts| expand_pattern(m, &w(parts)).unwrap();
        m.set("x", "\\*");
        assert!(pat(&mut m, v![var("x")]).matches(b"*"));
        assert!(!pat(&mut m, v![var("x")]).matches(b"a"));
        m.set("x", "\\");
        assert!(pat(&mut m, v![var("x")]).matches(b"\\"));
        assert!(!pat(&mut m, v![dq(v![var("x")]), lit("*")]).matches(b"a"));
        assert!(pat(&mut m, v![lit("a"), q("*")]).matches(b"a*"));
        assert!(!pat(&mut m, v![lit("a"), q("*")]).matches(b"ab"));
        m.set("x", "[\\]]");
        assert!(pat(&mut m, v![var("x")]).matches(b"]"));
        m.set("x", "*");
        assert!(!pat(&mut m, v![dq(v![var("x")])]).matches(b"zz"));
        assert!(pat(&mut m, v![dq(v![var("x")])]).matches(b"*"));
    }

    /// Pathname expansion in a scratch directory (set up with std; the code uses sys::).
    #[test]
    fn globbing() {
        let dir = std::env::temp_dir().join(format!("rawsh-glob-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("d/e")).unwrap();
        for f in [
            "a", "b", ".h", "ab", "a*", "\\x", "x", "[a", "d/f", "d/.g", "d/e/z",
        ] {
            std::fs::write(dir.join(f), "").unwrap();
        }
        let root = dir.to_str().unwrap().to_string() + "/";
        let mut m = Mock::default();
        let glob = |m: &mut Mock, parts: Vec<WordPart>| -> Vec<String> {
            let mut all = v![lit(&root)];
            all.extend(parts);
            fields(m, all)
                .into_iter()
                .map(|f| f[root.len()..].to_string())
                .collect()
        };
        let cases: &[(&str, &[&str])] = &[
            ("*", &["[a", "\\x", "a", "a*", "ab", "b", "d", "x"]),
            (".*", &[".", "..", ".h"]),
            ("?", &["a", "b", "d", "x"]),
            ("[a]*", &["a", "a*", "ab"]),
            ("[.]*", &["[.]*"]),
            ("*[!a]", &["\\x", "a*", "ab", "b", "d", "x"]),
            ("*/*", &["d/e", "d/f"]),
            ("*/.*", &["d/.", "d/..", "d/.g"]),
            ("d/*/*", &["d/e/z"]),
            ("*/", &["d/"]),
            ("./*/f", &["./d/f"]),
            ("d//f*", &["d//f"]),
            ("[a", &["[a"]),
            ("[[]a", &["[a"]),
            ("[!]a", &["[!]a"]),
            ("[a-]", &["a"]),
            ("[!a-c]*", &["[a", "\\x", "d", "x"]),
            ("no*", &["no*"]),
            ("d/[e]", &["d/e"]),
            ("[d]/f", &["d/f"]),
            ("nonexist/*", &["nonexist/*"]),
            ("d/f/*", &["d/f/*"]),
        ];
        for (p, want) in cases {
            assert_eq!(glob(&mut m, v![lit(p)]), *want, "{p}");
        }
        assert_eq!(glob(&mut m, v![q("a"), lit("*")]), ["a", "a*", "ab"]);
        assert_eq!(glob(&mut m, v![lit("a"), q("*")]), ["a*"]);
        assert_eq!(
            glob(&mut m, v![dq(v![lit("no")]), lit("*"), q("*")]),
            ["no**"]
        );
        // Backslashes from expansions quote the next byte, and stay if nothing is globbed.
        for (x, want) in [
            ("a*", &["a", "a*", "ab"][..]),
            ("a\\*", &["a\\*"]),
            ("\\x", &["\\x"]),
            ("\\a*", &["a", "a*", "ab"]),
            ("[\\a]*", &["a", "a*", "ab"]),
            ("\\d/*", &["d/e", "d/f"]),
            ("*\\", &["*\\"]),
        ] {
            m.set("x", x);
            assert_eq!(glob(&mut m, v![var("x")]), want, "{x}");
        }
        m.noglob = true;
        assert_eq!(glob(&mut m, v![lit("*")]), ["*"]);
        // Absolute and doubled leading slashes stay as written. (Not `/*`: qemu-user's `-L`
        // prefix shows the guest a different `/`.)
        let mut m = Mock::default();
        let abs = dir.to_str().unwrap();
        let want = format!("{abs}/ab");
        assert!(fields(&mut m, v![lit(&format!("{abs}/a?"))]).contains(&want));
        assert!(fields(&mut m, v![lit(&format!("/{abs}/a?"))]).contains(&format!("/{want}")));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    /// Fixed-seed random words (pieces of the word grammar), parsed by the real parser and
    /// expanded every way: no panic, no hang, whatever the text.
    #[test]
    fn random_words_never_panic() {
        let pieces: &[&str] = &[
            "a", "x", "n", "1", "$x", "$n", "${x", "}", "${#x}", ":-", ":=", ":?", ":+", "=", "-",
            "+", "?", "%", "%%", "#", "##", "*", "[", "]", "[!", "!", "\\", "'", "\"", "$(", ")",
            "`", "$((", "))", "~", "~root", "~nobody/", "$@", "\"$@\"", "$*", "$#", "$1", "$9",
            "$?", "$-", "${1:-", "${x%%*}", "${x#?}", "${@}", "${*:-z}", ":", "/", " ", "\t",
            "$((x=", "n+1", "/0", "$((1<<63", "<<", "{", "\\$", "\u{ff}",
        ];
        let mut rand = crate::testing::xorshift(0x9e37_79b9_7f4a_7c15);
        let start = std::time::Instant::now();
        for _ in 0..20_000 {
            let n = 1 + rand() % 10;
            let word: String = (0..n).map(|_| pieces[rand() % pieces.len()]).collect();
            let src = format!("echo {word}\n");
            let Ok(Some(list)) =
                crate::shell::parse::Parser::with_line(src.as_bytes(), 1).next_command()
            else {
                continue;
            };
            for item in &list {
                for cmd in &item.and_or.first.commands {
                    let ast::Command::Simple(sc) = cmd else {
                        continue;
                    };
                    let mut m = Mock::default();
                    m.set("x", "a b*c");
                    m.set("n", "42");
                    m.args(&["p q", "", "-7"]);
                    m.noglob = true;
                    let _ = expand_fields(&mut m, &sc.words);
                    for w in &sc.words {
                        let _ = expand_string(&mut m, w);
                        let _ = expand_pattern(&mut m, w);
                    }
                }
            }
        }
        assert!(start.elapsed().as_secs() < 120, "hang guard");
    }
}
