//! Link arguments for the `rawsh` binary only (`rustc-link-arg-bins`): setting them for every
//! target would break the test harness, which links against the host's libc.

fn main() {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").expect("cargo sets CARGO_CFG_TARGET_ARCH");
    let linker = concat!(env!("CARGO_MANIFEST_DIR"), "/linker");
    let script = format!("{linker}/{arch}.ld");
    println!("cargo::rerun-if-changed={script}");
    // Included by the script (`make order` writes it).
    println!("cargo::rerun-if-changed={linker}/hot.ld");
    // No crt files, no libc, no dynamic loader: `_start` is ours (src/arch/<arch>.rs).
    for arg in [
        "-nostdlib",
        "-nostartfiles",
        "-static",
        "-no-pie",
        "-Wl,--build-id=none",
        "-Wl,-z,noexecstack",
    ] {
        println!("cargo::rustc-link-arg-bins={arg}");
    }
    println!("cargo::rustc-link-arg-bins=-Wl,-L,{linker}");
    println!("cargo::rustc-link-arg-bins=-Wl,-T,{script}");
    // Identical code folding: one copy of functions that compiled to the same bytes (generic
    // instances, mostly). x86_64 links with rustc's bundled lld; aarch64-linux-gnu-gcc's bfd
    // ld has no --icf.
    if arch == "x86_64" {
        println!("cargo::rustc-link-arg-bins=-Wl,--icf=all");
    }
}
