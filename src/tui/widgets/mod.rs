//! Reusable widgets: text editors, the searchable choice picker, the generic form, and the
//! frame pieces (title, footer, help, popups).

pub mod chrome;
pub mod filter;
pub mod form;
pub mod picker;
pub mod text;
