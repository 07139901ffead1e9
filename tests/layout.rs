//! What the linker scripts and the heap promise about memory (README, Performance), on the
//! arch named by RAWSH_ARCH: the segments of the static binary, and what a started shell maps.

mod common;

use common::TempDir;
use std::time::Duration;

const PT_LOAD: u32 = 1;
const PT_DYNAMIC: u32 = 2;
const PT_INTERP: u32 = 3;
const R: u32 = 4;
const W: u32 = 2;
const X: u32 = 1;

/// `(p_type, p_flags, p_filesz, p_memsz)` of each program header of a little-endian ELF64.
fn program_headers(elf: &[u8]) -> Vec<(u32, u32, u64, u64)> {
    let u16_at = |i: usize| u16::from_le_bytes(elf[i..i + 2].try_into().unwrap()) as usize;
    let u32_at = |i: usize| u32::from_le_bytes(elf[i..i + 4].try_into().unwrap());
    let u64_at = |i: usize| u64::from_le_bytes(elf[i..i + 8].try_into().unwrap());
    assert_eq!(&elf[..5], b"\x7fELF\x02", "not an ELF64 file");
    let (phoff, phentsize, phnum) = (u64_at(0x20) as usize, u16_at(0x36), u16_at(0x38));
    (0..phnum)
        .map(|n| phoff + n * phentsize)
        .map(|h| (u32_at(h), u32_at(h + 4), u64_at(h + 0x20), u64_at(h + 0x28)))
        .collect()
}

/// Three PT_LOADs, text r-x, constants r--, data rw-; no loader, no dynamic section. The
/// writable segment holds only the mutable statics (tables of pointers and vtables are in the
/// read-only one) and, in memory, the heap's first 64 KiB chunk.
#[test]
fn segments() {
    let elf = std::fs::read(common::rawsh_path()).unwrap();
    let headers = program_headers(&elf);
    assert!(
        !headers
            .iter()
            .any(|h| h.0 == PT_INTERP || h.0 == PT_DYNAMIC),
        "{headers:?}"
    );
    let loads: Vec<_> = headers.iter().filter(|h| h.0 == PT_LOAD).collect();
    let flags: Vec<u32> = loads.iter().map(|h| h.1).collect();
    assert_eq!(flags, [R | X, R, R | W], "{headers:?}");
    let (_, _, filesz, memsz) = *loads[2];
    assert!(
        filesz <= 4096,
        "the writable segment has {filesz} bytes of file"
    );
    assert!(
        memsz >= 64 * 1024,
        "no room for the heap's first chunk: {memsz}"
    );
}

/// A shell that has started and run builtins has mapped nothing of its own: its one anonymous
/// writable area is the .bss right after the binary's data (the heap's first chunk is there),
/// not an mmap.
#[test]
fn started_shell_maps_nothing() {
    let dir = TempDir::new();
    let script = "x=$(echo a); while read -r a p o d i n; do echo \"$a $p ${n:-anon}\"; \
                  done < /proc/$$/maps";
    let out = common::run(
        common::rawsh(&["-c", script]),
        dir.path(),
        None,
        Duration::from_secs(20),
    );
    let maps = out.stdout_str();
    let range = |a: &str| {
        let (from, to) = a.split_once('-').unwrap();
        (
            u64::from_str_radix(from, 16).unwrap(),
            u64::from_str_radix(to, 16).unwrap(),
        )
    };
    let rows: Vec<(u64, u64, &str, &str)> = maps
        .lines()
        .map(|l| {
            let mut f = l.split(' ');
            let (from, to) = range(f.next().unwrap());
            (from, to, f.next().unwrap(), f.next().unwrap_or(""))
        })
        .collect();
    let bin = common::rawsh_path().canonicalize().unwrap();
    let data_end = rows
        .iter()
        .find(|r| r.2 == "rw-p" && std::path::Path::new(r.3) == bin)
        .map(|r| r.1)
        .unwrap_or_else(|| panic!("no data segment in:\n{maps}"));
    let anonymous: Vec<_> = rows
        .iter()
        .filter(|r| r.2 == "rw-p" && r.3 == "anon")
        .collect();
    assert_eq!(anonymous.len(), 1, "{maps}");
    assert_eq!(anonymous[0].0, data_end, "{maps}");
}
