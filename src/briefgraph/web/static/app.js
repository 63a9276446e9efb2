// briefgraph workbench: review actions, text selection for new relations, uploads, graph explorer.
// Plain DOM code; every text from the store is set with textContent, never parsed as HTML.
(function () {
  "use strict";
  const csrf = () => document.querySelector('meta[name="csrf-token"]').content;

  async function send(url, options) {
    const headers = Object.assign({"X-CSRF-Token": csrf()}, options.headers || {});
    const res = await fetch(url, Object.assign({credentials: "same-origin"}, options, {headers}));
    const body = await res.json().catch(() => ({}));
    if (!res.ok) throw new Error(body.error ? body.error.message : res.statusText);
    return body;
  }
  const postJSON = (url, data) => send(url, {method: "POST", body: JSON.stringify(data),
                                             headers: {"Content-Type": "application/json"}});
  const why = () => { const el = document.getElementById("why"); return el ? el.value : ""; };
  const say = (el, text, bad) => { if (el) { el.textContent = text; el.classList.toggle("bad", !!bad); } };
  function after(target, fallback) {
    const then = target.dataset.then || fallback;
    if (then === "stay") return;
    if (then && then !== "reload") window.location.assign(then); else window.location.reload();
  }

  // Forms: fields become JSON; data-int fields are numbers, repeated names listed in data-list are arrays.
  function formData(form) {
    const lists = (form.dataset.list || "").split(",").filter(Boolean);
    const data = {why: why()};
    lists.forEach(name => { data[name] = []; });
    for (const el of form.elements) {
      if (!el.name || (el.type === "checkbox" && !el.checked)) continue;
      let value = el.type === "checkbox" && el.value === "true" ? true : el.value;
      if (el.hasAttribute("data-int")) value = value === "" ? null : parseInt(value, 10);
      if (value === "" && el.tagName === "SELECT") continue;
      if (el.value === "true" && el.type === "hidden") value = true;
      if (lists.includes(el.name)) data[el.name].push(value); else data[el.name] = value;
    }
    return data;
  }

  document.addEventListener("submit", async (event) => {
    const form = event.target;
    if (!form.matches("form.review")) return;
    event.preventDefault();
    const msg = form.querySelector(".msg");
    try {
      const decision = await postJSON(form.dataset.action, formData(form));
      say(msg, `decision ${decision.id} logged`);
      after(form, "reload");
    } catch (err) { say(msg, err.message, true); }
  });

  document.addEventListener("click", async (event) => {
    const button = event.target.closest("button[data-post]");
    if (!button) return;
    const status = document.getElementById("status");
    try {
      const decision = await postJSON(button.dataset.post, {why: why()});
      say(status, `decision ${decision.id}: ${decision.action} logged`);
      after(button, "reload");
    } catch (err) { say(status, err.message, true); }
  });

  // Document page: the selected text's offsets, in code points as the store counts them.
  function selectionOffsets(container) {
    const sel = window.getSelection();
    if (!sel.rangeCount || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    const start = Array.from(before.toString()).length;
    const text = range.toString();
    return {start, end: start + Array.from(text).length, text};
  }
  const doctext = document.getElementById("doctext");
  const addForm = document.getElementById("add-relation");
  if (doctext && addForm) {
    doctext.addEventListener("mouseup", () => {
      const picked = selectionOffsets(doctext);
      if (!picked) return;
      addForm.elements.start.value = picked.start;
      addForm.elements.end.value = picked.end;
      say(document.getElementById("selection"), `“${picked.text}” (${picked.start}–${picked.end})`);
    });
  }
  if (doctext && window.location.hash.startsWith("#ev-")) {
    // One evidence sentence may be cut into several marks by the mentions inside it: flash them all.
    const span = window.location.hash.slice(4);
    const marks = Array.from(doctext.querySelectorAll("mark[data-ev]"))
      .filter(m => m.dataset.ev.split(" ").includes(span));
    marks.forEach(m => m.classList.add("flash"));
    if (marks.length) marks[0].scrollIntoView({block: "center"});
  }

  // Upload: send the file, then poll its job until the background ingest is done.
  const uploadForm = document.getElementById("upload-form");
  if (uploadForm) {
    uploadForm.addEventListener("submit", async (event) => {
      event.preventDefault();
      const status = document.getElementById("upload-status");
      const list = document.getElementById("upload-actors");
      list.replaceChildren();
      try {
        let job = await send("/api/uploads", {method: "POST", body: new FormData(uploadForm)});
        while (["queued", "extracting", "storing"].includes(job.state)) {
          say(status, `${job.filename}: ${job.state}…`);
          await new Promise(r => setTimeout(r, 400));
          job = await send(`/api/uploads/${job.id}`, {method: "GET"});
        }
        say(status, `${job.filename}: ${job.state}. ${job.message}`, job.state === "failed");
        for (const a of job.actors) {
          const li = document.createElement("li"), link = document.createElement("a");
          link.href = `/actors/${encodeURIComponent(a.id)}`;
          link.textContent = a.name;
          li.append(link, ` (${a.type})`);
          list.append(li);
        }
      } catch (err) { say(status, err.message, true); }
    });
  }

  // Graph explorer: the graph bundle draws every tie once and filters in place; the server applies the
  // same filters to fill the table (and is the only view when the bundle is not built).
  const filters = document.getElementById("graph-filters");
  if (filters) {
    let view = null;
    const names = {};
    const form = () => new FormData(filters);
    function query() {
      const params = new URLSearchParams(), f = form();
      for (const key of ["signs", "types", "statuses"]) {
        const values = f.getAll(key);
        if (values.length) params.set(key, values.join(","));
      }
      for (const key of ["min_confidence", "since", "until", "focus", "hops"]) if (f.get(key)) params.set(key, f.get(key));
      if (!f.getAll("signs").length) params.set("signs", "none");
      return params;
    }
    function viewFilter() {
      const f = form();
      const signs = f.getAll("signs").map(Number);
      return {signs: signs.length ? signs : [2], types: f.getAll("types"), statuses: f.getAll("statuses"),
              minConfidence: parseFloat(f.get("min_confidence") || "0"), since: f.get("since") || null,
              until: f.get("until") || null, focus: f.get("focus") || null, hops: parseInt(f.get("hops") || "1", 10)};
    }
    function link(href, text) {
      const a = document.createElement("a");
      a.href = href;
      a.textContent = text;
      return a;
    }
    function fillTable(data) {
      data.nodes.forEach(n => { names[n.id] = n.label; });
      say(document.getElementById("graph-summary"),
          `${data.nodes.length} actors, ${data.edges.length} relations; ${data.isolated.length} actors without a tie here are listed apart.`);
      const body = document.querySelector("#graph-edges tbody");
      body.replaceChildren(...data.edges.map(e => {
        const tr = document.createElement("tr");
        tr.dataset.relation = e.id;
        const cells = [link(`/actors/${encodeURIComponent(e.source)}`, names[e.source]),
                       link(`/relations/${encodeURIComponent(e.id)}`, e.type),
                       link(`/actors/${encodeURIComponent(e.target)}`, names[e.target]),
                       String(e.sign), e.status, e.confidence.toFixed(2)];
        cells.forEach(cell => { const td = document.createElement("td"); td.append(cell); tr.append(td); });
        return tr;
      }));
      const isolated = document.querySelector("#graph-isolated ul");
      isolated.replaceChildren(...data.isolated.map(a => {
        const li = document.createElement("li");
        li.append(link(`/actors/${encodeURIComponent(a.id)}`, a.label));
        return li;
      }));
    }
    function mount(data) {
      const element = document.getElementById("graph-view");
      if (!element || !window.BriefgraphGraph) return;
      try {
        view = window.BriefgraphGraph.mount(element, data, {colourBy: "type"});
      } catch (err) {
        say(document.getElementById("graph-selected"), `The graph cannot be drawn here (${err.message}); the table lists it.`, true);
        return;
      }
      window.briefgraphView = view;
      view.on("select", id => {
        const panel = document.getElementById("graph-selected");
        panel.replaceChildren();
        if (id) panel.append("Selected: ", link(`/actors/${encodeURIComponent(id)}`, names[id] || id));
        else panel.textContent = "Click an actor to select it.";
      });
    }
    async function refresh() {
      const data = await send(`/api/graph?${query()}`, {method: "GET"});
      fillTable(data);
      if (view) view.setFilter(viewFilter());
      return data;
    }
    filters.addEventListener("submit", (event) => { event.preventDefault(); refresh(); });
    window.addEventListener("load", async () => {
      const everything = await send("/api/graph", {method: "GET"});
      mount(everything);
      await refresh();
      document.body.dataset.graphReady = "1";
    });
  }
})();
