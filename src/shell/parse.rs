//! The shell's parser (POSIX XCU 2.9, 2.10): tokens from [`lex`](super::lex) into the
//! [`ast`](super::ast), one complete command (up to an unnested newline) at a time.
//!
//! Error messages are dash's, word for word (`Syntax error: "fi" unexpected (expecting
//! "then")`), and so are the places where it accepts more than POSIX asks: a function body
//! that is a simple command (`f() echo hi`), `for x; do`, `for x in; do`.
//!
//! The shapes of words the expander can count on:
//! - Unquoted source text is `Lit`; `'...'`, `\c` and the text inside `"..."` are `Quoted`.
//!   Adjacent literal bytes are merged. `''` is `Quoted("")` and `""` is `Double([])`.
//! - Inside `"..."`, the word of `${x-w}` (and `=?+`) is itself double-quoted (its text is
//!   `Quoted`, `'` is text); the pattern of `${x#p}` / `${x%p}` is read as if unquoted, so its
//!   quotes quote and `*` is `Lit`, as in dash.
//! - `Tilde` stands at the start of a word and of a `${x-w}` word outside quotes, and after
//!   `=` and each `:` of an assignment value.
//! - `Arith` holds the expression text as `Lit`, with its expansions as parts.
//! - A here-document's body is `[Quoted(text)]` if its delimiter was quoted, else
//!   `[Double(parts)]`.

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

/// A syntax error, boxed: parse results move up through every level of the recursive descent,
/// and a pointer-sized error keeps each `Result<T, ParseError>` no bigger than `T`.
pub type ParseError = Box<SyntaxError>;

/// What a [`ParseError`] holds: the shell prints `rawsh: LINE: MESSAGE`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SyntaxError {
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

/// Whether `name` is a reserved word (`type`, `command -v`).
pub fn is_keyword(name: &[u8]) -> bool {
    KEYWORDS.iter().any(|kw| kw.as_bytes() == name)
}

/// Aliases by name (`alias`), as the parser sees them.
pub type Aliases = super::map::Map<Vec<u8>>;

/// The tokens of an alias's value, read ahead of the rest of the input (XCU 2.3.1).
struct Expansion {
    name: Vec<u8>,
    tokens: alloc::collections::VecDeque<(Token, u32)>,
    /// The value ends with a blank: the word after it is checked for an alias too.
    blank: bool,
}

pub struct Parser<'a> {
    lex: Lexer<'a>,
    peeked: Option<Peeked>,
    /// Alias values being read, innermost last: an alias is not expanded inside itself.
    expansions: Vec<Expansion>,
    /// The alias just read ended with a blank.
    after_blank: bool,
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

    /// The aliases to expand in the commands parsed from now on.
    pub fn set_aliases(&mut self, aliases: &Rc<Aliases>) {
        self.lex.aliases = (!aliases.is_empty()).then(|| aliases.clone());
    }

    fn from_lexer(lex: Lexer<'a>) -> Parser<'a> {
        Parser {
            lex,
            peeked: None,
            expansions: Vec::new(),
            after_blank: false,
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

    /// Parses `$(...)` from where `lex` stands: returns the commands and the lexer, standing
    /// after the `)`.
    pub(super) fn command_subst(lex: Lexer<'a>) -> Result<(List, Lexer<'a>), ParseError> {
        let mut parser = Parser::from_lexer(lex);
        let mut list = parser.list(true)?;
        parser.expect_op(Op::RParen)?;
        // `$(cat <<E)`: no newline inside, so the body is empty (as in dash).
        parser.lex.end_of_input()?;
        parser.place_heredocs(&mut list);
        Ok((list, parser.lex))
    }

    /// Parses the text of a backquoted command (its backslashes already removed). Its end is
    /// not the end of the input, so nothing in it is `incomplete`. As in dash, its lines are
    /// counted from 1, and whatever follows a token that ends a list (`fi`, `)`, ...) is
    /// ignored.
    pub(super) fn backquoted(
        text: &[u8],
        depth: u32,
        aliases: Option<Rc<Aliases>>,
    ) -> Result<List, ParseError> {
        let mut lex = Lexer::new(text, 0, 1, depth, false);
        lex.aliases = aliases;
        let mut parser = Parser::from_lexer(lex);
        let mut list = parser.list(true).map_err(|mut e| {
            e.incomplete = false;
            e
        })?;
        parser.lex.end_of_input()?;
        parser.place_heredocs(&mut list);
        Ok(list)
    }

    // ---- tokens ----

    fn next(&mut self) -> Result<Peeked, ParseError> {
        if let Some(p) = self.peeked.take() {
            return Ok(p);
        }
        let (token, line) = loop {
            let Some(top) = self.expansions.last_mut() else {
                break self.lex.next_token()?;
            };
            if let Some(t) = top.tokens.pop_front() {
                break t;
            }
            self.after_blank = top.blank;
            self.expansions.pop();
        };
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

    /// Steps over the peeked token. Past a newline, the here-document bodies of its line are
    /// read (only now, so an error at the newline is reported where dash reports it).
    fn skip(&mut self) -> Result<(), ParseError> {
        if let Some(Peeked {
            token: Token::Newline,
            ..
        }) = self.peeked.take()
        {
            self.lex.read_heredocs()?;
        }
        Ok(())
    }

    fn at_op(&mut self, op: Op) -> Result<bool, ParseError> {
        Ok(matches!(self.fill()?.token, Token::Op(o) if o == op))
    }

    fn at_keyword(&mut self, kw: &str) -> Result<bool, ParseError> {
        Ok(keyword(self.fill()?) == Some(kw))
    }

    fn newlines(&mut self) -> Result<(), ParseError> {
        while matches!(self.fill()?.token, Token::Newline) {
            self.skip()?;
        }
        Ok(())
    }

    fn expect_keyword(&mut self, kw: &str) -> Result<(), ParseError> {
        if self.at_keyword(kw)? {
            self.skip()?;
            Ok(())
        } else {
            Err(self.unexpected(Some(&format!("\"{kw}\""))))
        }
    }

    fn expect_op(&mut self, op: Op) -> Result<(), ParseError> {
        if self.at_op(op)? {
            self.skip()?;
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
        Box::new(SyntaxError {
            line: self.lex.line(),
            message,
            incomplete,
        })
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
            self.skip()?;
            list.push(ListItem { and_or, background });
            if matches!(self.fill()?.token, Token::Newline | Token::Eof) {
                break;
            }
        }
        // The newline ending the command (and its here-document bodies) is read; the next
        // command is not touched.
        if matches!(self.fill()?.token, Token::Newline) {
            self.skip()?;
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
            self.skip()?;
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
            self.skip()?;
            self.newlines()?;
            rest.push((connector, self.pipeline()?));
        }
    }

    fn pipeline(&mut self) -> Result<Pipeline, ParseError> {
        let bang = self.at_keyword("!")?;
        if bang {
            self.skip()?;
        }
        let mut commands = vec![self.command()?];
        while self.at_op(Op::Pipe)? {
            self.skip()?;
            self.newlines()?;
            commands.push(self.command()?);
        }
        Ok(Pipeline { bang, commands })
    }

    // ---- commands ----

    /// Replaces the next word by its alias's value while it is one: in command position, or
    /// after an alias whose value ends with a blank (XCU 2.3.1). A value holding a
    /// here-document is not expanded: the body would have to come from the alias.
    fn expand_alias(&mut self, command_position: bool) -> Result<(), ParseError> {
        let Some(aliases) = self.lex.aliases.clone() else {
            return Ok(());
        };
        loop {
            self.fill()?;
            let check = core::mem::take(&mut self.after_blank) || command_position;
            let Some((name, line)) = self
                .peeked
                .as_ref()
                .filter(|_| check)
                .and_then(|p| Some((word_text(&p.token)?.to_vec(), p.line)))
            else {
                return Ok(());
            };
            let Some(value) = aliases.get(&name) else {
                return Ok(());
            };
            if self.expansions.iter().any(|e| e.name == name) {
                return Ok(());
            }
            let mut lex = Lexer::new(value, 0, line, self.lex.depth(), false);
            lex.aliases = Some(aliases.clone());
            let mut tokens = alloc::collections::VecDeque::new();
            loop {
                // The value is all there is: an open quote in it is not "more to come".
                let next = lex.next_token().map_err(|mut e| {
                    e.incomplete = false;
                    e
                });
                match next? {
                    (Token::Eof, _) => break,
                    (Token::Op(Op::DLess | Op::DLessDash), _) => return Ok(()),
                    (t, _) => tokens.push_back((t, line)),
                }
            }
            self.peeked = None;
            let blank = value.ends_with(b" ") || value.ends_with(b"\t");
            self.expansions.push(Expansion {
                name,
                tokens,
                blank,
            });
        }
    }

    fn command(&mut self) -> Result<Command, ParseError> {
        self.expand_alias(true)?;
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
        let redirects = self.compound_redirects(line)?;
        Ok(Command::Compound(Box::new(command), redirects))
    }

    fn compound_redirects(&mut self, line: u32) -> Result<Vec<Redirect>, ParseError> {
        let mut redirects = Vec::new();
        while let Some(r) = self.redirect(line)? {
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
            self.skip()?;
        }
        let otherwise = if self.at_keyword("else")? {
            self.skip()?;
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
            self.skip()?;
            let mut words = Vec::new();
            loop {
                let p = self.next()?;
                match p.token {
                    Token::Word(word, _) => words.push(word),
                    Token::Op(Op::Semi) => break,
                    Token::Newline => {
                        self.lex.read_heredocs()?;
                        break;
                    }
                    _ => return Err(self.unexpected_token(p, None)),
                }
            }
            Some(words)
        } else {
            if self.at_op(Op::Semi)? {
                self.skip()?;
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
                self.skip()?;
                break;
            }
            if self.at_op(Op::LParen)? {
                self.skip()?;
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
                self.skip()?;
                continue;
            }
            if !self.at_keyword("esac")? {
                return Err(self.unexpected(Some("\";;\"")));
            }
            self.skip()?;
            break;
        }
        Ok(CompoundCommand::Case { word, arms })
    }

    /// A redirection, if the next token starts one (2.7), of the command starting on `line`.
    fn redirect(&mut self, line: u32) -> Result<Option<Redirect>, ParseError> {
        let fd = match self.fill()?.token {
            Token::IoNumber(n) => {
                self.skip()?;
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
                    line,
                }));
            }
        };
        Ok(Some(Redirect {
            fd,
            op,
            target,
            line,
        }))
    }

    /// A simple command (2.9.1), or a function definition (2.9.5) if its only word is followed
    /// by `(`.
    fn simple(&mut self, line: u32) -> Result<Command, ParseError> {
        let mut command = SimpleCommand {
            line,
            ..SimpleCommand::default()
        };
        loop {
            self.expand_alias(command.words.is_empty())?;
            if let Some(r) = self.redirect(line)? {
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
        self.skip()?;
        // dash does not look for reserved words between the parentheses.
        self.no_keyword = true;
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
            // Just built, so not shared yet: get_mut succeeds (make_mut would bring the
            // whole tree's Clone code into the binary for a copy that never happens).
            Command::FunctionDef { body, .. } => {
                if let Some((compound, redirects)) = Rc::get_mut(body) {
                    fill_compound(compound, bodies);
                    fill_redirects(redirects, bodies);
                }
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
        if let RedirOp::HereDoc { .. } = r.op
            && let Some(body) = bodies.next()
        {
            r.target = body;
        }
    }
}

/// `NAME=value` (2.9.1): the value with its tilde prefixes marked; otherwise the word back.
pub(super) fn assignment(word: Word) -> Result<Assign, Word> {
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
    use crate::shell::lex::MAX_DEPTH;
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
            ParamOp::Bad(t) => format!("${{{}}}", text(t)),
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

    fn lines(src: &str) -> Vec<u32> {
        let mut parser = Parser::new(src.as_bytes());
        let mut out = Vec::new();
        while let Some(l) = parser.next_command().unwrap() {
            for item in &l {
                for c in &item.and_or.first.commands {
                    match c {
                        Command::Simple(s) => out.push(s.line),
                        Command::FunctionDef { line, .. } => out.push(*line),
                        Command::Compound(..) => out.push(0),
                    }
                }
            }
        }
        out
    }

    #[test]
    fn operators_and_lists() {
        assert_eq!(p("a;b&c&&d||e|f"), "a; b &; c && d || e | f");
        assert_eq!(p("a ; b ;"), "a; b");
        assert_eq!(p("a &"), "a &");
        assert_eq!(p("! a | b"), "! a | b");
        assert_eq!(p("a &&\n\nb ||\nc |\n\nd"), "a && b || c | d");
        assert_eq!(p("a\n\n  \n# c\nb"), "a\nb");
        assert_eq!(p(""), "");
        assert_eq!(p("\n\n# only a comment"), "");
        assert_eq!(p("a &\\\n& b"), "a && b");
        assert_eq!(p("echo !x a!"), "echo !x a!");
    }

    #[test]
    fn redirections() {
        assert_eq!(
            p("2>&1 >f echo 3<&- <>g >|h >>i <j 9<k"),
            "echo 2>&1 >f 3<&- <>g >|h >>i <j 9<k"
        );
        // Only one digit directly before the operator is a descriptor, as in dash.
        assert_eq!(p("echo 12>j 2 >k"), "echo 12 2 >j >k");
        assert_eq!(p("echo 2\\\n>f"), "echo 2>f");
        assert_eq!(p("echo a>b"), "echo a >b");
        assert_eq!(p(">f"), ">f");
        assert_eq!(p("{ a; } >f 2>&1"), "{ a; } >f 2>&1");
        assert_eq!(p("while a; do b; done <in"), "while a; do b; done <in");
    }

    #[test]
    fn reserved_words_only_in_command_position() {
        assert_eq!(p("echo if then fi {"), "echo if then fi {");
        assert_eq!(p("{echo; }x"), "{echo; }x");
        assert_eq!(
            e("{echo; }"),
            (1, "Syntax error: \"}\" unexpected".into(), false)
        );
        assert_eq!(p("echo }; a {"), "echo }; a {");
    }

    #[test]
    fn quoting() {
        assert_eq!(p("echo 'a b' \"c d\" e\\ f"), "echo 'a b' \"'c d'\" e' 'f");
        assert_eq!(p("echo a\"b\"'c'd"), "echo a\"'b'\"'c'd");
        assert_eq!(p("echo '' \"\""), "echo '' \"\"");
        assert_eq!(p("echo \"\\a\\$\\`\\\"\\\\\""), "echo \"'\\a$`\"\\'\"");
        assert_eq!(p("echo \"a'b\" 'a\"b' '\\'"), "echo \"'a'b'\" 'a\"b' '\\'");
        assert_eq!(p("echo a#b #c"), "echo a#b");
        assert_eq!(p("echo \\#a"), "echo '#'a");
        // Backslash-newline goes everywhere but in single quotes.
        assert_eq!(
            p("ec\\\nho a\\\nb 'x\\\ny' \"a\\\nb\""),
            "echo ab 'x\\\ny' \"'ab'\""
        );
        assert_eq!(p("i\\\nf true; then :; fi"), "if true; then :; fi");
        // In a comment it does not continue the comment.
        assert_eq!(p("echo a # x \\\necho b"), "echo a\necho b");
        // At the very end a backslash is itself (dash).
        assert_eq!(p("echo a\\"), "echo a'\\'");
        assert_eq!(p("echo \\\\"), "echo '\\'");
    }

    #[test]
    fn literal_parts_are_merged() {
        let l = Parser::new(b"echo ab\\c\\d\"e\\$f\"")
            .next_command()
            .unwrap()
            .unwrap();
        let Command::Simple(s) = &l[0].and_or.first.commands[0] else {
            panic!()
        };
        assert_eq!(
            s.words[1].parts,
            vec![
                WordPart::Lit(b"ab".to_vec()),
                WordPart::Quoted(b"cd".to_vec()),
                WordPart::Double(vec![WordPart::Quoted(b"e$f".to_vec())]),
            ]
        );
    }

    #[test]
    fn parameters() {
        assert_eq!(
            p("echo $x ${x} $x_y-z $1a $10 ${10} ${011}"),
            "echo ${x} ${x} ${x_y}-z ${1}a ${1}0 ${10} ${11}"
        );
        assert_eq!(
            p("echo $@ $* $# $? $- $$ $! $0"),
            "echo ${@} ${*} ${#} ${?} ${-} ${$} ${!} ${0}"
        );
        assert_eq!(
            p("echo $ $/ \"$\" $\"x\" a$"),
            "echo $ $/ \"'$'\" $\"'x'\" a$"
        );
        assert_eq!(
            p("echo ${#} ${##} ${#-} ${#x} ${#1} ${#?}"),
            "echo ${#} ${##} ${#-} ${#x} ${#1} ${#?}"
        );
        // `${#` followed by an operator is `$#` with that operator.
        assert_eq!(
            p("echo ${#-x} ${#:-x} ${##x} ${#%x} ${#?x}"),
            "echo ${#-x} ${#:-x} ${##x} ${#%x} ${#?x}"
        );
        assert_eq!(
            p("echo ${x-a b} ${x:-w} ${x=w} ${x:=w} ${x?w} ${x:?} ${x+w} ${x:+w}"),
            "echo ${x-a b} ${x:-w} ${x=w} ${x:=w} ${x?w} ${x:?} ${x+w} ${x:+w}"
        );
        assert_eq!(
            p("echo ${x%a} ${x%%*.c} ${x#a} ${x##*/}"),
            "echo ${x%a} ${x%%*.c} ${x#a} ${x##*/}"
        );
        assert_eq!(p("echo ${99999999999}"), "echo ${4294967295}");
        // Words inside may hold quotes, expansions, blanks, newlines and escaped braces.
        assert_eq!(
            p("echo ${x:-'a b'\"$y\"${z:-\\}}$(echo)} ${x:-a\nb}"),
            "echo ${x:-'a b'\"${y}\"${z:-'}'}$(echo)} ${x:-a\nb}"
        );
        assert_eq!(p("echo ${x:-${y:-${z}}}"), "echo ${x:-${y:-${z}}}");
        assert_eq!(p("echo $\\\nHOME ${HO\\\nME}"), "echo ${HOME} ${HOME}");
    }

    #[test]
    fn parameter_words_inside_double_quotes() {
        // The word of -=?+ is double-quoted text: single quotes are literal, `"` nests.
        assert_eq!(
            p("echo \"${x:-'a'}\" \"${x:-\"a b\"}\""),
            "echo \"${x:-''a''}\" \"${x:-\"'a b'\"}\""
        );
        // A pattern is read as if unquoted: quotes quote, `*` stays a pattern (as in dash).
        assert_eq!(
            p("echo \"${x#'a'}\" \"${x%*b}\""),
            "echo \"${x#'a'}\" \"${x%*b}\""
        );
        // Tilde: in a pattern and unquoted words, not in a double-quoted word.
        assert_eq!(
            p("echo ${x:-~} \"${x:-~}\" \"${x#~}\" ${x:-a:~}"),
            "echo ${x:-(~)} \"${x:-'~'}\" \"${x#(~)}\" ${x:-a:~}"
        );
    }

    #[test]
    fn command_substitution() {
        assert_eq!(
            p("echo $(a; b) $( (c) ) $(echo $(d))"),
            "echo $(a; b) $(( c )) $(echo $(d))"
        );
        assert_eq!(
            p("echo $(case x in x) a;; (y) b;; esac) z"),
            "echo $(case x in x) a;; y) b;; esac) z"
        );
        assert_eq!(
            p("echo $(echo \")\" \\)) $( )"),
            "echo $(echo \"')'\" ')') $()"
        );
        assert_eq!(p("echo $(echo # )\n)"), "echo $(echo)");
        assert_eq!(p("echo \"$(echo \"a b\")\""), "echo \"$(echo \"'a b'\")\"");
        assert_eq!(p("x=$(\n\na\n\nb\n)"), "x=$(a; b)");
    }

    #[test]
    fn backquotes() {
        assert_eq!(p("echo `echo a` \"`b`\""), "echo $(echo a) \"$(b)\"");
        // \$ \` \\ lose their backslash; other backslashes stay.
        assert_eq!(p("echo `echo \\$x \\\\ \\a`"), "echo $(echo ${x} ' a')");
        assert_eq!(p("echo `echo \\`echo hi\\``"), "echo $(echo $(echo hi))");
        // Inside double quotes \" loses its backslash too.
        assert_eq!(p("echo \"`echo \\\"x\\\"`\""), "echo \"$(echo \"'x'\")\"");
        assert_eq!(p("echo `echo a\\\\\nb`"), "echo $(echo ab)");
        // dash ignores what follows a token that ends a list.
        assert_eq!(p("echo `a; fi; b`"), "echo $(a)");
    }

    #[test]
    fn arithmetic() {
        assert_eq!(
            p("echo $((1+2)) $(( (1+2)*$x )) \"$((y))\""),
            "echo $((1+2)) $(( (1+2)*${x} )) \"$((y))\""
        );
        assert_eq!(
            p("echo $((1 + $(echo 2) + `echo 3` + ${x:-4}))"),
            "echo $((1 + $(echo 2) + $(echo 3) + ${x:-'4'}))"
        );
        assert_eq!(
            p("echo $(( $((1)) )) $(((1)))"),
            "echo $(( $((1)) )) $(((1)))"
        );
        assert_eq!(p("echo $((1\\\n+\\$x))"), "echo $((1+$x))");
        // Quotes stay in the expression (an arithmetic error later, as in dash).
        assert_eq!(p("echo $((\"1\"+')'))"), "echo $((\"'1'\"+')'))");
        // A lone `)` is text: `$( (a) )` needs the blank.
        assert_eq!(
            e("echo $((echo hi) )"),
            (1, "Syntax error: Missing '))'".into(), true)
        );
    }

    #[test]
    fn tildes() {
        assert_eq!(
            p("echo ~ ~/a ~u ~u/b a~ ~\"/x\" ~\\/x ~$x ~'' ~:x"),
            "echo (~) (~)/a (~u) (~u)/b a~ ~\"'/x'\" ~'/'x ~${x} ~'' (~:x)"
        );
        assert_eq!(
            p("a=~ b=~/x:~y:a~:~ c=\"~\" d=~\"/x\" echo a=~"),
            "a=(~) b=(~)/x:(~y):a~:(~) c=\"'~'\" d=~\"'/x'\" echo a=~"
        );
        assert_eq!(p("echo ~\\\n/x"), "echo (~)/x");
        assert_eq!(p("case ~ in ~/x) ;; esac"), "case (~) in (~)/x) ;; esac");
    }

    #[test]
    fn assignments() {
        assert_eq!(
            p("a=1 b= c=\"\" d=$x cmd e=2"),
            "a=1 b= c=\"\" d=${x} cmd e=2"
        );
        assert_eq!(p("1a=2 a+=1 \"a\"=1 =x"), "1a=2 a+=1 \"'a'\"=1 =x");
        assert_eq!(p("a=1 >f b=2"), "a=1 b=2 >f");
        assert_eq!(p("a=1"), "a=1");
        assert_eq!(p("a=1 if"), "a=1 if");
    }

    #[test]
    fn compound_commands() {
        assert_eq!(p("{ a; b; }"), "{ a; b; }");
        assert_eq!(p("{ a\nb\n}"), "{ a; b; }");
        assert_eq!(p("(a; b &)"), "( a; b & )");
        assert_eq!(p("if a; then b; fi"), "if a; then b; fi");
        assert_eq!(
            p("if a\nthen\nb\nelif c; then d\nelif e; then f; else g; fi"),
            "if a; then b; elif c; then d; elif e; then f; else g; fi"
        );
        assert_eq!(
            p("while a; do b; done; until a; do b; done"),
            "while a; do b; done; until a; do b; done"
        );
        assert_eq!(
            p("if true; then (echo a) fi"),
            "if true; then ( echo a ); fi"
        );
        assert_eq!(
            p("if true; then { echo; } fi"),
            "if true; then { echo; }; fi"
        );
        assert_eq!(
            p("while ! false; do break; done"),
            "while ! false; do break; done"
        );
    }

    #[test]
    fn for_loops() {
        assert_eq!(
            p("for i in a \"b c\" $d; do echo $i; done"),
            "for i in a \"'b c'\" ${d}; do echo ${i}; done"
        );
        assert_eq!(p("for i; do :; done"), "for i do :; done");
        assert_eq!(p("for i do :; done"), "for i do :; done");
        assert_eq!(p("for i\ndo :; done"), "for i do :; done");
        assert_eq!(p("for i in; do :; done"), "for i in ; do :; done");
        assert_eq!(p("for i\nin a b\ndo :\ndone"), "for i in a b; do :; done");
        assert_eq!(
            p("for if in do fi; do :; done"),
            "for if in do fi; do :; done"
        );
    }

    #[test]
    fn case_commands() {
        assert_eq!(
            p("case $x in a|b) echo 1;; (c) echo 2;; *) echo 3; esac"),
            "case ${x} in a|b) echo 1;; c) echo 2;; *) echo 3;; esac"
        );
        assert_eq!(
            p("case x in\nx)\n;;\ny) a\nb\n;;\nesac"),
            "case x in x) ;; y) a; b;; esac"
        );
        assert_eq!(p("case x in esac"), "case x in esac");
        assert_eq!(p("case x in\nesac"), "case x in esac");
        assert_eq!(
            p("case if in if) a;; (esac) b;; fi|then) ;; esac"),
            "case if in if) a;; esac) b;; fi|then) ;; esac"
        );
        assert_eq!(p("case x in x) a;\nesac"), "case x in x) a;; esac");
        assert_eq!(p("case x\nin x) esac"), "case x in x) ;; esac");
        assert_eq!(
            p("case \"$x\" in *'*'*) ;; esac"),
            "case \"${x}\" in *'*'*) ;; esac"
        );
    }

    #[test]
    fn functions() {
        assert_eq!(p("f() { echo $1; } 2>&1"), "f() { echo ${1}; } 2>&1");
        assert_eq!(p("f ( ) ( a )"), "f() ( a )");
        assert_eq!(p("f()\n\n{ a; }"), "f() { a; }");
        // dash takes any command as the body.
        assert_eq!(p("f() echo hi >x"), "f() { echo hi >x; }");
        assert_eq!(p("f() g() { :; }"), "f() { g() { :; }; }");
        assert_eq!(
            p("f() for x; do :; done | cat"),
            "f() for x do :; done | cat"
        );
        let l = Parser::new(b"f() { :; }").next_command().unwrap().unwrap();
        let Command::FunctionDef { name, body, line } = &l[0].and_or.first.commands[0] else {
            panic!()
        };
        assert_eq!(
            (name.as_slice(), *line, Rc::strong_count(body)),
            (&b"f"[..], 1, 1)
        );
    }

    #[test]
    fn here_documents() {
        assert_eq!(
            p("cat <<E\nhello $x\nE\necho next"),
            "cat <<\"'hello '${x}'\n'\"\necho next"
        );
        // Quoted delimiters: the body is one literal part.
        for src in [
            "cat <<'E'\n$x\\\nE",
            "cat <<\"E\"\n$x\\\nE",
            "cat <<\\E\n$x\\\nE",
            "cat <<E''\n$x\\\nE",
        ] {
            assert_eq!(p(src), "cat <<'$x\\\n'", "{src:?}");
        }
        // Several on a line are read in order after it.
        assert_eq!(
            p("cat <<A; cat <<B\na\nA\nb\nB"),
            "cat <<\"'a\n'\"; cat <<\"'b\n'\""
        );
        assert_eq!(
            p("cat <<A | cat <<'B'\na\nA\nb\nB"),
            "cat <<\"'a\n'\" | cat <<'b\n'"
        );
        // <<- strips leading tabs, from the delimiter line too.
        assert_eq!(p("cat <<-E\n\t\tx\n\tE\necho"), "cat <<\"'x\n'\"\necho");
        // Backslash: only before $ ` \ and newline.
        assert_eq!(
            p("cat <<E\n\\$x \\` \\\\ \\\" \\z a\\\nb\nE"),
            "cat <<\"'$x ` \\ \\\" \\z ab\n'\""
        );
        // The delimiter is matched on whole, raw lines.
        assert_eq!(p("cat <<E\na\\\nE\nE \nE"), "cat <<\"'aE\nE \n'\"");
        // Expansions in the body; quotes are text, but quote inside ${...}.
        assert_eq!(
            p("cat <<E\n\"$x\" 'y' ${z:-\"q\"} $(echo\nE\n) `echo x`\nE"),
            "cat <<\"'\"'${x}'\" 'y' '${z:-\"'q'\"}' '$(echo; E)' '$(echo x)'\n'\""
        );
        // Inside a compound command, a function, and a command substitution.
        assert_eq!(
            p("while read x; do cat <<E; done <f\n$x\nE\necho"),
            "while read x; do cat <<\"${x}'\n'\"; done <f\necho"
        );
        assert_eq!(
            p("f() { cat <<E; }\nhi\nE\nf"),
            "f() { cat <<\"'hi\n'\"; }\nf"
        );
        assert_eq!(
            p("if a; then\ncat <<E\nb\nE\nfi"),
            "if a; then cat <<\"'b\n'\"; fi"
        );
        assert_eq!(
            p("echo $(cat <<E\nin\nE\n) after"),
            "echo $(cat <<\"'in\n'\") after"
        );
        assert_eq!(
            p("cat <<A; echo $(cat <<B\nb\nB\n)\na\nA"),
            "cat <<\"'a\n'\"; echo $(cat <<\"'b\n'\")"
        );
        // A line that runs over into the body's lines still comes first.
        assert_eq!(
            p("cat <<A; echo \"x\ny\"\nbody\nA"),
            "cat <<\"'body\n'\"; echo \"'x\ny'\""
        );
        // No expansion in the delimiter; an empty one ends at an empty line.
        assert_eq!(p("cat <<$x\na\n$x"), "cat <<\"'a\n'\"");
        assert_eq!(p("cat <<\"\"\nx\n\ny"), "cat <<'x\n'\ny");
        // At the end of input the body is what there is, as in dash.
        assert_eq!(p("cat <<E"), "cat <<\"\"");
        assert_eq!(p("cat <<E\nabc"), "cat <<\"'abc'\"");
        assert_eq!(p("echo $(cat <<E)\nhi"), "echo $(cat <<\"\")\nhi");
    }

    #[test]
    fn here_document_flags() {
        let l = Parser::new(b"cat <<E 3<<'Q'\na\nE\nb\nQ\n")
            .next_command()
            .unwrap()
            .unwrap();
        let Command::Simple(s) = &l[0].and_or.first.commands[0] else {
            panic!()
        };
        assert_eq!(s.redirects[0].op, RedirOp::HereDoc { quoted: false });
        assert_eq!(s.redirects[1].op, RedirOp::HereDoc { quoted: true });
        assert_eq!((s.redirects[0].fd, s.redirects[1].fd), (None, Some(3)));
        assert_eq!(
            s.redirects[1].target,
            Word {
                parts: vec![WordPart::Quoted(b"b\n".to_vec())]
            }
        );
    }

    #[test]
    fn line_numbers() {
        assert_eq!(
            lines("a\nb; c\n\n# x\nd \\\ne\n\"x\ny\" z; f"),
            vec![1, 2, 2, 5, 7, 8]
        );
        assert_eq!(
            lines("cat <<E; g\nbody\nE\nh\nf() { :; }"),
            vec![1, 1, 4, 5]
        );
        let mut parser = Parser::with_line(b"a\nb\n", 10);
        parser.next_command().unwrap();
        assert_eq!(parser.line(), 11);
        parser.next_command().unwrap();
        assert_eq!(parser.line(), 12);
        assert_eq!(parser.next_command().unwrap(), None);
    }

    #[test]
    fn one_command_at_a_time() {
        // The parser stops after a command's newline: the next line is not read yet.
        let mut parser = Parser::new(b"a\nfi\n");
        assert!(parser.next_command().unwrap().is_some());
        assert_eq!(parser.line(), 2);
        assert!(parser.next_command().is_err());
        // After an error, nothing more.
        assert_eq!(parser.next_command().unwrap(), None);
    }

    #[test]
    fn errors_match_dash() {
        // Each message is what dash 0.5 prints for the same input (`dash -c SRC`).
        let cases: &[(&str, &str)] = &[
            (
                "if true; then",
                "1: Syntax error: end of file unexpected (expecting \"fi\")",
            ),
            ("fi", "1: Syntax error: \"fi\" unexpected"),
            ("echo \"abc", "1: Syntax error: Unterminated quoted string"),
            ("echo 'abc", "1: Syntax error: Unterminated quoted string"),
            (
                "echo (",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            ("echo a; ;;", "1: Syntax error: \";;\" unexpected"),
            (
                "echo $(echo",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            (
                "echo `echo",
                "1: Syntax error: EOF in backquote substitution",
            ),
            ("echo |", "1: Syntax error: end of file unexpected"),
            ("echo &&", "1: Syntax error: end of file unexpected"),
            ("true &&\n\n", "3: Syntax error: end of file unexpected"),
            (
                "while true",
                "1: Syntax error: end of file unexpected (expecting \"do\")",
            ),
            ("for", "1: Syntax error: Bad for loop variable"),
            ("for x in a b", "1: Syntax error: end of file unexpected"),
            (
                "for 1 in a; do :; done",
                "1: Syntax error: Bad for loop variable",
            ),
            (
                "case x in",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            (
                "case x",
                "1: Syntax error: end of file unexpected (expecting \"in\")",
            ),
            (
                "case x in a) echo",
                "1: Syntax error: end of file unexpected (expecting \";;\")",
            ),
            ("cat <<", "1: Syntax error: end of file unexpected"),
            ("echo > ;", "1: Syntax error: \";\" unexpected"),
            (
                "{ echo",
                "1: Syntax error: end of file unexpected (expecting \"}\")",
            ),
            (
                "( echo",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            (")", "1: Syntax error: \")\" unexpected"),
            ("}", "1: Syntax error: \"}\" unexpected"),
            ("&", "1: Syntax error: \"&\" unexpected"),
            ("a && ; b", "1: Syntax error: \";\" unexpected"),
            ("! ! true", "1: Syntax error: \"!\" unexpected"),
            ("then", "1: Syntax error: \"then\" unexpected"),
            ("if true; then fi", "1: Syntax error: \"fi\" unexpected"),
            (
                "while true; do done",
                "1: Syntax error: \"done\" unexpected",
            ),
            ("if ; then :; fi", "1: Syntax error: \";\" unexpected"),
            ("{ }", "1: Syntax error: \"}\" unexpected"),
            ("( )", "1: Syntax error: \")\" unexpected"),
            ("echo ${x:}", "1: Syntax error: Missing '}'"),
            ("echo ${x", "1: Syntax error: Missing '}'"),
            ("echo ${x:-", "1: Syntax error: Missing '}'"),
            ("echo \"${x", "1: Syntax error: Unterminated quoted string"),
            (
                "echo \"${x:-abc",
                "1: Syntax error: Unterminated quoted string",
            ),
            ("echo \"${x#abc", "1: Syntax error: Missing '}'"),
            (
                "echo ${x#'abc",
                "1: Syntax error: Unterminated quoted string",
            ),
            (
                "if true; then echo; done",
                "1: Syntax error: \"done\" unexpected (expecting \"fi\")",
            ),
            (
                "if true; done",
                "1: Syntax error: \"done\" unexpected (expecting \"then\")",
            ),
            (
                "if true; then :; elif",
                "1: Syntax error: end of file unexpected (expecting \"then\")",
            ),
            (
                "if true; then :; elif :; fi",
                "1: Syntax error: \"fi\" unexpected (expecting \"then\")",
            ),
            (
                "if true; then :; else fi",
                "1: Syntax error: \"fi\" unexpected",
            ),
            (
                "if true; then :; else :; done",
                "1: Syntax error: \"done\" unexpected (expecting \"fi\")",
            ),
            (
                "while :; do :; fi",
                "1: Syntax error: \"fi\" unexpected (expecting \"done\")",
            ),
            (
                "until :; do :; esac",
                "1: Syntax error: \"esac\" unexpected (expecting \"done\")",
            ),
            (
                "for x in a; echo; done",
                "1: Syntax error: word unexpected (expecting \"do\")",
            ),
            ("for x in a b )", "1: Syntax error: \")\" unexpected"),
            (
                "for x y",
                "1: Syntax error: word unexpected (expecting \"do\")",
            ),
            (
                "for x; echo",
                "1: Syntax error: word unexpected (expecting \"do\")",
            ),
            (
                "for x in a\nb; do :; done",
                "2: Syntax error: word unexpected (expecting \"do\")",
            ),
            (
                "case x in a) :;; esac x",
                "1: Syntax error: word unexpected",
            ),
            (
                "case x in a) :; fi",
                "1: Syntax error: \"fi\" unexpected (expecting \";;\")",
            ),
            (
                "case x in a) :;; fi",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            (
                "case x foo",
                "1: Syntax error: word unexpected (expecting \"in\")",
            ),
            (
                "case ; in",
                "1: Syntax error: \";\" unexpected (expecting word)",
            ),
            (
                "case x in a) :;; (",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            (
                "{ :; )",
                "1: Syntax error: \")\" unexpected (expecting \"}\")",
            ),
            (
                "( :; }",
                "1: Syntax error: \"}\" unexpected (expecting \")\")",
            ),
            (
                "echo $( :; }",
                "1: Syntax error: \"}\" unexpected (expecting \")\")",
            ),
            (
                "echo $( fi )",
                "1: Syntax error: \"fi\" unexpected (expecting \")\")",
            ),
            ("echo $(;)", "1: Syntax error: \";\" unexpected"),
            ("echo a > )", "1: Syntax error: \")\" unexpected"),
            ("echo a <&", "1: Syntax error: end of file unexpected"),
            ("cat <<;", "1: Syntax error: \";\" unexpected"),
            (
                "if",
                "1: Syntax error: end of file unexpected (expecting \"then\")",
            ),
            (
                "{",
                "1: Syntax error: end of file unexpected (expecting \"}\")",
            ),
            (
                "case",
                "1: Syntax error: end of file unexpected (expecting word)",
            ),
            ("echo a &&\nfi", "2: Syntax error: \"fi\" unexpected"),
            ("\n\nfi\n", "3: Syntax error: \"fi\" unexpected"),
            (
                "echo \"a\nb\nc",
                "3: Syntax error: Unterminated quoted string",
            ),
            (
                "echo a\n(\n",
                "3: Syntax error: end of file unexpected (expecting \")\")",
            ),
            (
                "echo $(\n\n",
                "3: Syntax error: end of file unexpected (expecting \")\")",
            ),
            (
                "echo `\n\n",
                "3: Syntax error: EOF in backquote substitution",
            ),
            ("if\n\n\nthen", "4: Syntax error: \"then\" unexpected"),
            ("in", "1: Syntax error: \"in\" unexpected"),
            ("!", "1: Syntax error: end of file unexpected"),
            (
                "1f(",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            ("\"f\"() { :; }", "1: Syntax error: Bad function name"),
            ("f\\() { :; }", "1: Syntax error: \")\" unexpected"),
            ("echo `;`", "1: Syntax error: \";\" unexpected"),
            (
                "echo `(`",
                "1: Syntax error: end of file unexpected (expecting \")\")",
            ),
            ("echo $((1+2", "1: Syntax error: Missing '))'"),
            ("echo $((1)a)", "1: Syntax error: Missing '))'"),
            ("echo $((echo hi) )", "1: Syntax error: Missing '))'"),
            ("echo $(( \"abc", "1: Syntax error: Missing '))'"),
            (
                "echo $(( ${x",
                "1: Syntax error: Unterminated quoted string",
            ),
            ("cat <<E\n${x:-\"abc", "2: Syntax error: Missing '}'"),
            ("echo > 2>x", "1: Syntax error: redirection unexpected"),
            (
                "for x in a >x; do :; done",
                "1: Syntax error: redirection unexpected",
            ),
            (
                "case x in a 2>x",
                "1: Syntax error: redirection unexpected (expecting \")\")",
            ),
            (
                "case >x in",
                "1: Syntax error: redirection unexpected (expecting word)",
            ),
            (
                "while :; do :; done >x <y 2>z fi",
                "1: Syntax error: word unexpected",
            ),
            (
                "if true; then (echo a) >/dev/null fi",
                "1: Syntax error: word unexpected (expecting \"fi\")",
            ),
            (
                "{ echo a; } >/dev/null }",
                "1: Syntax error: word unexpected",
            ),
            ("echo >\n", "2: Syntax error: newline unexpected"),
            (
                "echo \"a\nb\" fi; (\n)",
                "3: Syntax error: \")\" unexpected",
            ),
            (
                "for ~ in x; do :; done",
                "1: Syntax error: Bad for loop variable",
            ),
            (
                "f (x) { :; }",
                "1: Syntax error: word unexpected (expecting \")\")",
            ),
            ("1f() { :; }", "1: Syntax error: Bad function name"),
            ("if() { :; }", "1: Syntax error: \")\" unexpected"),
            ("echo a()", "1: Syntax error: \"(\" unexpected"),
            ("a=1 f() { :; }", "1: Syntax error: \"(\" unexpected"),
            ("echo a | | b", "1: Syntax error: \"|\" unexpected"),
            ("echo a || || b", "1: Syntax error: \"||\" unexpected"),
            ("echo a &&& b", "1: Syntax error: \"&\" unexpected"),
            ("echo a & & b", "1: Syntax error: \"&\" unexpected"),
            ("! echo a | ! b", "1: Syntax error: \"!\" unexpected"),
            ("f()", "1: Syntax error: end of file unexpected"),
            (
                "if true; then echo a; fi x",
                "1: Syntax error: word unexpected",
            ),
            ("(echo a) x", "1: Syntax error: word unexpected"),
            (
                "case a in a b) ;; esac",
                "1: Syntax error: word unexpected (expecting \")\")",
            ),
            (
                "case esac in esac) echo yes;; esac",
                "1: Syntax error: \")\" unexpected",
            ),
            ("cat <<E >\nbody\nE", "2: Syntax error: newline unexpected"),
            (
                "echo `\n\n(`",
                "3: Syntax error: end of file unexpected (expecting \")\")",
            ),
        ];
        for (src, want) in cases {
            let (line, message, _) = e(src);
            assert_eq!(format!("{line}: {message}"), *want, "{src:?}");
        }
        // Accepted by dash, too; the bad substitutions fail only when expanded.
        for src in [
            "echo ${x y} ${} ${#x:-a} ${x:a} ${x/a/b} \"${1:0:1}\" `echo ${!x}` $(echo ${x,})",
            "echo `echo a; fi; (`",
            "f() x",
            "case x in x) a;; esac",
            "for x do :; done",
        ] {
            p(src);
        }
    }

    #[test]
    fn incomplete_input() {
        for src in [
            "echo \"a",
            "echo 'a",
            "if true",
            "if true; then",
            "while :; do",
            "for x in a",
            "case x in",
            "case x in a) b",
            "{ a",
            "( a",
            "a |",
            "a &&",
            "a ||\n",
            "!",
            "echo $(a",
            "echo `a",
            "echo ${x",
            "echo ${x:-a",
            "echo $((1",
            "f()",
            "echo >",
            "echo \"$(\"",
            "cat <<E; if",
            "for",
        ] {
            let (_, _, incomplete) = e(src);
            assert!(incomplete, "{src:?}");
        }
        for src in ["fi", "echo )", "echo `if`", "f() )", "a ;;"] {
            let (_, _, incomplete) = e(src);
            assert!(!incomplete, "{src:?}");
        }
        // A line editor also waits for a here-document's end and after a trailing `\`.
        for src in [
            "cat <<E\n",
            "cat <<E\nabc\n",
            "cat <<'E'\nx",
            "echo a\\",
            "echo a \\\n",
            "a |\\\n",
        ] {
            let err = Parser::new(src.as_bytes())
                .interactive()
                .next_command()
                .unwrap_err();
            assert!(err.incomplete, "{src:?}");
        }
        for src in [
            "cat <<E\nabc\nE\n",
            "echo \\\\\n",
            "# \\\n",
            "echo a\\\nb\n",
        ] {
            let mut parser = Parser::new(src.as_bytes()).interactive();
            assert!(parser.next_command().is_ok(), "{src:?}");
        }
        assert_eq!(p("echo a \\\n"), "echo a");
    }

    #[test]
    fn odd_bytes() {
        // NUL bytes are dropped (as dash drops them); other bytes are word text.
        assert_eq!(p("ec\0ho a\0b"), "echo ab");
        let l = Parser::new(b"echo \xff\xfe '\x80'")
            .next_command()
            .unwrap()
            .unwrap();
        let Command::Simple(s) = &l[0].and_or.first.commands[0] else {
            panic!()
        };
        assert_eq!(s.words[1].parts, vec![WordPart::Lit(vec![0xff, 0xfe])]);
        assert_eq!(s.words[2].parts, vec![WordPart::Quoted(vec![0x80])]);
    }

    /// Runs `f` on a thread with a large stack: an unoptimised build takes about 10 KiB per
    /// nesting level (an optimised one under 2 KiB), more than the harness's 2 MiB allows.
    fn with_stack(f: impl FnOnce() + Send + 'static) {
        std::thread::Builder::new()
            .stack_size(32 << 20)
            .spawn(f)
            .unwrap()
            .join()
            .unwrap();
    }

    #[test]
    fn nesting_is_limited() {
        with_stack(|| {
            let n = MAX_DEPTH as usize + 10;
            for (open, close) in [
                ("(", ")"),
                ("{ ", "; }"),
                ("if ", "; then :; fi"),
                ("$(", ")"),
                ("${x:-", "}"),
                ("\"${x:-", "}\""),
                ("$((", "))"),
                ("\"$(", ")\""),
                ("f() ", ""),
            ] {
                let deep = format!("{}x{}", open.repeat(n), close.repeat(n));
                let (_, message, _) = e(&deep);
                assert_eq!(message, "Syntax error: nesting too deep", "{open:?}");
                let ok = format!("{}x{}", open.repeat(100), close.repeat(100));
                assert!(
                    Parser::new(ok.as_bytes()).next_command().is_ok(),
                    "{open:?}"
                );
            }
        });
    }

    /// A guard against quadratic blowups, which would take hours on 1 MiB inputs; not a speed
    /// test (`make bench` measures speed): the bound is generous enough for an unoptimised
    /// build under qemu-user on a loaded machine.
    #[test]
    fn large_inputs_finish() {
        let mib = 1 << 20;
        let inputs = [
            "a".repeat(mib),
            "echo a; ".repeat(mib / 8),
            "a=b ".repeat(mib / 4),
            format!("'{}'", "x".repeat(mib)),
            format!("\"{}\"", "$x".repeat(mib / 2)),
            format!("cat <<E\n{}E\n", "line $x\n".repeat(mib / 8)),
            format!("cat <<'E'\n{}E\n", "line\n".repeat(mib / 5)),
            "\n".repeat(mib),
            "# comment\n".repeat(mib / 10),
            "\\\n".repeat(mib / 2),
            format!("echo $(({}1))", "1+".repeat(mib / 2)),
            format!("echo $(({}1{}))", "(".repeat(mib / 2), ")".repeat(mib / 2)),
            "cat <<E; ".repeat(mib / 8),
            "a | ".repeat(mib / 4) + "a",
            format!("case x in {} esac", "a) b;; ".repeat(mib / 8)),
            format!("x=~{}", ":~".repeat(mib / 2)),
            "(".repeat(mib),
            "$(".repeat(mib),
            "`".repeat(mib),
            "${".repeat(mib),
        ];
        with_stack(move || {
            for src in &inputs {
                let start = std::time::Instant::now();
                let mut parser = Parser::new(src.as_bytes());
                while let Ok(Some(_)) = parser.next_command() {}
                let took = start.elapsed();
                assert!(took.as_secs() < 60, "{:?}...: {took:?}", &src[..20]);
            }
        });
    }

    #[test]
    fn random_input_never_panics() {
        let mut rand = crate::testing::xorshift(0x2545_f491_4f6c_dd1d);
        let tokens: &[&[u8]] = &[
            b"echo", b"a", b"x=1", b"if", b"then", b"else", b"elif", b"fi", b"while", b"until",
            b"do", b"done", b"for", b"in", b"case", b"esac", b"{", b"}", b"!", b"(", b")", b";",
            b";;", b"&", b"&&", b"||", b"|", b"\n", b">", b"<", b">>", b"2>", b"<<E", b"<<-E",
            b"<<'E'", b">&", b"<&", b"<>", b">|", b"'", b"\"", b"\\", b"`", b"$", b"${", b"}",
            b"$(", b"$((", b"))", b"${x:-", b"${#", b"${x#", b"#", b"~", b"=", b"E\n", b"\tE\n",
            b"\\\n", b"f()", b"*)", b"\0", b"\xff", b" ", b"\t", b"$x", b"${1", b":", b"%%",
        ];
        with_stack(move || {
            let start = std::time::Instant::now();
            for case in 0..20_000 {
                let mut src = Vec::new();
                let n = rand() % 40;
                if case % 2 == 0 {
                    for _ in 0..n * 4 {
                        src.push(rand() as u8);
                    }
                } else {
                    for _ in 0..n {
                        src.extend_from_slice(tokens[rand() % tokens.len()]);
                        if rand() % 2 == 0 {
                            src.push(b' ');
                        }
                    }
                }
                for interactive in [false, true] {
                    let mut parser = Parser::new(&src);
                    if interactive {
                        parser = parser.interactive();
                    }
                    let mut commands = 0;
                    while let Ok(Some(_)) = parser.next_command() {
                        commands += 1;
                        assert!(commands <= src.len() + 1, "{src:?}");
                    }
                }
            }
            assert!(start.elapsed().as_secs() < 60);
        });
    }
}

/// Compares error messages with dash's (`dash -n`) on random token soup: run by hand with
/// `cargo test --lib -- --ignored matches_dash` where dash is installed.
#[cfg(test)]
mod dash_fuzz {
    use super::*;
    #[test]
    #[ignore]
    fn matches_dash_on_random_input() {
        let toks: &[&str] = &[
            "echo",
            "a",
            "b=1",
            "if",
            "then",
            "else",
            "elif",
            "fi",
            "while",
            "until",
            "do",
            "done",
            "for",
            "x",
            "in",
            "case",
            "esac",
            "{",
            "}",
            "!",
            "(",
            ")",
            ";",
            ";;",
            "&",
            "&&",
            "||",
            "|",
            "\n",
            ">",
            "<",
            ">>",
            "2>",
            "<<E",
            "<<-E",
            ">&",
            "<&",
            "'q'",
            "\"d\"",
            "$x",
            "${x:-y}",
            "$(",
            "`",
            "\"",
            "'",
            "\\",
            "#c",
            "f()",
            "$((1))",
            "*)",
            "a)",
            "E",
            "\t",
            "${#x}",
            "~",
            "=",
            "$(echo)",
            "<<'E'",
            "${",
            "}",
            "${x",
            "${x#",
            "${x:",
            ":-",
            "$((",
            "))",
            "\\\n",
            "E\n",
            "\"$(",
            "'\n",
            "`\\`",
            "${x:-\"",
            "$(case x in a) :;; esac)",
            "(( ",
            "\\",
            "#",
            "$",
            "${#",
            "${@}",
            "${1",
            "0>",
            "9<",
            "12>",
            "<<\"E\"",
            "<<\\E",
            "\t\tE\n",
            "<>",
            ">|",
            "${x%%",
            "\"${x#'",
            "$(((",
            "$( (",
            "|",
            "-",
            "esac)",
        ];
        let seed = std::env::var("SEED")
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(0x1234_5678_9abc_def1);
        let mut next = crate::testing::xorshift(seed);
        let mut bad = 0;
        for _ in 0..4000 {
            let n = next() % 12 + 1;
            let mut src = String::new();
            for _ in 0..n {
                src.push_str(toks[next() % toks.len()]);
                src.push(if next() % 3 == 0 { '\n' } else { ' ' });
            }
            if src.starts_with('-') {
                continue;
            }
            let out = std::process::Command::new("timeout")
                .arg("5")
                .arg("dash")
                .arg("-nc")
                .arg(&src)
                .output()
                .unwrap();
            let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
            let dash = stderr
                .lines()
                .find(|l| l.starts_with("dash: "))
                .map(|l| l.trim_start_matches("dash: ").to_string());
            let mut parser = Parser::new(src.as_bytes());
            let ours = loop {
                match parser.next_command() {
                    Ok(Some(_)) => {}
                    Ok(None) => break None,
                    Err(e) => break Some(format!("{}: {}", e.line, e.message)),
                }
            };
            if dash != ours {
                bad += 1;
                if bad < 40 {
                    std::println!("{src:?}\n   dash: {dash:?}\n   ours: {ours:?}");
                }
            }
        }
        std::println!("{bad} mismatches");
    }
}
