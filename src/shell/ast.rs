//! The shell's syntax tree: what the parser produces and the executor walks (dash's parser
//! and evaluator are likewise two passes over one small tree).
//!
//! Names follow the POSIX grammar (XCU 2.10): a list of and-or lists of pipelines of commands.
//! Bytes, not `str`: a shell word may hold any byte but NUL.

use alloc::boxed::Box;
use alloc::rc::Rc;
use alloc::vec::Vec;

/// `a; b & c`: and-or lists, each run in the foreground or the background.
pub type List = Vec<ListItem>;

#[derive(Clone, Debug, PartialEq)]
pub struct ListItem {
    pub and_or: AndOr,
    /// Ended by `&`: run asynchronously.
    pub background: bool,
}

/// `p1 && p2 || p3`.
#[derive(Clone, Debug, PartialEq)]
pub struct AndOr {
    pub first: Pipeline,
    pub rest: Vec<(Connector, Pipeline)>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Connector {
    And,
    Or,
}

/// `! c1 | c2 | c3`.
#[derive(Clone, Debug, PartialEq)]
pub struct Pipeline {
    pub bang: bool,
    pub commands: Vec<Command>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Command {
    Simple(SimpleCommand),
    /// A compound command and the redirections after it (`while ...; done >out`).
    Compound(Box<CompoundCommand>, Vec<Redirect>),
    /// `name() compound-command [redirections]`; the body is shared with the function table.
    FunctionDef {
        name: Vec<u8>,
        body: Rc<(CompoundCommand, Vec<Redirect>)>,
        line: u32,
    },
}

/// `A=1 B=2 cmd arg >file`: assignments, words and redirections, in source order within each
/// kind (redirections apply in the order written).
#[derive(Clone, Debug, PartialEq, Default)]
pub struct SimpleCommand {
    pub assigns: Vec<Assign>,
    pub words: Vec<Word>,
    pub redirects: Vec<Redirect>,
    /// The source line the command starts on, for `rawsh: LINE: ...` messages and `$LINENO`.
    pub line: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Assign {
    pub name: Vec<u8>,
    pub value: Word,
}

#[derive(Clone, Debug, PartialEq)]
pub enum CompoundCommand {
    /// `{ list; }`
    Brace(List),
    /// `( list )`
    Subshell(List),
    /// `if c1; then b1; elif c2; then b2; else b3; fi`: `(condition, body)` pairs.
    If {
        branches: Vec<(List, List)>,
        otherwise: Option<List>,
    },
    /// `while cond; do body; done`, or `until` when `until` is set.
    Loop { until: bool, cond: List, body: List },
    /// `for var in words; do body; done`; `words: None` is `for var; do` (over "$@").
    For {
        var: Vec<u8>,
        words: Option<Vec<Word>>,
        body: List,
    },
    /// `case word in pat1 | pat2) body ;; esac`
    Case { word: Word, arms: Vec<CaseArm> },
}

#[derive(Clone, Debug, PartialEq)]
pub struct CaseArm {
    pub patterns: Vec<Word>,
    pub body: List,
}

/// A redirection: `[fd]op target`.
#[derive(Clone, Debug, PartialEq)]
pub struct Redirect {
    /// The explicit descriptor (`2>`), or `None` for the operator's default (0 or 1).
    pub fd: Option<i32>,
    pub op: RedirOp,
    /// The file name or descriptor word; for a here-document, its body (see `HereDoc`).
    pub target: Word,
    /// The line where its command starts, for its error messages (dash's).
    pub line: u32,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RedirOp {
    /// `<`
    In,
    /// `>`
    Out,
    /// `>|`
    Clobber,
    /// `>>`
    Append,
    /// `<>`
    ReadWrite,
    /// `<&` (the target is a descriptor number or `-`)
    DupIn,
    /// `>&`
    DupOut,
    /// `<<` / `<<-`: the target word is the body. `quoted` (the delimiter had quotes) means the
    /// body is one literal part, taken as is; otherwise it is expanded like a double-quoted
    /// string (parameters, command substitution, arithmetic; backslash before $ ` \ newline).
    HereDoc { quoted: bool },
}

impl RedirOp {
    pub fn default_fd(self) -> i32 {
        match self {
            RedirOp::In | RedirOp::ReadWrite | RedirOp::DupIn | RedirOp::HereDoc { .. } => 0,
            RedirOp::Out | RedirOp::Clobber | RedirOp::Append | RedirOp::DupOut => 1,
        }
    }
}

/// A word as written: a sequence of parts, quoted or not. Expansion turns it into fields.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Word {
    pub parts: Vec<WordPart>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum WordPart {
    /// Unquoted text: subject to field splitting (only if it came from an expansion, which
    /// literal text did not) and pathname expansion (`*`, `?`, `[`).
    Lit(Vec<u8>),
    /// Quoted text (`'...'`, `\c`, or literal text inside `"..."`): taken as is.
    Quoted(Vec<u8>),
    /// `"..."`: the parts inside are expanded but not split or globbed.
    Double(Vec<WordPart>),
    /// `$name`, `${name...}`, `$1`, `$@`...
    Param(Box<Param>),
    /// `$(list)` or `` `list` ``, parsed when the word is.
    CommandSubst(Rc<List>),
    /// `$((expression))`: the expression text after parameter expansion and command
    /// substitution, then evaluated as arithmetic.
    Arith(Word),
    /// `~` or `~user` at the start of a word (or after `=`/`:` in an assignment value).
    Tilde(Vec<u8>),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Param {
    pub name: ParamName,
    pub op: ParamOp,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ParamName {
    /// A variable name.
    Var(Vec<u8>),
    /// `$0`..`$9`, `${10}`...
    Positional(u32),
    /// One of `@ * # ? - $ !`.
    Special(u8),
}

#[derive(Clone, Debug, PartialEq)]
pub enum ParamOp {
    /// `$x`, `${x}`
    Plain,
    /// `${#x}`
    Length,
    /// `${x-w}` / `${x:-w}` (`colon`: also when set but empty)
    Default { colon: bool, word: Word },
    /// `${x=w}` / `${x:=w}`
    Assign { colon: bool, word: Word },
    /// `${x?w}` / `${x:?w}`
    Error { colon: bool, word: Word },
    /// `${x+w}` / `${x:+w}`
    Alternate { colon: bool, word: Word },
    /// `${x%w}` / `${x%%w}`: remove the shortest / longest matching suffix.
    TrimSuffix { longest: bool, pattern: Word },
    /// `${x#w}` / `${x##w}`: remove the shortest / longest matching prefix.
    TrimPrefix { longest: bool, pattern: Word },
    /// Any other `${...}` (`${x:1}`, `${x/a/b}`, `${!x}`), with its text: "Bad substitution"
    /// when expanded, not when read, as in dash, so a script can hold another shell's syntax
    /// in code it never runs.
    Bad(Vec<u8>),
}

impl Word {
    /// A word of one unquoted literal.
    pub fn lit(text: &[u8]) -> Word {
        Word {
            parts: alloc::vec![WordPart::Lit(text.to_vec())],
        }
    }
}
