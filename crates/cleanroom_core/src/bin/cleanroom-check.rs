//! `cleanroom-check [--world FILE] [PATH...]`: checks level files and prints every problem,
//! like a compiler.

use std::path::PathBuf;
use std::process::ExitCode;

use cleanroom_core::procedure::{WorldIds, check_paths_in_world};

const USAGE: &str = "\
Usage: cleanroom-check [--world FILE] [PATH...]

Checks cleanroom level files (*.level.ron): RON syntax, ids, ordering, tolerances, texts,
and replays each golden path and wrong path in guided and assessment modes. A folder means
every *.level.ron inside it; no PATH means `levels/`. Exits with status 1 if anything is an
error.

  --world FILE   also check that the 3D cleanroom has every object and control a level
                 names; FILE is what `cleanroom world-ids --out FILE` writes
                 (docs/world-ids.txt is kept up to date in the repository)";

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let mut paths = Vec::new();
    let mut world = None;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "-h" | "--help" => {
                println!("{USAGE}");
                return ExitCode::SUCCESS;
            }
            "--world" => {
                let Some(file) = args.next() else {
                    eprintln!(
                        "error: `--world` needs a file (what `cleanroom world-ids --out FILE` writes)\n\n{USAGE}"
                    );
                    return ExitCode::from(2);
                };
                match std::fs::read_to_string(&file) {
                    Ok(text) if !WorldIds::parse(&text).ids.is_empty() => world = Some(WorldIds::parse(&text)),
                    Ok(_) => {
                        eprintln!("error: {file} lists no ids: write it again with `cleanroom world-ids --out {file}`");
                        return ExitCode::from(2);
                    }
                    Err(error) => {
                        eprintln!("error: cannot read {file}: {error}");
                        return ExitCode::from(2);
                    }
                }
            }
            flag if flag.starts_with('-') => {
                eprintln!("error: unknown option `{flag}`\n\n{USAGE}");
                return ExitCode::from(2);
            }
            path => paths.push(PathBuf::from(path)),
        }
    }
    let report = check_paths_in_world(&paths, world.as_ref());
    println!("{report}");
    if report.has_errors() { ExitCode::FAILURE } else { ExitCode::SUCCESS }
}
