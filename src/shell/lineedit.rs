//! The interactive line editor: an [`Editor`] state machine (keystrokes in, edit buffer and
//! terminal output out, no I/O, unit-tested below) and [`read_line`], which runs it on the
//! terminal in raw mode for the length of one line.
//!
//! Output uses only the ECMA-48 controls every terminal and the Linux console understand:
//! CR, LF, CUU (`ESC [ n A`), CUF (`ESC [ n C`), ED (`ESC [ J`, `ESC [ 2 J`) and CUP
//! (`ESC [ H`). A line longer than the terminal's width is redrawn from the prompt's row.

use super::complete::{self, Completion};
use super::history::History;
use super::{Shell, input};
use crate::sys::fd::{self, Fd};
use crate::sys::{Errno, retry, tty};
use alloc::vec::Vec;
use core::fmt::Write;

/// What [`read_line`] got.
#[derive(Debug, PartialEq, Eq)]
pub enum ReadLine {
    /// A line, ending in `\n` (unless the input ended or the line was cut into chunks).
    Line(Vec<u8>),
    /// Ctrl-C: the line was abandoned.
    Interrupted,
    Eof,
    Error(Errno),
}

/// The width assumed when the terminal does not say.
const DEFAULT_COLUMNS: usize = 80;

/// A key, decoded from the bytes a terminal sends.
#[derive(Debug, PartialEq, Eq)]
enum Key {
    /// A character to insert: one byte, or a whole UTF-8 sequence.
    Text(heapless::Vec<u8, 4>),
    /// A control byte (0x00-0x1f, 0x7f).
    Ctrl(u8),
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    Delete,
    /// An escape sequence the editor has no use for.
    Other,
}

/// Escape sequences longer than this are not keys; they are dropped.
const MAX_SEQUENCE: usize = 16;

/// Turns bytes into [`Key`]s: CSI (`ESC [ params final`) and SS3 (`ESC O x`) sequences as
/// xterm and the Linux console send them, and UTF-8 sequences assembled into one character.
#[derive(Default)]
enum Decoder {
    #[default]
    Ground,
    Escape,
    Csi(heapless::Vec<u8, MAX_SEQUENCE>),
    Ss3,
    /// The rest of a sequence that is no key of ours, up to its final byte.
    Skip,
    Utf8(heapless::Vec<u8, 4>, usize),
}

impl Decoder {
    fn push(&mut self, b: u8) -> Option<Key> {
        match core::mem::take(self) {
            Decoder::Ground => self.ground(b),
            Decoder::Escape => match b {
                b'[' => {
                    *self = Decoder::Csi(heapless::Vec::new());
                    None
                }
                b'O' => {
                    *self = Decoder::Ss3;
                    None
                }
                // Alt with a character key (readline's meta bindings): not bound here.
                0x20..=0x7e => Some(Key::Other),
                _ => self.ground(b),
            },
            Decoder::Ss3 => Some(final_key(b, b"")),
            // The Linux console's F1-F5 are `ESC [ [ A`...`ESC [ [ E`.
            Decoder::Csi(params) if params.is_empty() && b == b'[' => {
                *self = Decoder::Skip;
                None
            }
            Decoder::Csi(mut params) => {
                if is_final(b) {
                    Some(final_key(b, &params))
                } else {
                    *self = match params.push(b) {
                        Ok(()) => Decoder::Csi(params),
                        Err(_) => Decoder::Skip,
                    };
                    None
                }
            }
            Decoder::Skip if is_final(b) => Some(Key::Other),
            Decoder::Skip => {
                *self = Decoder::Skip;
                None
            }
            Decoder::Utf8(mut seq, need) => {
                if b & 0xc0 != 0x80 {
                    // An incomplete sequence: dropped; the byte starts afresh.
                    return self.ground(b);
                }
                let _ = seq.push(b);
                if seq.len() == need {
                    Some(Key::Text(seq))
                } else {
                    *self = Decoder::Utf8(seq, need);
                    None
                }
            }
        }
    }

    fn ground(&mut self, b: u8) -> Option<Key> {
        let need = utf8_len(b);
        match b {
            0x1b => {
                *self = Decoder::Escape;
                None
            }
            0..=0x1f | 0x7f => Some(Key::Ctrl(b)),
            _ if need > 1 => {
                let mut seq = heapless::Vec::new();
                let _ = seq.push(b);
                *self = Decoder::Utf8(seq, need);
                None
            }
            _ => {
                let mut seq = heapless::Vec::new();
                let _ = seq.push(b);
                Some(Key::Text(seq))
            }
        }
    }
}

/// Whether `b` ends a control sequence (ECMA-48 5.4: final bytes are 0x40-0x7e).
fn is_final(b: u8) -> bool {
    (0x40..=0x7e).contains(&b)
}

/// The key a CSI or SS3 sequence ending in `f` with parameters `params` stands for
/// (xterm's ctlseqs: "PC-Style Function Keys"; the Linux console's `ESC [ 1 ~` for Home).
fn final_key(f: u8, params: &[u8]) -> Key {
    let first = params.split(|&b| b == b';').next().unwrap_or(b"");
    match (f, first) {
        (b'A', _) => Key::Up,
        (b'B', _) => Key::Down,
        (b'C', _) => Key::Right,
        (b'D', _) => Key::Left,
        (b'H', _) | (b'~', b"1" | b"7") => Key::Home,
        (b'F', _) | (b'~', b"4" | b"8") => Key::End,
        (b'~', b"3") => Key::Delete,
        _ => Key::Other,
    }
}

/// The length of the UTF-8 sequence that lead byte `b` starts (1 for ASCII and bytes that
/// start none).
fn utf8_len(b: u8) -> usize {
    match b {
        0xc2..=0xdf => 2,
        0xe0..=0xef => 3,
        0xf0..=0xf4 => 4,
        _ => 1,
    }
}

/// The length of the character at `buf[i]`: a whole UTF-8 sequence, or one byte.
fn char_len(buf: &[u8], i: usize) -> usize {
    let n = buf.get(i).map_or(1, |&b| utf8_len(b));
    let whole = buf
        .get(i + 1..i + n)
        .is_some_and(|rest| rest.iter().all(|&c| c & 0xc0 == 0x80));
    if whole { n } else { 1 }
}

/// The start of the character that ends at `buf[i]`.
fn prev_char(buf: &[u8], i: usize) -> usize {
    (2..=4)
        .rev()
        .find(|&n| i >= n && char_len(buf, i - n) == n)
        .map_or(i.saturating_sub(1), |n| i - n)
}

/// Terminal columns `text` takes: one per character (wide characters are not told apart).
fn columns(text: &[u8]) -> usize {
    let mut i = 0;
    let mut n = 0;
    while i < text.len() {
        i += char_len(text, i);
        n += 1;
    }
    n
}

/// The width of a prompt's last line, not counting control characters and CSI sequences
/// (colours).
fn prompt_columns(prompt: &[u8]) -> usize {
    let mut n = 0;
    let mut i = 0;
    while i < prompt.len() {
        match prompt[i] {
            0x1b if prompt.get(i + 1) == Some(&b'[') => {
                i += 2;
                while i < prompt.len() && !(0x40..=0x7e).contains(&prompt[i]) {
                    i += 1;
                }
                i += 1;
            }
            0..=0x1f | 0x7f => i += 1,
            _ => {
                i += char_len(prompt, i);
                n += 1;
            }
        }
    }
    n
}

/// The byte a terminal sends for Ctrl and `c` (ASCII: the letter's low five bits).
const fn ctrl(c: u8) -> u8 {
    c & 0x1f
}

const CTRL_A: u8 = ctrl(b'A');
const CTRL_B: u8 = ctrl(b'B');
const CTRL_C: u8 = ctrl(b'C');
const CTRL_D: u8 = ctrl(b'D');
const CTRL_E: u8 = ctrl(b'E');
const CTRL_F: u8 = ctrl(b'F');
/// Backspace on some terminals; DEL on most.
const CTRL_H: u8 = ctrl(b'H');
const CTRL_K: u8 = ctrl(b'K');
const CTRL_L: u8 = ctrl(b'L');
const CTRL_N: u8 = ctrl(b'N');
const CTRL_P: u8 = ctrl(b'P');
const CTRL_U: u8 = ctrl(b'U');
const CTRL_W: u8 = ctrl(b'W');
const DEL: u8 = 0x7f;
const BELL: u8 = 0x07;

/// What a key did to the line.
#[derive(Debug, PartialEq, Eq)]
pub enum Step {
    /// Still editing.
    More,
    /// Enter: the line is done (see [`Editor::line`]).
    Done,
    Interrupted,
    Eof,
    /// Tab: the caller finds candidates for the word at the cursor and calls
    /// [`Editor::complete`].
    Complete,
}

/// One line being edited: the buffer, the cursor, and what the terminal shows.
pub struct Editor {
    buf: Vec<u8>,
    /// Byte offset in `buf`, always at a character boundary.
    cursor: usize,
    /// Columns `buf` takes.
    width: usize,
    /// The prompt's last line (redrawn with the text) and its width.
    prompt: Vec<u8>,
    prompt_cols: usize,
    cols: usize,
    /// The terminal row the cursor is on, counted from the prompt's row.
    row: usize,
    keys: Decoder,
    /// The history entry shown (`None`: the new line), and the new line while one is shown.
    hist_pos: Option<usize>,
    saved: Vec<u8>,
    /// The last key was Tab: another one lists the candidates.
    tabbed: bool,
    /// Bytes for the terminal; the caller writes and clears them.
    pub out: Vec<u8>,
}

impl Editor {
    /// Starts a line: writes `prompt` (whose last line must start at column 0) for a terminal
    /// `cols` wide.
    pub fn new(prompt: &[u8], cols: usize) -> Editor {
        let last = prompt
            .iter()
            .rposition(|&b| b == b'\n')
            .map_or(prompt, |nl| &prompt[nl + 1..]);
        let mut ed = Editor {
            buf: Vec::new(),
            cursor: 0,
            width: 0,
            prompt: last.to_vec(),
            prompt_cols: prompt_columns(last),
            cols: cols.max(1),
            row: 0,
            keys: Decoder::Ground,
            hist_pos: None,
            saved: Vec::new(),
            tabbed: false,
            out: Vec::new(),
        };
        ed.out.extend_from_slice(prompt);
        ed.wrap_at_end();
        ed
    }

    /// The line's text, without a newline.
    pub fn line(&self) -> &[u8] {
        &self.buf
    }

    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// Takes one byte of input.
    pub fn feed(&mut self, b: u8, history: &History) -> Step {
        let Some(key) = self.keys.push(b) else {
            return Step::More;
        };
        let tabbed = core::mem::take(&mut self.tabbed);
        match key {
            Key::Text(t) => self.insert(&t),
            Key::Left | Key::Ctrl(CTRL_B) => self.move_to(prev_char(&self.buf, self.cursor)),
            Key::Right | Key::Ctrl(CTRL_F) => {
                self.move_to(self.cursor + char_len(&self.buf, self.cursor))
            }
            Key::Home | Key::Ctrl(CTRL_A) => self.move_to(0),
            Key::End | Key::Ctrl(CTRL_E) => self.move_to(self.buf.len()),
            Key::Up | Key::Ctrl(CTRL_P) => self.recall(history, true),
            Key::Down | Key::Ctrl(CTRL_N) => self.recall(history, false),
            Key::Delete => self.delete(self.cursor, self.cursor + char_len(&self.buf, self.cursor)),
            Key::Ctrl(DEL | CTRL_H) => self.delete(prev_char(&self.buf, self.cursor), self.cursor),
            Key::Ctrl(CTRL_D) if self.buf.is_empty() => {
                self.out.extend_from_slice(b"\r\n");
                return Step::Eof;
            }
            Key::Ctrl(CTRL_D) => {
                self.delete(self.cursor, self.cursor + char_len(&self.buf, self.cursor))
            }
            // Ctrl-U: unix-line-discard (readline), from the cursor back to the start.
            Key::Ctrl(CTRL_U) => self.delete(0, self.cursor),
            Key::Ctrl(CTRL_K) => self.delete(self.cursor, self.buf.len()),
            Key::Ctrl(CTRL_W) => self.delete(self.word_start(), self.cursor),
            Key::Ctrl(CTRL_L) => {
                self.out.extend_from_slice(b"\x1b[H\x1b[2J");
                self.row = 0;
                self.refresh();
            }
            Key::Ctrl(CTRL_C) => {
                self.finish(b"^C\r\n");
                return Step::Interrupted;
            }
            Key::Ctrl(b'\r' | b'\n') => {
                self.finish(b"\r\n");
                return Step::Done;
            }
            Key::Ctrl(b'\t') => {
                self.tabbed = tabbed;
                return Step::Complete;
            }
            Key::Ctrl(_) | Key::Other => {}
        }
        Step::More
    }

    fn insert(&mut self, text: &[u8]) {
        if self.buf.len() + text.len() > input::MAX_LINE {
            self.out.push(BELL);
            return;
        }
        self.buf
            .splice(self.cursor..self.cursor, text.iter().copied());
        self.cursor += text.len();
        self.width += 1;
        let end = self.prompt_cols + self.width;
        if self.cursor == self.buf.len() && !self.fills_rows(end) {
            // Typing at the end of the line: the character alone is enough.
            self.out.extend_from_slice(text);
            self.row = end / self.cols;
        } else {
            self.refresh();
        }
    }

    fn move_to(&mut self, at: usize) {
        let at = at.min(self.buf.len());
        if at != self.cursor {
            self.cursor = at;
            self.refresh();
        }
    }

    fn delete(&mut self, from: usize, to: usize) {
        let to = to.min(self.buf.len());
        if from < to {
            self.buf.drain(from..to);
            self.cursor = from;
            self.refresh();
        }
    }

    /// Where Ctrl-W deletes back to: the start of the whitespace-separated word before the
    /// cursor (readline's unix-word-rubout).
    fn word_start(&self) -> usize {
        let before = &self.buf[..self.cursor];
        let end = before
            .iter()
            .rposition(|b| !b.is_ascii_whitespace())
            .map_or(0, |i| i + 1);
        before[..end]
            .iter()
            .rposition(u8::is_ascii_whitespace)
            .map_or(0, |i| i + 1)
    }

    /// Up (`older`) or down through the history; the line being edited comes back below the
    /// newest entry.
    fn recall(&mut self, history: &History, older: bool) {
        let pos = match (self.hist_pos, older) {
            (None, true) if !history.is_empty() => Some(history.len() - 1),
            (Some(p), true) if p > 0 => Some(p - 1),
            (Some(p), false) if p + 1 < history.len() => Some(p + 1),
            (Some(_), false) => None,
            _ => return,
        };
        if self.hist_pos.is_none() {
            self.saved = core::mem::take(&mut self.buf);
        }
        self.buf = match pos {
            Some(p) => history.get(p).unwrap_or(b"").to_vec(),
            None => core::mem::take(&mut self.saved),
        };
        self.hist_pos = pos;
        self.cursor = self.buf.len();
        self.refresh();
    }

    /// Applies completion candidates for the word at the cursor: one is inserted whole, several
    /// extend the word to their longest common prefix, and a second Tab lists them.
    pub fn complete(&mut self, c: &Completion) {
        match c.words.as_slice() {
            [] => self.out.push(BELL),
            [only] => {
                let mut text = complete::escape(only);
                if !only.ends_with(b"/") {
                    text.push(b' ');
                }
                self.replace_word(c.start, &text);
            }
            [first, rest @ ..] => {
                let mut common = first.len();
                for w in rest {
                    common = common.min(first.iter().zip(w).take_while(|(a, b)| a == b).count());
                }
                // Never split a character.
                while common > 0 && first.get(common).is_some_and(|&b| b & 0xc0 == 0x80) {
                    common -= 1;
                }
                if common > c.typed.len() {
                    let text = complete::escape(&first[..common]);
                    self.replace_word(c.start, &text);
                } else if self.tabbed {
                    self.list(c);
                } else {
                    self.out.push(BELL);
                }
                self.tabbed = true;
            }
        }
    }

    fn replace_word(&mut self, start: usize, text: &[u8]) {
        let start = start.min(self.cursor);
        self.buf.splice(start..self.cursor, text.iter().copied());
        self.cursor = start + text.len();
        self.refresh();
    }

    /// Lists the candidates in columns below the line (down the columns, like ls), then
    /// draws the prompt and the line again.
    fn list(&mut self, c: &Completion) {
        let names: Vec<&[u8]> = c
            .words
            .iter()
            .map(|w| w.get(c.shown_from..).unwrap_or(w))
            .collect();
        let width = names.iter().map(|n| columns(n)).max().unwrap_or(0) + 2;
        let per_row = (self.cols / width).max(1);
        let rows = names.len().div_ceil(per_row);
        let cursor = self.cursor;
        self.cursor = self.buf.len();
        self.finish(b"\r\n");
        for r in 0..rows {
            for (i, name) in names.iter().enumerate().skip(r).step_by(rows) {
                self.out.extend_from_slice(name);
                if i + rows < names.len() {
                    let pad = width - columns(name);
                    self.out.extend(core::iter::repeat_n(b' ', pad));
                }
            }
            self.out.extend_from_slice(b"\r\n");
        }
        self.cursor = cursor;
        self.row = 0;
        self.refresh();
    }

    /// Puts the cursor after the line's end and writes `tail` there.
    fn finish(&mut self, tail: &[u8]) {
        if self.cursor != self.buf.len() {
            self.cursor = self.buf.len();
            self.refresh();
        }
        let end = self.prompt_cols + self.width;
        // A line that exactly fills its last row already put the cursor on the next one.
        let tail = match tail {
            [b'\r', b'\n'] if self.fills_rows(end) => b"",
            _ => tail,
        };
        self.out.extend_from_slice(tail);
    }

    /// Redraws the prompt and the line from the prompt's row and puts the cursor in place.
    fn refresh(&mut self) {
        if self.row > 0 {
            let _ = write!(Out(&mut self.out), "\x1b[{}A", self.row);
        }
        self.out.extend_from_slice(b"\r\x1b[J");
        self.out.extend_from_slice(&self.prompt);
        self.out.extend_from_slice(&self.buf);
        self.width = columns(&self.buf);
        let end_row = self.wrap_at_end();
        let at = self.prompt_cols + columns(&self.buf[..self.cursor]);
        let (row, col) = (at / self.cols, at % self.cols);
        if end_row > row {
            let _ = write!(Out(&mut self.out), "\x1b[{}A", end_row - row);
        }
        self.out.push(b'\r');
        if col > 0 {
            let _ = write!(Out(&mut self.out), "\x1b[{col}C");
        }
        self.row = row;
    }

    /// Whether text ending at column `end` (counted from the prompt's start) exactly fills its
    /// last row.
    fn fills_rows(&self, end: usize) -> bool {
        end > 0 && end.is_multiple_of(self.cols)
    }

    /// After the whole line was written: when it exactly fills its last row the terminal holds
    /// the cursor at the right margin (xterm's pending wrap) and a relative move would be
    /// off by one, so go to the next row explicitly. Returns the cursor's row.
    fn wrap_at_end(&mut self) -> usize {
        let end = self.prompt_cols + self.width;
        if self.fills_rows(end) {
            self.out.extend_from_slice(b"\r\n");
        }
        self.row = end / self.cols;
        self.row
    }
}

/// `fmt::Write` into a byte vector, for the numbers in escape sequences.
struct Out<'a>(&'a mut Vec<u8>);

impl Write for Out<'_> {
    fn write_str(&mut self, s: &str) -> core::fmt::Result {
        self.0.extend_from_slice(s.as_bytes());
        Ok(())
    }
}

/// Reads one line for the interactive shell, with the editor when standard input and standard
/// error are a terminal and TERM names one that is not `dumb`; else plainly (the prompt, then
/// bytes up to a newline). The terminal is in raw mode only inside this call: its settings
/// are restored before returning, whatever happened, so commands run with the user's own.
/// A line read is added to the history.
pub fn read_line(sh: &mut Shell, prompt: &[u8]) -> ReadLine {
    sh.history.load(sh.vars.get(b"HOME"));
    let capable = !matches!(sh.vars.get(b"TERM"), None | Some(b"" | b"dumb"));
    let saved = if capable && tty::isatty(Fd::STDERR) {
        tty::get_termios(Fd::STDIN).ok()
    } else {
        None
    };
    let r = match saved {
        Some(saved) => with_raw_mode(&saved, || edit(sh, prompt)).unwrap_or_else(|| plain(prompt)),
        None => plain(prompt),
    };
    if let ReadLine::Line(line) = &r {
        let text = line.strip_suffix(b"\n").unwrap_or(line);
        if sh.history.add(text) {
            // Memory only when the file cannot be written (HOME read-only or gone).
            let _ = sh.history.save(sh.pid);
        }
    }
    r
}

/// Runs `f` with the terminal on standard input in raw mode (termios(3): no echo, no line
/// buffering, no signal keys, no XON/XOFF, no CR-to-NL), then restores `saved`. `None` if the
/// terminal refused raw mode.
fn with_raw_mode(saved: &tty::Termios, f: impl FnOnce() -> ReadLine) -> Option<ReadLine> {
    let mut raw = *saved;
    raw.c_lflag &= !(tty::ICANON | tty::ECHO | tty::ISIG | tty::IEXTEN);
    raw.c_iflag &= !(tty::IXON | tty::ICRNL);
    raw.c_cc[tty::VMIN] = 1;
    raw.c_cc[tty::VTIME] = 0;
    tty::set_termios(Fd::STDIN, &raw).ok()?;
    let r = f();
    let _ = tty::set_termios(Fd::STDIN, saved);
    Some(r)
}

/// The editor on the terminal. Input is read a byte at a time so that nothing after the
/// line is taken from the terminal: typed-ahead or pasted lines stay there for the command
/// (or the next prompt) to read.
fn edit(sh: &mut Shell, prompt: &[u8]) -> ReadLine {
    let cols = match tty::window_size(Fd::STDERR) {
        Ok((_, c)) if c > 0 => c as usize,
        _ => DEFAULT_COLUMNS,
    };
    let mut ed = Editor::new(prompt, cols);
    loop {
        if !ed.out.is_empty() {
            let _ = fd::write_all(Fd::STDERR, &ed.out);
            ed.out.clear();
        }
        let mut b = [0u8];
        match retry(|| fd::read(Fd::STDIN, &mut b)) {
            Ok(0) => return ReadLine::Eof,
            Ok(_) => {}
            Err(e) => return ReadLine::Error(e),
        }
        let step = ed.feed(b[0], &sh.history);
        if step == Step::Complete {
            let c = complete::complete(sh, ed.line(), ed.cursor());
            ed.complete(&c);
            continue;
        }
        if step == Step::More {
            continue;
        }
        let _ = fd::write_all(Fd::STDERR, &ed.out);
        return match step {
            Step::Done => {
                let mut line = ed.buf;
                line.push(b'\n');
                ReadLine::Line(line)
            }
            Step::Interrupted => ReadLine::Interrupted,
            _ => ReadLine::Eof,
        };
    }
}

/// Input read plainly comes back in pieces of at most this many bytes (the input loop
/// enforces the command length limit).
const PLAIN_CHUNK: usize = 64 * 1024;

/// No editing: the prompt, then a line read a byte at a time (a pipe cannot be un-read, and
/// what follows the line belongs to the commands).
fn plain(prompt: &[u8]) -> ReadLine {
    let _ = fd::write_all(Fd::STDERR, prompt);
    let mut line = Vec::new();
    loop {
        let mut b = [0u8];
        match retry(|| fd::read(Fd::STDIN, &mut b)) {
            Ok(0) if line.is_empty() => return ReadLine::Eof,
            Ok(0) => return ReadLine::Line(line),
            Ok(_) => {
                line.push(b[0]);
                if b[0] == b'\n' || line.len() >= PLAIN_CHUNK {
                    return ReadLine::Line(line);
                }
            }
            Err(e) if line.is_empty() => return ReadLine::Error(e),
            // What was read comes first; the error comes again on the next call.
            Err(_) => return ReadLine::Line(line),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Feeds `keys`; the last step and the terminal output they caused.
    fn keys(ed: &mut Editor, keys: &[u8], h: &History) -> (Step, String) {
        ed.out.clear();
        let mut step = Step::More;
        for &b in keys {
            step = ed.feed(b, h);
        }
        (step, String::from_utf8_lossy(&ed.out).into_owned())
    }

    fn typed(text: &[u8]) -> Editor {
        let mut ed = Editor::new(b"$ ", 80);
        keys(&mut ed, text, &History::default());
        ed
    }

    fn state(ed: &Editor) -> (&str, usize) {
        (core::str::from_utf8(ed.line()).unwrap(), ed.cursor())
    }

    #[test]
    fn typing_echoes_after_the_prompt() {
        let mut ed = Editor::new(b"$ ", 80);
        assert_eq!(ed.out, b"$ ");
        let (step, out) = keys(&mut ed, b"echo hi", &History::default());
        assert_eq!((step, out.as_str()), (Step::More, "echo hi"));
        assert_eq!(state(&ed), ("echo hi", 7));
        let (step, out) = keys(&mut ed, b"\r", &History::default());
        assert_eq!((step, out.as_str()), (Step::Done, "\r\n"));
    }

    #[test]
    fn moving_and_inserting() {
        let h = History::default();
        let mut ed = typed(b"echo hi");
        let (_, out) = keys(&mut ed, b"\x1b[D", &h);
        // Redrawn from column 0, cursor back at column 2 + 6.
        assert_eq!(out, "\r\x1b[J$ echo hi\r\x1b[8C");
        keys(&mut ed, b"\x1b[DX", &h);
        assert_eq!(state(&ed), ("echo Xhi", 6));
        keys(&mut ed, b"\x1b[CY", &h);
        assert_eq!(state(&ed), ("echo XhYi", 8));
        for home in [
            &b"\x1b[H"[..],
            b"\x1bOH",
            b"\x1b[1~",
            b"\x1b[7~",
            b"\x01",
            b"\x1b[1;5H",
        ] {
            keys(&mut ed, b"\x05", &h);
            keys(&mut ed, home, &h);
            assert_eq!(ed.cursor(), 0, "{home:?}");
        }
        for end in [&b"\x1b[F"[..], b"\x1bOF", b"\x1b[4~", b"\x1b[8~", b"\x05"] {
            keys(&mut ed, b"\x01", &h);
            keys(&mut ed, end, &h);
            assert_eq!(ed.cursor(), 9, "{end:?}");
        }
        // Moving past either end does nothing and draws nothing.
        let (_, out) = keys(&mut ed, b"\x1b[C", &h);
        assert_eq!(out, "");
        keys(&mut ed, b"\x01\x1b[D", &h);
        assert_eq!(ed.cursor(), 0);
        // Unknown sequences, control keys, Alt+key and overlong sequences are ignored.
        keys(&mut ed, b"\x1b[15~\x1b[Z\x00\x1a\x1bOP\x1b[[A\x1bb", &h);
        keys(&mut ed, b"\x1b[1;2;3;4;5;6;7;8;9;10;11;12~", &h);
        assert_eq!(state(&ed), ("echo XhYi", 0));
    }

    #[test]
    fn deleting() {
        let h = History::default();
        let mut ed = typed(b"abcdef");
        keys(&mut ed, b"\x7f\x08", &h);
        assert_eq!(state(&ed), ("abcd", 4));
        keys(&mut ed, b"\x01\x1b[3~", &h);
        assert_eq!(state(&ed), ("bcd", 0));
        keys(&mut ed, b"\x04", &h);
        assert_eq!(state(&ed), ("cd", 0));
        // Backspace at the start, Delete at the end: nothing.
        keys(&mut ed, b"\x7f\x05\x1b[3~", &h);
        assert_eq!(state(&ed), ("cd", 2));
        let mut ed = typed(b"one two three");
        keys(&mut ed, b"\x1b[D\x1b[D\x0b", &h);
        assert_eq!(state(&ed), ("one two thr", 11));
        keys(&mut ed, b"\x17", &h);
        assert_eq!(state(&ed), ("one two ", 8));
        keys(&mut ed, b"\x17", &h);
        assert_eq!(state(&ed), ("one ", 4));
        keys(&mut ed, b"x\x1b[D\x15", &h);
        assert_eq!(state(&ed), ("x", 0));
    }

    #[test]
    fn ctrl_c_ctrl_d_ctrl_l() {
        let h = History::default();
        let mut ed = typed(b"sleep 1");
        let (step, out) = keys(&mut ed, b"\x01\x03", &h);
        assert_eq!(step, Step::Interrupted);
        assert!(out.ends_with("$ sleep 1\r\x1b[9C^C\r\n"), "{out:?}");
        let mut ed = typed(b"");
        assert_eq!(keys(&mut ed, b"\x04", &h), (Step::Eof, "\r\n".into()));
        let mut ed = typed(b"ls");
        let (step, out) = keys(&mut ed, b"\x0c", &h);
        assert_eq!(step, Step::More);
        assert_eq!(out, "\x1b[H\x1b[2J\r\x1b[J$ ls\r\x1b[4C");
        assert_eq!(keys(&mut ed, b"\n", &h).0, Step::Done);
        assert_eq!(ed.line(), b"ls");
    }

    #[test]
    fn history_keeps_the_line_being_edited() {
        let mut h = History::default();
        h.add(b"first");
        h.add(b"second");
        let mut ed = typed(b"new");
        keys(&mut ed, b"\x1b[A", &h);
        assert_eq!(state(&ed), ("second", 6));
        keys(&mut ed, b"\x1bOA\x1b[A", &h);
        assert_eq!(state(&ed), ("first", 5));
        keys(&mut ed, b"\x1b[B", &h);
        assert_eq!(state(&ed), ("second", 6));
        keys(&mut ed, b"\x1b[B", &h);
        assert_eq!(state(&ed), ("new", 3));
        let (_, out) = keys(&mut ed, b"\x1b[B", &h);
        assert_eq!((state(&ed), out.as_str()), (("new", 3), ""));
        // Ctrl-P / Ctrl-N too.
        keys(&mut ed, b"\x10", &h);
        assert_eq!(ed.line(), b"second");
        let mut ed = typed(b"x");
        keys(&mut ed, b"\x1b[A", &History::default());
        assert_eq!(state(&ed), ("x", 1));
    }

    #[test]
    fn utf8_characters_are_one_column() {
        let h = History::default();
        let mut ed = typed("é€x".as_bytes());
        assert_eq!(ed.cursor(), 6);
        let (_, out) = keys(&mut ed, b"\x1b[D\x1b[D", &h);
        assert_eq!(ed.cursor(), 2);
        assert!(out.ends_with("\r\x1b[3C"), "{out:?}");
        keys(&mut ed, b"\x7f", &h);
        assert_eq!(state(&ed), ("€x", 0));
        keys(&mut ed, b"\x1b[3~", &h);
        assert_eq!(state(&ed), ("x", 0));
        // A broken sequence is dropped; a lone high byte is one character.
        let mut ed = typed(b"\xe2\x82a\xff");
        assert_eq!(ed.line(), b"a\xff");
        keys(&mut ed, b"\x1b[D", &h);
        assert_eq!(ed.cursor(), 1);
        assert_eq!(prompt_columns("\x1b[1;32mré\x1b[0m$ ".as_bytes()), 4);
    }

    #[test]
    fn long_lines_wrap() {
        let h = History::default();
        let mut ed = Editor::new(b"$ ", 10);
        let (_, out) = keys(&mut ed, b"abcdefg", &h);
        assert_eq!(out, "abcdefg");
        // The 8th character fills the row: the cursor is put on the next row explicitly.
        let (_, out) = keys(&mut ed, b"h", &h);
        assert_eq!(out, "\r\x1b[J$ abcdefgh\r\n\r");
        let (_, out) = keys(&mut ed, b"ij", &h);
        assert_eq!(out, "ij");
        // From row 1 back to the prompt's row, redraw, then up from the end to row 0.
        let (_, out) = keys(&mut ed, b"\x01", &h);
        assert_eq!(out, "\x1b[1A\r\x1b[J$ abcdefghij\x1b[1A\r\x1b[2C");
        let (_, out) = keys(&mut ed, b"\x05", &h);
        assert_eq!(out, "\r\x1b[J$ abcdefghij\r\x1b[2C");
        let (step, out) = keys(&mut ed, b"\r", &h);
        assert_eq!((step, out.as_str()), (Step::Done, "\r\n"));
        // A line exactly filling its rows is already on a fresh row at Enter.
        let mut ed = Editor::new(b"$ ", 10);
        keys(&mut ed, b"abcdefgh", &h);
        assert_eq!(keys(&mut ed, b"\r", &h), (Step::Done, String::new()));
    }

    fn completion(start: usize, typed: &str, words: &[&str], shown_from: usize) -> Completion {
        Completion {
            start,
            typed: typed.as_bytes().to_vec(),
            words: words.iter().map(|w| w.as_bytes().to_vec()).collect(),
            shown_from,
        }
    }

    #[test]
    fn completing() {
        let h = History::default();
        let mut ed = typed(b"ec");
        assert_eq!(keys(&mut ed, b"\t", &h).0, Step::Complete);
        ed.complete(&completion(0, "ec", &["echo"], 0));
        assert_eq!(state(&ed), ("echo ", 5));
        // A directory: no space after it; names are escaped.
        let mut ed = typed(b"cat d");
        keys(&mut ed, b"\t", &h);
        ed.complete(&completion(4, "d", &["dir one/"], 0));
        assert_eq!(state(&ed), ("cat dir\\ one/", 13));
        // Nothing: the bell.
        ed.out.clear();
        ed.complete(&completion(13, "", &[], 0));
        assert_eq!(ed.out, b"\x07");
    }

    #[test]
    fn several_candidates_then_a_listing() {
        let h = History::default();
        let mut ed = typed(b"ls sub/f");
        let c = completion(3, "sub/f", &["sub/file1", "sub/file2", "sub/fx/"], 4);
        keys(&mut ed, b"\t", &h);
        ed.complete(&c);
        assert_eq!(state(&ed), ("ls sub/f", 8));
        assert_eq!(ed.out, b"\x07");
        // The second Tab lists, down the columns, and draws the line again.
        assert_eq!(keys(&mut ed, b"\t", &h).0, Step::Complete);
        ed.out.clear();
        ed.complete(&c);
        let out = String::from_utf8(ed.out.clone()).unwrap();
        assert_eq!(out, "\r\nfile1  file2  fx/\r\n\r\x1b[J$ ls sub/f\r\x1b[10C");
        // A common prefix longer than the word is inserted.
        let mut ed = typed(b"ls sub/f");
        keys(&mut ed, b"\t", &h);
        ed.complete(&completion(3, "sub/f", &["sub/file1", "sub/file2"], 4));
        assert_eq!(state(&ed), ("ls sub/file", 11));
        // Another key in between: the next Tab starts over.
        keys(&mut ed, b"\x1b[D\x1b[C\t", &h);
        ed.out.clear();
        ed.complete(&completion(3, "sub/file", &["sub/file1", "sub/file2"], 4));
        assert_eq!(ed.out, b"\x07");
        // Prefixes never end inside a character.
        let mut ed = typed(b"x");
        keys(&mut ed, b"\t", &h);
        ed.complete(&completion(0, "x", &["xé", "xè"], 0));
        assert_eq!(ed.line(), b"x");
    }

    #[test]
    fn listing_in_rows() {
        let h = History::default();
        let mut ed = Editor::new(b"$ ", 20);
        keys(&mut ed, b"a", &h);
        let c = completion(0, "a", &["a1", "a2", "a3", "a4", "a5", "a6", "a7"], 0);
        keys(&mut ed, b"\t", &h);
        ed.complete(&c);
        keys(&mut ed, b"\t", &h);
        ed.out.clear();
        ed.complete(&c);
        let out = String::from_utf8(ed.out.clone()).unwrap();
        // 4 columns of width 4 in 20: 2 rows, down the columns.
        assert_eq!(
            out,
            "\r\na1  a3  a5  a7\r\na2  a4  a6\r\n\r\x1b[J$ a\r\x1b[3C"
        );
    }

    /// Fixed-seed random key bytes (text, UTF-8 pieces, control keys, escape sequences) on
    /// narrow and wide terminals, with history: no panic, the cursor stays in the line.
    #[test]
    fn random_keys_never_panic() {
        let keys: &[&[u8]] = &[
            b"a",
            b"xyz",
            b" ",
            "\u{e9}".as_bytes(),
            "\u{4e2d}".as_bytes(),
            b"\xc3",
            b"\xff",
            b"\x01",
            b"\x02",
            b"\x03",
            b"\x04",
            b"\x05",
            b"\x06",
            b"\x08",
            b"\x0b",
            b"\x0c",
            b"\x15",
            b"\x17",
            b"\x7f",
            b"\t",
            b"\r",
            b"\n",
            b"\x1b",
            b"\x1b[A",
            b"\x1b[B",
            b"\x1b[C",
            b"\x1b[D",
            b"\x1b[H",
            b"\x1b[F",
            b"\x1b[3~",
            b"\x1b[1;5C",
            b"\x1bO",
            b"\x1b[99999999999~",
            b"\x1bb",
            b"\x1b[",
            b"[",
            b"~",
        ];
        let mut h = History::default();
        h.add(b"echo first");
        h.add("\u{e9}t\u{e9}".as_bytes());
        let mut rand = crate::testing::xorshift(0x2545_f491_4f6c_dd1d);
        for _ in 0..2_000 {
            let mut ed = Editor::new(b"$ ", 1 + rand() % 40);
            for _ in 0..rand() % 60 {
                for &b in keys[rand() % keys.len()] {
                    match ed.feed(b, &h) {
                        Step::Done | Step::Interrupted | Step::Eof => {
                            ed = Editor::new(b"> ", 1 + rand() % 40)
                        }
                        Step::More | Step::Complete => {}
                    }
                    assert!(ed.cursor() <= ed.line().len());
                    ed.out.clear();
                }
            }
        }
    }
}
