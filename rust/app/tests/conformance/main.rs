//! One conformance suite, every adapter: the in-memory directory, OpenLDAP, the Samba
//! AD DC, and the local Microsoft Graph and Google Workspace servers. Each case runs
//! against fresh users of its own in a shared server.

#[path = "../common/mod.rs"]
mod common;
mod google;
mod graph;
mod ldap;
mod memory;
mod suite;

/// The cases every adapter must pass, as one test each.
macro_rules! conformance {
    ($fixture:expr) => {
        #[test]
        fn lists_users_with_their_current_photos() {
            crate::suite::lists_users_with_their_current_photos(&$fixture("list"));
        }

        #[test]
        fn finds_by_identity_and_key_never_by_pattern() {
            crate::suite::finds_by_identity_and_key_never_by_pattern(&$fixture("find"));
        }

        #[test]
        fn writes_a_batch_reads_it_back_and_removes() {
            crate::suite::writes_a_batch_reads_it_back_and_removes(&$fixture("write"));
        }

        #[test]
        fn a_closed_gate_sends_nothing() {
            crate::suite::a_closed_gate_sends_nothing(&$fixture("gate"));
        }

        #[test]
        fn a_run_interrupted_resumes_and_restores() {
            crate::suite::a_run_interrupted_resumes_and_restores(&$fixture("resume"));
        }
    };
}
pub(crate) use conformance;
