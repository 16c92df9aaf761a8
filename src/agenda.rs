//! Agenda detection in invitations. (Being built.)
