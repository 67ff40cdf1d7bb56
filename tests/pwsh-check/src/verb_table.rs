//! The approved PowerShell verbs, as `Get-Verb` lists them in PowerShell 7.4 (all groups), and for
//! each whether a public command with that verb changes state and so must support `-WhatIf` and
//! `-Confirm` (`SupportsShouldProcess` plus a `$PSCmdlet.ShouldProcess()` call).
//!
//! This table is the one place the ShouldProcess rule is decided.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    Common,
    Communications,
    Data,
    Diagnostic,
    Lifecycle,
    Security,
    Other,
}

/// Whether commands with a verb must support ShouldProcess.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Effect {
    /// Changes state (writes, deletes, starts, sends…): ShouldProcess required.
    ChangesState,
    /// Reads, computes or only changes the session: ShouldProcess not required.
    ReadOnly,
}

use Effect::{ChangesState as W, ReadOnly as R};
use Group::*;

pub const VERBS: &[(&str, Group, Effect)] = &[
    // Common
    ("Add", Common, W),
    ("Clear", Common, W),
    ("Close", Common, R),
    ("Copy", Common, W),
    ("Enter", Common, R),
    ("Exit", Common, R),
    ("Find", Common, R),
    ("Format", Common, R),
    ("Get", Common, R),
    ("Hide", Common, R),
    ("Join", Common, R),
    ("Lock", Common, W),
    ("Move", Common, W),
    ("New", Common, W),
    ("Open", Common, R),
    ("Optimize", Common, W),
    ("Pop", Common, R),
    ("Push", Common, R),
    ("Redo", Common, W),
    ("Remove", Common, W),
    ("Rename", Common, W),
    ("Reset", Common, W),
    ("Resize", Common, W),
    ("Search", Common, R),
    ("Select", Common, R),
    ("Set", Common, W),
    ("Show", Common, R),
    ("Skip", Common, R),
    ("Split", Common, R),
    ("Step", Common, R),
    ("Switch", Common, R),
    ("Undo", Common, W),
    ("Unlock", Common, W),
    ("Watch", Common, R),
    // Communications
    ("Connect", Communications, R),
    ("Disconnect", Communications, R),
    ("Read", Communications, R),
    ("Receive", Communications, R),
    ("Send", Communications, W),
    ("Write", Communications, W),
    // Data
    ("Backup", Data, W),
    ("Checkpoint", Data, W),
    ("Compare", Data, R),
    ("Compress", Data, W),
    ("Convert", Data, R),
    ("ConvertFrom", Data, R),
    ("ConvertTo", Data, R),
    ("Dismount", Data, W),
    ("Edit", Data, W),
    ("Expand", Data, W),
    // Export writes files (Export-ADPhoto does).
    ("Export", Data, W),
    ("Group", Data, R),
    ("Import", Data, W),
    ("Initialize", Data, W),
    ("Limit", Data, W),
    ("Merge", Data, W),
    ("Mount", Data, W),
    ("Out", Data, W),
    ("Publish", Data, W),
    ("Restore", Data, W),
    ("Save", Data, W),
    ("Sync", Data, W),
    ("Unpublish", Data, W),
    ("Update", Data, W),
    // Diagnostic
    ("Debug", Diagnostic, R),
    ("Measure", Diagnostic, R),
    ("Ping", Diagnostic, R),
    ("Repair", Diagnostic, W),
    ("Resolve", Diagnostic, R),
    ("Test", Diagnostic, R),
    ("Trace", Diagnostic, R),
    // Lifecycle
    ("Approve", Lifecycle, W),
    ("Assert", Lifecycle, R),
    ("Build", Lifecycle, W),
    ("Complete", Lifecycle, W),
    ("Confirm", Lifecycle, R),
    ("Deny", Lifecycle, W),
    ("Deploy", Lifecycle, W),
    ("Disable", Lifecycle, W),
    ("Enable", Lifecycle, W),
    ("Install", Lifecycle, W),
    ("Invoke", Lifecycle, W),
    ("Register", Lifecycle, W),
    ("Request", Lifecycle, R),
    ("Restart", Lifecycle, W),
    ("Resume", Lifecycle, W),
    ("Start", Lifecycle, W),
    ("Stop", Lifecycle, W),
    ("Submit", Lifecycle, W),
    ("Suspend", Lifecycle, W),
    ("Uninstall", Lifecycle, W),
    ("Unregister", Lifecycle, W),
    ("Wait", Lifecycle, R),
    // Security
    ("Block", Security, W),
    ("Grant", Security, W),
    ("Protect", Security, W),
    ("Revoke", Security, W),
    ("Unblock", Security, W),
    ("Unprotect", Security, W),
    // Other
    ("Use", Other, R),
];

/// Parameters that make a command write files whatever its verb (`ConvertTo-ADPhoto -OutFile …`):
/// a public command with one of them must support ShouldProcess too.
pub const FILE_WRITING_PARAMETERS: &[&str] = &[
    "OutFile",
    "OutPath",
    "OutputPath",
    "OutDirectory",
    "OutputDirectory",
    "OutDir",
    "Destination",
    "DestinationPath",
];

/// The approved verb written like `verb` (compared without case), with its group and effect.
pub fn lookup(verb: &str) -> Option<(&'static str, Group, Effect)> {
    VERBS.iter().copied().find(|(v, _, _)| v.eq_ignore_ascii_case(verb))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_has_every_verb_once() {
        assert_eq!(VERBS.len(), 100, "Get-Verb in PowerShell 7.4 lists 100 verbs");
        let mut names: Vec<&str> = VERBS.iter().map(|v| v.0).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), VERBS.len());
    }

    #[test]
    fn the_briefs_state_changing_verbs_need_should_process() {
        for verb in [
            "Set",
            "Remove",
            "Restore",
            "New",
            "Add",
            "Clear",
            "Install",
            "Uninstall",
            "Sync",
            "Update",
            "Import",
            "Publish",
            "Register",
            "Unregister",
            "Reset",
            "Rename",
            "Move",
            "Copy",
            "Write",
            "Enable",
            "Disable",
            "Start",
            "Stop",
            "Invoke",
            "Export",
        ] {
            assert_eq!(lookup(verb).map(|v| v.2), Some(Effect::ChangesState), "{verb}");
        }
        for verb in ["Get", "Find", "ConvertTo", "Test"] {
            assert_eq!(lookup(verb).map(|v| v.2), Some(Effect::ReadOnly), "{verb}");
        }
    }
}
