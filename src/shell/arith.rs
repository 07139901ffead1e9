//! Arithmetic expansion `$((...))` (XCU 2.6.4), with dash's semantics.
//!
//! Signed 64-bit (intmax_t) arithmetic that wraps on overflow; constants are decimal, octal
//! (`0..`) or hex (`0x..`), saturating like strtoimax. The operators are C's without `++`,
//! `--` and `,` (dash has none of them: `x++` is "expecting primary"): unary `+ - ! ~`,
//! `* / % + - << >> < <= > >= == != & ^ | && || ?:`, and assignment `= *= /= %= += -= <<=
//! >>= &= ^= |=` to a bare variable name. A variable's value must be a whole number (dash does
//! not evaluate it as an expression): unset or empty is 0, anything else is "Illegal number".
//! `&&`, `||` and `?:` evaluate only the operand they need, so `0 && 1/0` is 0.

use super::expand::{Context, ExpandError, ExpansionError};
use alloc::format;

/// How deeply parentheses and unary operators may nest: far more than any real script, few
/// enough that the recursion cannot exhaust the stack.
const MAX_DEPTH: u32 = 256;

/// Evaluates the (already expanded) expression `text`.
pub fn eval(ctx: &mut dyn Context, text: &[u8]) -> Result<i64, ExpandError> {
    let mut p = Parser {
        ctx,
        text,
        pos: 0,
        depth: 0,
    };
    let v = p.assignment(true)?;
    if p.peek() != Tok::End {
        return Err(p.error("expecting EOF"));
    }
    Ok(v)
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Op {
    Mul,
    Div,
    Rem,
    Add,
    Sub,
    Shl,
    Shr,
    Lt,
    Le,
    Gt,
    Ge,
    Eq,
    Ne,
    BitAnd,
    BitXor,
    BitOr,
    And,
    Or,
}

impl Op {
    /// Binding strength, C's order: higher binds tighter.
    fn precedence(self) -> u8 {
        match self {
            Op::Mul | Op::Div | Op::Rem => 10,
            Op::Add | Op::Sub => 9,
            Op::Shl | Op::Shr => 8,
            Op::Lt | Op::Le | Op::Gt | Op::Ge => 7,
            Op::Eq | Op::Ne => 6,
            Op::BitAnd => 5,
            Op::BitXor => 4,
            Op::BitOr => 3,
            Op::And => 2,
            Op::Or => 1,
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Tok {
    Num(i64),
    /// A name: the byte range in the text.
    Name(usize, usize),
    Bin(Op),
    /// `=`, or `op=`.
    Assign(Option<Op>),
    Not,
    Tilde,
    Question,
    Colon,
    Open,
    Close,
    /// Any other byte.
    Bad,
    End,
}

struct Parser<'a> {
    ctx: &'a mut dyn Context,
    text: &'a [u8],
    pos: usize,
    depth: u32,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c)
}

fn is_name_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_'
}

fn is_name_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// strtoimax(s, &end, 0) without the sign: the number at the start of `s`, saturating at
/// i64::MAX, and how many bytes it used (0 when `s` does not start with a digit).
fn number(s: &[u8]) -> (u64, usize, bool) {
    let (radix, start) = match s {
        [b'0', b'x' | b'X', h, ..] if h.is_ascii_hexdigit() => (16, 2),
        [b'0', ..] => (8, 1),
        _ => (10, 0),
    };
    let mut value: u64 = 0;
    let mut overflow = false;
    let mut end = start;
    while let Some(d) = s.get(end).and_then(|&b| (b as char).to_digit(radix)) {
        match value
            .checked_mul(radix as u64)
            .and_then(|v| v.checked_add(d as u64))
        {
            Some(v) => value = v,
            None => overflow = true,
        }
        end += 1;
    }
    if end == 0 && !s.first().is_some_and(u8::is_ascii_digit) {
        return (0, 0, false);
    }
    (value, end, overflow)
}

/// A variable's value as a number: optional blanks and sign, a constant, optional blanks;
/// or blanks only (0). dash rejects anything else, and out-of-range values.
fn parse_value(v: &[u8]) -> Option<i64> {
    let mut i = v.iter().take_while(|&&b| is_space(b)).count();
    let negative = v.get(i) == Some(&b'-');
    let signed = negative || v.get(i) == Some(&b'+');
    let (magnitude, used, overflow) = number(v.get(i + signed as usize..).unwrap_or(&[]));
    let value = if used == 0 {
        // No digits: strtoimax consumed nothing, so only blanks may be there.
        i = 0;
        0
    } else {
        i += signed as usize + used;
        let limit = if negative {
            1u64 << 63
        } else {
            i64::MAX as u64
        };
        if overflow || magnitude > limit {
            return None;
        }
        if negative {
            (magnitude as i64).wrapping_neg()
        } else {
            magnitude as i64
        }
    };
    v[i..].iter().all(|&b| is_space(b)).then_some(value)
}

impl Parser<'_> {
    fn error(&self, what: &str) -> ExpandError {
        let mut message = format!("arithmetic expression: {what}: \"").into_bytes();
        message.extend_from_slice(self.text);
        message.push(b'"');
        ExpansionError::new(message)
    }

    /// The next token and the position after it.
    fn lex(&self) -> (Tok, usize) {
        let t = self.text;
        let mut i = self.pos;
        while t.get(i).is_some_and(|&b| is_space(b)) {
            i += 1;
        }
        let Some(&b) = t.get(i) else {
            return (Tok::End, i);
        };
        if b.is_ascii_digit() {
            let (n, used, _) = number(&t[i..]);
            return (Tok::Num(n.min(i64::MAX as u64) as i64), i + used);
        }
        if is_name_start(b) {
            let len = t[i..].iter().take_while(|&&c| is_name_char(c)).count();
            return (Tok::Name(i, i + len), i + len);
        }
        let next = t.get(i + 1).copied();
        let after = t.get(i + 2).copied();
        // Operators that may be followed by `=` to make an assignment.
        let (op, len) = match (b, next) {
            (b'<', Some(b'<')) => (Some(Op::Shl), 2),
            (b'>', Some(b'>')) => (Some(Op::Shr), 2),
            (b'&', Some(b'&')) => return (Tok::Bin(Op::And), i + 2),
            (b'|', Some(b'|')) => return (Tok::Bin(Op::Or), i + 2),
            (b'<', Some(b'=')) => return (Tok::Bin(Op::Le), i + 2),
            (b'>', Some(b'=')) => return (Tok::Bin(Op::Ge), i + 2),
            (b'=', Some(b'=')) => return (Tok::Bin(Op::Eq), i + 2),
            (b'!', Some(b'=')) => return (Tok::Bin(Op::Ne), i + 2),
            (b'*', _) => (Some(Op::Mul), 1),
            (b'/', _) => (Some(Op::Div), 1),
            (b'%', _) => (Some(Op::Rem), 1),
            (b'+', _) => (Some(Op::Add), 1),
            (b'-', _) => (Some(Op::Sub), 1),
            (b'&', _) => (Some(Op::BitAnd), 1),
            (b'^', _) => (Some(Op::BitXor), 1),
            (b'|', _) => (Some(Op::BitOr), 1),
            (b'<', _) => return (Tok::Bin(Op::Lt), i + 1),
            (b'>', _) => return (Tok::Bin(Op::Gt), i + 1),
            (b'=', _) => return (Tok::Assign(None), i + 1),
            (b'!', _) => return (Tok::Not, i + 1),
            (b'~', _) => return (Tok::Tilde, i + 1),
            (b'?', _) => return (Tok::Question, i + 1),
            (b':', _) => return (Tok::Colon, i + 1),
            (b'(', _) => return (Tok::Open, i + 1),
            (b')', _) => return (Tok::Close, i + 1),
            _ => return (Tok::Bad, i),
        };
        let eq = if len == 2 { after } else { next };
        match (op, eq) {
            (Some(op), Some(b'=')) => (Tok::Assign(Some(op)), i + len + 1),
            (Some(op), _) => (Tok::Bin(op), i + len),
            (None, _) => (Tok::Bad, i),
        }
    }

    fn peek(&self) -> Tok {
        self.lex().0
    }

    fn advance(&mut self) -> Tok {
        let (tok, end) = self.lex();
        self.pos = end;
        tok
    }

    fn enter(&mut self) -> Result<(), ExpandError> {
        self.depth += 1;
        if self.depth > MAX_DEPTH || !super::stack_ok() {
            return Err(self.error("nested too deeply"));
        }
        Ok(())
    }

    /// `name op= assignment`, or a conditional expression. `eval` false: parse only (the
    /// operand of a short-circuit), with no lookups, assignments or division errors.
    fn assignment(&mut self, eval: bool) -> Result<i64, ExpandError> {
        let start = self.pos;
        if let Tok::Name(a, b) = self.advance()
            && let Tok::Assign(op) = self.advance()
        {
            self.enter()?;
            let rhs = self.assignment(eval)?;
            self.depth -= 1;
            if !eval {
                return Ok(0);
            }
            let value = match op {
                None => rhs,
                Some(op) => {
                    let old = self.variable(a, b)?;
                    self.apply(op, old, rhs, true)?
                }
            };
            let name = &self.text[a..b];
            self.ctx.set_var(name, format!("{value}").as_bytes())?;
            return Ok(value);
        }
        self.pos = start;
        self.conditional(eval)
    }

    /// `cond ? assignment : conditional`.
    fn conditional(&mut self, eval: bool) -> Result<i64, ExpandError> {
        let cond = self.binary(1, eval)?;
        if self.peek() != Tok::Question {
            return Ok(cond);
        }
        self.advance();
        self.enter()?;
        let yes = self.assignment(eval && cond != 0)?;
        if self.advance() != Tok::Colon {
            return Err(self.error("expecting ':'"));
        }
        let no = self.conditional(eval && cond == 0)?;
        self.depth -= 1;
        Ok(if cond != 0 { yes } else { no })
    }

    /// Left-associative binary operators of at least precedence `min` (precedence climbing).
    fn binary(&mut self, min: u8, eval: bool) -> Result<i64, ExpandError> {
        let mut lhs = self.unary(eval)?;
        while let Tok::Bin(op) = self.peek() {
            let prec = op.precedence();
            if prec < min {
                break;
            }
            self.advance();
            let rhs_eval = match op {
                Op::And => eval && lhs != 0,
                Op::Or => eval && lhs == 0,
                _ => eval,
            };
            let rhs = self.binary(prec + 1, rhs_eval)?;
            lhs = self.apply(op, lhs, rhs, eval)?;
        }
        Ok(lhs)
    }

    fn apply(&self, op: Op, l: i64, r: i64, eval: bool) -> Result<i64, ExpandError> {
        Ok(match op {
            Op::Mul => l.wrapping_mul(r),
            Op::Div | Op::Rem if r == 0 => {
                if eval {
                    return Err(self.error("division by zero"));
                }
                0
            }
            // i64::MIN / -1 overflows: wrap (to i64::MIN, remainder 0) where dash traps.
            Op::Div => l.wrapping_div(r),
            Op::Rem => l.wrapping_rem(r),
            Op::Add => l.wrapping_add(r),
            Op::Sub => l.wrapping_sub(r),
            // The count is taken mod 64, as the x86 shift instructions dash compiles to do.
            Op::Shl => l.wrapping_shl(r as u32),
            Op::Shr => l.wrapping_shr(r as u32),
            Op::Lt => (l < r) as i64,
            Op::Le => (l <= r) as i64,
            Op::Gt => (l > r) as i64,
            Op::Ge => (l >= r) as i64,
            Op::Eq => (l == r) as i64,
            Op::Ne => (l != r) as i64,
            Op::BitAnd => l & r,
            Op::BitXor => l ^ r,
            Op::BitOr => l | r,
            Op::And => (l != 0 && r != 0) as i64,
            Op::Or => (l != 0 || r != 0) as i64,
        })
    }

    fn unary(&mut self, eval: bool) -> Result<i64, ExpandError> {
        let save = self.pos;
        let tok = self.advance();
        let apply: fn(i64) -> i64 = match tok {
            Tok::Bin(Op::Add) => |v| v,
            Tok::Bin(Op::Sub) => i64::wrapping_neg,
            Tok::Not => |v| (v == 0) as i64,
            Tok::Tilde => |v| !v,
            _ => {
                self.pos = save;
                return self.primary(eval);
            }
        };
        self.enter()?;
        let v = self.unary(eval)?;
        self.depth -= 1;
        Ok(apply(v))
    }

    fn primary(&mut self, eval: bool) -> Result<i64, ExpandError> {
        match self.advance() {
            Tok::Num(n) => Ok(n),
            Tok::Name(a, b) if eval => self.variable(a, b),
            Tok::Name(..) => Ok(0),
            Tok::Open => {
                self.enter()?;
                let v = self.assignment(eval)?;
                self.depth -= 1;
                if self.advance() != Tok::Close {
                    return Err(self.error("expecting ')'"));
                }
                Ok(v)
            }
            _ => Err(self.error("expecting primary")),
        }
    }

    fn variable(&self, a: usize, b: usize) -> Result<i64, ExpandError> {
        let value = self.ctx.var(&self.text[a..b]).unwrap_or(b"");
        parse_value(value).ok_or_else(|| {
            let mut message = b"Illegal number: ".to_vec();
            message.extend_from_slice(value);
            ExpansionError::new(message)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::super::expand::tests::Mock;
    use super::*;

    fn run(mock: &mut Mock, text: &str) -> Result<i64, String> {
        eval(mock, text.as_bytes()).map_err(|e| String::from_utf8(e.message).unwrap())
    }

    fn ok(text: &str) -> i64 {
        run(&mut Mock::default(), text).unwrap()
    }

    fn err(text: &str) -> String {
        run(&mut Mock::default(), text).unwrap_err()
    }

    #[test]
    fn constants() {
        assert_eq!(ok("012 + 0x1F + 0X10"), 57);
        assert_eq!(ok("0777"), 511);
        assert_eq!(ok("00"), 0);
        assert_eq!(ok("0xFfFf"), 65535);
        assert_eq!(ok("99999999999999999999"), i64::MAX);
        assert_eq!(ok("0x8000000000000000"), i64::MAX);
        assert_eq!(ok("-9223372036854775807-1"), i64::MIN);
        assert_eq!(ok("  1  +  2  "), 3);
        assert_eq!(ok("\t1\n+2"), 3);
    }

    #[test]
    fn precedence_and_operators() {
        assert_eq!(ok("3+4*5-6/2%4"), 20);
        assert_eq!(ok("2<3==1"), 1);
        assert_eq!(ok("1+2<<1"), 6);
        assert_eq!(ok("1&3^2|8"), 11);
        assert_eq!(ok("1 << 2 >> 1"), 2);
        assert_eq!(ok("!5") + ok("~5") * 10 + ok("-+-5") * 100, -60 + 500);
        assert_eq!(ok("!0"), 1);
        assert_eq!(ok("--5"), 5);
        assert_eq!(ok("1---1"), 0);
        assert_eq!(ok("5 % -3"), 2);
        assert_eq!(ok("-5 % 3"), -2);
        assert_eq!(ok("-5 / 3"), -1);
        assert_eq!(
            ok("1 < 2") + ok("2<=2") + ok("3>4") + ok("3>=3") + ok("1!=1"),
            3
        );
        assert_eq!(ok("1?2:0?4:5"), 2);
        assert_eq!(ok("0?2:0?4:5"), 5);
        assert_eq!(ok("0?1:2?3:4"), 3);
        assert_eq!(ok("1 ? 2 : 3 + 10"), 2);
        assert_eq!(ok("0 || 0 ? 7 : 8"), 8);
        assert_eq!(ok("1 && 2") + ok("0 || 5") + ok("0 && 1 || 1"), 3);
    }

    #[test]
    fn wrapping() {
        assert_eq!(ok("9223372036854775807+1"), i64::MIN);
        assert_eq!(ok("0x7fffffffffffffff * 2"), -2);
        assert_eq!(ok("(-9223372036854775807-1)/-1"), i64::MIN);
        assert_eq!(ok("(-9223372036854775807-1)%-1"), 0);
        assert_eq!(ok("1<<64"), 1);
        assert_eq!(ok("1<<63"), i64::MIN);
        assert_eq!(ok("1<<-1"), i64::MIN);
        assert_eq!(ok("-8>>1"), -4);
    }

    #[test]
    fn short_circuit() {
        let mut m = Mock::default();
        m.set("bad", "abc");
        assert_eq!(run(&mut m, "0 && 1/0"), Ok(0));
        assert_eq!(run(&mut m, "1 || 1/0"), Ok(1));
        assert_eq!(run(&mut m, "0 ? 1/0 : 2"), Ok(2));
        assert_eq!(run(&mut m, "1 ? 2 : 1/0"), Ok(2));
        assert_eq!(run(&mut m, "0 && bad"), Ok(0));
        assert_eq!(run(&mut m, "0&&(x=1)"), Ok(0));
        assert_eq!(m.get("x"), None);
        assert_eq!(run(&mut m, "1||(y=2)"), Ok(1));
        assert_eq!(m.get("y"), None);
    }

    #[test]
    fn variables_and_assignment() {
        let mut m = Mock::default();
        assert_eq!(run(&mut m, "unset + 1"), Ok(1));
        for (v, n) in [(" 12 ", 12), ("", 0), ("  ", 0), ("012", 10), ("0x1F", 31)] {
            m.set("v", v);
            assert_eq!(run(&mut m, "v"), Ok(n), "{v:?}");
        }
        for v in ["-5", "+5", "\n5\n"] {
            m.set("v", v);
            assert_eq!(run(&mut m, "v").map(i64::abs), Ok(5), "{v:?}");
        }
        m.set("v", "-9223372036854775808");
        assert_eq!(run(&mut m, "v"), Ok(i64::MIN));
        for v in [
            "abc",
            "1+2",
            "12 x",
            "- 5",
            "-",
            "+",
            "0x",
            "08",
            "1 2",
            "99999999999999999999",
            "-9223372036854775809",
        ] {
            m.set("v", v);
            assert_eq!(run(&mut m, "v"), Err(format!("Illegal number: {v}")));
        }
        assert_eq!(run(&mut m, "x = 5"), Ok(5));
        assert_eq!(run(&mut m, "x = x + 1"), Ok(6));
        assert_eq!(m.get("x"), Some("6"));
        let steps = [
            ("x+=4", 10),
            ("x*=2", 20),
            ("x/=3", 6),
            ("x%=4", 2),
            ("x<<=4", 32),
            ("x>>=1", 16),
            ("x&=12", 0),
            ("x^=5", 5),
            ("x|=16", 21),
            ("x-=1", 20),
        ];
        for (e, n) in steps {
            assert_eq!(run(&mut m, e), Ok(n), "{e}");
        }
        assert_eq!(run(&mut m, "x = y = 4"), Ok(4));
        assert_eq!(m.get("y"), Some("4"));
        assert_eq!(run(&mut m, "x = 1 ? 2 : 3"), Ok(2));
        assert_eq!(run(&mut m, "1?z=2:3"), Ok(2));
        assert_eq!(m.get("z"), Some("2"));
        assert_eq!(run(&mut m, "0?2:(w=5)"), Ok(5));
        assert_eq!(run(&mut m, "q=abc"), Ok(0));
        assert_eq!(run(&mut m, "++n"), Ok(0));
    }

    #[test]
    fn errors_match_dash() {
        let cases = [
            ("1/0", "division by zero"),
            (" 5 % 0 ", "division by zero"),
            ("x/=0", "division by zero"),
            ("1+", "expecting primary"),
            ("x++", "expecting primary"),
            ("2**3", "expecting primary"),
            (" ", "expecting primary"),
            ("", "expecting primary"),
            ("-", "expecting primary"),
            ("()", "expecting primary"),
            ("@", "expecting primary"),
            ("x=", "expecting primary"),
            ("x==", "expecting primary"),
            ("5 > = 3", "expecting primary"),
            ("1?2:", "expecting primary"),
            ("1 ||", "expecting primary"),
            ("1 1", "expecting EOF"),
            ("1,2", "expecting EOF"),
            ("1?0:x=5", "expecting EOF"),
            ("3=2", "expecting EOF"),
            ("1 <<= 2", "expecting EOF"),
            ("(x) = 5", "expecting EOF"),
            ("09", "expecting EOF"),
            ("0x", "expecting EOF"),
            ("0x1g", "expecting EOF"),
            ("1.5", "expecting EOF"),
            ("a[1]", "expecting EOF"),
            ("1 ? 2 : 3 : 4", "expecting EOF"),
            ("1+(2)3", "expecting EOF"),
            (" (1,2) ", "expecting ')'"),
            ("1?2", "expecting ':'"),
        ];
        for (e, msg) in cases {
            assert_eq!(
                err(e),
                format!("arithmetic expression: {msg}: \"{e}\""),
                "{e}"
            );
        }
    }

    #[test]
    fn depth_is_limited() {
        let deep = "(".repeat(100_000) + "1" + &")".repeat(100_000);
        assert!(err(&deep).contains("nested too deeply"));
        let deep = "-".repeat(100_000) + "1";
        assert!(err(&deep).contains("nested too deeply"));
        assert_eq!(ok(&("(".repeat(100) + "1" + &")".repeat(100))), 1);
    }

    /// Fixed-seed random expressions from the grammar's tokens: a value or an error, never a
    /// panic (overflow, shifts, division) and never a hang.
    #[test]
    fn random_expressions_never_panic() {
        let tokens: &[&str] = &[
            "1",
            "0",
            "7",
            "-",
            "+",
            "*",
            "/",
            "%",
            "<<",
            ">>",
            "(",
            ")",
            "x",
            "y",
            "n",
            "=",
            "+=",
            "-=",
            "*=",
            "/=",
            "%=",
            "<<=",
            ">>=",
            "?",
            ":",
            "&&",
            "||",
            "!",
            "~",
            "==",
            "!=",
            "<",
            ">",
            "<=",
            ">=",
            "&",
            "|",
            "^",
            "9223372036854775807",
            "9223372036854775808",
            "0x7fffffffffffffff",
            "077",
            "08",
            "0x",
            "64",
            "63",
            "-1",
            " ",
            "$",
            "\u{ff}",
        ];
        let mut rand = crate::testing::xorshift(0x0123_4567_89ab_cdef);
        let start = std::time::Instant::now();
        for _ in 0..50_000 {
            let n = 1 + rand() % 16;
            let text: String = (0..n).map(|_| tokens[rand() % tokens.len()]).collect();
            let mut m = Mock::default();
            m.set("x", "-9223372036854775808");
            m.set("y", "0x10");
            m.set("n", "abc");
            let _ = run(&mut m, &text);
        }
        assert!(start.elapsed().as_secs() < 120, "hang guard");
    }
}
