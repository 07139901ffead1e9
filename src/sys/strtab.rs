//! Tables of strings packed while compiling into one run of bytes with 16-bit end offsets. In
//! a table of `&str` each string costs 16 bytes of pointer and length in .data besides its own
//! bytes; packed, it costs 2 (README "Performance": the binary size target).

/// `N` strings of `B` bytes in all: string `i` is `text[ends[i - 1]..ends[i]]`.
pub struct StrTab<const N: usize, const B: usize> {
    text: [u8; B],
    ends: [u16; N],
}

/// The total length of `strs`: the `B` of their [`StrTab`].
pub const fn total_len(strs: &[&str]) -> usize {
    let (mut i, mut len) = (0, 0);
    while i < strs.len() {
        len += strs[i].len();
        i += 1;
    }
    len
}

impl<const N: usize, const B: usize> StrTab<N, B> {
    /// Packs `strs`; meant for a `static`, so its checks fail the build, not the program.
    pub const fn new(strs: &[&str; N]) -> Self {
        assert!(B <= u16::MAX as usize, "offsets are u16");
        let (mut text, mut ends) = ([0; B], [0; N]);
        let (mut i, mut at) = (0, 0);
        while i < N {
            let s = strs[i].as_bytes();
            let mut j = 0;
            while j < s.len() {
                text[at] = s[j];
                at += 1;
                j += 1;
            }
            ends[i] = at as u16;
            i += 1;
        }
        assert!(at == B, "B must be total_len(strs)");
        StrTab { text, ends }
    }

    /// String `i`, or `None` past the end.
    pub fn get(&self, i: usize) -> Option<&str> {
        let end = *self.ends.get(i)? as usize;
        let start = i
            .checked_sub(1)
            .and_then(|p| self.ends.get(p))
            .map_or(0, |&e| e as usize);
        core::str::from_utf8(self.text.get(start..end)?).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packs_and_unpacks() {
        const STRS: [&str; 4] = ["one", "", "three", "é"];
        static TAB: StrTab<4, { total_len(&STRS) }> = StrTab::new(&STRS);
        assert_eq!(
            [TAB.get(0), TAB.get(1), TAB.get(2), TAB.get(3), TAB.get(4)],
            [Some("one"), Some(""), Some("three"), Some("é"), None]
        );
    }
}
