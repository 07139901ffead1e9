//! A map from names (byte strings) to values, for variables, functions, aliases and the
//! command path cache: a `Vec` kept sorted by name and searched by bisection. Lookups are
//! O(log n), an insertion moves the entries after it; the shell holds a few hundred names at
//! most, and the code is a small fraction of `BTreeMap`'s (which cost about 20 KiB for these
//! maps).

use alloc::vec::Vec;

#[derive(Clone)]
pub struct Map<V> {
    entries: Vec<(Vec<u8>, V)>,
}

impl<V> Default for Map<V> {
    fn default() -> Self {
        Map {
            entries: Vec::new(),
        }
    }
}

impl<V> Map<V> {
    /// `Ok(index)` of `name`, or `Err(index)` where it would go.
    fn find(&self, name: &[u8]) -> Result<usize, usize> {
        self.entries
            .binary_search_by(|(k, _)| k.as_slice().cmp(name))
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    pub fn get(&self, name: &[u8]) -> Option<&V> {
        let i = self.find(name).ok()?;
        self.entries.get(i).map(|(_, v)| v)
    }

    pub fn contains_key(&self, name: &[u8]) -> bool {
        self.find(name).is_ok()
    }

    /// The value of `name`, inserted with `make` first if there is none.
    pub fn get_or_insert_with(&mut self, name: &[u8], make: impl FnOnce() -> V) -> &mut V {
        let i = match self.find(name) {
            Ok(i) => i,
            Err(i) => {
                self.entries.insert(i, (name.to_vec(), make()));
                i
            }
        };
        &mut self.entries[i].1
    }

    pub fn insert(&mut self, name: &[u8], value: V) {
        match self.find(name) {
            Ok(i) => self.entries[i].1 = value,
            Err(i) => self.entries.insert(i, (name.to_vec(), value)),
        }
    }

    pub fn remove(&mut self, name: &[u8]) -> Option<V> {
        let i = self.find(name).ok()?;
        Some(self.entries.remove(i).1)
    }

    pub fn clear(&mut self) {
        self.entries.clear();
    }

    /// The entries in name order.
    pub fn iter(&self) -> impl Iterator<Item = (&[u8], &V)> {
        self.entries.iter().map(|(k, v)| (k.as_slice(), v))
    }
}

#[cfg(test)]
mod tests {
    use super::Map;

    #[test]
    fn sorted_by_name() {
        let mut m = Map::default();
        for (k, v) in [("b", 1), ("a", 2), ("c", 3), ("a", 4)] {
            m.insert(k.as_bytes(), v);
        }
        assert_eq!(m.len(), 3);
        assert_eq!(m.get(b"a"), Some(&4));
        *m.get_or_insert_with(b"0", || 9) += 1;
        assert_eq!(m.remove(b"b"), Some(1));
        assert_eq!(m.remove(b"b"), None);
        let all: Vec<_> = m.iter().collect();
        assert_eq!(all, [(&b"0"[..], &10), (&b"a"[..], &4), (&b"c"[..], &3)]);
    }
}
