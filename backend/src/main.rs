//! The `chitieu` binary: parse the command line and run it.

use clap::Parser;

/// mimalloc instead of the system allocator: a scoreboard builds and frees hundreds of
/// thousands of small values, and mimalloc hands freed memory back to the system soon
/// after a burst (BENCHMARKS.md, "Over HTTP").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[tokio::main]
async fn main() -> std::process::ExitCode {
    let cli = backend::cli::Cli::parse();
    match backend::cli::run(cli).await {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("error: {err:#}");
            std::process::ExitCode::FAILURE
        }
    }
}
