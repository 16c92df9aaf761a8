use std::process::ExitCode;

fn main() -> ExitCode {
    ExitCode::from(focusd::cli::main())
}
