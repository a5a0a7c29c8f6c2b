//! Turns on the PostgreSQL variants of the integration tests when `TEST_DATABASE_URL` is
//! set, so that they never exist as tests that pass by skipping.

fn main() {
    println!("cargo::rustc-check-cfg=cfg(postgres_tests)");
    println!("cargo::rerun-if-env-changed=TEST_DATABASE_URL");
    if std::env::var("TEST_DATABASE_URL").is_ok_and(|v| !v.trim().is_empty()) {
        println!("cargo::rustc-cfg=postgres_tests");
    }
}
