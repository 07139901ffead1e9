//! The shell's parser (POSIX XCU 2.9, 2.10): tokens from [`lex`](super::lex) into the
//! [`ast`](super::ast), one complete command (up to an unnested newline) at a time.
//!
//! Error messages are dash's, word for word (`Syntax error: "fi" unexpected (expecting
//! "then")`), and so are the places where it accepts more than POSIX asks: a function body
//! that is a simple command (`f() echo hi`), `for x; do`, `for x in; do`.

use alloc::boxed::Box;
use alloc::format;
use alloc::rc::Rc;
use alloc::string::String;
use alloc::vec;
use alloc::vec::Vec;

use super::ast::{
    AndOr, Assign, CaseArm, Command, CompoundCommand, Connector, List, ListItem, Pipeline, RedirOp,
    Redirect, SimpleCommand, Word, WordPart,
};
use super::lex::{Lexer, Op, Token, is_name, tildes};

/// A syntax error: the shell prints `rawsh: LINE: MESSAGE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    pub line: u32,
    pub message: String,
    /// The input ended inside a construct (an open quote, `if` without `fi`, a trailing `|`):
    /// an interactive shell reads another line and tries again.
    pub incomplete: bool,
}

/// A token, the line it starts on, and whether it may be a reserved word there.
struct Peeked {
    token: Token,
    line: u32,
    keywords: bool,
}

const KEYWORDS: [&str; 16] = [
    "if", "then", "else", "elif", "fi", "do", "done", "case", "esac", "while", "until", "for",
    "in", "{", "}", "!",
];

pub struct Parser<'a> {
    lex: Lexer<'a>,
    peeked: Option<Peeked>,
    /// Set after a redirection that follows a compound command: like dash, the next token is
    /// then never a reserved word (`{ :; } >f }` is "word unexpected").
    no_keyword: bool,
    /// Here-document redirections in the command being parsed, whose bodies are placed once
    /// it is complete.
    heredocs: usize,
    /// An error ended parsing: the rest of the input is not read.
    failed: bool,
}

impl<'a> Parser<'a> {
    pub fn new(src: &'a [u8]) -> Parser<'a> {
        Parser::with_line(src, 1)
    }

    /// A parser whose first line is numbered `line` (for `eval` and `.`).
    pub fn with_line(src: &'a [u8], line: u32) -> Parser<'a> {
        Parser::from_lexer(Lexer::new(src, 0, line, 0, false))
    }

    /// For input that may go on (a line editor): the end of input inside a here-document or
    /// right after a `\` is then `incomplete` too, where dash reading a script takes it as the
    /// end of the body or a literal backslash.
    pub fn interactive(mut self) -> Parser<'a> {
        self.lex.set_interactive();
        self
    }

    fn from_lexer(lex: Lexer<'a>) -> Parser<'a> {
        Parser {
            lex,
            peeked: None,
            no_keyword: false,
            heredocs: 0,
            failed: false,
        }
    }

    /// How many bytes of the input the commands returned so far took.
    pub fn offset(&self) -> usize {
        self.lex.pos()
    }

    /// The current line.
    pub fn line(&self) -> u32 {
        self.lex.line()
    }

    /// The next complete command: everything up to an unnested newline (or the end), with its
    /// here-document bodies read. `Ok(None)` at the end of the input, and after an error.
    pub fn next_command(&mut self) -> Result<Option<List>, ParseError> {
        if self.failed {
            return Ok(None);
        }
        let result = self.complete_command();
        self.failed = result.is_err();
        result
    }

    /// Parses `$(...)` from where `lex` stands: returns the commands and where the input and
    /// line count are after the `)`.
    pub(super) fn command_subst(lex: Lexer<'a>) -> Result<(List, usize, u32), ParseError> {
        let mut parser = Parser::from_lexer(lex);
        let mut list = parser.list(true)?;
        parser.expect_op(Op::RParen)?;
        // `$(cat <<E)`: no newline inside, so the body is empty (as in dash).
        parser.lex.end_of_input()?;
        parser.place_heredocs(&mut list);
        Ok((list, parser.lex.pos(), parser.lex.line()))
    }

    /// Parses the text of a backquoted command (its backslashes already removed). Its end is
    /// not the end of the input, so nothing in it is `incomplete`.
    pub(super) fn backquoted(text: &[u8], line: u32, depth: u32) -> Result<List, ParseError> {
        let mut parser = Parser::from_lexer(Lexer::new(text, 0, line, depth, false));
        parser.backquoted_list().map_err(|e| ParseError {
            incomplete: false,
            ..e
        })
    }

    fn backquoted_list(&mut self) -> Result<List, ParseError> {
        let mut list = self.list(true)?;
        if !matches!(self.fill()?.token, Token::Eof) {
            return Err(self.unexpected(None));
        }
        self.place_heredocs(&mut list);
        Ok(list)
    }

    // ---- tokens ----

    fn next(&mut self) -> Result<Peeked, ParseError> {
        if let Some(p) = self.peeked.take() {
            return Ok(p);
        }
        let (token, line) = self.lex.next_token()?;
        let keywords = !core::mem::take(&mut self.no_keyword);
        Ok(Peeked {
            token,
            line,
            keywords,
        })
    }

    fn fill(&mut self) -> Result<&Peeked, ParseError> {
        let p = self.next()?;
        Ok(self.peeked.insert(p))
    }

    fn skip(&mut self) {
        self.peeked = None;
    }

    fn at_op(&mut self, op: Op) -> Result<bool, ParseError> {
        Ok(matches!(self.fill()?.token, Token::Op(o) if o == op))
    }

    fn at_keyword(&mut self, kw: &str) -> Result<bool, ParseError> {
        Ok(keyword(self.fill()?) == Some(kw))
    }

    fn newlines(&mut self) -> Result<(), ParseError> {
        while matches!(self.fill()?.token, Token::Newline) {
            self.skip();
        }
        Ok(())
    }

    fn expect_keyword(&mut self, kw: &str) -> Result<(), ParseError> {
        if self.at_keyword(kw)? {
            self.skip();
            Ok(())
        } else {
            Err(self.unexpected(Some(&format!("\"{kw}\""))))
        }
    }

    fn expect_op(&mut self, op: Op) -> Result<(), ParseError> {
        if self.at_op(op)? {
            self.skip();
            Ok(())
        } else {
            Err(self.unexpected(Some(&format!("\"{}\"", op.text()))))
        }
    }

    /// dash's `Syntax error: X unexpected (expecting Y)` for the next token.
    fn unexpected(&mut self, expecting: Option<&str>) -> ParseError {
        let (what, incomplete) = match self.fill() {
            Ok(p) => (describe(p), matches!(p.token, Token::Eof)),
            Err(e) => return e,
        };
        let message = match expecting {
            Some(e) => format!("Syntax error: {what} unexpected (expecting {e})"),
            None => format!("Syntax error: {what} unexpected"),
        };
        ParseError {
            line: self.lex.line(),
            message,
            incomplete,
        }
    }

    /// `unexpected` for a token already taken.
    fn unexpected_token(&mut self, p: Peeked, expecting: Option<&str>) -> ParseError {
        self.peeked = Some(p);
        self.unexpected(expecting)
    }

    /// Runs `f` one nesting level deeper (the limit keeps recursion bounded).
    fn nested<T>(
        &mut self,
        f: impl FnOnce(&mut Self) -> Result<T, ParseError>,
    ) -> Result<T, ParseError> {
        self.lex.enter()?;
        let r = f(self);
        self.lex.leave();
        r
    }

    // ---- lists ----

    fn complete_command(&mut self) -> Result<Option<List>, ParseError> {
        self.newlines()?;
        if matches!(self.fill()?.token, Token::Eof) {
            return Ok(None);
        }
        let mut list = Vec::new();
        loop {
            let and_or = self.and_or()?;
            let background = match self.fill()?.token {
                Token::Op(Op::Amp) => true,
                Token::Op(Op::Semi) => false,
                Token::Newline | Token::Eof => {
                    list.push(ListItem {
                        and_or,
                        background: false,
                    });
                    break;
                }
                _ => return Err(self.unexpected(None)),
            };
            self.skip();
            list.push(ListItem { and_or, background });
            if matches!(self.fill()?.token, Token::Newline | Token::Eof) {
                break;
            }
        }
        // The newline ending the command (and its here-document bodies) is read; the next
        // command is not touched.
        if matches!(self.fill()?.token, Token::Newline) {
            self.skip();
        }
        self.place_heredocs(&mut list);
        Ok(Some(list))
    }

    /// A compound list (2.9.3), up to a token that cannot start a command. It may be empty
    /// only where `allow_empty` says (a case arm, `$( )`); elsewhere, as in dash, an empty one
    /// is reported at the token found, or by the caller at the end of the input.
    fn list(&mut self, allow_empty: bool) -> Result<List, ParseError> {
        let mut list = Vec::new();
        self.newlines()?;
        if matches!(self.fill()?.token, Token::Eof) || allow_empty && self.at_list_end()? {
            return Ok(list);
        }
        loop {
            let and_or = self.and_or()?;
            let background = match self.fill()?.token {
                Token::Op(Op::Amp) => true,
                Token::Op(Op::Semi) | Token::Newline => false,
                _ => {
                    list.push(ListItem {
                        and_or,
                        background: false,
                    });
                    return Ok(list);
                }
            };
            self.skip();
            list.push(ListItem { and_or, background });
            self.newlines()?;
            if self.at_list_end()? {
                return Ok(list);
            }
        }
    }

    fn at_list_end(&mut self) -> Result<bool, ParseError> {
        let p = self.fill()?;
        Ok(match p.token {
            Token::Eof | Token::Op(Op::RParen | Op::DSemi) => true,
            Token::Word(..) => matches!(
                keyword(p),
                Some("then" | "else" | "elif" | "fi" | "do" | "done" | "esac" | "}")
            ),
            _ => false,
        })
    }

    fn and_or(&mut self) -> Result<AndOr, ParseError> {
        let first = self.pipeline()?;
        let mut rest = Vec::new();
        loop {
            let connector = match self.fill()?.token {
                Token::Op(Op::AndIf) => Connector::And,
                Token::Op(Op::OrIf) => Connector::Or,
                _ => return Ok(AndOr { first, rest }),
            };
            self.skip();
            self.newlines()?;
            rest.push((connector, self.pipeline()?));
        }
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let bang = self.at_keyword("!")?;
        if bang {
            self.skip();
        }
        let mut commands = vec![self.command()?];
        while self.at_op(Op::Pipe)? {
            self.skip();
            self.newlines()?;
            commands.push(self.command()?);
        }
        Ok(Pipeline { bang, commands })
    }

    // ---- commands ----

    fn command(&mut self) -> Result<Command, ParseError> {
        let p = self.fill()?;
        let line = p.line;
        let compound = match p.token {
            Token::Op(Op::LParen) => true,
            Token::Op(op) if op.is_redirect() => false,
            Token::IoNumber(_) => false,
            Token::Word(..) => match keyword(p) {
                Some("if" | "while" | "until" | "for" | "case" | "{") => true,
                Some(_) => return Err(self.unexpected(None)),
                None => false,
            },
            _ => return Err(self.unexpected(None)),
        };
        if !compound {
            return self.simple(line);
        }
        let command = self.nested(Self::compound)?;
        let redirects = self.compound_redirects()?;
        Ok(Command::Compound(Box::new(command), redirects))
    }

    fn compound_redirects(&mut self) -> Result<Vec<Redirect>, ParseError> {
        let mut redirects = Vec::new();
        while let Some(r) = self.redirect()? {
            redirects.push(r);
            self.no_keyword = true;
        }
        Ok(redirects)
    }

    fn compound(&mut self) -> Result<CompoundCommand, ParseError> {
        let p = self.next()?;
        if matches!(p.token, Token::Op(Op::LParen)) {
            let list = self.list(false)?;
            self.expect_op(Op::RParen)?;
            return Ok(CompoundCommand::Subshell(list));
        }
        Ok(match keyword(&p) {
            Some("{") => {
                let list = self.list(false)?;
                self.expect_keyword("}")?;
                CompoundCommand::Brace(list)
            }
            Some("if") => self.if_clause()?,
            Some("for") => self.for_clause()?,
            Some("case") => self.case_clause()?,
            kw => {
                let cond = self.list(false)?;
                self.expect_keyword("do")?;
                let body = self.list(false)?;
                self.expect_keyword("done")?;
                CompoundCommand::Loop {
                    until: kw == Some("until"),
                    cond,
                    body,
                }
            }
        })
    }

    fn if_clause(&mut self) -> Result<CompoundCommand, ParseError> {
        let mut branches = Vec::new();
        loop {
            let cond = self.list(false)?;
            self.expect_keyword("then")?;
            let body = self.list(false)?;
            branches.push((cond, body));
            if !self.at_keyword("elif")? {
                break;
            }
            self.skip();
        }
        let otherwise = if self.at_keyword("else")? {
            self.skip();
            Some(self.list(false)?)
        } else {
            None
        };
        self.expect_keyword("fi")?;
        Ok(CompoundCommand::If {
            branches,
            otherwise,
        })
    }

    fn for_clause(&mut self) -> Result<CompoundCommand, ParseError> {
        let p = self.next()?;
        let var = match word_text(&p.token) {
            Some(name) if is_name(name) => name.to_vec(),
            _ => {
                let at_end = matches!(p.token, Token::Eof);
                return Err(self
                    .lex
                    .error("Syntax error: Bad for loop variable", at_end));
            }
        };
        self.newlines()?;
        let words = if self.at_keyword("in")? {
            self.skip();
            let mut words = Vec::new();
            loop {
                let p = self.next()?;
                match p.token {
                    Token::Word(word, _) => words.push(word),
                    Token::Op(Op::Semi) | Token::Newline => break,
                    _ => return Err(self.unexpected_token(p, None)),
                }
            }
            Some(words)
        } else {
            if self.at_op(Op::Semi)? {
                self.skip();
            }
            None
        };
        self.newlines()?;
        self.expect_keyword("do")?;
        let body = self.list(false)?;
        self.expect_keyword("done")?;
        Ok(CompoundCommand::For { var, words, body })
    }

    fn case_clause(&mut self) -> Result<CompoundCommand, ParseError> {
        let p = self.next()?;
        let Token::Word(word, _) = p.token else {
            return Err(self.unexpected_token(p, Some("word")));
        };
        self.newlines()?;
        self.expect_keyword("in")?;
        let mut arms = Vec::new();
        loop {
            self.newlines()?;
            if self.at_keyword("esac")? {
                self.skip();
                break;
            }
            if self.at_op(Op::LParen)? {
                self.skip();
            }
            let mut patterns = Vec::new();
            loop {
                let p = self.next()?;
                match p.token {
                    Token::Word(word, _) => patterns.push(word),
                    Token::Eof => return Err(self.unexpected_token(p, Some("\")\""))),
                    _ => return Err(self.unexpected_token(p, None)),
                }
                let p = self.next()?;
                match p.token {
                    Token::Op(Op::Pipe) => {}
                    Token::Op(Op::RParen) => break,
                    _ => return Err(self.unexpected_token(p, Some("\")\""))),
                }
            }
            let body = self.list(true)?;
            arms.push(CaseArm { patterns, body });
            if self.at_op(Op::DSemi)? {
                self.skip();
                continue;
            }
            if !self.at_keyword("esac")? {
                return Err(self.unexpected(Some("\";;\"")));
            }
            self.skip();
            break;
        }
        Ok(CompoundCommand::Case { word, arms })
    }

    /// A redirection, if the next token starts one (2.7).
    fn redirect(&mut self) -> Result<Option<Redirect>, ParseError> {
        let fd = match self.fill()?.token {
            Token::IoNumber(n) => {
                self.skip();
                Some(n)
            }
            Token::Op(op) if op.is_redirect() => None,
            _ => return Ok(None),
        };
        let p = self.next()?;
        let Token::Op(op) = p.token else {
            return Err(self.unexpected_token(p, None));
        };
        let p = self.next()?;
        let Token::Word(target, source) = p.token else {
            return Err(self.unexpected_token(p, None));
        };
        let op = match op {
            Op::Less => RedirOp::In,
            Op::Great => RedirOp::Out,
            Op::Clobber => RedirOp::Clobber,
            Op::DGreat => RedirOp::Append,
            Op::LessGreat => RedirOp::ReadWrite,
            Op::LessAnd => RedirOp::DupIn,
            Op::GreatAnd => RedirOp::DupOut,
            _ => {
                // The body is read after the newline and put in place by `place_heredocs`.
                let quoted = self.lex.add_heredoc(source, op == Op::DLessDash);
                self.heredocs += 1;
                return Ok(Some(Redirect {
                    fd,
                    op: RedirOp::HereDoc { quoted },
                    target: Word::default(),
                }));
            }
        };
        Ok(Some(Redirect { fd, op, target }))
    }

    /// A simple command (2.9.1), or a function definition (2.9.5) if its only word is followed
    /// by `(`.
    fn simple(&mut self, line: u32) -> Result<Command, ParseError> {
        let mut command = SimpleCommand {
            line,
            ..SimpleCommand::default()
        };
        loop {
            if let Some(r) = self.redirect()? {
                command.redirects.push(r);
                continue;
            }
            let p = self.next()?;
            let Token::Word(word, _) = p.token else {
                self.peeked = Some(p);
                break;
            };
            if !command.words.is_empty() {
                command.words.push(word);
                continue;
            }
            let word = match assignment(word) {
                Ok(assign) => {
                    command.assigns.push(assign);
                    continue;
                }
                Err(word) => word,
            };
            if command.assigns.is_empty()
                && command.redirects.is_empty()
                && self.at_op(Op::LParen)?
            {
                return self.function(word, p.line);
            }
            command.words.push(word);
        }
        Ok(Command::Simple(command))
    }

    /// After `name` with `(` next: `name() body`.
    fn function(&mut self, name: Word, line: u32) -> Result<Command, ParseError> {
        self.skip();
        let p = self.next()?;
        if !matches!(p.token, Token::Op(Op::RParen)) {
            return Err(self.unexpected_token(p, Some("\")\"")));
        }
        let name = match &name.parts[..] {
            [WordPart::Lit(name)] if is_name(name) => name.clone(),
            _ => return Err(self.lex.error("Syntax error: Bad function name", false)),
        };
        self.newlines()?;
        let body = match self.nested(Self::command)? {
            Command::Compound(body, redirects) => (*body, redirects),
            // dash takes any command as the body: `f() echo hi` is `f() { echo hi; }`.
            command => {
                let pipeline = Pipeline {
                    bang: false,
                    commands: vec![command],
                };
                let item = ListItem {
                    and_or: AndOr {
                        first: pipeline,
                        rest: Vec::new(),
                    },
                    background: false,
                };
                (CompoundCommand::Brace(vec![item]), Vec::new())
            }
        };
        Ok(Command::FunctionDef {
            name,
            body: Rc::new(body),
            line,
        })
    }

    // ---- here-documents ----

    /// Gives the here-document redirections of a complete command their bodies, in the order
    /// the `<<`s were read, which is the order of the tree.
    fn place_heredocs(&mut self, list: &mut List) {
        if self.heredocs == 0 {
            return;
        }
        self.heredocs = 0;
        let mut bodies = self.lex.take_bodies().into_iter();
        fill_list(list, &mut bodies);
    }
}

type Bodies = alloc::vec::IntoIter<Word>;

fn fill_list(list: &mut List, bodies: &mut Bodies) {
    for item in list {
        fill_pipeline(&mut item.and_or.first, bodies);
        for (_, pipeline) in &mut item.and_or.rest {
            fill_pipeline(pipeline, bodies);
        }
    }
}

fn fill_pipeline(pipeline: &mut Pipeline, bodies: &mut Bodies) {
    for command in &mut pipeline.commands {
        match command {
            Command::Simple(simple) => fill_redirects(&mut simple.redirects, bodies),
            Command::Compound(compound, redirects) => {
                fill_compound(compound, bodies);
                fill_redirects(redirects, bodies);
            }
            Command::FunctionDef { body, .. } => {
                // Just built: not shared yet, so this does not copy.
                let (compound, redirects) = Rc::make_mut(body);
                fill_compound(compound, bodies);
                fill_redirects(redirects, bodies);
            }
        }
    }
}

fn fill_compound(compound: &mut CompoundCommand, bodies: &mut Bodies) {
    match compound {
        CompoundCommand::Brace(list) | CompoundCommand::Subshell(list) => fill_list(list, bodies),
        CompoundCommand::If {
            branches,
            otherwise,
        } => {
            for (cond, body) in branches {
                fill_list(cond, bodies);
                fill_list(body, bodies);
            }
            if let Some(list) = otherwise {
                fill_list(list, bodies);
            }
        }
        CompoundCommand::Loop { cond, body, .. } => {
            fill_list(cond, bodies);
            fill_list(body, bodies);
        }
        CompoundCommand::For { body, .. } => fill_list(body, bodies),
        CompoundCommand::Case { arms, .. } => {
            for arm in arms {
                fill_list(&mut arm.body, bodies);
            }
        }
    }
}

fn fill_redirects(redirects: &mut [Redirect], bodies: &mut Bodies) {
    for r in redirects {
        if let RedirOp::HereDoc { .. } = r.op {
            if let Some(body) = bodies.next() {
                r.target = body;
            }
        }
    }
}

/// `NAME=value` (2.9.1): the value with its tilde prefixes marked; otherwise the word back.
fn assignment(word: Word) -> Result<Assign, Word> {
    let Some(WordPart::Lit(text)) = word.parts.first() else {
        return Err(word);
    };
    let Some(eq) = text.iter().position(|&c| c == b'=') else {
        return Err(word);
    };
    let (name, value) = text.split_at(eq);
    if !is_name(name) {
        return Err(word);
    }
    let name = name.to_vec();
    let value = value.get(1..).unwrap_or_default().to_vec();
    let mut parts = word.parts;
    if value.is_empty() {
        parts.remove(0);
    } else if let Some(first) = parts.first_mut() {
        *first = WordPart::Lit(value);
    }
    tildes(&mut parts, true);
    Ok(Assign {
        name,
        value: Word { parts },
    })
}

/// The text of a word that is all unquoted literal (a reserved word, a name).
fn word_text(token: &Token) -> Option<&[u8]> {
    match token {
        Token::Word(word, _) => match &word.parts[..] {
            [WordPart::Lit(text)] => Some(text),
            _ => None,
        },
        _ => None,
    }
}

/// The reserved word the token is, where reserved words are recognised.
fn keyword(p: &Peeked) -> Option<&'static str> {
    if !p.keywords {
        return None;
    }
    let text = word_text(&p.token)?;
    KEYWORDS.iter().copied().find(|kw| kw.as_bytes() == text)
}

/// How dash names a token in "X unexpected".
fn describe(p: &Peeked) -> String {
    match p.token {
        Token::Eof => String::from("end of file"),
        Token::Newline => String::from("newline"),
        Token::IoNumber(_) => String::from("redirection"),
        Token::Op(op) if op.is_redirect() => String::from("redirection"),
        Token::Op(op) => format!("\"{}\"", op.text()),
        Token::Word(..) => match keyword(p) {
            Some(kw) => format!("\"{kw}\""),
            None => String::from("word"),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::ast::{Param, ParamName, ParamOp};
    use std::string::ToString;

    // ---- a compact rendering of the tree, so tests read like shell ----

    fn text(t: &[u8]) -> String {
        String::from_utf8_lossy(t).into_owned()
    }

    fn word(w: &Word) -> String {
        parts(&w.parts)
    }

    fn parts(ps: &[WordPart]) -> String {
        ps.iter().map(part).collect()
    }

    fn part(p: &WordPart) -> String {
        match p {
            WordPart::Lit(t) => text(t),
            WordPart::Quoted(t) => format!("'{}'", text(t)),
            WordPart::Double(ps) => format!("\"{}\"", parts(ps)),
            WordPart::Param(p) => param(p),
            WordPart::CommandSubst(l) => format!("$({})", list(l)),
            WordPart::Arith(w) => format!("$(({}))", word(w)),
            WordPart::Tilde(u) => format!("(~{})", text(u)),
        }
    }

    fn param(p: &Param) -> String {
        let name = match &p.name {
            ParamName::Var(n) => text(n),
            ParamName::Positional(n) => n.to_string(),
            ParamName::Special(c) => (*c as char).to_string(),
        };
        let colon = |c: bool| if c { ":" } else { "" };
        match &p.op {
            ParamOp::Plain => format!("${{{name}}}"),
            ParamOp::Length => format!("${{#{name}}}"),
            ParamOp::Default { colon: c, word: w } => {
                format!("${{{name}{}-{}}}", colon(*c), word(w))
            }
            ParamOp::Assign { colon: c, word: w } => {
                format!("${{{name}{}={}}}", colon(*c), word(w))
            }
            ParamOp::Error { colon: c, word: w } => format!("${{{name}{}?{}}}", colon(*c), word(w)),
            ParamOp::Alternate { colon: c, word: w } => {
                format!("${{{name}{}+{}}}", colon(*c), word(w))
            }
            ParamOp::TrimSuffix { longest, pattern } => {
                format!(
                    "${{{name}{}{}}}",
                    if *longest { "%%" } else { "%" },
                    word(pattern)
                )
            }
            ParamOp::TrimPrefix { longest, pattern } => {
                format!(
                    "${{{name}{}{}}}",
                    if *longest { "##" } else { "#" },
                    word(pattern)
                )
            }
        }
    }

    fn list(l: &List) -> String {
        let items: Vec<String> = l
            .iter()
            .map(|i| {
                let mut s = and_or(&i.and_or);
                if i.background {
                    s.push_str(" &");
                }
                s
            })
            .collect();
        items.join("; ")
    }

    fn and_or(a: &AndOr) -> String {
        let mut s = pipeline(&a.first);
        for (c, p) in &a.rest {
            s.push_str(if *c == Connector::And { " && " } else { " || " });
            s.push_str(&pipeline(p));
        }
        s
    }

    fn pipeline(p: &Pipeline) -> String {
        let cs: Vec<String> = p.commands.iter().map(command).collect();
        format!("{}{}", if p.bang { "! " } else { "" }, cs.join(" | "))
    }

    fn redirect(r: &Redirect) -> String {
        let op = match r.op {
            RedirOp::In => "<",
            RedirOp::Out => ">",
            RedirOp::Clobber => ">|",
            RedirOp::Append => ">>",
            RedirOp::ReadWrite => "<>",
            RedirOp::DupIn => "<&",
            RedirOp::DupOut => ">&",
            RedirOp::HereDoc { .. } => "<<",
        };
        let fd = r.fd.map(|f| f.to_string()).unwrap_or_default();
        format!("{fd}{op}{}", word(&r.target))
    }

    fn redirects(rs: &[Redirect]) -> String {
        rs.iter().map(|r| format!(" {}", redirect(r))).collect()
    }

    fn command(c: &Command) -> String {
        match c {
            Command::Simple(s) => {
                let mut v: Vec<String> = s
                    .assigns
                    .iter()
                    .map(|a| format!("{}={}", text(&a.name), word(&a.value)))
                    .collect();
                v.extend(s.words.iter().map(word));
                v.extend(s.redirects.iter().map(redirect));
                v.join(" ")
            }
            Command::Compound(c, rs) => format!("{}{}", compound(c), redirects(rs)),
            Command::FunctionDef { name, body, .. } => {
                format!(
                    "{}() {}{}",
                    text(name),
                    compound(&body.0),
                    redirects(&body.1)
                )
            }
        }
    }

    fn compound(c: &CompoundCommand) -> String {
        match c {
            CompoundCommand::Brace(l) => format!("{{ {}; }}", list(l)),
            CompoundCommand::Subshell(l) => format!("( {} )", list(l)),
            CompoundCommand::If {
                branches,
                otherwise,
            } => {
                let mut s = String::new();
                for (i, (c, b)) in branches.iter().enumerate() {
                    let kw = if i == 0 { "if" } else { " elif" };
                    s.push_str(&format!("{kw} {}; then {};", list(c), list(b)));
                }
                if let Some(o) = otherwise {
                    s.push_str(&format!(" else {};", list(o)));
                }
                s + " fi"
            }
            CompoundCommand::Loop { until, cond, body } => format!(
                "{} {}; do {}; done",
                if *until { "until" } else { "while" },
                list(cond),
                list(body)
            ),
            CompoundCommand::For { var, words, body } => {
                let ws = match words {
                    Some(ws) => {
                        let ws: Vec<String> = ws.iter().map(word).collect();
                        format!(" in {};", ws.join(" "))
                    }
                    None => String::new(),
                };
                format!("for {}{ws} do {}; done", text(var), list(body))
            }
            CompoundCommand::Case { word: w, arms } => {
                let arms: Vec<String> = arms
                    .iter()
                    .map(|a| {
                        let ps: Vec<String> = a.patterns.iter().map(word).collect();
                        format!(" {}) {};;", ps.join("|"), list(&a.body))
                    })
                    .collect();
                format!("case {} in{} esac", word(w), arms.concat())
            }
        }
    }

    /// Every command of `src`, one rendered line each.
    fn p(src: &str) -> String {
        let mut parser = Parser::new(src.as_bytes());
        let mut out = Vec::new();
        loop {
            match parser.next_command() {
                Ok(Some(l)) => out.push(list(&l)),
                Ok(None) => return out.join("\n"),
                Err(e) => panic!("{src:?}: {e:?}"),
            }
        }
    }

    /// The first error in `src`.
    fn e(src: &str) -> (u32, String, bool) {
        let mut parser = Parser::new(src.as_bytes());
        loop {
            match parser.next_command() {
                Ok(Some(_)) => {}
                Ok(None) => panic!("{src:?}: no error"),
                Err(e) => return (e.line, e.message, e.incomplete),
            }
        }
    }

    #[test]
    fn explore() {
        for s in [
            "echo a b",
            "a=1 b=~/x:~y echo ~ ~/a ~u/b \"$x\" 'q' a\\ b",
            "if a; then b; elif c; then d; else e; fi >f",
            "f() { echo $1; } 2>&1",
            "case $x in (a|b) echo 1;; *) echo 2; esac",
            "for i in 1 2; do echo $i; done & wait",
            "cat <<EOF; cat <<'E2'\nhello $x\nEOF\nworld $y\nE2\necho next",
            "echo ${x:-\"a b\"} \"${x#'a'}\" ${#x} ${10} $((1+$x)) `echo \\`echo hi\\``",
        ] {
            std::println!("{s:?}\n  => {}", p(s));
        }
    }
}
