//! The wasm entry point: mount the app.

fn main() {
    frontend::start();
}
