//! Renders a sheet as one HTML page.

use std::collections::BTreeMap;
use std::fmt::Write;

use base64::Engine;

use super::escape::{html, token};
use super::model::{Card, CurrentPhoto, Image, ReviewSheet, TargetView};
use super::script::{SCRIPT, STYLE};

/// The whole page. Nothing in it refers outside itself.
pub fn render(sheet: &ReviewSheet) -> String {
    let mut out = String::with_capacity(4096 + sheet.cards.len() * 8192);
    let csp = format!(
        "default-src 'none'; img-src data:; style-src '{}'; script-src '{}'; base-uri 'none'; form-action 'none'",
        csp_hash(STYLE),
        csp_hash(SCRIPT)
    );
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{csp}\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <meta name=\"referrer\" content=\"no-referrer\">\
         <title>{}</title><style>{STYLE}</style></head>\n<body>\n",
        html(&sheet.title)
    );
    header(&mut out, sheet);
    out.push_str("<main id=\"cards\">\n");
    for (index, card) in sheet.cards.iter().enumerate() {
        card_html(&mut out, index, card);
    }
    out.push_str("</main>\n<p id=\"empty\" hidden>No card matches these filters.</p>\n");
    let _ = write!(out, "<script>{SCRIPT}</script>\n</body></html>\n");
    out
}

/// A CSP source expression allowing exactly `block` (SHA-256, base64).
fn csp_hash(block: &str) -> String {
    use sha2::Digest;
    let digest = sha2::Sha256::digest(block.as_bytes());
    format!("sha256-{}", base64::engine::general_purpose::STANDARD.encode(digest))
}

fn header(out: &mut String, sheet: &ReviewSheet) {
    let mut statuses: BTreeMap<String, (String, usize)> = BTreeMap::new();
    let mut kinds: BTreeMap<String, (String, usize)> = BTreeMap::new();
    for card in &sheet.cards {
        statuses
            .entry(token(&card.status))
            .or_insert((card.status.clone(), 0))
            .1 += 1;
        let mut seen: Vec<String> = card.findings.iter().map(|f| token(&f.kind)).collect();
        seen.sort();
        seen.dedup();
        for (t, f) in seen
            .iter()
            .filter_map(|t| card.findings.iter().find(|f| &token(&f.kind) == t).map(|f| (t, f)))
        {
            kinds.entry(t.clone()).or_insert((f.kind.clone(), 0)).1 += 1;
        }
    }
    let with_findings = sheet.cards.iter().filter(|c| !c.findings.is_empty()).count();
    let _ = write!(
        out,
        "<header><h1>{}</h1><p>{}</p>\n<div class=\"controls\">\
         <label>Status <select id=\"status\"><option value=\"\">all ({})</option>",
        html(&sheet.title),
        html(&sheet.subtitle),
        sheet.cards.len()
    );
    for (t, (label, n)) in &statuses {
        let _ = write!(out, "<option value=\"{t}\">{} ({n})</option>", html(label));
    }
    let _ = write!(
        out,
        "</select></label> <label>Warning <select id=\"finding\"><option value=\"\">any or none</option>\
         <option value=\"*\">with a warning ({with_findings})</option>"
    );
    for (t, (label, n)) in &kinds {
        let _ = write!(out, "<option value=\"{t}\">{} ({n})</option>", html(label));
    }
    out.push_str(
        "</select></label> <label>Find <input id=\"search\" type=\"search\" placeholder=\"name, account or file\"></label> \
         <label>Sort <select id=\"sort\"><option value=\"name\">by name</option><option value=\"status\">by status</option>\
         <option value=\"findings\">most warnings first</option><option value=\"file\">by file</option></select></label> ",
    );
    let _ = writeln!(
        out,
        "<span><b id=\"shown\">{}</b> shown</span></div></header>",
        sheet.cards.len()
    );
}

fn card_html(out: &mut String, index: usize, card: &Card) {
    let mut kinds: Vec<String> = card.findings.iter().map(|f| token(&f.kind)).collect();
    kinds.sort();
    kinds.dedup();
    let text = [
        Some(card.title.as_str()),
        card.subtitle.as_deref(),
        card.file.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect::<Vec<_>>()
    .join(" ")
    .to_lowercase();
    let _ = write!(
        out,
        "<article class=\"card\" data-index=\"{index}\" data-status=\"{}\" data-findings=\"{}\" data-name=\"{}\" data-file=\"{}\" data-text=\"{}\">\
         <h2>{}</h2>",
        token(&card.status),
        kinds.join(" "),
        html(&card.title.to_lowercase()),
        html(&card.file.clone().unwrap_or_default().to_lowercase()),
        html(&text),
        html(&card.title)
    );
    if let Some(sub) = &card.subtitle {
        let _ = write!(out, "<p class=\"sub\">{}</p>", html(sub));
    }
    let _ = write!(
        out,
        "<span class=\"status st-{}\">{}</span><p class=\"reason\">{}</p>",
        token(&card.status),
        html(&card.status),
        html(&card.reason)
    );
    for view in &card.views {
        view_html(out, view);
    }
    if !card.findings.is_empty() {
        out.push_str("<ul class=\"findings\">");
        for f in &card.findings {
            let _ = write!(
                out,
                "<li class=\"f-{}\"><b>{}</b>{}</li>",
                token(&f.kind),
                html(&f.kind),
                html(&f.message)
            );
        }
        out.push_str("</ul>");
    }
    if let Some(file) = &card.file {
        let _ = write!(out, "<p class=\"file\">{}</p>", html(file));
    }
    out.push_str("</article>\n");
}

fn view_html(out: &mut String, view: &TargetView) {
    let _ = write!(
        out,
        "<section class=\"view\"><h3>{}</h3><div class=\"pair\">",
        html(&view.target)
    );
    out.push_str("<figure><div class=\"shapes\">");
    match &view.new_photo {
        Some(img) => image(out, img, "new", "the new photo"),
        None => out.push_str("<div class=\"missing\">nothing to write</div>"),
    }
    out.push_str("</div><figcaption>new</figcaption></figure><figure>");
    match &view.current {
        CurrentPhoto::Photo(img) => image(out, img, "current", "the photo there now"),
        CurrentPhoto::None => out.push_str("<div class=\"missing\">no photo</div>"),
        CurrentPhoto::Unknown => out.push_str("<div class=\"missing\">not read</div>"),
    }
    out.push_str("<figcaption>now</figcaption></figure></div>");
    if let Some(note) = &view.note {
        let _ = write!(out, "<p class=\"note\">{}</p>", html(note));
    }
    out.push_str("</section>");
}

fn image(out: &mut String, img: &Image, class: &str, alt: &str) {
    let _ = write!(
        out,
        "<img class=\"{class}\" alt=\"{alt}\" src=\"data:{};base64,{}\">",
        img.mime,
        base64::engine::general_purpose::STANDARD.encode(&img.bytes)
    );
}

#[cfg(test)]
mod tests {
    use super::super::model::Finding;
    use super::*;

    fn hostile_card() -> Card {
        Card {
            title: "<script>alert(1)</script>".into(),
            subtitle: Some("\"><img src=x onerror=alert(2)>".into()),
            file: Some("x'onmouseover='alert(3).jpg".into()),
            status: "write\"><b>".into(),
            reason: "</textarea><svg onload=alert(4)>".into(),
            findings: vec![Finding {
                kind: "blurred\" onclick=\"x".into(),
                message: "<i>soft</i>".into(),
            }],
            views: vec![TargetView {
                target: "AD <b>".into(),
                new_photo: Some(Image::jpeg(vec![0xFF, 0xD8, 0xFF, 0xD9])),
                current: CurrentPhoto::None,
                note: Some("&amp;".into()),
            }],
        }
    }

    #[test]
    fn user_strings_never_become_markup_and_nothing_leaves_the_page() {
        let page = render(&ReviewSheet {
            title: "Review <1>".into(),
            subtitle: "from users.csv".into(),
            cards: vec![hostile_card()],
        });
        for bad in [
            "<script>alert",
            "<img src=x",
            "onerror=alert(2)>",
            "<svg",
            "<i>soft",
            "' onmouseover",
            "write\"><b>",
            "AD <b>",
        ] {
            assert!(!page.contains(bad), "{bad} leaked");
        }
        // Exactly one script element: ours.
        assert_eq!(page.matches("<script").count(), 1);
        // Nothing is fetched: no http(s) or protocol-relative reference anywhere.
        for remote in ["http://", "https://", "src=\"//", "href="] {
            assert!(!page.contains(remote), "{remote}");
        }
        assert!(page.contains("data:image/jpeg;base64,/9j/"));
        assert!(page.contains("script-src 'sha256-"));
    }
}
