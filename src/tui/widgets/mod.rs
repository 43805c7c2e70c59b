//! Reusable widgets: text editors, the searchable choice picker, the generic form, the list
//! of records with the form of the selected one (`records`), and the
//! frame pieces (title, footer, help, popups).

pub mod chrome;
pub mod filter;
pub mod form;
pub mod picker;
pub mod records;
pub mod text;
