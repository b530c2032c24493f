// The query editor: YASGUI over this server's /sparql when JavaScript runs (tabs, highlighting, completion of
// the dataset's prefixes, classes and properties, table / raw / chart views, shareable links, the saved queries
// as examples); the plain form beside it when it does not (the page works the same without this file).
"use strict";

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("editor-form");
  const area = document.getElementById("query");
  if (form && area) {
    area.addEventListener("keydown", (event) => {
      if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
        event.preventDefault();
        form.requestSubmit();
      }
    });
  }
  if (typeof window.Yasgui === "function") {
    startYasgui();
  }
});

// Distinct colours, one per series, in an order that keeps neighbours apart (Okabe and Ito's palette, then more).
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#000000", "#999999"];

function startYasgui() {
  const config = JSON.parse(document.getElementById("editor-config").textContent);
  const Yasgui = window.Yasgui;
  const Yasqe = Yasgui.Yasqe;
  const prefixes = Object.entries(config.prefixes).map(([name, iri]) => `${name}: <${iri}>`);
  const builtIn = Yasqe.Autocompleters.prefixes;
  // Completion from this dataset, never from another site (YASGUI's own asks the Linked Open Vocabularies)
  Yasqe.forkAutocompleter("prefixes", {
    name: "rally-prefixes",
    bulk: true,
    persistenceId: null,
    get: async (yasqe, token) => prefixes.concat(await builtIn.get(yasqe, token)),
  }, false);
  Yasqe.forkAutocompleter("class", { name: "rally-classes", bulk: true, persistenceId: null, get: () => config.classes }, false);
  Yasqe.forkAutocompleter("property", { name: "rally-properties", bulk: true, persistenceId: null, get: () => config.properties }, false);
  Yasqe.defaults.autocompleters = ["rally-prefixes", "variables", "rally-classes", "rally-properties"];
  Yasgui.Yasr.registerPlugin("chart", BarChart);

  // shown before YASGUI starts: its editor measures itself as it is made, and a hidden one draws no text
  document.getElementById("plain-editor").hidden = true;
  document.getElementById("yasgui-editor").hidden = false;
  const assertedOnly = document.getElementById("yasgui-asserted-only");
  const endpoint = new URL(config.endpoint, window.location.href).href;
  const params = new URLSearchParams(window.location.search);
  assertedOnly.checked = params.getAll("default-graph-uri").includes(config.asserted);
  const yasgui = new Yasgui(document.getElementById("yasgui"), {
    requestConfig: {
      endpoint: endpoint,
      method: "POST",
      args: assertedOnly.checked ? [{ name: "default-graph-uri", value: config.asserted }] : [],
      adjustQueryBeforeRequest: (yasqe) => declared(yasqe.getValue(), config.prefixes),
    },
    copyEndpointOnNewTab: true,
    endpointCatalogueOptions: { getData: () => [{ endpoint: endpoint }] },
    persistenceId: null,
    populateFromUrl: true,
    yasqe: { value: config.defaultQuery },
    yasr: { prefixes: config.prefixes, pluginOrder: ["table", "chart", "response"], defaultPlugin: "table" },
  });
  window.rallyYasgui = yasgui;

  // a link with a query (a shared tab, or an example's link followed without JavaScript): YASGUI opens it in a tab
  // and runs it
  for (const link of document.querySelectorAll("a.example")) {
    const example = config.examples.find((e) => e.name === link.dataset.name);
    if (!example) continue;
    link.addEventListener("click", (event) => {
      event.preventDefault();
      const tab = yasgui.addTab(true, {
        ...Yasgui.Tab.getDefaults(yasgui),
        name: example.title,
        requestConfig: { ...yasgui.getTab().getRequestConfig(), endpoint: endpoint },
      });
      yasgui.selectTabId(tab.getId());
      yasgui.getTab().setQuery(example.query);
      document.getElementById("yasgui").scrollIntoView();
    });
  }
  const downloads = () => showDownloads(yasgui, config, assertedOnly.checked);
  yasgui.on("tabSelect", () => window.setTimeout(downloads, 0));
  yasgui.on("query", downloads);
  yasgui.on("queryResponse", downloads);
  // the switch applies to every tab, those opened later too; as a request argument, since this YASQE sends a
  // tab's defaultGraphs as its named graphs (yasqe's getUrlArguments)
  const graphs = () => ({ args: assertedOnly.checked ? [{ name: "default-graph-uri", value: config.asserted }] : [] });
  assertedOnly.addEventListener("change", () => {
    for (const id of Object.keys(yasgui._tabs || {})) yasgui.getTab(id).setRequestConfig(graphs());
    downloads();
  });
  yasgui.on("tabAdd", (_instance, id) => window.setTimeout(() => yasgui.getTab(id) && yasgui.getTab(id).setRequestConfig(graphs()), 0));
  downloads();
}

// The query with a PREFIX line for every prefix of the dataset it uses without declaring (as the plain form and
// the saved queries allow), so that /sparql, which knows no undeclared prefix, takes it.
function declared(query, prefixes) {
  const stripped = query.replace(/"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>\s]*>|#[^\n]*/g, " ");
  const have = new Set([...stripped.matchAll(/PREFIX\s+([A-Za-z][\w.-]*)?:/gi)].map((m) => m[1] || ""));
  const lines = Object.entries(prefixes)
    .filter(([name]) => !have.has(name) && new RegExp(`(^|[\\s(/^|,;{])${name}:`).test(stripped))
    .map(([name, iri]) => `PREFIX ${name}: <${iri}>\n`);
  return lines.join("") + query;
}

function showDownloads(yasgui, config, assertedOnly) {
  const holder = document.getElementById("yasgui-download-links");
  const tab = yasgui.getTab();
  if (!holder || !tab) return;
  const query = declared(tab.getQuery(), config.prefixes);
  const form = /^\s*(?:(?:PREFIX|BASE)[^\n]*\n|#[^\n]*\n|\s)*(CONSTRUCT|DESCRIBE)/i.test(query) ? "graph" : "results";
  const names = form === "graph" ? ["ttl", "nt", "jsonld", "rdf", "trig", "nq"] : ["json", "xml", "csv", "tsv"];
  holder.replaceChildren(
    ...names.flatMap((name, index) => {
      const params = new URLSearchParams([["query", query]]);
      if (assertedOnly) params.append("default-graph-uri", config.asserted);
      params.append("format", name);
      const link = Object.assign(document.createElement("a"), { href: `/sparql?${params}`, textContent: name });
      return index ? [document.createTextNode(" · "), link] : [link];
    }),
  );
}

// A YASR view: the answer's numeric columns as horizontal bars, one colour per column, labelled by the first
// column that is not a number. Drawn as SVG on the page: nothing is loaded from elsewhere.
class BarChart {
  constructor(yasr) {
    this.yasr = yasr;
    this.priority = 5;
    this.label = "Chart";
  }

  columns() {
    const results = this.yasr.results;
    if (!results || results.getBoolean() !== undefined) return null;
    const variables = results.getVariables();
    const rows = results.getBindings();
    const numeric = (v) => rows.length > 0 && rows.every((r) => !r[v] || (r[v].type !== "uri" && r[v].value !== "" && !isNaN(Number(r[v].value))));
    const values = variables.filter(numeric);
    const label = variables.find((v) => !values.includes(v));
    return values.length && label ? { label, values, rows: rows.slice(0, 60) } : null;
  }

  canHandleResults() {
    return this.columns() !== null;
  }

  getIcon() {
    const icon = document.createElement("span");
    icon.textContent = "▤";
    return icon;
  }

  draw() {
    const found = this.columns();
    const ns = "http://www.w3.org/2000/svg";
    const barHeight = 14;
    const groupHeight = barHeight * found.values.length + 8;
    const width = 900;
    const left = 260;
    const max = Math.max(...found.rows.flatMap((r) => found.values.map((v) => Number(r[v] ? r[v].value : 0))), 1);
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("class", "rally-chart");
    svg.setAttribute("role", "img");
    svg.setAttribute("viewBox", `0 0 ${width} ${groupHeight * found.rows.length + 30}`);
    svg.setAttribute("aria-label", `${found.values.join(", ")} by ${found.label}`);
    const add = (name, attributes, text) => {
      const node = document.createElementNS(ns, name);
      for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
      if (text !== undefined) node.textContent = text;
      svg.appendChild(node);
      return node;
    };
    found.values.forEach((v, i) => {
      add("rect", { x: left + i * 150, y: 2, width: 10, height: 10, fill: PALETTE[i % PALETTE.length] });
      add("text", { x: left + i * 150 + 14, y: 11, "font-size": 11 }, v);
    });
    found.rows.forEach((row, r) => {
      const top = 22 + r * groupHeight;
      const name = row[found.label] ? row[found.label].value.replace(/^.*[/#]/, "") : "";
      add("text", { x: left - 6, y: top + groupHeight / 2, "text-anchor": "end", "font-size": 11 }, name.slice(0, 40));
      found.values.forEach((v, i) => {
        const value = Number(row[v] ? row[v].value : 0);
        const bar = add("rect", {
          x: left, y: top + i * barHeight, height: barHeight - 2,
          width: Math.max(1, ((width - left - 60) * value) / max), fill: PALETTE[i % PALETTE.length],
        });
        add("title", {}, `${name}: ${v} ${value}`);
        bar.appendChild(svg.lastChild);
        add("text", { x: left + ((width - left - 60) * value) / max + 4, y: top + i * barHeight + barHeight - 4, "font-size": 10 }, String(value));
      });
    });
    this.yasr.resultsEl.replaceChildren(svg);
  }
}
