//! Records the commit the game is built from, for `cleanroom --version` (CLEANROOM_COMMIT):
//! its short hash, or "unknown" outside a git checkout (a source archive). It is read again
//! when HEAD moves (a commit, a checkout), not on every edit, so that staging files does not
//! rebuild the game.

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn main() {
    let commit = git(&["rev-parse", "--short=12", "HEAD"]).filter(|hash| !hash.is_empty());
    println!("cargo:rustc-env=CLEANROOM_COMMIT={}", commit.as_deref().unwrap_or("unknown"));
    if std::path::Path::new(".git/HEAD").is_file() {
        println!("cargo:rerun-if-changed=.git/HEAD");
        if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
            println!("cargo:rerun-if-changed=.git/{head}");
        }
    } else {
        println!("cargo:rerun-if-changed=build.rs");
    }
}
