(() => {
  // src/panel.js
  var HostContextError = class extends Error {
  };
  var DrafterUnavailable = class extends Error {
  };
  var DrafterRefused = class extends Error {
  };
  function el(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) if (child !== null && child !== void 0) node.append(child);
    return node;
  }
  var REWRITES = {
    friendlier: "Friendlier",
    more_formal: "More formal",
    shorter: "Shorter",
    expand: "Expand",
    simplify: "Simpler",
    more_empathetic: "More empathetic"
  };
  var normalise = (text) => (text || "").replace(/\s+/g, " ").trim();
  function outcomeOf(draftText, sentText) {
    return normalise(draftText) === normalise(sentText) ? "accepted" : "edited";
  }
  function fetchTransport(baseUrl, token2) {
    return async function request(method, path, body) {
      let response;
      try {
        response = await fetch(baseUrl + path, {
          method,
          headers: { "Content-Type": "application/json", "Authorization": "Bearer " + token2 },
          body: body === void 0 ? void 0 : JSON.stringify(body)
        });
      } catch (err) {
        throw new DrafterUnavailable("drafter did not answer (it may be down, or this page's origin is not allowed).");
      }
      let data = null;
      try {
        data = await response.json();
      } catch (err) {
        data = null;
      }
      if (response.status >= 500) {
        throw new DrafterUnavailable(`drafter is not available (HTTP ${response.status}).`);
      }
      if (!response.ok) {
        throw new DrafterRefused(data && data.message || `drafter refused the request (HTTP ${response.status}).`);
      }
      return data;
    };
  }
  function urlSettings() {
    const params = new URLSearchParams(window.location.search);
    return { token: params.get("token") || "", api: (params.get("api") || window.location.origin).replace(/\/+$/, "") };
  }
  var gradeLabel = (name) => String(name || "grade").replace(/_/g, " ");
  var gradeValue = (score) => typeof score === "number" ? Math.max(0, Math.min(1, score)).toFixed(2) : "n/a";
  function renderScorecard(container, scorecard, checkFirst) {
    container.replaceChildren();
    const items = (Array.isArray(scorecard) ? scorecard : []).filter((item) => item && typeof item === "object");
    const toCheck = (Array.isArray(checkFirst) ? checkFirst : []).filter((item) => item && typeof item === "object");
    if (!items.length) {
      container.append(el("p", { className: "muted", textContent: "No grades." }));
      return;
    }
    const checks = el("div", { id: "check-first" });
    if (toCheck.length) {
      checks.append(el("div", { className: "muted", textContent: "Check first:" }));
      for (const c of toCheck) {
        checks.append(el(
          "div",
          { className: "check" },
          el("b", { textContent: `${gradeLabel(c.name)} ${gradeValue(c.score)}` }),
          " " + (c.reason || "")
        ));
      }
    } else {
      checks.append(el("div", { className: "muted", textContent: "Nothing falls below its pass mark." }));
    }
    container.append(checks);
    const all = el("details", { id: "all-grades" }, el("summary", { textContent: `All ${items.length} grades` }));
    for (const item of items) {
      const applies = typeof item.score === "number" && item.status !== "n/a";
      const score = applies ? Math.max(0, Math.min(1, item.score)) : null;
      const row = el(
        "div",
        { className: `score ${applies ? item.status || "ok" : "na"}`, title: item.explanation || "" },
        el("span", { className: "score-name", textContent: gradeLabel(item.name || item.grader) }),
        el("span", { className: "bar" }, score === null ? null : el("i", { style: `width:${Math.round(score * 100)}%` })),
        el("span", { className: "score-value", textContent: applies ? score.toFixed(2) : "n/a" }),
        el("span", { className: "meaning", textContent: item.meaning || item.explanation || "" })
      );
      row.dataset.name = item.name || "";
      all.append(row);
    }
    container.append(all);
  }
  function renderCitations(container, citations) {
    container.replaceChildren();
    if (!citations.length) container.append(el("p", { className: "muted", textContent: "No sources cited." }));
    for (const c of citations) {
      container.append(el(
        "details",
        { className: "citation" },
        el("summary", { textContent: c.title || c.doc_id }),
        el("p", { textContent: c.passage || "" }),
        el("small", { className: "muted", textContent: c.doc_id })
      ));
    }
  }
  function mountPanel(root2, host, request) {
    const ui = {
      context: el("div", { className: "context", id: "context" }, el("span", { className: "muted", textContent: `Reading the ticket from ${host.name}\u2026` })),
      draftButton: el("button", { className: "primary", id: "draft-button", textContent: "Draft reply", disabled: true }),
      status: el("div", { id: "status", role: "status" }),
      retry: el("button", { id: "retry-button", textContent: "Retry", hidden: true }),
      result: el("div", { id: "result", hidden: true }),
      text: el("textarea", { id: "draft-text", rows: 10 }),
      deliver: el("button", { className: "primary", id: "deliver-button", textContent: host.deliverLabel }),
      discard: el("button", { id: "discard-button", textContent: "Discard" }),
      rewriteOp: el("select", { id: "rewrite-op" }, ...Object.entries(REWRITES).map(([value, label]) => el("option", { value, textContent: label }))),
      rewrite: el("button", { id: "rewrite-button", textContent: "Rewrite" }),
      warnings: el("div", { id: "warnings" }),
      principles: el("div", { id: "principles", className: "chips" }),
      scorecard: el("div", { id: "scorecard" }),
      citations: el("div", { id: "citations" })
    };
    ui.text.dataset.testid = "draft-text";
    ui.text.setAttribute("aria-label", "Draft");
    ui.rewriteOp.setAttribute("aria-label", "Rewrite as");
    ui.result.append(
      ui.text,
      el("div", { className: "row" }, ui.deliver, ui.discard),
      el("div", { className: "row" }, ui.rewriteOp, ui.rewrite),
      ui.warnings,
      el("h2", { textContent: "Sources" }),
      ui.citations,
      el("h2", { textContent: "Scorecard" }),
      ui.scorecard,
      el("h2", { textContent: "Why these principles" }),
      ui.principles
    );
    root2.replaceChildren(...[
      el("header", {}, el("strong", { textContent: "drafter" }), el("span", { className: "muted", textContent: " \xB7 Draft reply" })),
      ui.context,
      host.input,
      el("div", { className: "row" }, ui.draftButton),
      el("div", { className: "status-row" }, ui.status, ui.retry),
      ui.result
    ].filter(Boolean));
    let ticket = null;
    let draft = null;
    let delivered = null;
    let lastAction = null;
    const status = (text, kind) => {
      ui.status.textContent = text;
      ui.status.className = kind || "";
    };
    function fail(err, action) {
      const unavailable = err instanceof DrafterUnavailable;
      status(unavailable ? `${err.message} Your ${host.name} page keeps working; try again in a moment.` : err.message, "error");
      lastAction = action;
      ui.retry.hidden = !action;
    }
    async function attempt(action) {
      ui.retry.hidden = true;
      try {
        await action();
      } catch (err) {
        if (err instanceof HostContextError || err instanceof DrafterUnavailable || err instanceof DrafterRefused) fail(err, action);
        else fail(new Error(`Something went wrong: ${err && err.message ? err.message : err}`), action);
      }
    }
    ui.retry.addEventListener("click", () => lastAction && attempt(lastAction));
    function showTicket(t) {
      ticket = t;
      const who = t.customer_name ? `${t.customer_name}` : "the customer";
      const quote = t.text ? `: \u201C${t.text.slice(0, 140)}${t.text.length > 140 ? "\u2026" : ""}\u201D` : "";
      ui.context.replaceChildren(
        el("div", { className: "subject", textContent: t.subject || t.title || "(no subject)" }),
        el("div", { className: "muted", textContent: `Replying to ${who}${quote}` })
      );
      ui.draftButton.disabled = false;
    }
    async function loadTicket() {
      status(`Reading the ticket from ${host.name}\u2026`);
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
      ui.principles.replaceChildren(...(d.principles || []).map((p) => el("div", { className: "principle" }, el("span", { className: "chip", textContent: p.name }), " " + (p.reason || ""))));
      ui.warnings.replaceChildren(...(d.warnings || []).map((w) => el("div", { className: "warning", textContent: `${w.code}: ${w.message}` })));
      ui.deliver.disabled = false;
      ui.discard.disabled = false;
    }
    async function makeDraft() {
      status("Drafting\u2026");
      ui.draftButton.disabled = true;
      try {
        if (host.ticketForDraft) ticket = host.ticketForDraft();
        const body = {
          text: ticket.text,
          subject: ticket.subject || null,
          customer_id: ticket.customer_id || null,
          channel: ticket.channel || null,
          conversation: ticket.conversation || []
        };
        render(await request("POST", "/v1/drafts", body));
        status(`Draft ready. Edit it here or after you ${host.deliverLabel.toLowerCase()}.`, "ok");
      } finally {
        ui.draftButton.disabled = false;
      }
    }
    async function feedback(outcome, finalText) {
      const body = { outcome, final_text: outcome === "rejected" ? null : finalText, agent_id: ticket.agent_id || null };
      const record = await request("POST", `/v1/drafts/${draft.id}/feedback`, body);
      status(`Feedback recorded: ${record.outcome}.`, "ok");
    }
    async function deliver() {
      const text = ui.text.value;
      const message = await host.deliver(text);
      if (host.recordsOnSend) {
        delivered = text;
        status(message, "ok");
        return;
      }
      status(message, "ok");
      await feedback(outcomeOf(draft.text, text), text);
    }
    async function rewrite() {
      status("Rewriting\u2026");
      const edited = ui.text.value !== draft.text ? ui.text.value : null;
      render(await request("POST", `/v1/drafts/${draft.id}/rewrite`, { operation: ui.rewriteOp.value, text: edited }));
      status("Rewritten.", "ok");
    }
    async function discard() {
      delivered = null;
      ui.deliver.disabled = true;
      ui.discard.disabled = true;
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
  function ticketFrom(messages, fields) {
    const usable = messages.filter((m) => m.text);
    let last = -1;
    usable.forEach((m, i) => {
      if (m.role === "customer") last = i;
    });
    if (last < 0) throw new HostContextError(`${fields.host} sent no customer message to reply to.`);
    return { ...fields, text: usable[last].text, conversation: usable.slice(0, last).map(({ role, text }) => ({ role, text })) };
  }

  // src/clipboard.js
  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return;
    } catch (err) {
    }
    const area = document.createElement("textarea");
    area.value = text;
    area.setAttribute("readonly", "");
    area.style.position = "fixed";
    area.style.opacity = "0";
    document.body.append(area);
    area.select();
    const copied = document.execCommand("copy");
    area.remove();
    if (!copied) throw new Error("the browser did not allow copying; select the draft and copy it by hand.");
  }

  // src/chatwoot.js
  var FETCH_INFO = "chatwoot-dashboard-app:fetch-info";
  var CONTEXT_TIMEOUT_MS = 5e3;
  var ROLES = { 0: "customer", incoming: "customer", 1: "agent", outgoing: "agent", 3: "agent", template: "agent" };
  function ticketFromContext(data) {
    if (!data || typeof data !== "object") throw new HostContextError("Chatwoot sent an app context without data.");
    const conversation = data.conversation;
    if (!conversation || typeof conversation !== "object" || !Array.isArray(conversation.messages)) {
      throw new HostContextError("Chatwoot sent an app context without a conversation and its messages; open the app from a conversation.");
    }
    const messages = conversation.messages.filter((m) => m && typeof m === "object" && !m.private && ROLES[m.message_type] && typeof m.content === "string").sort((a, b) => (a.created_at || 0) - (b.created_at || 0)).map((m) => ({ role: ROLES[m.message_type], text: m.content.trim() }));
    const contact = data.contact && typeof data.contact === "object" ? data.contact : (conversation.meta || {}).sender || {};
    const agent = data.currentAgent || {};
    return ticketFrom(messages, {
      host: "Chatwoot",
      subject: (conversation.additional_attributes || {}).mail_subject || null,
      title: conversation.id !== void 0 ? `Conversation #${conversation.id}` : null,
      customer_id: contact.id !== void 0 && contact.id !== null ? String(contact.id) : null,
      customer_name: contact.name || null,
      agent_id: agent.id !== void 0 && agent.id !== null ? String(agent.id) : agent.email || null,
      channel: ((conversation.meta || {}).channel || "").replace(/^Channel::/, "").toLowerCase() || "chat"
    });
  }
  function chatwootHost() {
    let latest = null;
    let waiting = [];
    let onChange = null;
    window.addEventListener("message", (event) => {
      if (event.source !== window.parent || typeof event.data !== "string") return;
      let payload;
      try {
        payload = JSON.parse(event.data);
      } catch (err) {
        return;
      }
      if (!payload || payload.event !== "appContext") return;
      try {
        latest = { ticket: ticketFromContext(payload.data) };
      } catch (err) {
        latest = { error: err };
      }
      const pending = waiting;
      waiting = [];
      pending.forEach((resolve) => resolve());
      if (!pending.length && onChange) onChange();
    });
    return {
      name: "Chatwoot",
      deliverLabel: "Copy to reply",
      recordsOnSend: false,
      watch(cb) {
        onChange = cb;
      },
      async loadTicket() {
        if (window.parent === window) throw new HostContextError("Open this page as a Chatwoot dashboard app (Settings \u203A Integrations \u203A Dashboard apps).");
        const arrived = new Promise((resolve) => waiting.push(resolve));
        window.parent.postMessage(FETCH_INFO, "*");
        const timer = new Promise((_, reject) => setTimeout(() => reject(new HostContextError(
          "Chatwoot did not send the conversation. Open the app from a conversation, then retry."
        )), CONTEXT_TIMEOUT_MS));
        if (!latest) await Promise.race([arrived, timer]);
        else await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 300))]);
        if (latest.error) throw latest.error;
        return latest.ticket;
      },
      async deliver(text) {
        await copyText(text);
        return "Copied. Paste it into the reply box (Ctrl+V).";
      }
    };
  }
  var { token, api } = urlSettings();
  var root = document.getElementById("app");
  if (!token) {
    root.textContent = "This app URL has no token. Ask your admin for the URL from `drafter keys create --scope app --helpdesk chatwoot`.";
    root.className = "error";
  } else {
    mountPanel(root, chatwootHost(), fetchTransport(api, token));
  }
})();
