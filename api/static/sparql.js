// The SPARQL page: YASGUI's editor (Yasqe) and results (Yasr) from api/static/vendor, with
// what this page adds to them: labels beside IRIs, the first rows of a result over the limit,
// a chart (Chart.js) and a map of states (chartjs-chart-geo on world-atlas), a history kept in
// this browser, and links that carry the query (compressed with lz-string when long).
"use strict";
(() => {
  const form = document.getElementById("sparql-form");
  if (!form) return;
  const {endpoint, pageRun, base, local, lang, vendor} = form.dataset;
  const words = document.getElementById("sparql-words").dataset;
  const say = (text, values) => text.replace(/\{(\w+)\}/g, (_, key) => values[key]);
  const textarea = document.getElementById("query");
  const error = document.getElementById("sparql-error");
  const truncated = document.getElementById("truncated");
  const downloads = document.getElementById("downloads");
  const results = document.getElementById("results");
  if (!window.Yasqe || !window.Yasr || !window.Chart || !window.ChartGeo || !window.LZString) {
    document.getElementById("sparql-missing").hidden = false;
    return;
  }

  // -- the query in the address: ?query= when short, #lz= (compressed) when long ------------
  const LONGEST_PLAIN = 1500;
  function linkTo(query) {
    const url = new URL(endpoint, window.location.href);
    if (lang) url.searchParams.set("lang", lang);
    if (query.length <= LONGEST_PLAIN) url.searchParams.set("query", query);
    else url.hash = `lz=${LZString.compressToEncodedURIComponent(query)}`;
    return url.toString();
  }
  function queryOfAddress() {
    const hash = new URLSearchParams(window.location.hash.slice(1));
    if (hash.has("lz")) return LZString.decompressFromEncodedURIComponent(hash.get("lz")) || null;
    return new URL(window.location.href).searchParams.get("query");
  }

  // -- the history, in this browser only -----------------------------------------------------
  const HISTORY = "iisgraph.sparql.history", KEPT = 50;
  const historySelect = document.getElementById("history");
  function history() {
    try { return JSON.parse(localStorage.getItem(HISTORY)) || []; } catch (_) { return []; }
  }
  function remember(query) {
    const kept = [{query, at: new Date().toISOString()}, ...history().filter((h) => h.query !== query)];
    try { localStorage.setItem(HISTORY, JSON.stringify(kept.slice(0, KEPT))); } catch (_) { /* full or off */ }
    showHistory();
  }
  function showHistory() {
    historySelect.replaceChildren(historySelect.options[0]);
    history().forEach((entry, i) => {
      const line = entry.query.split("\n").map((l) => l.trim()).find((l) => l && !/^(PREFIX|BASE|#)/i.test(l)) || entry.query;
      const option = new Option(`${entry.at.slice(0, 16).replace("T", " ")} ${line.slice(0, 70)}`, String(i));
      option.title = entry.query;
      historySelect.appendChild(option);
    });
  }

  // -- the editor ----------------------------------------------------------------------------
  const initial = queryOfAddress() || textarea.value;
  textarea.hidden = true;
  const yasqe = new Yasqe(document.getElementById("yasqe"), {
    value: initial,
    persistenceId: null,
    showQueryButton: false,
    createShareableLink: null,
    autocompleters: ["prefixes", "variables"],
    resizeable: true,
    editorHeight: "220px",
  });
  yasqe.on("change", () => { textarea.value = yasqe.getValue(); });
  yasqe.addKeyMap({"Ctrl-Enter": () => run(), "Cmd-Enter": () => run()});
  const useQuery = (text) => { yasqe.setValue(text); yasqe.focus(); };
  document.getElementById("examples").addEventListener("change", (event) => {
    const template = document.getElementById(`example-${event.target.value}`);
    if (template) useQuery(template.content.textContent);
  });
  historySelect.addEventListener("change", (event) => {
    const entry = history()[Number(event.target.value)];
    if (entry) useQuery(entry.query);
  });
  const share = document.getElementById("share");
  share.hidden = false;
  share.addEventListener("click", async () => {
    const link = linkTo(yasqe.getValue());
    window.history.replaceState(null, "", link);
    try { await navigator.clipboard.writeText(link); document.getElementById("shared").textContent = words.copied; }
    catch (_) { document.getElementById("shared").textContent = link; }
  });

  // -- labels: the name of each IRI of a result, in the page's language ----------------------
  const labels = new Map();
  const SAFE_IRI = /^https?:\/\/[^\s<>"{}|\\^`]+$/i;
  async function fetchLabels(iris) {
    const wanted = [...new Set(iris)].filter((iri) => SAFE_IRI.test(iri) && !labels.has(iri)).slice(0, 2000);
    for (let i = 0; i < wanted.length; i += 400) {
      const values = wanted.slice(i, i + 400).map((iri) => `<${iri}>`).join(" ");
      const query = "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n"
        + "PREFIX skos: <http://www.w3.org/2004/02/skos/core#>\n"
        + `SELECT ?iri ?label WHERE { VALUES ?iri { ${values} } ?iri rdfs:label|skos:prefLabel ?label `
        + `FILTER(LANG(?label) IN ("${lang === "ru" ? "ru" : "en"}", "en", "")) }`;
      const response = await fetch(pageRun, {method: "POST", body: new URLSearchParams({query})});
      if (!response.ok) return;
      const rank = (l) => (l === lang ? 0 : l === "en" ? 1 : 2);
      for (const row of (await response.json()).results.bindings) {
        const known = labels.get(row.iri.value), found = {text: row.label.value, lang: row.label["xml:lang"] || ""};
        if (!known || rank(found.lang) < rank(known.lang)) labels.set(row.iri.value, found);
      }
    }
  }
  const nameOf = (binding) => (binding.type === "uri" && labels.get(binding.value)?.text) || binding.value;

  // -- results: Yasr's table with labels, a chart, a map --------------------------------------
  const esc = (text) => String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
  const localHref = (iri) => (iri.startsWith(base) ? local + iri.slice(base.length) : iri);
  class LabelledTable extends Yasr.plugins.table {
    getCellContent(binding, prefixes) {
      if (binding.type !== "uri") return super.getCellContent(binding, prefixes);
      const iri = binding.value;
      const prefix = Object.entries(prefixes || {}).find(([, ns]) => ns && iri.startsWith(ns));
      const shown = prefix ? `${prefix[0]}:${iri.slice(prefix[1].length)}` : `<${iri}>`;
      // only the web's own schemes become links: never a javascript: or data: IRI
      const link = /^https?:\/\//i.test(iri) ? `<a class="iri" href="${esc(localHref(iri))}">${esc(shown)}</a>` : esc(shown);
      const label = labels.get(iri);
      const name = label ? ` <span class="iri-label" lang="${esc(label.lang)}">${esc(label.text)}</span>` : "";
      return `<div><span>${link}${name}</span></div>`;
    }
  }
  Yasr.registerPlugin("table", LabelledTable);

  const NUMERIC = /#(integer|decimal|double|float|long|int|short|byte|nonNegativeInteger|positiveInteger|unsignedInt|unsignedLong)$/;
  const isNumber = (b) => !b || (b.type !== "uri" && NUMERIC.test(b.datatype || ""));
  const isTime = (b) => b && /^\d{4}(-\d\d(-\d\d)?)?$/.test(b.value);
  function shapeOf(yasr, most) {
    const rows = yasr.results?.getBindings?.() || [], names = yasr.results?.getVariables?.() || [];
    if (!rows.length || rows.length > most) return null;
    const numbers = names.filter((n) => rows.some((r) => r[n]) && rows.every((r) => isNumber(r[n])));
    const others = names.filter((n) => !numbers.includes(n));
    return {rows, numbers, others};
  }
  const icon = (text) => { const span = document.createElement("span"); span.textContent = text; return span; };
  function canvasIn(element) {
    const box = document.createElement("div");
    box.className = "sparql-chart";
    box.style.position = "relative";
    box.style.height = "440px";
    const canvas = document.createElement("canvas");
    box.appendChild(canvas);
    element.replaceChildren(box);
    return canvas;
  }

  class ChartPlugin {
    constructor(yasr) { this.yasr = yasr; this.priority = 5; this.label = words.chart; }
    canHandleResults() {
      const shape = shapeOf(this.yasr, 500);
      return Boolean(shape && shape.numbers.length && shape.others.length);
    }
    getIcon() { return icon("▮"); }
    draw() {
      const {rows, numbers, others} = shapeOf(this.yasr, 500);
      const category = others[0];
      const line = rows.every((r) => isTime(r[category]));
      this.destroy();
      this.chart = new Chart(canvasIn(this.yasr.resultsEl), {
        type: line ? "line" : "bar",
        data: {
          labels: rows.map((r) => (r[category] ? nameOf(r[category]) : "")),
          datasets: numbers.map((n) => ({label: n, data: rows.map((r) => (r[n] ? Number(r[n].value) : null))})),
        },
        options: {maintainAspectRatio: false, animation: false, plugins: {legend: {display: numbers.length > 1}}},
      });
    }
    destroy() { if (this.chart) this.chart.destroy(); this.chart = null; }
  }

  let world = null;
  async function worldOutline() {
    if (!world) {
      const [atlas, codes] = await Promise.all([
        fetch(`${vendor}world-atlas/countries-110m.json`).then((r) => r.json()),
        fetch(`${vendor}i18n-iso-countries/codes.json`).then((r) => r.json()),
      ]);
      world = {
        countries: ChartGeo.topojson.feature(atlas, atlas.objects.countries).features,
        numeric: new Map(codes.map(([, alpha3, numeric]) => [alpha3, numeric])),
      };
    }
    return world;
  }
  const statePrefix = `${base}id/state/`;
  const stateCode = (b) => (b && b.type === "uri" && b.value.startsWith(statePrefix) ? b.value.slice(statePrefix.length)
    : b && b.type !== "uri" && /^[A-Z]{3}$/.test(b.value) ? b.value : null);

  class MapPlugin {
    constructor(yasr) { this.yasr = yasr; this.priority = 4; this.label = words.map; }
    stateColumn(shape) { return shape.others.find((n) => shape.rows.some((r) => r[n] && stateCode(r[n]) && (r[n].type === "uri" || /code|iso/i.test(n)))); }
    canHandleResults() {
      const shape = shapeOf(this.yasr, 10000);
      return Boolean(shape && this.stateColumn(shape));
    }
    getIcon() { return icon("◍"); }
    async draw() {
      const shape = shapeOf(this.yasr, 10000), column = this.stateColumn(shape), measure = shape.numbers[0];
      const values = new Map();
      for (const row of shape.rows) {
        const code = stateCode(row[column]);
        if (code) values.set(code, (values.get(code) || 0) + (measure ? Number(row[measure]?.value || 0) : 1));
      }
      const {countries, numeric} = await worldOutline();
      const byNumber = new Map([...values].map(([code, value]) => [numeric.get(code), value]));
      this.destroy();
      const canvas = canvasIn(this.yasr.resultsEl);
      canvas.dataset.states = [...values.keys()].sort().join(" ");
      this.chart = new Chart(canvas, {
        type: "choropleth",
        data: {
          labels: countries.map((c) => c.properties.name),
          datasets: [{label: measure || words.rows, outline: countries,
            data: countries.map((c) => ({feature: c, value: byNumber.get(c.id)}))}],
        },
        options: {
          maintainAspectRatio: false, animation: false, showOutline: true,
          plugins: {legend: {display: false}},
          scales: {projection: {axis: "x", projection: "equalEarth"}, color: {axis: "x", missing: "#f1f1f1", legend: {position: "bottom-left"}}},
        },
      });
    }
    destroy() { if (this.chart) this.chart.destroy(); this.chart = null; }
  }
  Yasr.registerPlugin("chart", ChartPlugin);
  Yasr.registerPlugin("map", MapPlugin);

  const prefixes = {iis: "https://w3id.org/iisgraph/ontology#", state: statePrefix, rdfs: "http://www.w3.org/2000/01/rdf-schema#", skos: "http://www.w3.org/2004/02/skos/core#", xsd: "http://www.w3.org/2001/XMLSchema#"};
  const yasr = new Yasr(results, {
    persistenceId: null,
    pluginOrder: ["table", "chart", "map", "response"],
    defaultPlugin: "table",
    prefixes: () => ({...prefixes, ...yasqe.getPrefixesFromQuery()}),
  });

  // -- running a query -----------------------------------------------------------------------
  function showError(detail) {
    error.textContent = detail;
    const at = /(?:at|line) (\d+):(\d+)/.exec(detail);
    if (at) {
      const line = Number(at[1]) - 1, column = Number(at[2]) - 1;
      yasqe.focus();
      yasqe.setSelection({line, ch: column}, {line, ch: column + 1});
      error.textContent = `${detail} (line ${line + 1}, column ${column + 1})`;
    }
  }
  let running = 0;
  async function run() {
    const query = yasqe.getValue(), mine = ++running, started = performance.now();
    error.textContent = ""; truncated.hidden = true; downloads.hidden = true;
    window.history.replaceState(null, "", linkTo(query));
    remember(query);
    const response = await fetch(pageRun, {method: "POST", body: new URLSearchParams({query})});
    const text = await response.text();
    if (mine !== running) return;
    if (!response.ok) {
      let detail = text;
      try { detail = JSON.parse(text).detail; } catch (_) { /* not a problem document */ }
      yasr.setResponse({error: {status: response.status, text: detail}});
      showError(detail);
      return;
    }
    const contentType = response.headers.get("content-type") || "";
    const graph = !contentType.includes("json");
    const limit = response.headers.get("Results-Truncated");
    if (limit) { truncated.textContent = say(words.truncated, {limit}); truncated.hidden = false; }
    for (const a of downloads.querySelectorAll("a")) {
      a.hidden = graph ? a.classList.contains("select-only") : a.classList.contains("graph-only");
      a.href = `${endpoint}?${new URLSearchParams({query, format: a.dataset.format})}`;
    }
    downloads.hidden = false;
    if (!graph) {
      const data = JSON.parse(text);
      const iris = (data.results?.bindings || []).flatMap((row) => Object.values(row)).filter((b) => b.type === "uri").map((b) => b.value);
      try { await fetchLabels(iris); } catch (_) { /* the table without names */ }
      if (mine !== running) return;
    }
    yasr.setResponse({data: text, contentType, status: response.status, executionTime: performance.now() - started});
  }
  form.addEventListener("submit", (event) => { event.preventDefault(); run(); });
  showHistory();
  if (queryOfAddress()) run();
})();
