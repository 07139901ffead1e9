//! The one sort in the binary: heapsort (Williams, CACM 7(6), 1964). O(n log n) at worst, in
//! place, not stable (rawsh sorts only keys whose equal elements are indistinguishable: names,
//! paths, times), and a few hundred bytes of code per element type, where each of core's
//! `sort`/`sort_unstable` instantiations costs several KiB.

/// Sorts `v` in ascending order.
pub fn sort<T: Ord>(v: &mut [T]) {
    let n = v.len();
    // Make a max-heap, then move its root to the end of the shrinking unsorted part.
    for root in (0..n / 2).rev() {
        sift_down(v, root, n);
    }
    for end in (1..n).rev() {
        v.swap(0, end);
        sift_down(v, 0, end);
    }
}

/// Moves `v[root]` down until neither child of it (within `v[..end]`) is larger.
fn sift_down<T: Ord>(v: &mut [T], mut root: usize, end: usize) {
    loop {
        let mut child = 2 * root + 1;
        if child >= end {
            return;
        }
        if child + 1 < end && v[child] < v[child + 1] {
            child += 1;
        }
        if v[root] >= v[child] {
            return;
        }
        v.swap(root, child);
        root = child;
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn agrees_with_std() {
        let mut rand = crate::testing::xorshift(0x2545_f491_4f6c_dd1d);
        for len in (0..40).chain([255, 256, 1000]) {
            let mut v: Vec<u64> = (0..len).map(|_| (rand() % 50) as u64).collect();
            let mut want = v.clone();
            want.sort();
            super::sort(&mut v);
            assert_eq!(v, want);
        }
        let mut names: Vec<&[u8]> = vec![b"b", b"a", b"", b"ab", b"a"];
        super::sort(&mut names);
        assert_eq!(names, [&b""[..], b"a", b"a", b"ab", b"b"]);
    }
}
