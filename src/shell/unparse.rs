//! Turning a syntax tree back into shell text: the command a job shows in `jobs`, `fg` and
//! "Done" notices (dash's cmdtxt). Redirections and nested commands are written out in full;
//! the text is cut at [`MAX_TEXT`] bytes.

use super::ast::{
    AndOr, Command, CompoundCommand, Connector, List, ParamName, ParamOp, Pipeline, RedirOp,
    Redirect, Word, WordPart,
};
use alloc::vec::Vec;

const MAX_TEXT: usize = 200;

/// The text of an and-or list, e.g. `sleep 10 | cat && echo done`.
pub fn and_or(ao: &AndOr) -> Vec<u8> {
    let mut out = Vec::new();
    write_and_or(&mut out, ao);
    cut(out)
}

/// The text of a pipeline.
pub fn pipeline(p: &Pipeline) -> Vec<u8> {
    let mut out = Vec::new();
    write_pipeline(&mut out, p);
    cut(out)
}

fn cut(mut out: Vec<u8>) -> Vec<u8> {
    if out.len() > MAX_TEXT {
        out.truncate(MAX_TEXT - 3);
        out.extend_from_slice(b"...");
    }
    out
}

fn write_and_or(out: &mut Vec<u8>, ao: &AndOr) {
    write_pipeline(out, &ao.first);
    for (conn, p) in &ao.rest {
        out.extend_from_slice(if *conn == Connector::And {
            b" && "
        } else {
            b" || "
        });
        write_pipeline(out, p);
    }
}

/// `a; b & c`: no terminator after the last item unless it runs in the background.
fn write_list(out: &mut Vec<u8>, list: &List) {
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(if list[i - 1].background { b" " } else { b"; " });
        }
        write_and_or(out, &item.and_or);
        if item.background {
            out.extend_from_slice(b" &");
        }
    }
}

/// A list followed by a keyword: `a; then`, or `a & then`.
fn write_body(out: &mut Vec<u8>, list: &List, keyword: &str) {
    write_list(out, list);
    if !list.last().is_some_and(|item| item.background) {
        out.push(b';');
    }
    out.push(b' ');
    out.extend_from_slice(keyword.as_bytes());
}

fn write_pipeline(out: &mut Vec<u8>, p: &Pipeline) {
    if p.bang {
        out.extend_from_slice(b"! ");
    }
    for (i, c) in p.commands.iter().enumerate() {
        if i > 0 {
            out.extend_from_slice(b" | ");
        }
        write_command(out, c);
    }
}

fn write_command(out: &mut Vec<u8>, c: &Command) {
    match c {
        Command::Simple(sc) => {
            let mut sep = "";
            for a in &sc.assigns {
                out.extend_from_slice(sep.as_bytes());
                out.extend_from_slice(&a.name);
                out.push(b'=');
                write_word(out, &a.value);
                sep = " ";
            }
            for w in &sc.words {
                out.extend_from_slice(sep.as_bytes());
                write_word(out, w);
                sep = " ";
            }
            write_redirects(out, &sc.redirects, !sep.is_empty());
        }
        Command::Compound(cc, redirs) => {
            write_compound(out, cc);
            write_redirects(out, redirs, true);
        }
        Command::FunctionDef { name, body, .. } => {
            out.extend_from_slice(name);
            out.extend_from_slice(b"() ");
            write_compound(out, &body.0);
            write_redirects(out, &body.1, true);
        }
    }
}

fn write_compound(out: &mut Vec<u8>, cc: &CompoundCommand) {
    let kw = |out: &mut Vec<u8>, s: &str| out.extend_from_slice(s.as_bytes());
    match cc {
        CompoundCommand::Brace(l) => {
            kw(out, "{ ");
            write_body(out, l, "}");
        }
        CompoundCommand::Subshell(l) => {
            kw(out, "(");
            write_list(out, l);
            kw(out, ")");
        }
        CompoundCommand::If {
            branches,
            otherwise,
        } => {
            for (i, (cond, body)) in branches.iter().enumerate() {
                kw(out, if i == 0 { "if " } else { " elif " });
                write_body(out, cond, "then ");
                write_list(out, body);
                if i + 1 < branches.len() || otherwise.is_some() {
                    out.push(b';');
                }
            }
            if let Some(body) = otherwise {
                kw(out, " else ");
                write_list(out, body);
            }
            kw(out, "; fi");
        }
        CompoundCommand::Loop { until, cond, body } => {
            kw(out, if *until { "until " } else { "while " });
            write_body(out, cond, "do ");
            write_body(out, body, "done");
        }
        CompoundCommand::For { var, words, body } => {
            kw(out, "for ");
            out.extend_from_slice(var);
            if let Some(words) = words {
                kw(out, " in");
                for w in words {
                    out.push(b' ');
                    write_word(out, w);
                }
            }
            kw(out, "; do ");
            write_body(out, body, "done");
        }
        CompoundCommand::Case { word, arms } => {
            kw(out, "case ");
            write_word(out, word);
            kw(out, " in");
            for arm in arms {
                out.push(b' ');
                for (i, p) in arm.patterns.iter().enumerate() {
                    if i > 0 {
                        out.push(b'|');
                    }
                    write_word(out, p);
                }
                kw(out, ") ");
                write_list(out, &arm.body);
                kw(out, ";;");
            }
            kw(out, " esac");
        }
    }
}

fn write_redirects(out: &mut Vec<u8>, redirs: &[Redirect], space: bool) {
    for (i, r) in redirs.iter().enumerate() {
        if space || i > 0 {
            out.push(b' ');
        }
        if let Some(fd) = r.fd {
            out.extend_from_slice(alloc::format!("{fd}").as_bytes());
        }
        let op: &[u8] = match r.op {
            RedirOp::In => b"<",
            RedirOp::Out => b">",
            RedirOp::Clobber => b">|",
            RedirOp::Append => b">>",
            RedirOp::ReadWrite => b"<>",
            RedirOp::DupIn => b"<&",
            RedirOp::DupOut => b">&",
            RedirOp::HereDoc { .. } => {
                out.extend_from_slice(b"<<...");
                continue;
            }
        };
        out.extend_from_slice(op);
        write_word(out, &r.target);
    }
}

fn write_word(out: &mut Vec<u8>, w: &Word) {
    write_parts(out, &w.parts);
}

fn write_parts(out: &mut Vec<u8>, parts: &[WordPart]) {
    for p in parts {
        match p {
            WordPart::Lit(t) => out.extend_from_slice(t),
            WordPart::Quoted(t) => {
                out.push(b'\'');
                out.extend_from_slice(t);
                out.push(b'\'');
            }
            WordPart::Double(inner) => {
                out.push(b'"');
                write_parts(out, inner);
                out.push(b'"');
            }
            WordPart::Param(p) => {
                out.extend_from_slice(b"${");
                if let ParamOp::Bad(text) = &p.op {
                    out.extend_from_slice(text);
                    out.push(b'}');
                    continue;
                }
                if matches!(p.op, ParamOp::Length) {
                    out.push(b'#');
                }
                match &p.name {
                    ParamName::Var(n) => out.extend_from_slice(n),
                    ParamName::Positional(n) => {
                        out.extend_from_slice(alloc::format!("{n}").as_bytes())
                    }
                    ParamName::Special(c) => out.push(*c),
                }
                let (op, word): (&[u8], Option<&Word>) = match &p.op {
                    ParamOp::Plain | ParamOp::Length | ParamOp::Bad(_) => (b"", None),
                    ParamOp::Default { colon, word } => {
                        (if *colon { b":-" } else { b"-" }, Some(word))
                    }
                    ParamOp::Assign { colon, word } => {
                        (if *colon { b":=" } else { b"=" }, Some(word))
                    }
                    ParamOp::Error { colon, word } => {
                        (if *colon { b":?" } else { b"?" }, Some(word))
                    }
                    ParamOp::Alternate { colon, word } => {
                        (if *colon { b":+" } else { b"+" }, Some(word))
                    }
                    ParamOp::TrimSuffix { longest, pattern } => {
                        (if *longest { b"%%" } else { b"%" }, Some(pattern))
                    }
                    ParamOp::TrimPrefix { longest, pattern } => {
                        (if *longest { b"##" } else { b"#" }, Some(pattern))
                    }
                };
                out.extend_from_slice(op);
                if let Some(w) = word {
                    write_word(out, w);
                }
                out.push(b'}');
            }
            WordPart::CommandSubst(list) => {
                out.extend_from_slice(b"$(");
                write_list(out, list);
                out.push(b')');
            }
            WordPart::Arith(w) => {
                out.extend_from_slice(b"$((");
                write_word(out, w);
                out.extend_from_slice(b"))");
            }
            WordPart::Tilde(user) => {
                out.push(b'~');
                out.extend_from_slice(user);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::shell::parse::Parser;

    fn text(src: &str) -> String {
        let list = Parser::new(src.as_bytes()).next_command().unwrap().unwrap();
        String::from_utf8(and_or(&list[0].and_or)).unwrap()
    }

    #[test]
    fn round_trips() {
        assert_eq!(text("sleep 10 | cat >out 2>&1"), "sleep 10 | cat >out 2>&1");
        assert_eq!(
            text("A=1 f 'a b' \"$x\" && ! g"),
            "A=1 f 'a b' \"${x}\" && ! g"
        );
        assert_eq!(text("while true; do x; done"), "while true; do x; done");
        assert_eq!(text("(a; b)"), "(a; b)");
        assert_eq!(text("{ a & }"), "{ a & }");
        assert_eq!(text("if a; then b; else c; fi"), "if a; then b; else c; fi");
        assert_eq!(text("for i in 1 2; do :; done"), "for i in 1 2; do :; done");
    }
}
