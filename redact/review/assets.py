"""The review page's stylesheet and script, inlined into index.html so it works from file://."""

STYLE = """
body { font: 15px/1.45 system-ui, sans-serif; margin: 0 auto; max-width: 1000px; padding: 0 1em 4em; color: #222; }
header.summary { display: flex; flex-wrap: wrap; column-gap: 1em; border-bottom: 1px solid #ccc; }
header h1 { font-size: 1.4em; margin: 0.4em 0 0; flex-basis: 100%; }
header .facts { flex-basis: 100%; margin: 0.3em 0; }
figure { margin: 0.5em 0; } figcaption { font-weight: 600; font-size: 13px; }
svg text { font-size: 11px; fill: #333; } svg rect { fill: #5b7fb8; }
.bar { position: sticky; top: 0; background: #fff; padding: 0.5em 0; border-bottom: 1px solid #ccc; z-index: 1; }
.keys kbd { border: 1px solid #aaa; border-radius: 3px; padding: 0 4px; font-size: 12px; }
section.rec { scroll-margin-top: 5em; border: 1px solid #ddd; border-left: 6px solid #ddd; border-radius: 4px; \
margin: 1em 0; padding: 0.5em 1em; }
section.rec.current { border-color: #333; box-shadow: 0 0 0 2px #333; }
section.rec[data-verdict="ok"] { border-left-color: #3a9d5d; }
section.rec[data-verdict="missed"] { border-left-color: #c0392b; }
section.rec[data-verdict="over"] { border-left-color: #e6a23c; }
.meta { font-size: 13px; color: #555; }
.field-name { font: 12px monospace; color: #777; margin-top: 0.4em; }
pre { white-space: pre-wrap; word-break: break-word; margin: 0.2em 0; font: 14px/1.5 ui-monospace, monospace; }
mark { background: #ffe08a; border-radius: 3px; padding: 0 1px; }
mark.propagated { background: #ffc2a8; }
.original pre { background: #fff3f3; }
.original .warn { color: #a33; font-size: 12px; margin: 0.3em 0 0; }
.verdict-label { font-weight: 600; }
textarea.note { width: 100%; height: 2.6em; font: 13px system-ui, sans-serif; }
button { font-size: 13px; }
"""

SCRIPT = r"""
(function () {
  "use strict";
  const STORE = "redact-review:" + document.body.dataset.sample;
  const LABELS = {ok: "ok", missed: "missed PII", over: "over-redacted"};
  const records = Array.from(document.querySelectorAll("section.rec"));
  let judged = stored() || {};
  let current = 0;

  function keyOf(rec) { return rec.dataset.line; }
  function stored() {
    try { return JSON.parse(localStorage.getItem(STORE) || "{}"); } catch (e) { return null; }
  }
  function update(key, change) {
    // Change what is stored, not this page's copy of it, so that the verdicts given meanwhile in
    // another tab on the same sample are kept.
    judged = stored() || judged;
    judged[key] = Object.assign({}, judged[key], change);
    save();
  }
  function save() {
    try { localStorage.setItem(STORE, JSON.stringify(judged)); } catch (e) { /* private mode */ }
    show();
  }
  function show() {
    let done = 0;
    records.forEach(function (rec) {
      const entry = judged[keyOf(rec)] || {};
      if (entry.verdict) { rec.dataset.verdict = entry.verdict; done += 1; } else { delete rec.dataset.verdict; }
      rec.querySelector(".verdict-label").textContent = entry.verdict ? LABELS[entry.verdict] : "not judged";
      const note = rec.querySelector("textarea.note");
      if (document.activeElement !== note) { note.value = entry.note || ""; }
    });
    document.getElementById("progress").textContent = done + " / " + records.length + " judged";
  }
  function go(i) {
    if (!records.length) { return; }
    current = Math.max(0, Math.min(records.length - 1, i));
    records.forEach(function (rec, j) { rec.classList.toggle("current", j === current); });
    records[current].scrollIntoView({block: "nearest"});
  }
  function judge(i, verdict) {
    update(keyOf(records[i]), {verdict: verdict});
  }
  function reveal(rec) {
    const template = rec.querySelector("template.original");
    const shown = rec.querySelector("div.original");
    const button = rec.querySelector("button.reveal");
    if (!template) { return; }
    if (shown) { shown.remove(); button.textContent = "reveal original"; return; }
    const box = document.createElement("div");
    box.className = "original";
    box.appendChild(template.content.cloneNode(true));
    template.after(box);
    button.textContent = "hide original";
  }
  function verdictLines() {
    return records.filter(function (rec) { return (judged[keyOf(rec)] || {}).verdict; }).map(function (rec) {
      const entry = judged[keyOf(rec)];
      return JSON.stringify({
        id: rec.dataset.id, line: Number(rec.dataset.line), verdict: entry.verdict, note: entry.note || "",
        weight: Number(rec.dataset.weight), stratum: rec.dataset.stratum,
        types: JSON.parse(rec.dataset.types), sample: document.body.dataset.sample
      });
    });
  }
  function exportVerdicts() {
    const lines = verdictLines();
    const blob = new Blob([lines.join("\n") + (lines.length ? "\n" : "")], {type: "application/x-ndjson"});
    const link = document.createElement("a");
    link.href = URL.createObjectURL(blob);
    link.download = "verdicts.jsonl";
    document.body.appendChild(link);
    link.click();
    setTimeout(function () { URL.revokeObjectURL(link.href); link.remove(); }, 1000);
  }

  records.forEach(function (rec, i) {
    rec.addEventListener("click", function () { go(i); });
    rec.querySelectorAll("button[data-verdict]").forEach(function (button) {
      button.addEventListener("click", function () { judge(i, button.dataset.verdict); });
    });
    const reveal_button = rec.querySelector("button.reveal");
    if (reveal_button) { reveal_button.addEventListener("click", function () { reveal(rec); }); }
    rec.querySelector("textarea.note").addEventListener("input", function (event) {
      update(keyOf(rec), {note: event.target.value});
    });
  });
  document.getElementById("export").addEventListener("click", exportVerdicts);
  document.getElementById("clear").addEventListener("click", function () {
    if (window.confirm("Forget every verdict on this page?")) { judged = {}; save(); }
  });
  window.addEventListener("storage", function (event) {
    if (event.key === STORE || event.key === null) { judged = stored() || {}; show(); }
  });
  // A tab brought forward reads the store again: a background tab may be throttled or miss the
  // storage event of a verdict given in another tab.
  function refresh() { if (!document.hidden) { judged = stored() || judged; show(); } }
  document.addEventListener("visibilitychange", refresh);
  window.addEventListener("focus", refresh);
  document.addEventListener("keydown", function (event) {
    if (event.target.tagName === "TEXTAREA") {
      if (event.key === "Escape") { event.target.blur(); }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    const actions = {
      j: function () { go(current + 1); }, k: function () { go(current - 1); },
      "1": function () { judge(current, "ok"); go(current + 1); },
      "2": function () { judge(current, "missed"); go(current + 1); },
      "3": function () { judge(current, "over"); go(current + 1); },
      n: function () { records[current].querySelector("textarea.note").focus(); },
      r: function () { reveal(records[current]); },
      e: exportVerdicts
    };
    if (records.length && actions[event.key]) { event.preventDefault(); actions[event.key](); }
  });
  window.redactReview = {verdictLines: verdictLines, store: STORE};
  show();
  go(0);
})();
"""
