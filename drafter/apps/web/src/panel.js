// The agent panel every sidebar app shows: draft, read why, put the reply in, record what happened.
// A host adapter reads the ticket and delivers the reply; a transport reaches drafter.

export class HostContextError extends Error {}
export class DrafterUnavailable extends Error {}
export class DrafterRefused extends Error {}

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  Object.assign(node, props || {});
  for (const child of children) if (child !== null && child !== undefined) node.append(child);
  return node;
}

/** Plain text of a helpdesk body that may be HTML (Zendesk comments, rich-text editors). */
export function htmlToText(value) {
  const raw = value === null || value === undefined ? "" : String(value);
  if (!/<[a-z][\s\S]*>/i.test(raw)) return raw.trim();
  const doc = new DOMParser().parseFromString(raw.replace(/<br\s*\/?>/gi, "\n").replace(/<\/p>/gi, "</p>\n"), "text/html");
  return (doc.body.textContent || "").split("\n").map((line) => line.trim()).filter(Boolean).join("\n");
}

const REWRITES = {friendlier: "Friendlier", more_formal: "More formal", shorter: "Shorter", expand: "Expand",
                  simplify: "Simpler", more_empathetic: "More empathetic"};

const normalise = (text) => (text || "").replace(/\s+/g, " ").trim();

/** The feedback a reply as sent means for the draft: accepted as is, or edited (with the text). */
export function outcomeOf(draftText, sentText) {
  return normalise(draftText) === normalise(sentText) ? "accepted" : "edited";
}

/** A transport over fetch with a bearer app token (apps drafter serves, or hosted beside it). */
export function fetchTransport(baseUrl, token) {
  return async function request(method, path, body) {
    let response;
    try {
      response = await fetch(baseUrl + path, {
        method,
        headers: {"Content-Type": "application/json", "Authorization": "Bearer " + token},
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (err) {
      // A network failure and a refused CORS preflight look the same to a page.
      throw new DrafterUnavailable("drafter did not answer (it may be down, or this page's origin is not allowed).");
    }
    let data = null;
    try { data = await response.json(); } catch (err) { data = null; }
    if (response.status >= 500) {
      throw new DrafterUnavailable(`drafter is not available (HTTP ${response.status}).`);
    }
    if (!response.ok) {
      throw new DrafterRefused((data && data.message) || `drafter refused the request (HTTP ${response.status}).`);
    }
    return data;
  };
}

/** The app token and drafter's address from the app URL (`?token=...&api=...`). */
export function urlSettings() {
  const params = new URLSearchParams(window.location.search);
  return {token: params.get("token") || "", api: (params.get("api") || window.location.origin).replace(/\/+$/, "")};
}

const gradeLabel = (name) => String(name || "grade").replace(/_/g, " ");
const gradeValue = (score) => (typeof score === "number" ? Math.max(0, Math.min(1, score)).toFixed(2) : "n/a");

/** What to check first (the grades below their pass mark that matter most), then every grade,
 * folded; a grade that does not apply reads "n/a", not a full bar. */
function renderScorecard(container, scorecard, checkFirst) {
  container.replaceChildren();
  const items = (Array.isArray(scorecard) ? scorecard : []).filter((item) => item && typeof item === "object");
  const toCheck = (Array.isArray(checkFirst) ? checkFirst : []).filter((item) => item && typeof item === "object");
  if (!items.length) {
    container.append(el("p", {className: "muted", textContent: "No grades."}));
    return;
  }
  const checks = el("div", {id: "check-first"});
  if (toCheck.length) {
    checks.append(el("div", {className: "muted", textContent: "Check first:"}));
    for (const c of toCheck) {
      checks.append(el("div", {className: "check"},
        el("b", {textContent: `${gradeLabel(c.name)} ${gradeValue(c.score)}`}), " " + (c.reason || "")));
    }
  } else {
    checks.append(el("div", {className: "muted", textContent: "Nothing falls below its pass mark."}));
  }
  container.append(checks);
  const all = el("details", {id: "all-grades"}, el("summary", {textContent: `All ${items.length} grades`}));
  for (const item of items) {
    const applies = typeof item.score === "number" && item.status !== "n/a";
    const score = applies ? Math.max(0, Math.min(1, item.score)) : null;
    const row = el("div", {className: `score ${applies ? item.status || "ok" : "na"}`, title: item.explanation || ""},
      el("span", {className: "score-name", textContent: gradeLabel(item.name || item.grader)}),
      el("span", {className: "bar"}, score === null ? null : el("i", {style: `width:${Math.round(score * 100)}%`})),
      el("span", {className: "score-value", textContent: applies ? score.toFixed(2) : "n/a"}),
      el("span", {className: "meaning", textContent: item.meaning || item.explanation || ""}));
    row.dataset.name = item.name || "";
    all.append(row);
  }
  container.append(all);
}

function renderCitations(container, citations) {
  container.replaceChildren();
  if (!citations.length) container.append(el("p", {className: "muted", textContent: "No sources cited."}));
  for (const c of citations) {
    container.append(el("details", {className: "citation"},
      el("summary", {textContent: c.title || c.doc_id}),
      el("p", {textContent: c.passage || ""}),
      el("small", {className: "muted", textContent: c.doc_id})));
  }
}

/**
 * Mount the panel.
 * @param {HTMLElement} root
 * @param {{name: string, deliverLabel: string, recordsOnSend: boolean,
 *          loadTicket: () => Promise<object>, deliver: (text: string) => Promise<string>,
 *          watch?: (onChange: () => void) => void, onSent?: (cb: (sent: string) => void) => void,
 *          input?: HTMLElement, ticketForDraft?: () => object}} host
 * @param {(method: string, path: string, body?: object) => Promise<object>} request
 */
export function mountPanel(root, host, request) {
  const ui = {
    context: el("div", {className: "context", id: "context"}, el("span", {className: "muted", textContent: `Reading the ticket from ${host.name}…`})),
    draftButton: el("button", {className: "primary", id: "draft-button", textContent: "Draft reply", disabled: true}),
    status: el("div", {id: "status", role: "status"}),
    retry: el("button", {id: "retry-button", textContent: "Retry", hidden: true}),
    result: el("div", {id: "result", hidden: true}),
    text: el("textarea", {id: "draft-text", rows: 10}),
    deliver: el("button", {className: "primary", id: "deliver-button", textContent: host.deliverLabel}),
    discard: el("button", {id: "discard-button", textContent: "Discard"}),
    rewriteOp: el("select", {id: "rewrite-op"}, ...Object.entries(REWRITES).map(([value, label]) => el("option", {value, textContent: label}))),
    rewrite: el("button", {id: "rewrite-button", textContent: "Rewrite"}),
    warnings: el("div", {id: "warnings"}),
    principles: el("div", {id: "principles", className: "chips"}),
    scorecard: el("div", {id: "scorecard"}),
    citations: el("div", {id: "citations"}),
  };
  ui.text.dataset.testid = "draft-text";
  ui.text.setAttribute("aria-label", "Draft");
  ui.rewriteOp.setAttribute("aria-label", "Rewrite as");
  ui.result.append(ui.text, el("div", {className: "row"}, ui.deliver, ui.discard),
    el("div", {className: "row"}, ui.rewriteOp, ui.rewrite), ui.warnings,
    el("h2", {textContent: "Sources"}), ui.citations,
    el("h2", {textContent: "Scorecard"}), ui.scorecard,
    el("h2", {textContent: "Why these principles"}), ui.principles);
  root.replaceChildren(...[
    el("header", {}, el("strong", {textContent: "drafter"}), el("span", {className: "muted", textContent: " · Draft reply"})),
    ui.context, host.input, el("div", {className: "row"}, ui.draftButton), el("div", {className: "status-row"}, ui.status, ui.retry), ui.result,
  ].filter(Boolean));

  let ticket = null;
  let draft = null;
  let delivered = null;   // the text put into the reply, while its fate is unknown
  let lastAction = null;  // what Retry repeats

  const status = (text, kind) => { ui.status.textContent = text; ui.status.className = kind || ""; };
  function fail(err, action) {
    const unavailable = err instanceof DrafterUnavailable;
    status(unavailable ? `${err.message} Your ${host.name} page keeps working; try again in a moment.` : err.message, "error");
    lastAction = action;
    ui.retry.hidden = !action;
  }
  async function attempt(action) {
    ui.retry.hidden = true;
    try { await action(); } catch (err) {
      if (err instanceof HostContextError || err instanceof DrafterUnavailable || err instanceof DrafterRefused) fail(err, action);
      else fail(new Error(`Something went wrong: ${err && err.message ? err.message : err}`), action);
    }
  }
  ui.retry.addEventListener("click", () => lastAction && attempt(lastAction));

  function showTicket(t) {
    ticket = t;
    const who = t.customer_name ? `${t.customer_name}` : "the customer";
    const quote = t.text ? `: “${t.text.slice(0, 140)}${t.text.length > 140 ? "…" : ""}”` : "";
    ui.context.replaceChildren(
      el("div", {className: "subject", textContent: t.subject || t.title || "(no subject)"}),
      el("div", {className: "muted", textContent: `Replying to ${who}${quote}`}));
    ui.draftButton.disabled = false;
  }
  async function loadTicket() {
    status(`Reading the ticket from ${host.name}…`);
    ui.draftButton.disabled = true;
    showTicket(await host.loadTicket());
    status("");
  }

  function render(d) {
    draft = d;
    ui.result.hidden = false;
    ui.text.value = d.text;
    renderCitations(ui.citations, d.citations || []);
    renderScorecard(ui.scorecard, d.scorecard, d.check_first);
    ui.principles.replaceChildren(...(d.principles || []).map((p) =>
      el("div", {className: "principle"}, el("span", {className: "chip", textContent: p.name}), " " + (p.reason || ""))));
    ui.warnings.replaceChildren(...(d.warnings || []).map((w) =>
      el("div", {className: "warning", textContent: `${w.code}: ${w.message}`})));
    ui.deliver.disabled = false; ui.discard.disabled = false;
  }
  async function makeDraft() {
    status("Drafting…");
    ui.draftButton.disabled = true;
    try {
      if (host.ticketForDraft) ticket = host.ticketForDraft();
      // Only the fields drafter's API takes: hosts keep their own ids beside them.
      const body = {text: ticket.text, subject: ticket.subject || null, customer_id: ticket.customer_id || null,
                    channel: ticket.channel || null, conversation: ticket.conversation || []};
      render(await request("POST", "/v1/drafts", body));
      status(`Draft ready. Edit it here or after you ${host.deliverLabel.toLowerCase()}.`, "ok");
    } finally { ui.draftButton.disabled = false; }
  }
  async function feedback(outcome, finalText) {
    const body = {outcome, final_text: outcome === "rejected" ? null : finalText, agent_id: ticket.agent_id || null};
    const record = await request("POST", `/v1/drafts/${draft.id}/feedback`, body);
    status(`Feedback recorded: ${record.outcome}.`, "ok");
  }
  async function deliver() {
    const text = ui.text.value;
    const message = await host.deliver(text);
    if (host.recordsOnSend) { delivered = text; status(message, "ok"); return; }
    status(message, "ok");
    await feedback(outcomeOf(draft.text, text), text);
  }
  async function rewrite() {
    status("Rewriting…");
    const edited = ui.text.value !== draft.text ? ui.text.value : null;
    render(await request("POST", `/v1/drafts/${draft.id}/rewrite`, {operation: ui.rewriteOp.value, text: edited}));
    status("Rewritten.", "ok");
  }
  async function discard() {
    delivered = null;
    ui.deliver.disabled = true; ui.discard.disabled = true;
    await feedback("rejected");
  }

  ui.draftButton.addEventListener("click", () => attempt(makeDraft));
  ui.deliver.addEventListener("click", () => attempt(deliver));
  ui.discard.addEventListener("click", () => attempt(discard));
  ui.rewrite.addEventListener("click", () => attempt(rewrite));
  if (host.onSent) {
    host.onSent((sent) => {
      if (!draft || delivered === null) return;
      const outcome = outcomeOf(draft.text, sent);
      delivered = null;
      attempt(() => feedback(outcome, sent));
    });
  }
  if (host.watch) host.watch(() => attempt(loadTicket));
  attempt(loadTicket);
}

/** Ticket fields shared by every host: the last customer message and the conversation before it. */
export function ticketFrom(messages, fields) {
  const usable = messages.filter((m) => m.text);
  let last = -1;
  usable.forEach((m, i) => { if (m.role === "customer") last = i; });
  if (last < 0) throw new HostContextError(`${fields.host} sent no customer message to reply to.`);
  return {...fields, text: usable[last].text, conversation: usable.slice(0, last).map(({role, text}) => ({role, text}))};
}
