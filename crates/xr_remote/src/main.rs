//! `xr-remote SCRIPT [ADDRESS]`: connects to Monado's remote driver (default 127.0.0.1:4242,
//! retrying while the service starts) and plays the script (see `xr_remote::parse_script`):
//! each hold's state is sent 60 times a second for its seconds, and each hold is logged as it
//! starts, with the time since the first. After the last hold it keeps sending that state until
//! the driver goes away or it is stopped.

use std::io::{Read, Write};
use std::net::TcpStream;
use std::process::ExitCode;
use std::time::{Duration, Instant};

const SEND_EVERY: Duration = Duration::from_micros(16_667);
const CONNECT_FOR: Duration = Duration::from_secs(120);

fn main() -> ExitCode {
    let mut arguments = std::env::args().skip(1);
    let (Some(path), address) = (arguments.next(), arguments.next().unwrap_or_else(|| "127.0.0.1:4242".into())) else {
        eprintln!("usage: xr-remote SCRIPT [ADDRESS]");
        return ExitCode::from(2);
    };
    let holds = match std::fs::read_to_string(&path)
        .map_err(|error| error.to_string())
        .and_then(|text| xr_remote::parse_script(&text).map_err(|error| error.to_string()))
    {
        Ok(holds) => holds,
        Err(error) => {
            eprintln!("xr-remote: {path}: {error}");
            return ExitCode::from(2);
        }
    };
    let started = Instant::now();
    let mut stream = loop {
        match TcpStream::connect(&address) {
            Ok(stream) => break stream,
            Err(error) if started.elapsed() < CONNECT_FOR => {
                let _ = error;
                std::thread::sleep(Duration::from_millis(250));
            }
            Err(error) => {
                eprintln!("xr-remote: cannot connect to {address}: {error}");
                return ExitCode::FAILURE;
            }
        }
    };
    let _ = stream.set_nodelay(true);
    // The driver first sends its reset state and its latest: read them so they do not wait.
    let mut greeting = [0u8; 2 * xr_remote::PACKET_SIZE];
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    let _ = stream.read_exact(&mut greeting);
    println!("xr-remote: connected to {address}; {} holds", holds.len());
    let playing = Instant::now();
    for (index, hold) in holds.iter().enumerate() {
        // The last state is held until the driver goes away or the client is stopped.
        let last = index + 1 == holds.len();
        println!("xr-remote: {:6.1} s: {}", playing.elapsed().as_secs_f64(), hold.said);
        let bytes = xr_remote::encode(&hold.state);
        let until = Instant::now() + Duration::from_secs_f64(hold.seconds);
        loop {
            if let Err(error) = stream.write_all(&bytes) {
                println!("xr-remote: the driver went away ({error})");
                return ExitCode::SUCCESS;
            }
            if !last && Instant::now() >= until {
                break;
            }
            std::thread::sleep(SEND_EVERY);
        }
    }
    ExitCode::SUCCESS
}
