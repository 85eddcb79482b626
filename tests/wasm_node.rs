//! The shared wasm tests, run in Node by `wasm-pack test --node -- --test wasm_node`.
#![cfg(target_arch = "wasm32")]

mod common;
