//! The shell's lexer (POSIX XCU 2.2–2.4, 2.6, 2.7.4): operators, and words read straight into
//! [`ast::Word`]s with their quoting and expansions. A `$(...)` or backquoted command is parsed
//! on the spot by a nested [`Parser`]; here-document bodies are read after the newline that
//! ends their line and handed to the parser in order.
//!
//! Backslash-newline is removed everywhere except inside single quotes, comments and quoted
//! here-documents (2.2.1); NUL bytes are dropped, as dash drops them from its input.
//!
//! [`ast::Word`]: super::ast::Word

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;
use core::ops::Range;

use super::ast::{List, Param, ParamName, ParamOp, Word, WordPart};
use super::parse::{Aliases, ParseError, Parser};

/// How deeply constructs may nest: compound commands, substitutions, `${...}` inside one
/// another. Parsing recurses once per level, so this bounds the stack it uses: measured at
/// under 2 KiB a level in a release build (about 10 KiB unoptimised), so about 1 MiB in all,
/// well inside the 8 MiB main stack, and it bounds the executor's recursion over the tree too.
pub const MAX_DEPTH: u32 = 500;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Op {
    Semi,
    DSemi,
    Amp,
    AndIf,
    Pipe,
    OrIf,
    LParen,
    RParen,
    Less,
    DLess,
    DLessDash,
    LessAnd,
    LessGreat,
    Great,
    DGreat,
    GreatAnd,
    Clobber,
}

impl Op {
    pub(super) fn text(self) -> &'static str {
        match self {
            Op::Semi => ";",
            Op::DSemi => ";;",
            Op::Amp => "&",
            Op::AndIf => "&&",
            Op::Pipe => "|",
            Op::OrIf => "||",
            Op::LParen => "(",
            Op::RParen => ")",
            Op::Less => "<",
            Op::DLess => "<<",
            Op::DLessDash => "<<-",
            Op::LessAnd => "<&",
            Op::LessGreat => "<>",
            Op::Great => ">",
            Op::DGreat => ">>",
            Op::GreatAnd => ">&",
            Op::Clobber => ">|",
        }
    }

    pub(super) fn is_redirect(self) -> bool {
        !matches!(
            self,
            Op::Semi
                | Op::DSemi
                | Op::Amp
                | Op::AndIf
                | Op::Pipe
                | Op::OrIf
                | Op::LParen
                | Op::RParen
        )
    }
}

#[derive(Debug)]
pub(super) enum Token {
    /// A word, and where its source text lies (a here-document delimiter is taken from it).
    Word(Word, Range<usize>),
    /// A digit directly before `<` or `>`. dash takes a single digit only (`12>f` is the word
    /// `12` and `>f`), and so do we.
    IoNumber(i32),
    Op(Op),
    Newline,
    Eof,
}

/// A `<<` seen on the current line whose body is read after the line's newline.
struct PendingHereDoc {
    delimiter: Vec<u8>,
    strip_tabs: bool,
    quoted: bool,
}

/// How the text being read is quoted: decides what literal text becomes and how a `${...}`
/// word inside is read.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Quoting {
    Unquoted,
    /// Inside `"..."` or an unquoted here-document body.
    Double,
    /// Inside `$((...))`: POSIX treats it as double-quoted, but its text stays unquoted.
    Arith,
}

pub(super) struct Lexer<'a> {
    src: &'a [u8],
    pos: usize,
    line: u32,
    depth: u32,
    /// More input may follow (a line editor): end of input inside a here-document or after a
    /// trailing `\` (with or without its newline) is then incomplete, where dash reading a
    /// script takes it as the end.
    interactive: bool,
    pending: Vec<PendingHereDoc>,
    bodies: Vec<Word>,
    /// Reading an unquoted here-document body.
    in_heredoc: bool,
    /// Where the `${...}` being read starts (after `${`), for the text of a bad one.
    brace_at: usize,
    /// The input ends with a line continuation: a line editor must read another line.
    continued_at_end: bool,
    /// The aliases the parsers of this input expand, nested ones (`$(...)`) included.
    pub(super) aliases: Option<Rc<Aliases>>,
}

const UNTERMINATED: &str = "Syntax error: Unterminated quoted string";
const MISSING_BRACE: &str = "Syntax error: Missing '}'";
const MISSING_PARENS: &str = "Syntax error: Missing '))'";

impl<'a> Lexer<'a> {
    pub(super) fn new(
        src: &'a [u8],
        pos: usize,
        line: u32,
        depth: u32,
        interactive: bool,
    ) -> Lexer<'a> {
        Lexer {
            src,
            pos,
            line,
            depth,
            interactive,
            pending: Vec::new(),
            bodies: Vec::new(),
            in_heredoc: false,
            brace_at: 0,
            continued_at_end: false,
            aliases: None,
        }
    }

    pub(super) fn line(&self) -> u32 {
        self.line
    }

    /// How deeply nested what is being read is.
    pub(super) fn depth(&self) -> u32 {
        self.depth
    }

    /// How far into the input the lexer has read.
    pub(super) fn pos(&self) -> usize {
        self.pos
    }

    pub(super) fn error(&self, message: &str, incomplete: bool) -> ParseError {
        alloc::boxed::Box::new(super::parse::SyntaxError {
            line: self.line,
            message: String::from(message),
            incomplete,
        })
    }

    pub(super) fn set_interactive(&mut self) {
        self.interactive = true;
    }

    /// Goes one nesting level deeper, or fails if that is too deep.
    pub(super) fn enter(&mut self) -> Result<(), ParseError> {
        if self.depth >= MAX_DEPTH || !super::stack_ok() {
            return Err(self.error("Syntax error: nesting too deep", false));
        }
        self.depth += 1;
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one nesting level deeper.
    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        self.enter()?;
        let r = f(self);
        self.leave();
        r
    }

    // ---- characters ----

    /// The next byte, NULs skipped, without removing line continuations.
    fn peek_raw(&mut self) -> Option<u8> {
        while let Some(&c) = self.src.get(self.pos) {
            if c != 0 {
                return Some(c);
            }
            self.pos += 1;
        }
        None
    }

    /// The next byte after removing any backslash-newline pairs (2.2.1).
    fn peek(&mut self) -> Option<u8> {
        loop {
            let c = self.peek_raw()?;
            if c == b'\\' && self.src.get(self.pos + 1) == Some(&b'\n') {
                self.pos += 2;
                self.line = self.line.saturating_add(1);
                self.continued_at_end = self.pos == self.src.len();
            } else {
                return Some(c);
            }
        }
    }

    /// Steps over the byte the last peek returned.
    fn bump(&mut self) {
        if let Some(&c) = self.src.get(self.pos) {
            if c == b'\n' {
                self.line = self.line.saturating_add(1);
            }
            self.pos += 1;
        }
    }

    fn eat(&mut self, c: u8) -> bool {
        if self.peek() == Some(c) {
            self.bump();
            true
        } else {
            false
        }
    }

    // ---- tokens ----

    /// The next token and the line it starts on.
    pub(super) fn next_token(&mut self) -> Result<(Token, u32), ParseError> {
        loop {
            match self.peek() {
                Some(b' ' | b'\t') => self.bump(),
                // A comment runs to the newline; a backslash does not continue it.
                Some(b'#') => {
                    while let Some(c) = self.peek_raw() {
                        if c == b'\n' {
                            break;
                        }
                        self.pos += 1;
                    }
                }
                _ => break,
            }
        }
        let line = self.line;
        let Some(c) = self.peek() else {
            if self.interactive && self.continued_at_end {
                return Err(self.error("Syntax error: end of file unexpected", true));
            }
            self.end_of_input()?;
            return Ok((Token::Eof, line));
        };
        if !matches!(c, b'\n' | b';' | b'&' | b'|' | b'(' | b')' | b'<' | b'>') {
            return Ok((self.word_token()?, line));
        }
        self.bump();
        let op = match c {
            b'\n' => return Ok((Token::Newline, line)),
            b';' if self.eat(b';') => Op::DSemi,
            b';' => Op::Semi,
            b'&' if self.eat(b'&') => Op::AndIf,
            b'&' => Op::Amp,
            b'|' if self.eat(b'|') => Op::OrIf,
            b'|' => Op::Pipe,
            b'(' => Op::LParen,
            b')' => Op::RParen,
            b'<' if self.eat(b'<') => {
                if self.eat(b'-') {
                    Op::DLessDash
                } else {
                    Op::DLess
                }
            }
            b'<' if self.eat(b'&') => Op::LessAnd,
            b'<' if self.eat(b'>') => Op::LessGreat,
            b'<' => Op::Less,
            b'>' if self.eat(b'>') => Op::DGreat,
            b'>' if self.eat(b'&') => Op::GreatAnd,
            b'>' if self.eat(b'|') => Op::Clobber,
            _ => Op::Great,
        };
        Ok((Token::Op(op), line))
    }

    fn word_token(&mut self) -> Result<Token, ParseError> {
        let start = self.pos;
        let mut parts = self.read_word()?;
        if let [WordPart::Lit(text)] = &parts[..]
            && let [d @ b'0'..=b'9'] = text[..]
            && matches!(self.peek(), Some(b'<' | b'>'))
        {
            return Ok(Token::IoNumber(i32::from(d - b'0')));
        }
        tildes(&mut parts, false);
        Ok(Token::Word(Word { parts }, start..self.pos))
    }

    /// An unquoted word, up to a blank, newline or operator character.
    fn read_word(&mut self) -> Result<Vec<WordPart>, ParseError> {
        let mut parts = Vec::new();
        while let Some(c) = self.peek() {
            match c {
                b' ' | b'\t' | b'\n' | b';' | b'&' | b'|' | b'<' | b'>' | b'(' | b')' => break,
                _ => {
                    self.bump();
                    self.unquoted_char(c, &mut parts)?;
                }
            }
        }
        Ok(parts)
    }

    /// One character (already stepped over) of unquoted text, where quotes quote.
    fn unquoted_char(&mut self, c: u8, parts: &mut Vec<WordPart>) -> Result<(), ParseError> {
        match c {
            b'\'' => {
                let text = self.read_single()?;
                push_quoted(parts, &text);
            }
            b'"' => {
                let inner = self.read_double()?;
                parts.push(WordPart::Double(inner));
            }
            b'\\' => match self.peek_raw() {
                Some(c) => {
                    self.bump();
                    push_quoted(parts, &[c]);
                }
                None if self.interactive => {
                    return Err(self.error("Syntax error: end of file unexpected", true));
                }
                // dash takes a backslash at the very end as itself.
                None => push_quoted(parts, b"\\"),
            },
            b'$' => self.read_dollar(parts, Quoting::Unquoted)?,
            b'`' => {
                let list = self.read_backquote(false)?;
                parts.push(WordPart::CommandSubst(Rc::new(list)));
            }
            _ => push_lit(parts, c),
        }
        Ok(())
    }

    /// After `'`: everything up to the next `'`.
    fn read_single(&mut self) -> Result<Vec<u8>, ParseError> {
        let mut text = Vec::new();
        loop {
            match self.peek_raw() {
                None => return Err(self.unterminated()),
                Some(b'\'') => {
                    self.bump();
                    return Ok(text);
                }
                Some(c) => {
                    self.bump();
                    text.push(c);
                }
            }
        }
    }

    /// After `"`: the parts up to the closing `"` (2.2.3).
    fn read_double(&mut self) -> Result<Vec<WordPart>, ParseError> {
        let mut parts = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(self.unterminated());
            };
            self.bump();
            match c {
                b'"' => return Ok(parts),
                _ => self.double_char(c, &mut parts, b"$`\"\\", true)?,
            }
        }
    }

    /// One character of double-quoted text: `escapes` are the characters a backslash quotes.
    fn double_char(
        &mut self,
        c: u8,
        parts: &mut Vec<WordPart>,
        escapes: &[u8],
        in_double: bool,
    ) -> Result<(), ParseError> {
        match c {
            b'\\' => self.escape(parts, escapes, Quoting::Double),
            b'$' => self.read_dollar(parts, Quoting::Double)?,
            b'`' => {
                let list = self.read_backquote(in_double)?;
                parts.push(WordPart::CommandSubst(Rc::new(list)));
            }
            _ => push_quoted(parts, &[c]),
        }
        Ok(())
    }

    /// After a backslash in double-quote-like text: it quotes only the `escapes`.
    fn escape(&mut self, parts: &mut Vec<WordPart>, escapes: &[u8], quoting: Quoting) {
        let text = match self.peek_raw() {
            Some(c) if escapes.contains(&c) => {
                self.bump();
                c
            }
            _ => b'\\',
        };
        push_text(parts, &[text], quoting);
    }

    // ---- expansions ----

    /// After `$`: a parameter, `${...}`, `$(...)`, `$((...))`, or just a `$`.
    fn read_dollar(
        &mut self,
        parts: &mut Vec<WordPart>,
        quoting: Quoting,
    ) -> Result<(), ParseError> {
        let name = match self.peek() {
            Some(b'{') => {
                self.bump();
                let param = self.nested(|lx| lx.read_braced(quoting))?;
                parts.push(WordPart::Param(Box::new(param)));
                return Ok(());
            }
            Some(b'(') => {
                self.bump();
                let part = if self.eat(b'(') {
                    WordPart::Arith(self.nested(Self::read_arith)?)
                } else {
                    WordPart::CommandSubst(Rc::new(self.read_subst()?))
                };
                parts.push(part);
                return Ok(());
            }
            Some(c) if is_name_start(c) => ParamName::Var(self.read_name()),
            Some(c @ b'0'..=b'9') => {
                self.bump();
                ParamName::Positional(u32::from(c - b'0'))
            }
            Some(c) if is_special(c) => {
                self.bump();
                ParamName::Special(c)
            }
            _ => {
                push_text(parts, b"$", quoting);
                return Ok(());
            }
        };
        parts.push(WordPart::Param(Box::new(Param {
            name,
            op: ParamOp::Plain,
        })));
        Ok(())
    }

    fn read_name(&mut self) -> Vec<u8> {
        let mut name = Vec::new();
        while let Some(c) = self.peek() {
            if !is_name_char(c) {
                break;
            }
            self.bump();
            name.push(c);
        }
        name
    }

    fn read_digits(&mut self) -> u32 {
        let mut n: u32 = 0;
        while let Some(c @ b'0'..=b'9') = self.peek() {
            self.bump();
            // `${99999999999}` is a parameter that is never set.
            n = n.saturating_mul(10).saturating_add(u32::from(c - b'0'));
        }
        n
    }

    /// After `${`: the parameter, the operator and its word, up to the closing `}` (2.6.2).
    fn read_braced(&mut self, quoting: Quoting) -> Result<Param, ParseError> {
        self.brace_at = self.pos;
        // `${#}` is `$#`, `${#x}` the length of x, `${#-x}` is `$#` with the `-` operator.
        if self.eat(b'#') {
            let name = match self.peek() {
                Some(c) if is_name_start(c) => ParamName::Var(self.read_name()),
                Some(b'0'..=b'9') => ParamName::Positional(self.read_digits()),
                Some(c) if is_special(c) => {
                    self.bump();
                    if self.eat(b'}') {
                        return Ok(Param {
                            name: ParamName::Special(c),
                            op: ParamOp::Length,
                        });
                    }
                    return self.brace_op(ParamName::Special(b'#'), c, quoting);
                }
                _ => return self.brace_rest(ParamName::Special(b'#'), quoting),
            };
            if self.eat(b'}') {
                return Ok(Param {
                    name,
                    op: ParamOp::Length,
                });
            }
            return self.bad_brace(quoting);
        }
        let name = match self.peek() {
            Some(c) if is_name_start(c) => ParamName::Var(self.read_name()),
            Some(b'0'..=b'9') => ParamName::Positional(self.read_digits()),
            Some(c) if is_special(c) => {
                self.bump();
                ParamName::Special(c)
            }
            _ => return self.bad_brace(quoting),
        };
        self.brace_rest(name, quoting)
    }

    /// After `${name`: the operator and the rest.
    fn brace_rest(&mut self, name: ParamName, quoting: Quoting) -> Result<Param, ParseError> {
        match self.peek() {
            Some(c @ (b'}' | b':' | b'-' | b'=' | b'?' | b'+' | b'%' | b'#')) => {
                self.bump();
                self.brace_op(name, c, quoting)
            }
            _ => self.bad_brace(quoting),
        }
    }

    /// After `${name` and the operator's first character `op`.
    fn brace_op(&mut self, name: ParamName, op: u8, quoting: Quoting) -> Result<Param, ParseError> {
        let op = match op {
            b'}' => ParamOp::Plain,
            b':' => match self.peek() {
                Some(op @ (b'-' | b'=' | b'?' | b'+')) => {
                    self.bump();
                    let word = self.read_param_word(quoting, false)?;
                    value_op(op, true, word)
                }
                // dash's wording for `${x:}`.
                Some(b'}') => return Err(self.error(MISSING_BRACE, false)),
                _ => return self.bad_brace(quoting),
            },
            b'-' | b'=' | b'?' | b'+' => {
                let word = self.read_param_word(quoting, false)?;
                value_op(op, false, word)
            }
            b'%' => {
                let longest = self.eat(b'%');
                let pattern = self.read_param_word(quoting, true)?;
                ParamOp::TrimSuffix { longest, pattern }
            }
            b'#' => {
                let longest = self.eat(b'#');
                let pattern = self.read_param_word(quoting, true)?;
                ParamOp::TrimPrefix { longest, pattern }
            }
            _ => return self.bad_brace(quoting),
        };
        Ok(Param { name, op })
    }

    /// A malformed `${...}`, read to its `}` as dash reads it: an error only if it is
    /// expanded ([`ParamOp::Bad`]).
    fn bad_brace(&mut self, quoting: Quoting) -> Result<Param, ParseError> {
        let start = self.brace_at;
        // dash does not count a newline right here.
        if self.src.get(self.pos) == Some(&b'\n') {
            self.pos += 1;
        }
        self.read_param_word(quoting, false)?;
        let text = self
            .src
            .get(start..self.pos.saturating_sub(1))
            .unwrap_or_default();
        Ok(Param {
            name: ParamName::Special(b'?'),
            op: ParamOp::Bad(text.to_vec()),
        })
    }

    /// The word after a `${name` operator, up to the unquoted, unnested `}`. A pattern (`%`,
    /// `#`) is read as if unquoted even inside `"..."`, and its quotes quote (as in dash); the
    /// word of `-=?+` inside `"..."` is itself double-quoted text.
    fn read_param_word(&mut self, quoting: Quoting, pattern: bool) -> Result<Word, ParseError> {
        let unquoted = pattern || quoting == Quoting::Unquoted;
        let mut parts = Vec::new();
        loop {
            let Some(c) = self.peek() else {
                return Err(if unquoted {
                    self.error(MISSING_BRACE, true)
                } else {
                    self.unterminated()
                });
            };
            self.bump();
            match c {
                b'}' => break,
                _ if unquoted => self.unquoted_char(c, &mut parts)?,
                b'"' => {
                    let inner = self.read_double()?;
                    parts.push(WordPart::Double(inner));
                }
                _ => self.double_char(c, &mut parts, b"$`\"\\}", true)?,
            }
        }
        if unquoted {
            tildes(&mut parts, false);
        }
        Ok(Word { parts })
    }

    /// The error for the end of input inside quotes. In a here-document dash names the
    /// enclosing `${` instead.
    fn unterminated(&self) -> ParseError {
        let message = if self.in_heredoc {
            MISSING_BRACE
        } else {
            UNTERMINATED
        };
        self.error(message, true)
    }

    /// After `$((`: the expression up to the `))` that closes it.
    fn read_arith(&mut self) -> Result<Word, ParseError> {
        let mut parts = Vec::new();
        let mut parens: u32 = 0;
        loop {
            let Some(c) = self.peek() else {
                return Err(self.error(MISSING_PARENS, true));
            };
            self.bump();
            match c {
                b'(' => {
                    parens += 1;
                    push_lit(&mut parts, c);
                }
                b')' if parens > 0 => {
                    parens -= 1;
                    push_lit(&mut parts, c);
                }
                // A lone `)` is just text: dash reports only the missing `))` at the end.
                b')' if self.eat(b')') => return Ok(Word { parts }),
                b')' => push_lit(&mut parts, c),
                // Double quotes quote but stay in the expression, as in dash.
                b'"' => {
                    push_lit(&mut parts, c);
                    loop {
                        let Some(c) = self.peek() else {
                            return Err(self.error(MISSING_PARENS, true));
                        };
                        self.bump();
                        if c == b'"' {
                            break;
                        }
                        self.double_char(c, &mut parts, b"$`\"\\", true)?;
                    }
                    push_lit(&mut parts, c);
                }
                b'\\' => self.escape(&mut parts, b"$`\\", Quoting::Arith),
                b'$' => self.read_dollar(&mut parts, Quoting::Arith)?,
                b'`' => {
                    let list = self.read_backquote(false)?;
                    parts.push(WordPart::CommandSubst(Rc::new(list)));
                }
                _ => push_lit(&mut parts, c),
            }
        }
    }

    /// After `$(`: the commands up to the matching `)`, parsed by a nested parser that reads
    /// the same input from here.
    fn read_subst(&mut self) -> Result<List, ParseError> {
        self.nested(|lx| {
            let mut inner = Lexer::new(lx.src, lx.pos, lx.line, lx.depth, lx.interactive);
            inner.aliases = lx.aliases.clone();
            let (list, inner) = Parser::command_subst(inner)?;
            lx.pos = inner.pos;
            lx.line = inner.line;
            Ok(list)
        })
    }

    /// After a backquote: the text up to the closing one, with `\$ \` \\` (and `\"` inside
    /// double quotes) unescaped (2.6.3), parsed as commands.
    fn read_backquote(&mut self, in_double: bool) -> Result<List, ParseError> {
        self.enter()?;
        let mut text = Vec::new();
        loop {
            match self.peek_raw() {
                None => {
                    return Err(self.error("Syntax error: EOF in backquote substitution", true));
                }
                Some(b'`') => {
                    self.bump();
                    break;
                }
                Some(b'\\') => {
                    self.bump();
                    match self.peek_raw() {
                        Some(c @ (b'$' | b'`' | b'\\')) => {
                            self.bump();
                            text.push(c);
                        }
                        Some(b'"') if in_double => {
                            self.bump();
                            text.push(b'"');
                        }
                        // A line continuation is gone before the text is parsed.
                        Some(b'\n') => self.bump(),
                        _ => text.push(b'\\'),
                    }
                }
                Some(c) => {
                    self.bump();
                    text.push(c);
                }
            }
        }
        let list = Parser::backquoted(&text, self.depth, self.aliases.clone())?;
        self.leave();
        Ok(list)
    }

    // ---- here-documents ----

    /// Notes a `<<` (or `<<-`) with its delimiter word's source text; the body is read after
    /// the next newline. Returns whether the delimiter was quoted.
    pub(super) fn add_heredoc(&mut self, delimiter_src: Range<usize>, strip_tabs: bool) -> bool {
        let raw = self.src.get(delimiter_src).unwrap_or_default();
        let (delimiter, quoted) = remove_quotes(raw);
        self.pending.push(PendingHereDoc {
            delimiter,
            strip_tabs,
            quoted,
        });
        quoted
    }

    /// The bodies read so far, in the order of their `<<`.
    pub(super) fn take_bodies(&mut self) -> Vec<Word> {
        core::mem::take(&mut self.bodies)
    }

    /// At the end of the input (or of a command substitution): here-documents still waiting
    /// for their bodies get empty ones, as in dash.
    pub(super) fn end_of_input(&mut self) -> Result<(), ParseError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        if self.interactive && self.peek().is_none() {
            return Err(self.error("Syntax error: end of file unexpected", true));
        }
        for doc in core::mem::take(&mut self.pending) {
            self.bodies.push(heredoc_word(doc.quoted, Vec::new()));
        }
        Ok(())
    }

    /// Reads the bodies of the here-documents of the line just ended.
    pub(super) fn read_heredocs(&mut self) -> Result<(), ParseError> {
        for doc in core::mem::take(&mut self.pending) {
            let body = if doc.quoted {
                self.read_literal_body(&doc)?
            } else {
                self.read_expanded_body(&doc)?
            };
            self.bodies.push(body);
        }
        Ok(())
    }

    /// At the start of a body line: strips its tabs for `<<-`, and steps over the line if it
    /// is the delimiter.
    fn at_delimiter(&mut self, doc: &PendingHereDoc) -> bool {
        if doc.strip_tabs {
            while self.src.get(self.pos) == Some(&b'\t') {
                self.pos += 1;
            }
        }
        let rest = self.src.get(self.pos..).unwrap_or_default();
        let Some(after) = rest.strip_prefix(&doc.delimiter[..]) else {
            return false;
        };
        match after.first() {
            None => self.pos += doc.delimiter.len(),
            Some(b'\n') => {
                self.pos += doc.delimiter.len() + 1;
                self.line = self.line.saturating_add(1);
            }
            Some(_) => return false,
        }
        true
    }

    fn unterminated_body(&self) -> Result<(), ParseError> {
        if self.interactive {
            return Err(self.error("Syntax error: end of file unexpected", true));
        }
        Ok(())
    }

    /// A body whose delimiter was quoted: taken as is.
    fn read_literal_body(&mut self, doc: &PendingHereDoc) -> Result<Word, ParseError> {
        let mut body = Vec::new();
        while !self.at_delimiter(doc) {
            if self.pos >= self.src.len() {
                self.unterminated_body()?;
                break;
            }
            while let Some(&c) = self.src.get(self.pos) {
                self.pos += 1;
                if c == b'\n' {
                    self.line = self.line.saturating_add(1);
                    body.push(c);
                    break;
                }
                if c != 0 {
                    body.push(c);
                }
            }
        }
        Ok(heredoc_word(true, body))
    }

    /// A body whose delimiter was not quoted: like double-quoted text, where a backslash
    /// quotes only `$`, `` ` ``, `\` and newline (2.7.4).
    fn read_expanded_body(&mut self, doc: &PendingHereDoc) -> Result<Word, ParseError> {
        let mut parts = Vec::new();
        self.in_heredoc = true;
        let body = self.read_expanded_lines(doc, &mut parts);
        self.in_heredoc = false;
        body?;
        Ok(Word {
            parts: vec![WordPart::Double(parts)],
        })
    }

    fn read_expanded_lines(
        &mut self,
        doc: &PendingHereDoc,
        parts: &mut Vec<WordPart>,
    ) -> Result<(), ParseError> {
        let mut line_start = true;
        loop {
            if line_start && self.at_delimiter(doc) {
                break;
            }
            let Some(c) = self.peek() else {
                self.unterminated_body()?;
                break;
            };
            self.bump();
            line_start = c == b'\n';
            self.double_char(c, parts, b"$`\\", false)?;
        }
        Ok(())
    }
}

fn heredoc_word(quoted: bool, body: Vec<u8>) -> Word {
    let part = if quoted {
        WordPart::Quoted(body)
    } else {
        let mut parts = Vec::new();
        if !body.is_empty() {
            parts.push(WordPart::Quoted(body));
        }
        WordPart::Double(parts)
    };
    Word { parts: vec![part] }
}

fn value_op(op: u8, colon: bool, word: Word) -> ParamOp {
    match op {
        b'-' => ParamOp::Default { colon, word },
        b'=' => ParamOp::Assign { colon, word },
        b'?' => ParamOp::Error { colon, word },
        _ => ParamOp::Alternate { colon, word },
    }
}

/// A here-document delimiter: its word's source text after quote removal, and whether any of
/// it was quoted (2.7.4). No expansion is done: `<<$x` ends at a line `$x`.
fn remove_quotes(raw: &[u8]) -> (Vec<u8>, bool) {
    let mut out = Vec::new();
    let mut quoted = false;
    let mut i = 0;
    let mut double = false;
    while let Some(&c) = raw.get(i) {
        i += 1;
        match c {
            b'\\' if raw.get(i) == Some(&b'\n') => i += 1,
            b'\\' => {
                quoted = true;
                match raw.get(i) {
                    Some(&n) if !double || matches!(n, b'$' | b'`' | b'"' | b'\\') => {
                        out.push(n);
                        i += 1;
                    }
                    _ => out.push(c),
                }
            }
            b'"' => {
                quoted = true;
                double = !double;
            }
            b'\'' if !double => {
                quoted = true;
                while let Some(&q) = raw.get(i) {
                    i += 1;
                    if q == b'\'' {
                        break;
                    }
                    out.push(q);
                }
            }
            0 => {}
            _ => out.push(c),
        }
    }
    (out, quoted)
}

/// Tilde prefixes (2.6.1): at the start of a word; in an assignment value also after each
/// unquoted `:`. The prefix runs to the first unquoted `/` (or `:`), and must be all unquoted
/// literal text: `~"/x"` and `~$x` stay as they are.
pub(super) fn tildes(parts: &mut Vec<WordPart>, assignment: bool) {
    if !assignment && !matches!(parts.first(), Some(WordPart::Lit(t)) if t.first() == Some(&b'~')) {
        return;
    }
    let count = parts.len();
    let mut out = Vec::with_capacity(count);
    for (index, part) in core::mem::take(parts).into_iter().enumerate() {
        let WordPart::Lit(text) = part else {
            out.push(part);
            continue;
        };
        if !(index == 0 || assignment) || !text.contains(&b'~') {
            out.push(WordPart::Lit(text));
            continue;
        }
        let last = index + 1 == count;
        let mut lit = Vec::new();
        let mut i = 0;
        while let Some(&c) = text.get(i) {
            let starts = if i == 0 {
                index == 0
            } else {
                assignment && text.get(i - 1) == Some(&b':')
            };
            if starts && c == b'~' {
                let rest = text.get(i + 1..).unwrap_or_default();
                let end = rest
                    .iter()
                    .position(|&b| b == b'/' || assignment && b == b':');
                if end.is_some() || last {
                    let end = end.unwrap_or(rest.len());
                    if !lit.is_empty() {
                        out.push(WordPart::Lit(core::mem::take(&mut lit)));
                    }
                    out.push(WordPart::Tilde(
                        rest.get(..end).unwrap_or_default().to_vec(),
                    ));
                    i += 1 + end;
                    continue;
                }
            }
            lit.push(c);
            i += 1;
        }
        if !lit.is_empty() {
            out.push(WordPart::Lit(lit));
        }
    }
    *parts = out;
}

fn push_text(parts: &mut Vec<WordPart>, text: &[u8], quoting: Quoting) {
    match quoting {
        Quoting::Double => push_quoted(parts, text),
        Quoting::Unquoted | Quoting::Arith => {
            for &c in text {
                push_lit(parts, c);
            }
        }
    }
}

fn push_lit(parts: &mut Vec<WordPart>, c: u8) {
    if let Some(WordPart::Lit(text)) = parts.last_mut() {
        text.push(c);
    } else {
        parts.push(WordPart::Lit(vec![c]));
    }
}

/// Appends quoted text, even empty: `''` is an empty field, not nothing.
fn push_quoted(parts: &mut Vec<WordPart>, text: &[u8]) {
    if let Some(WordPart::Quoted(quoted)) = parts.last_mut() {
        quoted.extend_from_slice(text);
    } else {
        parts.push(WordPart::Quoted(text.to_vec()));
    }
}

fn is_name_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_name_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// A name (2.5): `[A-Za-z_][A-Za-z0-9_]*`.
pub fn is_name(s: &[u8]) -> bool {
    matches!(s.first(), Some(&c) if is_name_start(c)) && s.iter().all(|&c| is_name_char(c))
}

/// Special parameters (2.5.2).
fn is_special(c: u8) -> bool {
    matches!(c, b'@' | b'*' | b'#' | b'?' | b'-' | b'$' | b'!')
}
