// The SPARQL page: highlighting, examples, the query in the URL, results as a table.
"use strict";
(() => {
  const form = document.getElementById("sparql-form");
  if (!form) return;
  const query = document.getElementById("query");
  const code = document.getElementById("highlight");
  const results = document.getElementById("results");
  const error = document.getElementById("sparql-error");
  const downloads = document.getElementById("downloads");
  const endpoint = form.dataset.endpoint, dataBase = form.dataset.base, local = form.dataset.local;

  const TOKENS = [
    ["comment", /#[^\n]*/y],
    ["iri", /<[^<>"{}|^`\\\s]*>/y],
    ["string", /"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'/y],
    ["variable", /[?$][A-Za-z_][\w]*/y],
    ["keyword", /\b(?:SELECT|CONSTRUCT|DESCRIBE|ASK|WHERE|PREFIX|BASE|FILTER|OPTIONAL|UNION|GRAPH|VALUES|BIND|AS|ORDER|BY|GROUP|HAVING|LIMIT|OFFSET|DISTINCT|REDUCED|MINUS|NOT|EXISTS|IN|FROM|NAMED|ASC|DESC|COUNT|SUM|MIN|MAX|AVG|SAMPLE|GROUP_CONCAT|SEPARATOR|a)\b/iy],
    ["pname", /[A-Za-z][\w-]*:[\w.-]*/y],
  ];
  const escape = (text) => text.replace(/[&<>]/g, (c) => ({"&": "&amp;", "<": "&lt;", ">": "&gt;"})[c]);
  function highlight() {
    const text = query.value;
    let out = "", at = 0, plain = "";
    while (at < text.length) {
      let matched = null;
      for (const [kind, pattern] of TOKENS) {
        pattern.lastIndex = at;
        const m = pattern.exec(text);
        if (m && m[0].length) { matched = [kind, m[0]]; break; }
      }
      if (matched) {
        out += escape(plain) + `<span class="tok-${matched[0]}">${escape(matched[1])}</span>`;
        plain = ""; at += matched[1].length;
      } else { plain += text[at]; at += 1; }
    }
    code.innerHTML = out + escape(plain) + "\n";
  }
  query.addEventListener("input", highlight);
  query.addEventListener("scroll", () => { code.parentElement.scrollTop = query.scrollTop; });
  query.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) { event.preventDefault(); form.requestSubmit(); }
  });
  document.getElementById("examples").addEventListener("change", (event) => {
    const template = document.getElementById(`example-${event.target.value}`);
    if (template) { query.value = template.content.textContent; highlight(); }
  });

  const localHref = (iri) => iri.startsWith(dataBase) ? local + iri.slice(dataBase.length) : iri;
  function cell(binding) {
    const td = document.createElement("td");
    if (!binding) return td;
    if (binding.type === "uri" && /^https?:\/\//i.test(binding.value)) {
      // only the web's own schemes become links: never a javascript: or data: IRI
      const a = document.createElement("a");
      a.href = localHref(binding.value); a.textContent = binding.value; td.appendChild(a);
    } else {
      td.textContent = binding.value;
      if (binding["xml:lang"]) td.lang = binding["xml:lang"];
    }
    return td;
  }
  function showError(detail) {
    error.textContent = detail;
    const at = /(?:at|line) (\d+):(\d+)/.exec(detail);
    if (at) {
      const lines = query.value.split("\n"), line = Number(at[1]), column = Number(at[2]);
      let offset = 0;
      for (let i = 0; i < line - 1 && i < lines.length; i++) offset += lines[i].length + 1;
      query.focus(); query.setSelectionRange(offset + column - 1, offset + column);
      error.textContent = `${detail} (line ${line}, column ${column})`;
    }
  }
  async function run() {
    error.textContent = ""; results.textContent = "Running…"; downloads.hidden = true;
    const url = new URL(window.location.href);
    url.searchParams.set("query", query.value);
    history.replaceState(null, "", url);
    const response = await fetch(endpoint, {
      method: "POST", body: new URLSearchParams({query: query.value}),
      headers: {"Accept": "application/sparql-results+json, text/turtle;q=0.9"},
    });
    const text = await response.text();
    results.textContent = "";
    if (!response.ok) {
      let detail = text;
      try { detail = JSON.parse(text).detail; } catch (_) { /* not a problem document */ }
      showError(detail); return;
    }
    const graph = !(response.headers.get("content-type") || "").includes("json");
    for (const a of downloads.querySelectorAll("a")) {
      a.hidden = graph ? a.classList.contains("select-only") : a.classList.contains("graph-only");
      a.href = `${endpoint}?${new URLSearchParams({query: query.value, format: a.dataset.format})}`;
    }
    downloads.hidden = false;
    if (graph) { const pre = document.createElement("pre"); pre.textContent = text; results.appendChild(pre); return; }
    const data = JSON.parse(text);
    if ("boolean" in data) { results.textContent = String(data.boolean); return; }
    const table = document.createElement("table"), head = table.createTHead().insertRow();
    for (const name of data.head.vars) { const th = document.createElement("th"); th.scope = "col"; th.textContent = name; head.appendChild(th); }
    const body = table.createTBody();
    for (const row of data.results.bindings) {
      const tr = body.insertRow();
      for (const name of data.head.vars) tr.appendChild(cell(row[name]));
    }
    const caption = table.createCaption(); caption.textContent = `${data.results.bindings.length} rows`;
    results.appendChild(table);
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  highlight();
  if (new URL(window.location.href).searchParams.has("query")) run();
})();
