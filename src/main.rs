//! The `systemcraft` binary: everything lives in the library; this only hands over
//! the arguments and exits with the code `run` returns.

fn main() {
    std::process::exit(systemcraft::run(std::env::args_os()));
}
