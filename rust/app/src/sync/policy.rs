//! Whether a copied photo should replace what the target has: only-missing, never a
//! worse photo over a better one, and the default "replace where different".

use adphoto_core::directory::Current;
use adphoto_core::photo::jpeg_dimensions;
use adphoto_core::plan::Action;

use super::request::SyncRequest;

/// The shorter side of a photo, when it can be told.
pub fn side(jpeg: &[u8]) -> Option<u32> {
    jpeg_dimensions(jpeg).map(|(w, h)| w.min(h))
}

/// What to do before converting: `Some` when the user is left alone.
pub fn before_converting(request: &SyncRequest, now: &Current, source_side: Option<u32>) -> Option<(Action, String)> {
    if request.only_missing && now.has_photo() {
        return Some((
            Action::SkipHasPhoto,
            "the user already has a photo there (--only-missing fills gaps only)".into(),
        ));
    }
    if request.allow_smaller {
        return None;
    }
    let (Some(source), Some(there)) = (source_side, now.first().and_then(side)) else {
        return None;
    };
    (source < there).then(|| {
        (
            Action::SkipWorse,
            format!(
                "the source photo is {source} px, the one there {there} px: a worse photo does not \
                 replace a better one (--allow-smaller does)"
            ),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_smaller_source_never_replaces_a_larger_photo_unless_asked() {
        let big = jpeg_of_side(648);
        let now = Current::Photo(vec![big]);
        let request = SyncRequest::default();
        let (action, reason) = before_converting(&request, &now, Some(96)).expect("skipped");
        assert_eq!(action, Action::SkipWorse);
        assert!(reason.contains("96 px") && reason.contains("648 px"), "{reason}");
        assert_eq!(before_converting(&request, &now, Some(648)), None);
        let allowed = SyncRequest {
            allow_smaller: true,
            ..SyncRequest::default()
        };
        assert_eq!(before_converting(&allowed, &now, Some(96)), None);
        let only = SyncRequest {
            only_missing: true,
            ..SyncRequest::default()
        };
        assert_eq!(
            before_converting(&only, &now, Some(1000)).unwrap().0,
            Action::SkipHasPhoto
        );
        assert_eq!(before_converting(&only, &Current::Absent, Some(10)), None);
    }

    /// A minimal baseline JPEG header of `n`x`n` (SOI + SOF0): enough for its size.
    fn jpeg_of_side(n: u16) -> Vec<u8> {
        let mut j = vec![0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x11, 0x08];
        j.extend_from_slice(&n.to_be_bytes());
        j.extend_from_slice(&n.to_be_bytes());
        j.extend_from_slice(&[3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1, 0xFF, 0xD9]);
        j
    }
}
