// The hedgelint page: paste or open a draft, see its flagged passages, accept
// or dismiss rewrites, download the revised draft. The server decides every
// finding and applies every edit; this script only draws what it returns.
// Every piece of the draft reaches the page through textContent or a text
// node, never innerHTML, so markup in a draft is shown as text.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const CATEGORY = { forecast: "Forecast", unverified: "Unverified", certainty: "Certainty" };

  // The draft as the server last returned it, plus the writer's decisions.
  const state = {
    draft: null,       // {name, kind, text, encoding, bom, editable, findings}
    file: null,        // the uploaded Word file (its bytes go back for the download)
    dismissed: new Set(),  // keys that survive re-checks: rule, sentence, flagged text
    chosen: new Map(),     // Word drafts: finding id -> the rewrite its comment names
    active: null,
  };

  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function status(message, isError) {
    const s = $("status");
    s.textContent = message || "";
    s.classList.toggle("error", Boolean(isError));
  }

  async function call(url, options) {
    let response;
    try {
      response = await fetch(url, options);
    } catch (e) {
      throw new Error("The hedgelint server did not answer. Is `hedgelint serve` still running?");
    }
    if (!response.ok) {
      let message = "The server could not handle that request (" + response.status + ").";
      try {
        const body = await response.json();
        if (body && body.error) message = body.error;
      } catch (e) { /* not JSON: keep the generic message */ }
      throw new Error(message);
    }
    return response;
  }

  function postJSON(url, data) {
    return call(url, { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(data) });
  }

  const dismissKey = (f) => f.rule + "\u0000" + f.sentence + "\u0000" + f.text;
  const visible = () => state.draft.findings.filter((f) => !state.dismissed.has(dismissKey(f)));

  // ------------------------------------------------------------ drawing
  function drawDocument() {
    const doc = $("doc");
    doc.replaceChildren();
    doc.classList.toggle("word", state.draft.kind === "docx");
    const text = displayText(state.draft.text, state.draft.kind);
    const shown = visible();
    const cuts = new Set([0, text.length]);
    shown.forEach((f) => { cuts.add(f.offset); cuts.add(f.end); });
    const points = Array.from(cuts).sort((a, b) => a - b);
    for (let i = 0; i + 1 < points.length; i++) {
      const a = points[i], b = points[i + 1];
      const piece = text.slice(a, b);
      const covering = shown.filter((f) => f.offset <= a && b <= f.end);
      if (!covering.length) {
        appendText(doc, piece);
        continue;
      }
      const f = covering[0];
      const mark = el("mark", "hl cat-" + f.category);
      mark.dataset.id = f.id;
      mark.tabIndex = 0;
      mark.setAttribute("role", "button");
      mark.setAttribute("aria-label", CATEGORY[f.category] + ": " + f.message);
      appendText(mark, piece);
      doc.appendChild(mark);
    }
  }

  // A hard-wrapped paragraph reads better reflowed to the window (a phone is
  // narrower than the source's lines): a line break inside running prose is
  // drawn as a space. Same length, so every offset still holds; lines that
  // start a list item, heading, quotation, table row or tag keep their break.
  const BLOCK_START = /^\s*([-*+>#|<]|\d+[.)]\s)/;
  function displayText(text, kind) {
    if (kind === "docx") return text;
    const lines = text.split("\n");
    let out = lines[0];
    for (let i = 1; i < lines.length; i++) {
      const prev = lines[i - 1], line = lines[i];
      const soft = prev.trim() && line.trim() && !/^\s/.test(line) && !BLOCK_START.test(line) && !/^\s*#/.test(prev) && !/^\s*</.test(prev);
      out += (soft ? " " : "\n") + line;
    }
    return out;
  }

  function appendText(parent, piece) {
    // A Word draft's paragraphs are one per line; a blank line between them reads better.
    if (state.draft.kind === "docx") piece = piece.split("\n").join("\n\n");
    parent.appendChild(document.createTextNode(piece));
  }

  function drawSummary() {
    const shown = visible();
    const counts = {};
    shown.forEach((f) => { counts[f.category] = (counts[f.category] || 0) + 1; });
    const parts = Object.keys(CATEGORY).filter((c) => counts[c]).map((c) => counts[c] + " " + CATEGORY[c].toLowerCase());
    $("doc-name").textContent = state.draft.name;
    $("summary").textContent = shown.length
      ? shown.length + (shown.length === 1 ? " passage" : " passages") + " to review: " + parts.join(", ")
      : "Nothing flagged. The draft's claims are hedged or sourced as far as hedgelint can tell.";
    if (state.draft.kind === "docx" && shown.length) {
      $("summary").textContent += ". A Word draft is not rewritten: the download adds each suggestion as a Word comment.";
    }
    $("edit").hidden = !state.draft.editable;
    $("download").textContent = state.draft.kind === "docx" ? "Download with comments" : "Download revised draft";
  }

  function drawCards() {
    const cards = $("cards");
    cards.replaceChildren();
    const shown = visible();
    if (!shown.length) {
      cards.appendChild(el("p", "empty", "No findings left to review."));
      return;
    }
    shown.forEach((f) => cards.appendChild(card(f)));
  }

  function card(f) {
    const c = el("section", "card cat-" + f.category);
    c.id = "card-" + f.id;
    c.dataset.id = f.id;
    const head = el("div", "card-head");
    head.appendChild(el("span", "chip cat-" + f.category, CATEGORY[f.category] || f.category));
    head.appendChild(el("span", "rule", f.rule + " " + f.name));
    c.appendChild(head);
    c.appendChild(el("p", "message", f.message));
    c.appendChild(el("blockquote", "flagged", f.sentence || f.text));

    const rewrites = el("div", "rewrites");
    if (f.rewrites.length) {
      rewrites.appendChild(el("h3", null, state.draft.editable ? "Suggested rewrites" : "Suggestion for the Word comment"));
      f.rewrites.forEach((r, n) => rewrites.appendChild(rewrite(f, r, n)));
    } else {
      rewrites.appendChild(el("p", "none", "No rewrite to offer: name a source or hedge the claim yourself."));
    }
    c.appendChild(rewrites);

    const why = el("details", "why");
    why.appendChild(el("summary", null, "Why it fired"));
    const list = el("ul");
    f.why.forEach((w) => list.appendChild(el("li", null, w)));
    why.appendChild(list);
    c.appendChild(why);

    if (f.explanation) {
      const more = el("details", "explain");
      more.appendChild(el("summary", null, "Why it matters"));
      more.appendChild(el("p", null, f.explanation));
      if (f.link && /^https?:\/\//.test(f.link)) {
        const a = el("a", null, "Read more about " + f.rule);
        a.href = f.link;
        a.rel = "noopener noreferrer";
        a.target = "_blank";
        more.appendChild(a);
      }
      c.appendChild(more);
    }

    const actions = el("div", "card-actions");
    const back = el("button", "goto", "Show in the draft");  // phones only (CSS): the text is a screen away
    back.type = "button";
    back.addEventListener("click", (ev) => {
      ev.stopPropagation();
      const mark = document.querySelector('mark.hl[data-id="' + CSS.escape(f.id) + '"]');
      if (mark) { mark.scrollIntoView({ block: "center", behavior: "smooth" }); mark.focus({ preventScroll: true }); }
    });
    actions.appendChild(back);
    const dismiss = el("button", "dismiss", "Dismiss");
    dismiss.type = "button";
    dismiss.addEventListener("click", (ev) => { ev.stopPropagation(); dismissFinding(f); });
    actions.appendChild(dismiss);
    c.appendChild(actions);
    c.addEventListener("click", () => activate(f.id, "doc"));
    return c;
  }

  function rewrite(f, r, n) {
    const row = el("div", "rewrite" + (r.safe ? "" : " unsafe"));
    const change = el("p", "change");
    if (r.old) change.appendChild(el("del", null, r.old));
    if (r.old && r.new) change.appendChild(document.createTextNode(" \u2192 "));
    if (r.new) change.appendChild(el("ins", null, r.new.trim()));
    if (!r.new) change.appendChild(el("span", "note", " (delete)"));
    row.appendChild(change);
    if (r.reads) row.appendChild(el("p", "reads", r.reads));
    if (!r.safe) row.appendChild(el("p", "note", "Check the wording before you keep it."));
    const docx = !state.draft.editable;
    const picked = docx && (state.chosen.get(f.id) || 0) === n;
    const button = el("button", "accept" + (picked ? " picked" : ""), docx ? (picked ? "In the comment" : "Use in the comment") : "Accept");
    button.type = "button";
    button.addEventListener("click", (ev) => { ev.stopPropagation(); acceptRewrite(f, n); });
    row.appendChild(button);
    return row;
  }

  function draw() {
    drawDocument();
    drawCards();
    drawSummary();
    $("input").hidden = true;
    $("review").hidden = false;
  }

  function activate(id, scrollTarget) {
    state.active = id;
    document.querySelectorAll(".active").forEach((n) => n.classList.remove("active"));
    const marks = Array.from(document.querySelectorAll("mark.hl")).filter((m) => m.dataset.id === id);
    marks.forEach((m) => m.classList.add("active"));
    const c = document.getElementById("card-" + id);
    if (c) c.classList.add("active");
    const target = scrollTarget === "card" ? c : marks[0];
    // one column (a phone): the card is far below the text, so bring it to the top
    const narrow = window.matchMedia("(max-width: 900px)").matches;
    // a card touched on a phone stays put (the text is a screen away); on a desktop the text is beside it
    if (narrow && scrollTarget === "doc") return;
    if (target) target.scrollIntoView({ block: narrow ? "start" : "nearest", behavior: "smooth" });
  }

  // ------------------------------------------------------------ actions
  async function checkPasted() {
    const text = $("draft").value;
    if (!text.trim()) {
      status("Paste some text first, or open a file.", true);
      return;
    }
    const kind = $("kind").value;
    const current = state.draft;
    const name = current && current.editable ? current.name : ({ markdown: "draft.md", html: "draft.html" }[kind] || "draft.txt");
    status("Checking...");
    try {
      const response = await postJSON("/api/check", { text: text, kind: kind, name: name });
      const draft = await response.json();
      if (current && current.editable && current.name === name) {
        draft.encoding = current.encoding;
        draft.bom = current.bom;
      }
      state.draft = draft;
      state.file = null;
      state.chosen.clear();
      draw();
      status("");
    } catch (e) {
      status(e.message, true);
    }
  }

  async function openFile(file) {
    if (!file) return;
    if (file.size > 10 * 1024 * 1024) {
      status("The file is too large: drafts are limited to 10 MB. Split it, or check it with `hedgelint check`.", true);
      return;
    }
    status("Checking " + file.name + "...");
    try {
      const response = await call("/api/upload?name=" + encodeURIComponent(file.name), {
        method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: file,
      });
      state.draft = await response.json();
      state.file = state.draft.kind === "docx" ? file : null;
      state.dismissed.clear();
      state.chosen.clear();
      if (state.draft.editable) {
        $("draft").value = state.draft.text;
        $("kind").value = state.draft.kind;
      }
      draw();
      status("");
    } catch (e) {
      status(e.message, true);
    } finally {
      $("file").value = "";
    }
  }

  async function acceptRewrite(f, n) {
    if (!state.draft.editable) {
      state.chosen.set(f.id, n);
      drawCards();
      activate(f.id, "card");
      status("The Word comment for " + f.rule + " will suggest this rewrite.");
      return;
    }
    status("Applying the rewrite...");
    try {
      const d = state.draft;
      const response = await postJSON("/api/accept", { text: d.text, kind: d.kind, name: d.name, id: f.id, choice: n });
      const fresh = await response.json();
      fresh.encoding = d.encoding;
      fresh.bom = d.bom;
      state.draft = fresh;
      $("draft").value = fresh.text;
      draw();
      status("Rewrite applied. " + fresh.findings.length + " finding" + (fresh.findings.length === 1 ? "" : "s") + " after re-checking.");
    } catch (e) {
      status(e.message, true);
    }
  }

  function dismissFinding(f) {
    state.dismissed.add(dismissKey(f));
    draw();
    status("Dismissed " + f.rule + ". It stays dismissed while you work on this draft.");
  }

  async function download() {
    const d = state.draft;
    status("Preparing the download...");
    try {
      let response;
      if (d.kind === "docx") {
        const decisions = {
          accepted: Object.fromEntries(state.chosen),
          dismissed: d.findings.filter((f) => state.dismissed.has(dismissKey(f))).map((f) => f.id),
        };
        const body = new Blob([JSON.stringify(decisions) + "\n", state.file]);
        response = await call("/api/download-docx?name=" + encodeURIComponent(d.name), {
          method: "POST", headers: { "Content-Type": "application/octet-stream" }, body: body,
        });
      } else {
        response = await postJSON("/api/download", { text: d.text, kind: d.kind, name: d.name, encoding: d.encoding, bom: d.bom });
      }
      const blob = await response.blob();
      const a = el("a");
      a.href = URL.createObjectURL(blob);
      a.download = fileName(response, d.name);
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(a.href), 10000);
      status("Downloaded " + a.download + ".");
    } catch (e) {
      status(e.message, true);
    }
  }

  function fileName(response, fallback) {
    const header = response.headers.get("Content-Disposition") || "";
    const m = /filename\*=UTF-8''([^;]+)/.exec(header);
    return m ? decodeURIComponent(m[1]) : fallback;
  }

  function editText() {
    $("draft").value = state.draft.text;
    $("kind").value = state.draft.kind;
    $("review").hidden = true;
    $("input").hidden = false;
    $("draft").focus();
  }

  function newDraft() {
    state.draft = null;
    state.file = null;
    state.dismissed.clear();
    state.chosen.clear();
    $("draft").value = "";
    $("review").hidden = true;
    $("input").hidden = false;
    status("");
    $("draft").focus();
  }

  document.addEventListener("DOMContentLoaded", () => {
    $("check").addEventListener("click", checkPasted);
    $("file").addEventListener("change", (ev) => openFile(ev.target.files[0]));
    $("download").addEventListener("click", download);
    $("edit").addEventListener("click", editText);
    $("new").addEventListener("click", newDraft);
    $("draft").addEventListener("keydown", (ev) => {
      if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey)) checkPasted();
    });
    const doc = $("doc");
    doc.addEventListener("click", (ev) => {
      const mark = ev.target.closest("mark.hl");
      if (mark) activate(mark.dataset.id, "card");
    });
    doc.addEventListener("keydown", (ev) => {
      const mark = ev.target.closest("mark.hl");
      if (mark && (ev.key === "Enter" || ev.key === " ")) {
        ev.preventDefault();
        activate(mark.dataset.id, "card");
      }
    });
  });
})();
