//! Link arguments for the `rawsh` binary only (`rustc-link-arg-bins`): setting them for every
//! target would break the test harness, which links against the host's libc.

fn main() {
    let arch = std::env::var("CARGO_CFG_TARGET_ARCH").expect("cargo sets CARGO_CFG_TARGET_ARCH");
    let script = format!("{}/linker/{arch}.ld", env!("CARGO_MANIFEST_DIR"));
    println!("cargo::rerun-if-changed={script}");
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
    println!("cargo::rustc-link-arg-bins=-Wl,-T,{script}");
}
