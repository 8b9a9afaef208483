// Curation pages: a curator gives a token (kept in this tab only), then confirms, rejects or
// adds positions, or corrects an instrument's fields; each act is a W3C Web Annotation POSTed
// to /annotations/. A visitor without
// a token sees the marks, not the controls.
"use strict";

(function () {
  const form = document.getElementById("curator");
  if (!form) return;
  const KEY = "iisgraph-curator-token";
  const CONTEXT = "http://www.w3.org/ns/anno.jsonld";
  const CONTEXT_CHARS = 32;
  const container = form.dataset.annotations;
  const said = document.getElementById("curator-said");
  const leave = document.getElementById("curator-leave");
  const input = document.getElementById("curator-token");

  function token() { return sessionStorage.getItem(KEY); }

  function showControls(on) {
    document.querySelectorAll(".controls").forEach(function (el) { el.hidden = !on; });
    leave.hidden = !on;
    input.parentElement.classList.toggle("curating", on);
  }

  async function check(candidate) {
    const answer = await fetch(container + "me", { headers: { Authorization: "Bearer " + candidate } });
    if (!answer.ok) {
      const problem = await answer.json().catch(function () { return {}; });
      throw new Error(problem.detail || answer.statusText);
    }
    return (await answer.json()).name;
  }

  async function start(candidate) {
    try {
      const name = await check(candidate);
      sessionStorage.setItem(KEY, candidate);
      said.textContent = name;
      said.dataset.curator = name;
      showControls(true);
    } catch (error) {
      sessionStorage.removeItem(KEY);
      said.textContent = error.message;
      showControls(false);
    }
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (input.value.trim()) start(input.value.trim());
  });
  leave.addEventListener("click", function () {
    sessionStorage.removeItem(KEY);
    said.textContent = "";
    showControls(false);
  });
  if (token()) start(token());

  function quoteSelector(quote) {
    const selectors = [{ type: "TextQuoteSelector", exact: quote.exact, prefix: quote.prefix || "", suffix: quote.suffix || "" }];
    if (Number.isInteger(quote.start) && Number.isInteger(quote.end)) {
      selectors.push({ type: "TextPositionSelector", start: quote.start, end: quote.end });
    }
    return selectors;
  }

  function act(motivation, source, quote, bodies) {
    return {
      "@context": CONTEXT,
      type: "Annotation",
      motivation: motivation,
      target: { source: source, selector: quoteSelector(quote) },
      body: bodies,
    };
  }

  function concept(iri, purpose) { return { type: "SpecificResource", source: iri, purpose: purpose }; }

  async function send(annotation) {
    const answer = await fetch(container, {
      method: "POST",
      headers: { Authorization: "Bearer " + token(), "Content-Type": "application/ld+json" },
      body: JSON.stringify(annotation),
    });
    if (!answer.ok) {
      const problem = await answer.json().catch(function () { return {}; });
      throw new Error(problem.detail || answer.statusText);
    }
    return answer.json();
  }

  function verdict(source, quote, topic, stance, value, reason) {
    const bodies = [concept(topic, "identifying"), concept(stance, "identifying"),
      { type: "TextualBody", value: value, purpose: "assessing" }];
    if (reason) bodies.push({ type: "TextualBody", value: reason, purpose: "classifying" });
    return act("assessing", source, quote, bodies);
  }

  function failed(error) { said.textContent = error.message; }

  // -- a source's page: its positions in the text --------------------------------------------
  const review = document.getElementById("review");
  const rawTemplate = document.getElementById("source-raw");
  const raw = rawTemplate ? rawTemplate.content.textContent : "";

  function quoteAt(start, end) {
    return {
      exact: raw.slice(start, end),
      prefix: raw.slice(Math.max(0, start - CONTEXT_CHARS), start),
      suffix: raw.slice(end, end + CONTEXT_CHARS),
      start: start,
      end: end,
    };
  }

  if (review) {
    const source = review.dataset.source;
    document.querySelectorAll("tr[data-position] button[data-verdict]").forEach(function (button) {
      button.addEventListener("click", function () {
        const row = button.closest("tr");
        const reason = row.querySelector("select[data-reason]").value;
        const quote = quoteAt(Number(row.dataset.start), Number(row.dataset.end));
        send(verdict(source, quote, row.dataset.topic, row.dataset.stance, button.dataset.verdict, reason))
          .then(function () { location.reload(); }, failed);
      });
    });

    const text = document.getElementById("source-text");
    const shown = document.getElementById("selected-evidence");
    const submit = document.getElementById("add-submit");
    let chosen = null;

    // where the selection stands in the raw text: the characters before it in the page's text
    // (a <pre> drops one leading newline of the text it shows)
    function selected() {
      const selection = window.getSelection();
      if (!selection.rangeCount || selection.isCollapsed) return null;
      const range = selection.getRangeAt(0);
      if (!text.contains(range.startContainer) || !text.contains(range.endContainer)) return null;
      const before = document.createRange();
      before.setStart(text, 0);
      before.setEnd(range.startContainer, range.startOffset);
      const shift = raw.startsWith("\n") && !text.textContent.startsWith("\n") ? 1 : 0;
      let start = before.toString().length + shift;
      let end = start + range.toString().length;
      while (start < end && /\s/.test(raw[start])) start += 1;
      while (end > start && /\s/.test(raw[end - 1])) end -= 1;
      return end > start ? quoteAt(start, end) : null;
    }

    document.addEventListener("selectionchange", function () {
      const found = selected();
      if (!found) return;
      chosen = found;
      shown.textContent = found.exact;
      submit.disabled = false;
    });

    document.getElementById("add-position").addEventListener("submit", function (event) {
      event.preventDefault();
      if (!chosen) return;
      const topic = document.getElementById("add-topic").value;
      const stance = document.getElementById("add-stance").value;
      send(act("tagging", source, chosen, [concept(topic, "tagging"), concept(stance, "tagging")]))
        .then(function () { location.reload(); }, failed);
    });
  }

  // -- an instrument's fields: the ones the curator changed, as one editing act ---------------
  const correcting = document.getElementById("correct-instrument");
  if (correcting) {
    const instrument = document.getElementById("instrument-fields").dataset.instrument;
    const field = function (id) { return document.getElementById(id); };
    const value = function (iri) { return { type: "SpecificResource", source: iri, purpose: "editing" }; };

    correcting.addEventListener("submit", function (event) {
      event.preventDefault();
      const bodies = [];
      const date = field("correct-date");
      if (date.value.trim() && date.value.trim() !== date.dataset.current) {
        bodies.push({ type: "TextualBody", value: date.value.trim(), purpose: "editing" });
      }
      ["correct-type", "correct-status", "correct-place"].forEach(function (id) {
        const chosen = field(id);
        if (chosen.value && chosen.value !== chosen.dataset.current) bodies.push(value(chosen.value));
      });
      const issuers = field("correct-issuers");
      const picked = Array.from(issuers.selectedOptions).map(function (o) { return o.value; }).sort();
      const before = issuers.dataset.current.split(" ").filter(Boolean).sort();
      if (picked.length && picked.join(" ") !== before.join(" ")) picked.forEach(function (iri) { bodies.push(value(iri)); });
      if (!bodies.length) { said.textContent = correcting.dataset.unchanged; return; }
      const note = field("correct-note").value.trim();
      if (note) bodies.push({ type: "TextualBody", value: note, purpose: "commenting" });
      send({ "@context": CONTEXT, type: "Annotation", motivation: "editing", target: { source: instrument }, body: bodies })
        .then(function () { location.reload(); }, failed);
    });
  }

  // -- the review queue: keyboard first ------------------------------------------------------
  const queue = document.getElementById("queue");
  if (queue) {
    const items = function () { return Array.from(queue.querySelectorAll("li.queued:not(.done)")); };

    function judge(item, value) {
      const quote = { exact: item.dataset.exact, prefix: item.dataset.prefix, suffix: item.dataset.suffix };
      return send(verdict(item.dataset.source, quote, item.dataset.topic, item.dataset.stance, value, ""))
        .then(function () {
          const next = items()[items().indexOf(item) + 1];
          item.classList.add("done", value);
          item.setAttribute("aria-label", value);
          if (next) next.focus();
        }, failed);
    }

    queue.querySelectorAll("button[data-verdict]").forEach(function (button) {
      button.addEventListener("click", function () { judge(button.closest("li"), button.dataset.verdict); });
    });

    document.addEventListener("keydown", function (event) {
      if (!token() || event.ctrlKey || event.metaKey || event.altKey) return;
      if (["INPUT", "SELECT", "TEXTAREA"].includes(document.activeElement.tagName)) return;
      const list = items();
      if (!list.length) return;
      const at = list.indexOf(document.activeElement);
      const current = at >= 0 ? list[at] : null;
      if (event.key === "j") { (list[at + 1] || list[0]).focus(); event.preventDefault(); }
      else if (event.key === "k") { (list[Math.max(at - 1, 0)]).focus(); event.preventDefault(); }
      else if (event.key === "c" && current) { judge(current, "confirmed"); event.preventDefault(); }
      else if (event.key === "r" && current) { judge(current, "rejected"); event.preventDefault(); }
      else if (event.key === "o" && current) { location.href = current.dataset.review; }
    });
  }
})();
