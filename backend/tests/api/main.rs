//! Integration tests: each starts the real application on port 0 with a fresh database
//! (SQLite always; PostgreSQL too when TEST_DATABASE_URL is set) and drives it through
//! GraphQL as the roles of the product would.

mod helpers;

mod auth;
