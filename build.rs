//! Records the commit the game is built from, for `cleanroom --version` (CLEANROOM_COMMIT):
//! the short hash, with "-modified" when the working tree has uncommitted changes, or
//! "unknown" outside a git checkout (a source archive).

use std::process::Command;

fn git(args: &[&str]) -> Option<String> {
    let output = Command::new("git").args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}

fn main() {
    let commit = match git(&["rev-parse", "--short=12", "HEAD"]) {
        Some(hash) if !hash.is_empty() => {
            let dirty = git(&["status", "--porcelain", "--untracked-files=no"]).is_some_and(|s| !s.is_empty());
            if dirty { format!("{hash}-modified") } else { hash }
        }
        _ => "unknown".to_owned(),
    };
    println!("cargo:rustc-env=CLEANROOM_COMMIT={commit}");
    // A new commit or a change of branch rebuilds the stamp; edits alone do not.
    for path in [".git/HEAD", ".git/index"] {
        println!("cargo:rerun-if-changed={path}");
    }
    if let Some(head) = git(&["symbolic-ref", "-q", "HEAD"]) {
        println!("cargo:rerun-if-changed=.git/{head}");
    }
}
