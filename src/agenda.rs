//! Agenda detection in invitations. (Placeholder API; the detector lands separately.)

use crate::event::EventDetails;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Agenda {
    pub present: bool,
    pub evidence: Option<Evidence>,
    pub read_ahead: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Evidence {
    Heading(String),
    ListItems(usize),
    DocumentLink(String),
    Attachment(String),
    Words(usize),
}

impl Evidence {
    pub fn describe(&self) -> String {
        format!("{self:?}")
    }
}

pub fn detect(details: &EventDetails) -> Agenda {
    let words = details.description.split_whitespace().count();
    Agenda {
        present: words >= 12,
        evidence: (words >= 12).then_some(Evidence::Words(words)),
        read_ahead: None,
    }
}
