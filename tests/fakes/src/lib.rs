//! Local stand-ins for Microsoft Graph (with its Entra ID token endpoint) and the
//! Google Workspace Directory API (with Google's OAuth token endpoint), for testing
//! ADPhoto's upload clients against documented behaviour, errors and throttling.
//!
//! Each fake runs in-process (`graph::spawn`, `google::spawn`) or as its binary.

pub mod common;
pub mod google;
pub mod graph;
