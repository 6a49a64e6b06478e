// The live plot (issue 14): a native range slider and Plotly charts whose β-dependent series are recomputed here,
// in the browser, on the animation frame after each `input` event; β goes back to Python only on release.
// Served by ui/live_plot.py (Streamlit components v2, no iframe). No eval, no new Function, no generated code:
// formulas arrive as validated trees (swiglu/formula.py formula_tree) and are walked by `evalTree`.

// ---- math: each function mirrors the named core function (tests/browser/test_live_plot.py compares them) ----
const sigmoid = (z) => 1 / (1 + Math.exp(-z)); // torch.sigmoid (activations.sigmoid)
const swish = (x, b) => x * sigmoid(b * x); // activations.swish: x·σ(βx)
const swishDerivative = (x, b) => { // activations.swish_derivative: σ(z)·(1 + z·σ(−z)), z = βx
  const z = b * x;
  return sigmoid(z) * (1 + z * sigmoid(-z));
};
// erf to ~1e-16: the Maclaurin-type series 2/√π·e^(−x²)·Σ 2ⁿx^(2n+1)/(1·3·…·(2n+1)) (all terms positive, no
// cancellation) for |x| < 3, and the continued fraction of erfc (modified Lentz) beyond, where erfc < 2.3e-5.
function erf(x) {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 3) {
    let term = ax, sum = ax;
    for (let n = 1; n < 200 && term > 1e-17 * sum; n++) { term *= 2 * ax * ax / (2 * n + 1); sum += term; }
    return Math.sign(x) * (2 / Math.sqrt(Math.PI)) * Math.exp(-ax * ax) * sum;
  }
  if (ax > 27) return Math.sign(x); // erfc(27) < 1e-318
  // erfc(x) = e^(−x²)/√π · 1/(x + (1/2)/(x + 1/(x + (3/2)/(x + 2/(x + …)))))
  const tiny = 1e-300;
  let f = ax, c = ax, d = 0;
  for (let n = 1; n < 300; n++) {
    const a = n / 2;
    d = ax + a * d; d = Math.abs(d) < tiny ? tiny : d; d = 1 / d;
    c = ax + a / c; c = Math.abs(c) < tiny ? tiny : c;
    const delta = c * d;
    f *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.sign(x) * (1 - Math.exp(-ax * ax) / (Math.sqrt(Math.PI) * f));
}
const gelu = (x) => x * 0.5 * (1 + erf(x * Math.SQRT1_2)); // activations.gelu (exact): x·Φ(x)
const relu = (x) => (x > 0 ? x : (Number.isNaN(x) ? NaN : 0)); // activations.relu
const GATES = { // activations.GATES: the gate on the first (W) branch, Shazeer 2020 eq. 4-6
  glu: (a) => sigmoid(a), bilinear: (a) => a, reglu: relu, geglu: gelu, swiglu: swish,
};

// ---- the student's formula: a tree walk with dual numbers [f, df/dx], as torch autograd differentiates it ----
// (swiglu/formula.py FUNCTIONS; the derivative rules are torch's backward formulas, ties included)
const softplus = (v) => (v > 20 ? v : Math.log1p(Math.exp(v))); // torch F.softplus, threshold 20
const FUNCS = {
  sigmoid: ([v, d]) => { const s = sigmoid(v); return [s, d * (1 - s) * s]; },
  tanh: ([v, d]) => { const t = Math.tanh(v); return [t, d * (1 - t * t)]; },
  exp: ([v, d]) => { const e = Math.exp(v); return [e, d * e]; },
  log: ([v, d]) => [Math.log(v), d / v],
  softplus: ([v, d]) => { const z = Math.exp(v); return [softplus(v), v > 20 ? d : d * z / (z + 1)]; },
  erf: ([v, d]) => [erf(v), d * (2 / Math.sqrt(Math.PI)) * Math.exp(-v * v)],
  abs: ([v, d]) => [Math.abs(v), d * Math.sign(v)],
  sqrt: ([v, d]) => { const r = Math.sqrt(v); return [r, d / (2 * r)]; },
  sin: ([v, d]) => [Math.sin(v), d * Math.cos(v)],
  cos: ([v, d]) => [Math.cos(v), -d * Math.sin(v)],
  relu: ([v, d]) => [relu(v), v > 0 ? d : 0],
  max: ([a, da], [b, db]) => [Math.max(a, b), a > b ? da : a < b ? db : 0.5 * (da + db)],
  min: ([a, da], [b, db]) => [Math.min(a, b), a < b ? da : a > b ? db : 0.5 * (da + db)],
};
function evalTree(node, x, beta) {
  if ("num" in node) return [node.num, 0];
  if ("var" in node) return node.var === "x" ? [x, 1] : [beta, 0];
  if ("neg" in node) { const [v, d] = evalTree(node.neg, x, beta); return [-v, -d]; }
  if ("pow" in node) {
    const [v, d] = evalTree(node.pow, x, beta), p = node.p;
    return [Math.pow(v, p), p === 0 ? 0 : d * p * Math.pow(v, p - 1)];
  }
  if ("op" in node) {
    const [a, da] = evalTree(node.a, x, beta), [b, db] = evalTree(node.b, x, beta);
    switch (node.op) {
      case "+": return [a + b, da + db];
      case "-": return [a - b, da - db];
      case "*": return [a * b, da * b + db * a];
      case "/": return [a / b, da / b - db * a / (b * b)];
    }
  }
  if ("fn" in node && Object.hasOwn(FUNCS, node.fn)) return FUNCS[node.fn](...node.args.map((a) => evalTree(a, x, beta)));
  throw new Error("unknown formula node"); // only validated trees are sent; this cannot happen
}
// swiglu/formula.py evaluate_curve: points where f is not finite are gaps, and so are those of f′ where either is.
function formulaCurve(tree, xs, beta, deriv) {
  return Float64Array.from(xs, (x) => {
    const [v, d] = evalTree(tree, x, beta);
    if (!Number.isFinite(v)) return NaN;
    return deriv ? (Number.isFinite(d) ? d : NaN) : v;
  });
}

// Python's f"{v:.{digits}g}" (swiglu/plots fmt), for labels: "2.5", "0.1", "1e-05".
function fmt(v, digits) {
  if (!Number.isFinite(v)) return String(v);
  if (v === 0) return "0";
  const [mant, expo] = v.toExponential(digits - 1).split("e");
  const e = Number(expo);
  const strip = (s) => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);
  if (e < -4 || e >= digits) return `${strip(mant)}e${e < 0 ? "-" : "+"}${String(Math.abs(e)).padStart(2, "0")}`;
  return strip(v.toFixed(Math.max(0, digits - 1 - e)));
}

// ---- a figure's β-dependent parts, as its builder in swiglu/plots describes them in `meta.live` ----
const value = (e, beta) => (typeof e === "number" ? e : e.k / beta); // plots.over_beta: c/β
const fill = (tmpl, beta) => tmpl[0].replaceAll("{β}", fmt(beta, tmpl[1]));
const SERIES = {
  swish: (tr, b) => ({ y: Float64Array.from(tr.x, (x) => swish(x, b)) }),
  dswish: (tr, b) => ({ y: Float64Array.from(tr.x, (x) => swishDerivative(x, b)) }),
  gate: (tr, b, live) => ({ y: Float64Array.from(tr.x, (a) => GATES[live.gate](a, b) * live.b) }),
  formula: (tr, b, live) => ({ y: formulaCurve(live.tree, tr.x, b, !!live.deriv) }),
  point: (tr, b, live) => {
    const x = value(live.x, b), y = value(live.y, b);
    return Number.isFinite(x) && Number.isFinite(y) ? { x: [x], y: [y] } : { x: [], y: [] };
  },
  surface: (tr, b, live) => { // z[i][j] = gate(a[j])·b[i], colour range ±max|z| (plots.glu.product_heatmap)
    const g = Float64Array.from(tr.x, (a) => GATES[live.gate](a, b));
    let zmax = 0;
    const z = Array.from(tr.y, (bv) => Float64Array.from(g, (gv) => { const h = gv * bv; zmax = Math.max(zmax, Math.abs(h)); return h; }));
    zmax = zmax || 1;
    return { z, zmin: -zmax, zmax };
  },
};
// ---- the training feed (ui/feed.py): records appended to a live chart of swiglu/plots/train.py ----
// plots.train.LOG_DECADES and _loss_axis_type: log when the finite positive losses span a decade or more.
const LOG_DECADES = 1.0;
function lossAxisType(fig) {
  let lo = Infinity, hi = -Infinity;
  for (const tr of fig.data) {
    const f = tr.meta && tr.meta.feed;
    if (!f || (f.field !== "train_loss" && f.field !== "test_loss")) continue;
    for (const v of tr.y) if (v !== null && Number.isFinite(v) && v > 0) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
  }
  return hi >= lo && Math.log10(hi / lo) >= LOG_DECADES ? "log" : "linear";
}
// curves_figure / beta_figure for records appended to a figure they drew: each trace that names its run and field
// (meta.feed) gets the new steps and values (plots.train.finite: null, a gap; beta_figure skips records without
// β). Appends to `fig` in place and returns true, or returns false without touching it when the records change
// more than the series (a run diverged: its marks and cut accuracy; the loss axis changes type): the server
// then draws the figure again.
function appendRecords(fig, runs) {
  for (const cols of runs) if (cols && cols.status.some((st) => st === "diverged")) return false;
  const grown = fig.data.map((tr) => {
    const f = tr.meta && tr.meta.feed;
    const cols = f && runs[f.run];
    if (!cols || !cols.step.length) return null;
    if (f.field) return { x: cols.step, y: cols[f.field] };
    const keep = cols.betas.map((b) => b !== null);
    return { x: cols.step.filter((_, i) => keep[i]), y: cols.betas.filter((b) => b !== null).map((b) => b[f.beta] ?? null) };
  });
  const next = { ...fig, data: fig.data.map((tr, i) => (grown[i] ? { ...tr, x: [...tr.x, ...grown[i].x], y: [...tr.y, ...grown[i].y] } : tr)) };
  const axis = fig.layout.yaxis && fig.layout.yaxis.type;
  if (fig.data.some((tr) => tr.meta && tr.meta.feed && tr.meta.feed.field) && lossAxisType(next) !== axis) return false;
  next.data.forEach((tr, i) => {
    const few = grown[i] && tr.meta.feed.few;
    if (few) tr.mode = tr.x.length <= few ? "lines+markers" : "lines";
    fig.data[i] = tr;
  });
  fig.appended = (fig.appended || 0) + 1;
  return true;
}
const CALC = { swish, swishDerivative, sigmoid, erf, gelu, relu, GATES, evalTree, formulaCurve, fmt, appendRecords,
  lossAxisType };

function liveFigure(fig, beta, narrow) {
  const data = fig.data.map((tr) => {
    const live = tr.meta && tr.meta.live;
    if (!live) return tr;
    const out = { ...tr, ...SERIES[live.op](tr, beta, live) };
    if (live.label) out.name = fill(live.label, beta);
    return out;
  });
  // a fresh copy: Plotly.react writes computed ranges into the layout it is given, and the next frame starts over
  // datarevision: Plotly.react redraws data only when it changes (β, or records the feed appended: fig.appended)
  const lay = { ...structuredClone(fig.layout), datarevision: `${beta}:${fig.appended || 0}` };
  const meta = lay.meta && lay.meta.live;
  if (meta && meta.title) lay.title = { ...lay.title, text: fill(meta.title, beta) };
  if (meta && meta.marks) {
    lay.shapes = lay.shapes.slice();
    lay.annotations = lay.annotations.slice();
    for (const mark of meta.marks) {
      const shape = { ...lay.shapes[mark.shape] };
      let shown = beta > 0;
      for (const [k, e] of Object.entries(mark.set || {})) { shape[k] = value(e, beta); shown &&= Number.isFinite(shape[k]); }
      if (shape.type === "rect") shown &&= shape.x0 < shape.x1;
      shape.visible = shown;
      lay.shapes[mark.shape] = shape;
      if (mark.note == null) continue;
      const note = { ...lay.annotations[mark.note], visible: shown };
      for (const [k, e] of Object.entries(mark.note_set || {})) note[k] = value(e, beta);
      if (mark.text && shown) note.text = mark.text[0].replace("{v}", fmt(value(mark.text[1], beta), mark.text[2]));
      lay.annotations[mark.note] = note;
    }
  }
  if (narrow) { // a phone: the legend goes below the plot, the plot keeps the width and its height
    const entries = data.filter((tr) => tr.showlegend !== false && tr.name && (tr.type || "scatter") === "scatter").length;
    const room = Math.ceil(entries * 1.5 * (lay.legend?.font?.size || 13)) + 10;
    lay.legend = { ...lay.legend, orientation: "h", x: 0, xanchor: "left", y: 0, yref: "container", yanchor: "bottom" };
    lay.margin = { ...lay.margin, l: Math.min(lay.margin?.l ?? 80, 56), r: 8, b: (lay.margin?.b ?? 72) + room };
    lay.height = (lay.height || 450) + room;
  }
  return { data, layout: lay };
}

// Plotly's typed-array form ({dtype, bdata, shape}, as plotly.py writes numpy arrays) -> typed arrays, once per figure.
const DTYPES = { f8: Float64Array, f4: Float32Array, i4: Int32Array, u4: Uint32Array, i2: Int16Array, u2: Uint16Array,
  i1: Int8Array, u1: Uint8Array };
function decode(v) {
  if (!v || typeof v !== "object" || typeof v.bdata !== "string" || !DTYPES[v.dtype]) return v;
  const bytes = Uint8Array.from(atob(v.bdata), (ch) => ch.charCodeAt(0));
  const flat = new DTYPES[v.dtype](bytes.buffer);
  const shape = String(v.shape || flat.length).split(",").map(Number);
  if (shape.length !== 2) return flat;
  return Array.from({ length: shape[0] }, (_, i) => flat.subarray(i * shape[1], (i + 1) * shape[1]));
}
function parseFigure(text) {
  const fig = JSON.parse(text);
  delete fig.layout.template; // plotly.py's default template; the page's look is set below, as st.plotly_chart does
  for (const tr of fig.data) for (const k of ["x", "y", "z"]) if (k in tr) tr[k] = decode(tr[k]);
  return fig;
}

// ---- plotly.js: the copy the app serves itself (ui/live_plot.py), loaded once per tab into document.head ----
function loadPlotly(url) {
  if (window.Plotly) return Promise.resolve(window.Plotly);
  if (!window.__swigluPlotly) {
    window.__swigluPlotly = new Promise((resolve, reject) => {
      const s = document.createElement("script");
      s.src = url;
      s.onload = () => resolve(window.Plotly);
      s.onerror = () => { window.__swigluPlotly = null; reject(new Error("plotly.js did not load")); };
      document.head.appendChild(s);
    });
  }
  return window.__swigluPlotly;
}

// ---- the component ----
const CSS = `
.swl-control {margin: 0 0 .5rem 0;}
.swl-label {display: flex; gap: .5rem; align-items: baseline; font-size: .875rem;}
.swl-value {font-weight: 600; font-variant-numeric: tabular-nums; color: #0072B2;}
.swl-range {display: block; width: 100%; margin: .5rem 0; accent-color: #0072B2; height: 1.5rem; cursor: pointer;}
.swl-range:focus-visible {outline: 3px solid #0072B2; outline-offset: 4px; border-radius: 4px;}
.swl-plots.swl-two {display: grid; grid-template-columns: repeat(auto-fit, minmax(min(100%, 340px), 1fr)); gap: 1rem;}
.swl-plot {width: 100%;}
[data-stale="true"]:has(.swl) {opacity: 1 !important; transition: none !important;} /* drawn live, never stale */`;
function build(root) {
  root.innerHTML = `<style>${CSS}</style><div class="swl"><div class="swl-control"><label class="swl-label"><span class="swl-name"></span>
    <output class="swl-value"></output></label><input class="swl-range" type="range" step="any"></div>
    <div class="swl-plots"></div></div>`;
  const el = (c) => root.querySelector(c);
  const s = { root, range: el(".swl-range"), name: el(".swl-name"), out: el(".swl-value"), plots: el(".swl-plots"),
    divs: [], figs: [], texts: [], raf: 0, epoch: null, value: 0, drawn: null };
  const id = `swl-${Math.random().toString(36).slice(2)}`;
  s.range.id = id;
  el(".swl-label").htmlFor = id;
  s.range.addEventListener("input", () => { s.value = Number(s.range.value); shown(s); schedule(s); });
  s.range.addEventListener("change", () => { setValue(s, snap(s, s.value)); send(s); });
  s.range.addEventListener("keydown", (ev) => {
    const { lo, hi, step } = s.slider;
    const base = lo + Math.round((s.value - lo) / step) * step; // from a link's off-grid value, keys walk the grid
    const to = { ArrowRight: base + step, ArrowUp: base + step, ArrowLeft: base - step, ArrowDown: base - step,
      PageUp: base + 10 * step, PageDown: base - 10 * step, Home: lo, End: hi }[ev.key];
    if (to === undefined) return;
    ev.preventDefault(); // the native step is "any" (smooth dragging): the keys follow the setting's step instead
    if (window.__swlKey) window.__swlKey(ev); // benchmark hook (bench/latency.py), inert otherwise
    setValue(s, snap(s, to));
    requestAnimationFrame(() => setTimeout(() => send(s), 0)); // after this frame's redraw: the chart comes first
  });
  return s;
}
const snap = (s, v) => {
  const { lo, hi, step } = s.slider;
  return Math.min(hi, Math.max(lo, Number((lo + Math.round((v - lo) / step) * step).toFixed(10))));
};
function setValue(s, v) { s.value = v; s.range.value = String(v); shown(s); schedule(s); }
function send(s) { s.setStateValue("value", { v: s.value, n: performance.timeOrigin + performance.now() }); }
function shown(s) {
  if (!s.slider) return;
  const text = fmt(s.value, 4);
  s.out.textContent = text;
  s.range.setAttribute("aria-valuetext", s.slider.valuetext.replace("{v}", text));
}
function schedule(s) {
  if (!s.raf) s.raf = requestAnimationFrame(() => { s.raf = 0; draw(s); });
}
function draw(s) {
  const Plotly = window.Plotly;
  if (!Plotly || s.hold) return; // drawn once plotly.js has loaded, and a held-back figure once it caught up
  const style = getComputedStyle(s.root);
  s.figs.forEach((fig, i) => {
    const div = s.divs[i];
    const { data, layout } = liveFigure(fig, s.value, window.innerWidth < 640);
    layout.font = { ...layout.font, family: style.fontFamily, color: style.color };
    layout.paper_bgcolor = "rgba(0,0,0,0)";
    Plotly.react(div, data, layout, s.config);
  });
  s.drawn = s.value;
}

// One request at a time, every `feed.every` ms, until the job ends or a new figure (with its own counts) arrives.
const ACTIVE = ["queued", "running"];
// A job that has not trained yet (step-0 records only) is asked again soon: its first trained point is the one
// the student waits for after pressing Train.
const FIRST_ASK_MS = 150;
function startFeed(s, feed, first) {
  clearTimeout(s.feedTimer);
  s.feed = feed ? { ...feed, counts: feed.counts.slice(), misses: 0 } : null;
  if (!s.feed) return;
  const soon = s.feed.counts.every((c) => c <= 1) ? Math.min(FIRST_ASK_MS, s.feed.every) : s.feed.every;
  s.feedTimer = setTimeout(() => feedTick(s, s.feed), first ?? soon);
}
// A figure from the server that holds fewer records than this chart already appended (its fragment ran before the
// last feed answers arrived): not drawn until it has caught up, at once, so the curve never steps back.
function behind(s, feed) {
  const had = s.feed;
  if (!feed || !had || had.url !== feed.url || had.counts.length !== feed.counts.length) return false;
  return feed.counts.every((c, i) => c <= had.counts[i]) && feed.counts.some((c, i) => c < had.counts[i]);
}
// The job's end is asked for a little later: when a click on this page ended it (Pause, Reset), that click's own
// run draws the end anyway, and a second rerun asked in the middle of it would only delay it. A new figure from
// the server cancels the request.
const REDRAW_END_MS = 400;
function askRedraw(s, status, after) {
  clearTimeout(s.redrawTimer);
  s.redrawTimer = setTimeout(() => s.setStateValue("redraw", { n: performance.timeOrigin + performance.now(), status }),
    after);
}
async function feedTick(s, f) {
  const t0 = performance.now();
  let body = null;
  try {
    const r = await fetch(`${f.url}?n=${f.counts.join(",")}`, { cache: "no-store", credentials: "same-origin" });
    if (r.status === 404 || r.status === 400) f.stopped = true; // a job this server no longer has
    else if (r.ok) body = await r.json();
  } catch (e) { f.misses += 1; } // the network: try again, a little later each time
  if (s.feed !== f) return; // the server sent a new figure meanwhile: its own loop goes on
  let redraw = s.hold; // a figure held back (behind) is drawn now, caught up or not
  s.hold = false;
  if (body && body.from.join(",") === f.counts.join(",")) {
    const fits = s.figs.every((fig) => appendRecords(fig, body.runs)); // a training chart holds one figure
    if (fits) {
      body.runs.forEach((cols, i) => { if (cols) f.counts[i] += cols.step.length; });
      redraw ||= body.runs.some((cols) => cols && cols.step.length);
    }
    if (redraw) draw(s);
    if (!fits || !ACTIVE.includes(body.status)) { // the server draws what comes next: the end, or a new shape
      askRedraw(s, body.status, fits ? REDRAW_END_MS : 0);
      return;
    }
  } else if (redraw) draw(s);
  if (f.stopped) return;
  const wait = f.every * Math.min(8, 1 + f.misses) - (performance.now() - t0); // a steady pace, the request included
  s.feedTimer = setTimeout(() => feedTick(s, f), Math.max(0, wait));
}

export default function (component) {
  const { parentElement, data, setStateValue } = component;
  const s = parentElement.__swigluLive || (parentElement.__swigluLive = build(parentElement));
  s.setStateValue = setStateValue;
  window.swigluLive = CALC; // the math, for the browser tests that compare it with swiglu/ number by number
  s.config = { ...data.config, responsive: true };
  s.slider = data.slider;
  if (data.epoch !== s.epoch) { s.epoch = data.epoch; s.value = data.value; } // a link or a first mount sets β
  const control = s.root.querySelector(".swl-control");
  control.hidden = !data.slider; // a teacher hid β: the chart stays, at the link's β
  if (data.slider) {
    const { lo, hi, label } = data.slider;
    Object.assign(s.range, { min: String(lo), max: String(hi) });
    s.range.value = String(s.value);
    s.name.textContent = label;
    shown(s);
  }
  const feedKey = data.feed ? `${data.static}|${JSON.stringify(data.feed)}` : "";
  if (feedKey !== s.feedKey) {
    s.feedKey = feedKey;
    clearTimeout(s.redrawTimer); // a new figure: whatever the chart was about to ask for has been drawn
    s.hold = behind(s, data.feed);
    startFeed(s, data.feed, s.hold ? 0 : undefined);
  }
  const same = data.static === s.static && data.figs.length === s.texts.length; // only β moved (ui/live_plot.py)
  s.static = data.static;
  if (!same && data.figs.some((t, i) => t !== s.texts[i])) {
    s.texts = data.figs;
    s.figs = data.figs.map(parseFigure);
    while (s.divs.length < s.figs.length) {
      const div = document.createElement("div");
      div.className = "swl-plot";
      s.plots.appendChild(div);
      s.divs.push(div);
    }
    while (s.divs.length > s.figs.length) { const div = s.divs.pop(); if (window.Plotly) window.Plotly.purge(div); div.remove(); }
    s.figs.forEach((fig, i) => { s.divs[i].style.minHeight = `${fig.layout.height || 450}px`; });
    s.plots.classList.toggle("swl-two", s.figs.length > 1);
  } else if (s.drawn === s.value) {
    return; // what the server sent is what this page already drew (a release), or nothing drawn here changed
  }
  loadPlotly(data.plotly).then(() => schedule(s), () => {
    s.plots.textContent = data.failed; // plotly.js could not be fetched from the app itself
  });
}
