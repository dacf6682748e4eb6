//! `cleanroom-check [PATH...]`: checks level files and prints every problem, like a compiler.

use std::path::PathBuf;
use std::process::ExitCode;

use cleanroom_core::procedure::check_paths;

const USAGE: &str = "\
Usage: cleanroom-check [PATH...]

Checks cleanroom level files (*.level.ron): RON syntax, ids, ordering, tolerances, texts,
and replays each golden path in guided and assessment modes. A folder means every
*.level.ron inside it; no PATH means `levels/`. Exits with status 1 if anything is an error.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|a| a == "-h" || a == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let paths: Vec<PathBuf> = args.iter().map(PathBuf::from).collect();
    let report = check_paths(&paths);
    println!("{report}");
    if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
