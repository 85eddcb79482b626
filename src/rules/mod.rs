pub mod boolean;
pub mod datetime;
pub mod guid;
pub mod suggest;
pub mod text;
