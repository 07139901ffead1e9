// TEMPORARY STUB (replaced by the parser branch)
use super::ast::List;
use alloc::string::String;
pub struct ParseError {
    pub line: u32,
    pub message: String,
    pub incomplete: bool,
}
pub struct Parser<'a> {
    src: &'a [u8],
    line: u32,
}
impl<'a> Parser<'a> {
    pub fn with_line(src: &'a [u8], line: u32) -> Parser<'a> {
        Parser { src, line }
    }
    pub fn next_command(&mut self) -> Result<Option<List>, ParseError> {
        let _ = self.src;
        Ok(None)
    }
    pub fn offset(&self) -> usize {
        0
    }
    pub fn line(&self) -> u32 {
        self.line
    }
}
