// vnevents web UI: a single page over the REST API (/api/...), routed by the URL hash.
//
// No framework and no build step: the views are small, and building every node with DOM calls
// (textContent, setAttribute) is what keeps article data from ever being parsed as HTML. The charts,
// the network and the map are a few dozen SVG elements each, drawn here by hand rather than with a
// charting library, so nothing is fetched from a CDN and nothing needs bundling.
"use strict";
(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"];
  const FACTUALITY = ["asserted", "reported", "planned", "speculated", "denied"];
  const FILTERS = ["actor", "target", "type", "since", "until", "factuality", "place", "q"];
  const API_PAGE = 500; // the most items the API gives in one page
  const state = { lang: pickLanguage(), token: 0, world: null };
  const timings = (window.vneventsTimings = []);

  // ---- helpers --------------------------------------------------------------------------------
  function pickLanguage() {
    const saved = localStorage.getItem("vnevents.lang");
    return saved === "en" || saved === "vi" ? saved : "vi";
  }

  function t(key, vars) {
    const entry = window.I18N[key];
    let text = entry ? entry[window.I18N_LANGUAGES.indexOf(state.lang)] ?? entry[1] : key;
    for (const [name, value] of Object.entries(vars || {})) text = text.replace(`{${name}}`, value);
    return text;
  }

  function num(value, digits) {
    if (value === null || value === undefined || value === "") return "";
    const options = digits === undefined ? {} : { minimumFractionDigits: digits, maximumFractionDigits: digits };
    return new Intl.NumberFormat(state.lang === "vi" ? "vi-VN" : "en-GB", options).format(value);
  }

  // h("a", {href: "#/x", class: "y"}, "text", child...): strings become text nodes, never markup
  function h(tag, attrs, ...children) {
    return build(document.createElement(tag), attrs, children);
  }

  function s(tag, attrs, ...children) {
    return build(document.createElementNS(SVG, tag), attrs, children);
  }

  function build(node, attrs, children) {
    for (const [name, value] of Object.entries(attrs || {})) {
      if (value === null || value === undefined || value === false) continue;
      if (name.startsWith("on")) node.addEventListener(name.slice(2), value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
    append(node, children);
    return node;
  }

  function append(node, children) {
    for (const child of children) {
      if (child === null || child === undefined || child === false) continue;
      if (Array.isArray(child)) append(node, child);
      else node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  function safeUrl(url) {
    return typeof url === "string" && /^https?:\/\//i.test(url) ? url : null;
  }

  function query(params) {
    const out = new URLSearchParams();
    for (const [name, value] of Object.entries(params)) {
      if (value !== null && value !== undefined && value !== "") out.set(name, value);
    }
    const text = out.toString();
    return text ? `?${text}` : "";
  }

  async function api(path, params) {
    const response = await fetch(`api/${path}${query(params || {})}`, { headers: { Accept: "application/json" } });
    if (!response.ok) {
      let detail = response.statusText;
      try { detail = (await response.json()).detail || detail; } catch (_) { /* not JSON */ }
      throw new Error(`${response.status} ${typeof detail === "string" ? detail : JSON.stringify(detail)}`);
    }
    return response.json();
  }

  const items = (page) => (Array.isArray(page) ? page : page.items || []);

  function pick(params, names) {
    const out = {};
    for (const name of names) if (params.get(name)) out[name] = params.get(name);
    return out;
  }

  // ---- field access: one place that knows the API's shapes -------------------------------------
  function side(ev, which) {
    const ref = ev[which];
    const obj = ref && typeof ref === "object" ? ref : {};
    return {
      code: ev[`${which}_code`] ?? obj.code ?? (typeof ref === "string" ? ref : null),
      name: ev[`${which}_name`] ?? obj.name ?? ev[`${which}_text`] ?? obj.text ?? null,
    };
  }

  function evidence(ev) {
    const e = ev.evidence && typeof ev.evidence === "object" ? ev.evidence : {};
    return {
      text: e.text ?? ev.evidence_text ?? (typeof ev.evidence === "string" ? ev.evidence : ""),
      start: e.start ?? ev.evidence_start, end: e.end ?? ev.evidence_end,
    };
  }

  function placeOf(ev) {
    const p = ev.place && typeof ev.place === "object" ? ev.place : {};
    return {
      name: p.name ?? ev.place_name ?? (typeof ev.place === "string" ? ev.place : null),
      country: p.country ?? ev.place_country ?? null,
      text: p.text ?? ev.place_text ?? null,
    };
  }

  function dateOf(ev) {
    const d = ev.date;
    return d && typeof d === "object" ? d.value : d;
  }

  function viaOf(ev) {
    let via = ev.via;
    if (typeof via === "string") { try { via = JSON.parse(via); } catch (_) { via = [via]; } }
    return Array.isArray(via) ? via.join(", ") : "";
  }

  function quadOf(ev) {
    return ev.quad_class ?? ev.quad ?? null;
  }

  function actorLink(ref) {
    if (!ref.code) return ref.name || "";
    const label = ref.name && ref.name !== ref.code ? `${ref.name} [${ref.code}]` : ref.code;
    return h("a", { href: `#/actor/${encodeURIComponent(ref.code)}` }, label);
  }

  function typeLabel(type) {
    return type ? `${type} · ${t(`type.${type}`)}` : "";
  }

  function quadChip(quad) {
    return quad ? h("span", { class: `chip q${quad}`, title: t(`quad.${quad}`) }, String(quad)) : "";
  }

  function evidenceHref(ev) {
    const id = ev.article_id ?? ev.article;
    const params = new URLSearchParams();
    if (ev.id !== undefined && ev.id !== null) params.set("event", ev.id);
    const span = evidence(ev);
    if (span.start !== undefined && span.start !== null) params.set("start", span.start);
    if (span.end !== undefined && span.end !== null) params.set("end", span.end);
    return `#/article/${encodeURIComponent(id)}?${params}`;
  }

  // ---- router ---------------------------------------------------------------------------------
  const routes = { "": dashboard, events: eventsView, article: articleView, actor: actorView, network: networkView, map: mapView };

  function parseHash() {
    const raw = location.hash.replace(/^#\/?/, "");
    const [path, search] = raw.split("?");
    const parts = path.split("/").filter(Boolean).map(decodeURIComponent);
    return { name: parts[0] || "", args: parts.slice(1), params: new URLSearchParams(search || "") };
  }

  function go(name, params) {
    location.hash = `#/${name}${query(params)}`;
  }

  async function render() {
    const route = parseHash();
    const view = routes[route.name] || dashboard;
    const token = ++state.token;
    const main = document.getElementById("view");
    for (const link of document.querySelectorAll("#nav a")) {
      link.classList.toggle("active", link.dataset.route === route.name);
    }
    main.replaceChildren(h("p", { class: "muted" }, t("loading")));
    const started = performance.now();
    try {
      const node = await view(route, () => token !== state.token);
      if (token !== state.token || !node) return;
      main.replaceChildren(node);
      main.dataset.view = route.name || "dashboard";
      requestAnimationFrame(() => setTimeout(() => {
        if (token !== state.token) return;
        timings.push({ view: main.dataset.view, ms: performance.now() - started, rows: main.querySelectorAll("tbody tr").length });
        main.dataset.ready = String(token);
        performance.mark(`vnevents:${main.dataset.view}:ready`);
      }));
    } catch (error) {
      if (token !== state.token) return;
      main.replaceChildren(h("p", { class: "error" }, `${t("error")}: ${error.message}`));
      main.dataset.ready = String(token);
    }
  }

  function translateStatic() {
    document.documentElement.lang = state.lang;
    document.title = `vnevents · ${t("app.title")}`;
    for (const node of document.querySelectorAll("[data-i18n]")) node.textContent = t(node.dataset.i18n);
  }

  // ---- charts ---------------------------------------------------------------------------------
  // Drawn about as wide as the screen, so that text in the SVG stays readable on a phone
  function chartWidth() {
    return Math.round(Math.max(340, Math.min(1300, window.innerWidth - 70)));
  }

  function stackedBars(series) {
    const width = chartWidth(), height = 260, left = 40, bottom = 24, top = 10;
    const max = Math.max(1, ...series.map((p) => p.count ?? sumQuads(p)));
    const step = (width - left - 10) / Math.max(1, series.length);
    const svg = s("svg", { class: "chart timeseries", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("dash.overTime") });
    const y = (value) => top + (height - top - bottom) * (1 - value / max);
    svg.append(s("line", { class: "axis", x1: left, x2: width - 5, y1: y(0), y2: y(0) }));
    for (const tick of [0, Math.round(max / 2), max]) {
      svg.append(s("text", { x: left - 6, y: y(tick) + 4, "text-anchor": "end" }, num(tick)));
    }
    const labelEvery = Math.ceil(series.length / Math.max(3, Math.floor(width / 75)));
    series.forEach((point, i) => {
      let base = 0;
      const x = left + i * step + step * 0.1;
      const group = s("g", { class: "period" }, s("title", {}, `${point.period}: ${num(point.count ?? sumQuads(point))}`));
      for (const q of [1, 2, 3, 4]) {
        const n = Number((point.quad || {})[q] ?? point[`quad${q}`] ?? 0);
        if (!n) continue;
        group.append(s("rect", { class: `bar q${q}`, x, width: Math.max(1, step * 0.8), y: y(base + n), height: y(base) - y(base + n) }));
        base += n;
      }
      svg.append(group);
      if (i % labelEvery === 0) {
        svg.append(s("text", { x: x + step * 0.4, y: height - 6, "text-anchor": "middle" }, point.period));
      }
    });
    return svg;
  }

  function sumQuads(point) {
    return [1, 2, 3, 4].reduce((total, q) => total + Number((point.quad || {})[q] ?? point[`quad${q}`] ?? 0), 0);
  }

  function quadLegend() {
    return h("div", { class: "legend" }, [1, 2, 3, 4].map((q) => h("span", { style: `--sw: var(--q${q})` }, t(`quad.${q}`))));
  }

  // cooperation above the axis, conflict below: one pair of bars per period
  function coopConflictChart(timeline) {
    const width = chartWidth(), height = 250, left = 40, labels = 18, mid = (height - labels) / 2, pad = 8;
    const max = Math.max(1, ...timeline.flatMap((p) => [p.cooperation || 0, p.conflict || 0]));
    const step = (width - left - 10) / Math.max(1, timeline.length);
    const scale = (value) => (mid - pad) * (value / max);
    const svg = s("svg", { class: "chart coop-conflict", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("actor.coopConflict") });
    svg.append(s("line", { class: "axis", x1: left, x2: width - 5, y1: mid, y2: mid }));
    svg.append(s("text", { x: left - 6, y: pad, "text-anchor": "end" }, `+${num(max)}`));
    svg.append(s("text", { x: left - 6, y: height - labels, "text-anchor": "end" }, `−${num(max)}`));
    const labelEvery = Math.ceil(timeline.length / Math.max(3, Math.floor(width / 75)));
    timeline.forEach((point, i) => {
      const x = left + i * step + step * 0.1, w = Math.max(1, step * 0.8);
      const coop = scale(point.cooperation || 0), conflict = scale(point.conflict || 0);
      svg.append(s("g", { class: "period" },
        s("title", {}, `${point.period}: ${t("actor.cooperation")} ${num(point.cooperation || 0)}, ${t("actor.conflict")} ${num(point.conflict || 0)}, Goldstein ${num(point.goldstein, 1)}`),
        coop ? s("rect", { class: "bar coop", x, width: w, y: mid - coop, height: coop }) : null,
        conflict ? s("rect", { class: "bar conflict", x, width: w, y: mid, height: conflict }) : null));
      if (i % labelEvery === 0) svg.append(s("text", { x: x + w / 2, y: height - 4, "text-anchor": "middle" }, point.period));
    });
    return svg;
  }

  // ---- dashboard ------------------------------------------------------------------------------
  async function dashboard(route) {
    const by = ["day", "week", "month"].includes(route.params.get("by")) ? route.params.get("by") : "month";
    const [series, actors, dyads, latest] = await Promise.all([
      api("stats/timeseries", { by }), api("actors", { limit: 10 }), api("stats/dyads", { limit: 10 }),
      api("articles", { limit: 10 }),
    ]);
    const periods = items(series);
    const byLinks = h("div", { class: "legend" }, ["day", "week", "month"].map((name) =>
      name === by ? h("strong", {}, t(`by.${name}`)) : h("a", { href: `#/?by=${name}` }, t(`by.${name}`))));
    return h("section", { class: "dashboard" },
      h("h1", {}, t("app.title")),
      h("div", { class: "grid" },
        h("div", { class: "card wide" }, h("h2", {}, t("dash.overTime")), byLinks,
          periods.length ? stackedBars(periods) : h("p", { class: "muted" }, t("none")), quadLegend()),
        h("div", { class: "card" }, h("h2", {}, t("dash.topActors")), actorTable(items(actors))),
        h("div", { class: "card" }, h("h2", {}, t("dash.topDyads")), dyadTable(items(dyads))),
        h("div", { class: "card wide" }, h("h2", {}, t("dash.latest")), articleTable(items(latest)))));
  }

  function scrolled(tag, attrs, ...children) {
    return h("div", { class: "scroll" }, h(tag, attrs, ...children));
  }

  function actorTable(rows) {
    if (!rows.length) return h("p", { class: "muted" }, t("none"));
    return scrolled("table", { class: "top-actors" },
      h("thead", {}, h("tr", {}, h("th", {}, t("col.actor")), h("th", { class: "num" }, t("col.count")))),
      h("tbody", {}, rows.map((a) => h("tr", {},
        h("td", {}, actorLink({ code: a.code, name: a.name })),
        h("td", { class: "num" }, num(a.count ?? a.events ?? a.event_count))))));
  }

  function dyadTable(rows) {
    if (!rows.length) return h("p", { class: "muted" }, t("none"));
    return scrolled("table", { class: "top-dyads" },
      h("thead", {}, h("tr", {}, h("th", {}, t("col.source")), h("th", {}, t("col.target")),
        h("th", { class: "num" }, t("col.count")), h("th", { class: "num" }, t("col.goldstein")))),
      h("tbody", {}, rows.map((d) => h("tr", {},
        h("td", {}, actorLink({ code: d.source, name: d.source_name })),
        h("td", {}, actorLink({ code: d.target, name: d.target_name })),
        h("td", { class: "num" }, h("a", { href: `#/events${query({ actor: d.source, target: d.target })}` }, num(d.count))),
        h("td", { class: "num" }, num(d.goldstein, 1))))));
  }

  function articleTable(rows) {
    if (!rows.length) return h("p", { class: "muted" }, t("none"));
    return scrolled("table", { class: "latest-articles" },
      h("thead", {}, h("tr", {}, h("th", {}, t("col.date")), h("th", {}, t("col.title")),
        h("th", {}, t("col.source_site")), h("th", { class: "num" }, t("col.events")))),
      h("tbody", {}, rows.map((a) => h("tr", {},
        h("td", {}, a.date || ""),
        h("td", {}, h("a", { href: `#/article/${encodeURIComponent(a.id)}` }, a.title || a.path || `#${a.id}`)),
        h("td", {}, a.source || a.agency || ""),
        h("td", { class: "num" }, num(a.events ?? a.event_count))))));
  }

  // ---- event list -----------------------------------------------------------------------------
  function filterForm(params, names, target) {
    const fields = names.map((name) => {
      let input;
      if (name === "type" || name === "factuality") {
        const values = name === "type" ? TYPES : FACTUALITY;
        input = h("select", { name },
          h("option", { value: "" }, t("f.any")),
          values.map((v) => h("option", { value: v, selected: params.get(name) === v },
            name === "type" ? typeLabel(v) : t(`fact.${v}`))));
      } else {
        const hint = name === "since" || name === "until" ? "YYYY-MM-DD" : name === "actor" || name === "target" || name === "place" ? "RUS" : "";
        input = h("input", { name, value: params.get(name) || "", placeholder: hint, type: name === "limit" ? "number" : "text" });
      }
      return h("label", {}, t(name === "limit" ? "network.limit" : `f.${name}`), input);
    });
    const form = h("form", { class: "filters", onsubmit: (event) => {
      event.preventDefault();
      const values = {};
      for (const [name, value] of new FormData(form)) if (String(value).trim()) values[name] = String(value).trim();
      go(target, values);
    } }, fields, h("button", { type: "submit" }, t("f.apply")),
    h("button", { type: "button", class: "secondary", onclick: () => go(target, {}) }, t("f.clear")));
    return form;
  }

  const SORTABLE = { date: "date", goldstein: "goldstein", confidence: "confidence" };

  async function eventsView(route) {
    const filters = pick(route.params, FILTERS);
    const sort = route.params.get("sort") || "-date";
    const params = { ...filters, sort };
    const asked = performance.now();
    const first = await api("events", { ...params, limit: API_PAGE, offset: 0 });
    const total = first.total ?? items(first).length;
    const built = performance.now();
    const list = virtualEvents("events", params, first, (name) => {
      const next = sort === name ? `-${name}` : sort === `-${name}` ? name : `-${name}`;
      go("events", { ...filters, sort: next });
    }, sort);
    timings.push({ view: "events:data", rows: total, fetchMs: built - asked, buildMs: performance.now() - built });
    return h("section", { class: "events-view" },
      h("h1", {}, t("nav.events")),
      filterForm(route.params, FILTERS, "events"),
      h("div", { class: "summary" }, h("strong", { class: "total" }, t("events.total", { n: num(total) }))),
      list);
  }

  function eventColumns(onSort, sort) {
    const names = ["date", "type", "source", "target", "quad", "goldstein", "factuality", "place", "confidence", "evidence"];
    const head = h("tr", {}, names.map((name) => {
      const label = t(`col.${name}`);
      const arrow = sort === name ? " ▲" : sort === `-${name}` ? " ▼" : "";
      const cell = h("th", { class: name === "goldstein" || name === "confidence" ? "num" : null, "data-col": name });
      return onSort && SORTABLE[name]
        ? append(cell, [h("button", { type: "button", class: "sort", onclick: () => onSort(name) }, label + arrow)])
        : append(cell, [label]);
    }));
    const cols = h("colgroup", {}, ["c-date", "c-type", "c-actor", "c-actor", "c-quad", "c-num", "c-fact", "c-place", "c-num", "c-evidence"]
      .map((name) => h("col", { class: name })));
    return [cols, h("thead", {}, head)];
  }

  // A short list, every row in the page at once (an actor's latest events)
  function eventTable(rows) {
    const body = document.createElement("tbody");
    const fragment = document.createDocumentFragment();
    rows.forEach((ev, i) => fragment.append(eventRow(ev, i)));
    body.append(fragment);
    return h("div", { class: "scroll" }, h("table", { class: "events" }, eventColumns(), body));
  }

  // Any number of rows in a scrolling box: only the rows in view (and a margin) are in the page,
  // between two spacer rows as tall as the rows left out; the API's pages (API_PAGE rows each) are
  // fetched when first scrolled to and kept. Rows are one line of fixed height.
  function virtualEvents(path, params, first, onSort, sort) {
    const total = first.total ?? items(first).length;
    const pages = new Map([[0, items(first)]]);
    const pending = new Set();
    const body = document.createElement("tbody");
    const table = h("table", { class: "events virtual", "data-total": total }, eventColumns(onSort, sort), body);
    const box = h("div", { class: "vscroll" }, table);
    let rowHeight = 30, drawn = "", queued = false;
    const spacer = (height) => h("tr", { class: "spacer", "aria-hidden": "true" },
      h("td", { colspan: 10, style: `height:${height}px` }));
    const draw = () => {
      queued = false;
      const view = box.clientHeight || window.innerHeight;
      const from = Math.max(0, Math.floor(box.scrollTop / rowHeight) - 15);
      const to = Math.min(total, from + Math.ceil(view / rowHeight) + 30);
      const key = `${from}:${to}:${pages.size}`;
      if (key === drawn) return;
      drawn = key;
      const fragment = document.createDocumentFragment();
      fragment.append(spacer(from * rowHeight));
      for (let i = from; i < to; i++) {
        const page = pages.get(Math.floor(i / API_PAGE));
        if (page && page[i % API_PAGE]) fragment.append(eventRow(page[i % API_PAGE], i));
        else {
          fragment.append(h("tr", { class: "loading", "data-index": i }, h("td", { colspan: 10 }, t("loading"))));
          load(Math.floor(i / API_PAGE));
        }
      }
      fragment.append(spacer((total - to) * rowHeight));
      body.replaceChildren(fragment);
      const real = body.querySelector("tr.row");
      const measured = real ? real.getBoundingClientRect().height : 0;
      if (measured && Math.abs(measured - rowHeight) > 0.5) { rowHeight = measured; drawn = ""; schedule(); }
    };
    const schedule = () => {
      if (drawn && !box.isConnected) { window.removeEventListener("resize", schedule); return; } // view left
      if (!queued) { queued = true; requestAnimationFrame(draw); }
    };
    const load = (index) => {
      if (pages.has(index) || pending.has(index)) return;
      pending.add(index);
      api(path, { ...params, limit: API_PAGE, offset: index * API_PAGE })
        .then((page) => { pages.set(index, items(page)); drawn = ""; schedule(); })
        .catch((error) => { box.replaceChildren(h("p", { class: "error" }, `${t("error")}: ${error.message}`)); })
        .finally(() => pending.delete(index));
    };
    box.addEventListener("scroll", schedule, { passive: true });
    window.addEventListener("resize", schedule, { passive: true });
    draw();
    return box;
  }

  function eventRow(ev, index) {
    const place = placeOf(ev);
    const span = evidence(ev);
    const source = side(ev, "source"), target = side(ev, "target");
    return h("tr", { class: "row", "data-id": ev.id, "data-index": index },
      h("td", {}, dateOf(ev) || ""),
      h("td", { title: t(`type.${ev.type}`) }, ev.type || "", ev.mode ? h("span", { class: "muted" }, ` ${ev.mode}`) : null),
      h("td", { class: "src", title: source.name }, actorLink(source)),
      h("td", { class: "tgt", title: target.name }, actorLink(target)),
      h("td", {}, quadChip(quadOf(ev))),
      h("td", { class: "num" }, num(ev.goldstein, 1)),
      h("td", {}, ev.factuality ? t(`fact.${ev.factuality}`) : ""),
      h("td", { title: place.name }, place.name || place.country || ""),
      h("td", { class: "num" }, num(ev.confidence, 2)),
      h("td", { class: "ev", title: span.text }, h("a", { href: evidenceHref(ev), class: "evidence-link" }, span.text || t("article.open"))));
  }

  // ---- article --------------------------------------------------------------------------------
  async function articleView(route) {
    const article = await api(`articles/${encodeURIComponent(route.args[0])}`);
    const events = article.events || [];
    const chosen = chooseEvent(events, route.params);
    const text = article.text || "";
    const entities = article.mentions || article.entities || [];
    const span = chosen === null ? null : evidence(events[chosen]);
    const body = h("div", { class: "article-text", lang: "vi" }, highlighted(text, entities, span));
    const url = safeUrl(article.url);
    const meta = h("dl", { class: "meta" },
      row(t("col.date"), article.date), row(t("col.source_site"), article.source || article.agency),
      row(t("article.author"), article.author), row(t("article.encoding"), article.encoding),
      row("URL", url ? h("a", { href: url, rel: "noopener noreferrer", target: "_blank" }, url) : article.path));
    const list = h("ol", { class: "event-list" }, events.map((ev, i) => eventCard(ev, i, i === chosen, route)));
    const repairs = article.repairs || [];
    const view = h("section", { class: "article-view" },
      h("h1", { class: "article-title" }, article.title || article.path || `#${article.id}`),
      h("div", { class: "article-layout" },
        h("div", { class: "card" },
          h("div", { class: "legend" },
            h("span", { style: "--sw: var(--ent)" }, t("article.legend.entity")),
            h("span", { style: "--sw: var(--evidence)" }, t("article.legend.evidence"))),
          body),
        h("div", {},
          h("div", { class: "card" }, h("h2", {}, t("article.meta")), meta),
          h("div", { class: "card event-panel" }, h("h2", {}, `${t("article.events")} (${events.length})`), list),
          h("div", { class: "card repairs" }, h("h2", {}, t("article.repairs")),
            repairs.length ? h("ul", {}, repairs.map(repairItem)) : h("p", { class: "muted" }, t("article.noRepairs"))))));
    setTimeout(() => {
      const mark = view.querySelector("mark.evidence");
      if (mark) mark.scrollIntoView({ block: "center" });
      const panel = view.querySelector(".event-panel"), card = view.querySelector("li.selected");
      if (panel && card) panel.scrollTop = card.offsetTop - panel.offsetTop - 40;
    }, 0);
    return view;
  }

  function chooseEvent(events, params) {
    if (!events.length) return null;
    const wanted = params.get("event");
    if (wanted !== null) {
      const byId = events.findIndex((ev) => String(ev.id ?? ev.mention_id) === wanted);
      if (byId >= 0) return byId;
    }
    const start = params.get("start"), end = params.get("end");
    if (start !== null) {
      const bySpan = events.findIndex((ev) => String(evidence(ev).start) === start && String(evidence(ev).end) === end);
      if (bySpan >= 0) return bySpan;
    }
    const index = Number(params.get("index"));
    return Number.isInteger(index) && index >= 0 && index < events.length ? index : (wanted === null && start === null ? null : 0);
  }

  // The text as text nodes with <mark>s by offset: entities inside, the chosen evidence around them
  function highlighted(text, entities, span) {
    const spans = entities.filter((e) => Number.isInteger(e.start) && Number.isInteger(e.end) && e.end > e.start)
      .sort((a, b) => a.start - b.start || b.end - a.end);
    const fragment = document.createDocumentFragment();
    const fill = (parent, from, to) => {
      let at = from;
      for (const e of spans) {
        if (e.end <= at || e.start >= to) continue;
        const a = Math.max(e.start, at), b = Math.min(e.end, to);
        if (a > at) parent.append(document.createTextNode(text.slice(at, a)));
        parent.append(h("mark", { class: "entity", title: [e.code, e.kind].filter(Boolean).join(" · ") || null }, text.slice(a, b)));
        at = b;
      }
      if (at < to) parent.append(document.createTextNode(text.slice(at, to)));
    };
    if (span && Number.isInteger(span.start) && Number.isInteger(span.end) && span.end > span.start) {
      fill(fragment, 0, span.start);
      const mark = h("mark", { class: "evidence", id: "evidence" });
      fill(mark, span.start, Math.min(span.end, text.length));
      fragment.append(mark);
      fill(fragment, Math.min(span.end, text.length), text.length);
    } else {
      fill(fragment, 0, text.length);
    }
    return fragment;
  }

  function row(label, value) {
    if (value === null || value === undefined || value === "") return null;
    return [h("dt", {}, label), h("dd", {}, value)];
  }

  function eventCard(ev, index, selected, route) {
    const source = side(ev, "source"), target = side(ev, "target"), place = placeOf(ev);
    const date = ev.date && typeof ev.date === "object" ? ev.date : { value: ev.date, precision: ev.date_precision };
    const select = () => {
      const params = new URLSearchParams();
      if (ev.id !== undefined && ev.id !== null) params.set("event", ev.id); else params.set("index", index);
      location.hash = `#/article/${encodeURIComponent(route.args[0])}?${params}`;
    };
    return h("li", { class: `q${quadOf(ev) || 0}${selected ? " selected" : ""}`, "data-index": index, onclick: select },
      h("h3", {}, typeLabel(ev.type), ev.mode ? ` (${ev.mode})` : ""),
      h("dl", { class: "meta" },
        row(t("col.source"), actorLink(source)), row(t("col.target"), actorLink(target)),
        row(t("col.date"), [date.value, date.precision ? ` (${date.precision})` : ""].join("") || null),
        row(t("col.place"), place.name ? `${place.name}${place.country ? ` [${place.country}]` : ""}` : null),
        row(t("col.factuality"), ev.factuality ? t(`fact.${ev.factuality}`) : null),
        row(t("col.speaker"), typeof ev.speaker === "object" && ev.speaker ? ev.speaker.text || ev.speaker.name : ev.speaker),
        row(t("col.via"), viaOf(ev) || null),
        row(t("col.quad"), quadOf(ev) ? [quadChip(quadOf(ev)), ` ${t(`quad.${quadOf(ev)}`)}`] : null),
        row(t("col.goldstein"), num(ev.goldstein, 1)),
        row(t("col.confidence"), num(ev.confidence, 2)),
        row(t("col.evidence"), evidence(ev).text)));
  }

  function repairItem(repair) {
    const change = repair.from !== undefined || repair.to !== undefined ? `${repair.from ?? ""} → ${repair.to ?? ""}` : "";
    const where = repair.start !== null && repair.start !== undefined ? ` @${repair.start}` : "";
    return h("li", {}, h("strong", {}, repair.kind || ""), " ", change, where, repair.detail ? h("span", { class: "muted" }, ` ${repair.detail}`) : null);
  }

  // ---- actor ----------------------------------------------------------------------------------
  async function actorView(route) {
    const code = route.args[0];
    const [actor, recent] = await Promise.all([
      api(`actors/${encodeURIComponent(code)}`), api(`actors/${encodeURIComponent(code)}/events`, { limit: 200, sort: "-date" })]);
    const counterparts = actor.counterparts || [];
    const timeline = actor.timeline || [];
    const rows = items(recent);
    return h("section", { class: "actor-view" },
      h("h1", {}, actor.name && actor.name !== actor.code ? `${actor.name} [${actor.code}]` : actor.code || code),
      h("p", { class: "muted" }, [actor.country ? `${t("actor.country")}: ${actor.country}` : null, actor.role,
        t("events.total", { n: num(actor.events ?? actor.count ?? recent.total ?? rows.length) })].filter(Boolean).join(" · ")),
      h("div", { class: "grid" },
        h("div", { class: "card wide" }, h("h2", {}, `${t("actor.timeline")}: ${t("actor.coopConflict")}`),
          timeline.length ? coopConflictChart(timeline) : h("p", { class: "muted" }, t("none")),
          h("div", { class: "legend" }, h("span", { style: "--sw: #2f7fd0" }, t("actor.cooperation")),
            h("span", { style: "--sw: #c73a2f" }, t("actor.conflict")))),
        h("div", { class: "card wide counterparts" }, h("h2", {}, t("actor.counterparts")),
          counterparts.length ? h("table", {},
            h("thead", {}, h("tr", {}, h("th", {}, t("col.actor")), h("th", { class: "num" }, t("col.count")), h("th", { class: "num" }, t("col.goldstein")))),
            h("tbody", {}, counterparts.map((c) => h("tr", {},
              h("td", {}, actorLink({ code: c.code, name: c.name })),
              h("td", { class: "num" }, h("a", { href: `#/events${query({ actor: actor.code || code, target: c.code })}` }, num(c.count))),
              h("td", { class: "num" }, num(c.goldstein, 1))))))
            : h("p", { class: "muted" }, t("none"))),
        h("div", { class: "card wide" }, h("h2", {}, t("actor.events")),
          h("p", {}, h("a", { href: `#/events${query({ actor: actor.code || code })}` }, t("nav.events"))),
          eventTable(rows))));
  }

  // ---- network --------------------------------------------------------------------------------
  async function networkView(route) {
    const names = ["since", "until", "type", "limit"];
    const filters = pick(route.params, names);
    const dyads = items(await api("stats/dyads", { ...filters, limit: filters.limit || 60 }));
    return h("section", { class: "network-view" },
      h("h1", {}, t("network.title")),
      filterForm(route.params, names, "network"),
      h("p", { class: "muted" }, t("network.edges", { n: num(dyads.length) }), " · ", t("network.legend")),
      dyads.length ? networkSvg(dyads) : h("p", { class: "muted" }, t("none")));
  }

  function goldsteinColour(value) {
    // -10 red ... 0 grey ... +10 blue
    const v = Math.max(-10, Math.min(10, Number(value) || 0)) / 10;
    const grey = [150, 150, 150], blue = [31, 95, 168], red = [199, 58, 47];
    const end = v >= 0 ? blue : red, k = Math.abs(v);
    return `rgb(${grey.map((g, i) => Math.round(g + (end[i] - g) * k)).join(",")})`;
  }

  // A small force layout (repulsion between all nodes, springs along edges): a few dozen nodes,
  // 300 steps, done once before drawing; deterministic start on a circle so views are stable.
  function layout(nodes, edges, width, height) {
    const n = nodes.length;
    nodes.forEach((node, i) => {
      const angle = (2 * Math.PI * i) / n;
      node.x = width / 2 + (width / 3) * Math.cos(angle);
      node.y = height / 2 + (height / 3) * Math.sin(angle);
    });
    const ideal = Math.sqrt((width * height) / Math.max(1, n)) * 0.6;
    for (let step = 0; step < 300; step++) {
      const heat = 0.1 * (1 - step / 300) + 0.01;
      for (const a of nodes) { a.dx = 0; a.dy = 0; }
      for (let i = 0; i < n; i++) {
        for (let j = i + 1; j < n; j++) {
          const a = nodes[i], b = nodes[j];
          let dx = a.x - b.x, dy = a.y - b.y;
          const d2 = Math.max(dx * dx + dy * dy, 1);
          const force = (ideal * ideal) / d2;
          dx *= force; dy *= force;
          a.dx += dx; a.dy += dy; b.dx -= dx; b.dy -= dy;
        }
      }
      for (const e of edges) {
        const a = e.a, b = e.b;
        const dx = b.x - a.x, dy = b.y - a.y, d = Math.max(Math.hypot(dx, dy), 1);
        const pull = d / ideal;
        a.dx += dx * pull; a.dy += dy * pull; b.dx -= dx * pull; b.dy -= dy * pull;
      }
      for (const a of nodes) {
        a.dx += (width / 2 - a.x) * 0.05; a.dy += (height / 2 - a.y) * 0.05;
        const d = Math.max(Math.hypot(a.dx, a.dy), 1), move = Math.min(d, ideal * heat * 10);
        a.x = Math.max(30, Math.min(width - 30, a.x + (a.dx / d) * move));
        a.y = Math.max(20, Math.min(height - 20, a.y + (a.dy / d) * move));
      }
    }
  }

  function networkSvg(dyads) {
    const width = 960, height = 620;
    const byCode = new Map();
    const node = (code, name) => {
      if (!byCode.has(code)) byCode.set(code, { code, name: name || code, count: 0 });
      return byCode.get(code);
    };
    const edges = dyads.filter((d) => d.source && d.target).map((d) => {
      const a = node(d.source, d.source_name), b = node(d.target, d.target_name);
      a.count += d.count; b.count += d.count;
      return { a, b, count: d.count, goldstein: d.goldstein, d };
    });
    const nodes = [...byCode.values()];
    layout(nodes, edges, width, height);
    const maxCount = Math.max(1, ...edges.map((e) => e.count));
    const maxNode = Math.max(1, ...nodes.map((n) => n.count));
    const pairs = new Set(edges.map((e) => `${e.a.code}>${e.b.code}`));
    const svg = s("svg", { class: "network", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": t("network.title") },
      s("defs", {}, s("marker", { id: "arrow", viewBox: "0 0 10 10", refX: 9, refY: 5, markerWidth: 9, markerHeight: 9, markerUnits: "userSpaceOnUse", orient: "auto-start-reverse" },
        s("path", { d: "M0 0L10 5L0 10z", fill: "#6b7480" }))));
    const edgeLayer = s("g", { class: "edges" }), nodeLayer = s("g", { class: "nodes" });
    for (const e of edges) {
      const self = e.a === e.b;
      const back = pairs.has(`${e.b.code}>${e.a.code}`);
      const dx = e.b.x - e.a.x, dy = e.b.y - e.a.y, d = Math.max(Math.hypot(dx, dy), 1);
      const ra = 6 + 10 * Math.sqrt(e.b.count / maxNode);
      const ex = e.b.x - (dx / d) * (ra + 2), ey = e.b.y - (dy / d) * (ra + 2);
      const bend = back ? 0.15 : 0; // two directions of one pair curve apart
      const cx = (e.a.x + ex) / 2 - dy * bend, cy = (e.a.y + ey) / 2 + dx * bend;
      const path = self
        ? `M${e.a.x} ${e.a.y}c-30 -40 30 -40 0 0`
        : `M${e.a.x.toFixed(1)} ${e.a.y.toFixed(1)}Q${cx.toFixed(1)} ${cy.toFixed(1)} ${ex.toFixed(1)} ${ey.toFixed(1)}`;
      edgeLayer.append(s("path", {
        class: "edge", d: path, stroke: goldsteinColour(e.goldstein), "stroke-width": (1 + 7 * Math.sqrt(e.count / maxCount)).toFixed(2),
        "marker-end": self ? null : "url(#arrow)", "data-source": e.a.code, "data-target": e.b.code,
      }, s("title", {}, `${e.a.name} → ${e.b.name}: ${num(e.count)} · Goldstein ${num(e.goldstein, 1)}`)));
    }
    for (const n of nodes) {
      const r = 6 + 10 * Math.sqrt(n.count / maxNode);
      nodeLayer.append(s("a", { class: "node", href: `#/actor/${encodeURIComponent(n.code)}` },
        s("title", {}, `${n.name} [${n.code}]: ${num(n.count)}`),
        s("circle", { cx: n.x.toFixed(1), cy: n.y.toFixed(1), r: r.toFixed(1) }),
        s("text", { x: (n.x + r + 3).toFixed(1), y: (n.y + 4).toFixed(1) }, n.code)));
    }
    svg.append(edgeLayer, nodeLayer);
    return svg;
  }

  // ---- map ------------------------------------------------------------------------------------
  async function mapView(route) {
    const names = ["actor", "target", "type", "since", "until", "factuality"];
    const filters = pick(route.params, names);
    if (!state.world) state.world = await (await fetch("world.json")).json();
    const places = items(await api("places", filters));
    return h("section", { class: "map-view" },
      h("h1", {}, t("map.title")),
      filterForm(route.params, names, "map"),
      h("p", { class: "muted" }, t("map.places", { n: num(places.length) }), " · ", t("map.legend")),
      mapSvg(state.world, places));
  }

  // Equirectangular: world.json's paths are already in a 360 x 180 frame (x = lon + 180, y = 90 - lat)
  function mapSvg(world, places) {
    const countries = new Set(places.map((p) => p.country).filter(Boolean));
    const svg = s("svg", { class: "map", viewBox: "0 8 360 150", role: "img", "aria-label": t("map.title") });
    const land = s("g", { class: "countries" });
    for (const c of world.countries) {
      land.append(s("path", { class: `country${countries.has(c.code) ? " has-events" : ""}`, d: c.d, "data-code": c.code || "" },
        s("title", {}, c.name)));
    }
    const max = Math.max(1, ...places.map((p) => p.count || 1));
    const marks = s("g", { class: "places" });
    for (const p of [...places].sort((a, b) => (b.count || 0) - (a.count || 0))) {
      const lat = Number(p.lat ?? p.latitude), lon = Number(p.lon ?? p.longitude);
      if (!Number.isFinite(lat) || !Number.isFinite(lon)) continue;
      const link = s("a", { href: `#/events${query({ place: p.country })}` },
        s("circle", { class: "place", cx: (lon + 180).toFixed(2), cy: (90 - lat).toFixed(2), r: (0.9 + 3.5 * Math.sqrt((p.count || 1) / max)).toFixed(2) },
          s("title", {}, `${p.name || ""}${p.country ? ` [${p.country}]` : ""}: ${num(p.count || 1)}`)));
      marks.append(link);
    }
    svg.append(land, marks);
    zoomable(svg, [0, 8, 360, 150]);
    return svg;
  }

  // Wheel and two-button-free zoom: the wheel zooms about the pointer, dragging pans
  function zoomable(svg, initial) {
    let box = [...initial], drag = null;
    const apply = () => svg.setAttribute("viewBox", box.map((v) => v.toFixed(2)).join(" "));
    const point = (event) => {
      const rect = svg.getBoundingClientRect();
      return [box[0] + ((event.clientX - rect.left) / rect.width) * box[2], box[1] + ((event.clientY - rect.top) / rect.height) * box[3]];
    };
    svg.addEventListener("wheel", (event) => {
      event.preventDefault();
      const [px, py] = point(event), k = event.deltaY > 0 ? 1.2 : 1 / 1.2;
      const w = Math.min(initial[2], Math.max(10, box[2] * k)), hgt = (w / box[2]) * box[3];
      box = [px - ((px - box[0]) * w) / box[2], py - ((py - box[1]) * hgt) / box[3], w, hgt];
      apply();
    }, { passive: false });
    svg.addEventListener("pointerdown", (event) => { drag = { x: event.clientX, y: event.clientY, box: [...box] }; });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      box = [drag.box[0] - ((event.clientX - drag.x) / rect.width) * box[2], drag.box[1] - ((event.clientY - drag.y) / rect.height) * box[3], box[2], box[3]];
      apply();
    });
    for (const name of ["pointerup", "pointerleave"]) svg.addEventListener(name, () => { drag = null; });
  }

  // ---- start ----------------------------------------------------------------------------------
  document.getElementById("lang").addEventListener("click", () => {
    state.lang = state.lang === "vi" ? "en" : "vi";
    localStorage.setItem("vnevents.lang", state.lang);
    translateStatic();
    render();
  });
  window.addEventListener("hashchange", render);
  translateStatic();
  render();
})();
