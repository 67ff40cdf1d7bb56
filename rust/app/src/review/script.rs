//! The sheet's own style and script, inline (the page must work offline, alone). The
//! page's Content-Security-Policy allows exactly these two blocks, by hash: even a
//! string that escaped escaping could not run.

pub const STYLE: &str = r#"
:root{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1b1f24;background:#f4f5f7}
body{margin:0}
header{position:sticky;top:0;z-index:1;background:#fff;border-bottom:1px solid #d0d4da;padding:12px 20px}
h1{font-size:20px;margin:0 0 2px}
header p{margin:0;color:#555;font-size:13px}
.controls{display:flex;flex-wrap:wrap;gap:10px;margin-top:10px;align-items:center;font-size:13px}
.controls select,.controls input{font:inherit;padding:4px 6px}
#cards{display:grid;grid-template-columns:repeat(auto-fill,minmax(330px,1fr));gap:14px;padding:16px 20px}
.card{background:#fff;border:1px solid #d0d4da;border-radius:8px;padding:12px;overflow-wrap:anywhere}
.card[hidden]{display:none}
.card h2{font-size:16px;margin:0}
.sub,.file,.note{color:#555;font-size:12px;margin:2px 0}
.status{display:inline-block;font-size:12px;font-weight:600;border-radius:10px;padding:1px 8px;margin:6px 0 2px;background:#e4e7eb}
.st-write{background:#d7e8ff;color:#0a3d91}.st-skip-unchanged,.st-unchanged,.st-matched{background:#e2f3e5;color:#1d5e2c}
.st-no-photo{background:#fff1cc;color:#6b4b00}
.st-invalid-image,.st-unmatched,.st-ambiguous,.st-duplicate,.st-missing-file,.st-invalid-row,.st-failed{background:#fde2e1;color:#8a1c15}
.reason{font-size:13px;margin:2px 0 8px}
.view{border-top:1px solid #eceef1;padding-top:8px;margin-top:8px}
.view h3{font-size:12px;font-weight:600;margin:0 0 6px;color:#333}
.pair{display:flex;gap:14px;align-items:flex-start}
figure{margin:0;text-align:center;font-size:11px;color:#555}
figure img,.shapes img{width:96px;height:96px;object-fit:cover;background:#eee;display:block}
.shapes{display:flex;gap:6px}
.shapes .round{border-radius:50%}
.missing{width:96px;height:96px;display:flex;align-items:center;justify-content:center;background:#f0f1f3;color:#777;font-size:11px;border:1px dashed #c6cad0}
img.broken{outline:3px solid #c62828}
.findings{list-style:none;padding:0;margin:8px 0 0}
.findings li{font-size:12px;margin:3px 0;padding:3px 6px;border-left:3px solid #e0a800;background:#fffbea}
.findings b{font-weight:600;margin-right:4px}
#empty{padding:30px;text-align:center;color:#555}
"#;

pub const SCRIPT: &str = r##"
(function () {
  "use strict";
  var box = document.getElementById("cards");
  var cards = Array.prototype.slice.call(box.querySelectorAll(".card"));
  var status = document.getElementById("status");
  var finding = document.getElementById("finding");
  var search = document.getElementById("search");
  var sort = document.getElementById("sort");
  var shown = document.getElementById("shown");
  var empty = document.getElementById("empty");
  function has(select, value) {
    return Array.prototype.some.call(select.options, function (o) { return o.value === value; });
  }
  function findings(card) {
    return card.getAttribute("data-findings") ? card.getAttribute("data-findings").split(" ") : [];
  }
  function key(card) {
    var name = card.getAttribute("data-name");
    switch (sort.value) {
      case "status": return card.getAttribute("data-status") + "\u0000" + name;
      case "findings": return String(1000 - findings(card).length).padStart(4, "0") + name;
      case "file": return card.getAttribute("data-file") + "\u0000" + name;
      default: return name;
    }
  }
  function order() {
    cards.sort(function (a, b) {
      return key(a).localeCompare(key(b)) || (+a.getAttribute("data-index") - +b.getAttribute("data-index"));
    });
    cards.forEach(function (c) { box.appendChild(c); });
  }
  function remember() {
    var p = new URLSearchParams();
    if (status.value) p.set("status", status.value);
    if (finding.value) p.set("finding", finding.value);
    if (search.value) p.set("q", search.value);
    if (sort.value !== "name") p.set("sort", sort.value);
    try { history.replaceState(null, "", "#" + p.toString()); } catch (e) { /* file: URLs in some browsers */ }
  }
  function apply() {
    var s = status.value, f = finding.value, q = search.value.trim().toLowerCase(), n = 0;
    cards.forEach(function (c) {
      var fs = findings(c);
      var ok = (s === "" || c.getAttribute("data-status") === s) &&
        (f === "" || (f === "*" ? fs.length > 0 : fs.indexOf(f) >= 0)) &&
        (q === "" || c.getAttribute("data-text").indexOf(q) >= 0);
      c.hidden = !ok;
      if (ok) n++;
    });
    shown.textContent = String(n);
    empty.hidden = n > 0;
  }
  // The filters can be given in the address (#status=write&finding=blurred&sort=findings),
  // so a link shows exactly the cards meant.
  var given = new URLSearchParams(location.hash.replace(/^#/, ""));
  if (has(status, given.get("status") || "")) status.value = given.get("status") || "";
  if (has(finding, given.get("finding") || "")) finding.value = given.get("finding") || "";
  if (has(sort, given.get("sort") || "")) sort.value = given.get("sort") || "name";
  search.value = given.get("q") || "";
  [status, finding, search].forEach(function (el) {
    el.addEventListener("input", function () { apply(); remember(); });
  });
  sort.addEventListener("input", function () { order(); remember(); });
  // Each new photo is shown as clients show it: a square and a circle (Teams, new
  // Outlook, the Windows sign-in screen). The circle is a copy made here, so the page
  // carries each image once.
  Array.prototype.forEach.call(document.querySelectorAll("img.new"), function (img) {
    var round = img.cloneNode(false);
    round.className = "round";
    round.alt = img.alt + " (as a circle)";
    img.parentNode.appendChild(round);
  });
  order();
  apply();
  // An image the browser cannot decode is marked, not silently blank. Decoding ends
  // when it ends (a loaded machine, a large sheet): the page is ready once every image
  // has been decoded or refused, never before.
  var images = document.querySelectorAll("img");
  var pending = images.length;
  function settled() {
    pending -= 1;
    if (pending === 0) document.body.setAttribute("data-ready", "1");
  }
  if (pending === 0) document.body.setAttribute("data-ready", "1");
  Array.prototype.forEach.call(images, function (img) {
    function ok() {
      img.setAttribute("data-decoded", String(img.naturalWidth));
      settled();
    }
    function failed() {
      img.classList.add("broken");
      settled();
    }
    if (img.decode) img.decode().then(ok, failed);
    else if (img.complete) (img.naturalWidth > 0 ? ok : failed)();
    else { img.addEventListener("load", ok); img.addEventListener("error", failed); }
  });
})();
"##;
