//! What the CLI's test binaries share: running the built binary from the
//! crate's folder, its stderr as text, and a scratch folder for outputs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The CLI crate's folder (the tests' paths are relative to it).
pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Runs `future-community` with `args` in [`root`].
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_future-community"))
        .current_dir(root())
        .args(args)
        .output()
        .expect("the binary runs")
}

/// What a run wrote to stderr, as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// A fresh-or-reused folder `name` under the build's temporary folder.
pub fn scratch(name: &str) -> PathBuf {
    let d = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&d).expect("tmp dir");
    d
}
