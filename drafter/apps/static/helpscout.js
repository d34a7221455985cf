(() => {
  // node_modules/uuid/dist/esm-browser/rng.js
  var getRandomValues;
  var rnds8 = new Uint8Array(16);
  function rng() {
    if (!getRandomValues) {
      getRandomValues = typeof crypto !== "undefined" && crypto.getRandomValues && crypto.getRandomValues.bind(crypto);
      if (!getRandomValues) {
        throw new Error("crypto.getRandomValues() not supported. See https://github.com/uuidjs/uuid#getrandomvalues-not-supported");
      }
    }
    return getRandomValues(rnds8);
  }

  // node_modules/uuid/dist/esm-browser/stringify.js
  var byteToHex = [];
  for (let i = 0; i < 256; ++i) {
    byteToHex.push((i + 256).toString(16).slice(1));
  }
  function unsafeStringify(arr, offset = 0) {
    return byteToHex[arr[offset + 0]] + byteToHex[arr[offset + 1]] + byteToHex[arr[offset + 2]] + byteToHex[arr[offset + 3]] + "-" + byteToHex[arr[offset + 4]] + byteToHex[arr[offset + 5]] + "-" + byteToHex[arr[offset + 6]] + byteToHex[arr[offset + 7]] + "-" + byteToHex[arr[offset + 8]] + byteToHex[arr[offset + 9]] + "-" + byteToHex[arr[offset + 10]] + byteToHex[arr[offset + 11]] + byteToHex[arr[offset + 12]] + byteToHex[arr[offset + 13]] + byteToHex[arr[offset + 14]] + byteToHex[arr[offset + 15]];
  }

  // node_modules/uuid/dist/esm-browser/native.js
  var randomUUID = typeof crypto !== "undefined" && crypto.randomUUID && crypto.randomUUID.bind(crypto);
  var native_default = {
    randomUUID
  };

  // node_modules/uuid/dist/esm-browser/v4.js
  function v4(options, buf, offset) {
    if (native_default.randomUUID && !buf && !options) {
      return native_default.randomUUID();
    }
    options = options || {};
    const rnds = options.random || (options.rng || rng)();
    rnds[6] = rnds[6] & 15 | 64;
    rnds[8] = rnds[8] & 63 | 128;
    if (buf) {
      offset = offset || 0;
      for (let i = 0; i < 16; ++i) {
        buf[offset + i] = rnds[i];
      }
      return buf;
    }
    return unsafeStringify(rnds);
  }
  var v4_default = v4;

  // node_modules/@helpscout/javascript-sdk/dist/esm/constants/index.js
  var MESSAGE_TYPES = {
    GET_APP_CONTEXT: "GET_APP_CONTEXT",
    OPEN_SIDE_PANEL: "OPEN_SIDE_PANEL",
    CLOSE_SIDE_PANEL: "CLOSE_SIDE_PANEL",
    SEND_APP_CONTEXT: "SEND_APP_CONTEXT",
    SET_APP_HEIGHT: "SET_APP_HEIGHT",
    SET_CLIPBOARD_TEXT: "SET_CLIPBOARD_TEXT",
    SHOW_NOTIFICATION: "SHOW_NOTIFICATION",
    CONFIRM_NOTIFICATION_CLOSED: "CONFIRM_NOTIFICATION_CLOSED",
    CONFIRM_NOTIFICATION_CONFIRMED: "CONFIRM_NOTIFICATION_CONFIRMED",
    GET_APP_STYLES: "GET_APP_STYLES",
    SEND_APP_STYLES: "SEND_APP_STYLES",
    CLICK_NOTIFICATION_BUTTON: "CLICK_NOTIFICATION_BUTTON"
  };
  var NOTIFICATION_TYPES = {
    CONFIRM: "CONFIRM",
    ERROR: "ERROR",
    MESSAGE: "MESSAGE",
    SUCCESS: "SUCCESS",
    WARNING: "WARNING"
  };
  var ALLOWED_ORIGINS = [
    "https://secure.helpscout.net",
    "https://hs-app.*.hsenv.io"
  ];

  // node_modules/@helpscout/javascript-sdk/dist/esm/utils/index.js
  var isAllowedOrigin = (origin) => {
    let parsedOrigin;
    try {
      const url = new URL(origin);
      parsedOrigin = url.origin;
    } catch (error) {
      return false;
    }
    return parsedOrigin && ALLOWED_ORIGINS.some((allowedOrigin) => parsedOrigin.match(allowedOrigin));
  };

  // node_modules/@helpscout/javascript-sdk/dist/esm/handlers/CommunicationHandler.js
  var CommunicationHandler = class {
    send(type, options = {}) {
      if (!isAllowedOrigin(document.referrer)) {
        console.warn("Unable to send message. Please run your app from within Help Scout.");
        return;
      }
      window.parent.postMessage(
        // stringify then parse to remove anything that could cause postMessage errors
        JSON.parse(JSON.stringify({
          ...options,
          type,
          appId: window.name?.replace(/app-side-panel-|app-/, ""),
          iframeId: window.name
        })),
        document.referrer
      );
    }
    async receive(type) {
      return await new Promise((resolve) => {
        window.addEventListener("message", function onMessage(event) {
          if (!isAllowedOrigin(event.origin)) {
            return;
          }
          try {
            const { data } = event;
            const { type: receivingType, ...rest } = data;
            if (receivingType === type) {
              resolve(rest);
            }
          } catch (error) {
            console.error("Unable to read postMessage data.");
          }
        });
      });
    }
    listen(type, callback) {
      window.addEventListener("message", function onMessage(event) {
        if (!isAllowedOrigin(event.origin)) {
          return;
        }
        try {
          const { data } = event;
          const { type: receivingType, ...rest } = data;
          if (receivingType === type) {
            callback(rest);
          }
        } catch (error) {
          console.error("Unable to read postMessage data.");
        }
      });
    }
  };

  // node_modules/@helpscout/javascript-sdk/dist/esm/handlers/index.js
  var commsHandler = new CommunicationHandler();

  // node_modules/@helpscout/javascript-sdk/dist/esm/HelpScout.js
  var HelpScout = class {
    async getApplicationContext() {
      commsHandler.send(MESSAGE_TYPES.GET_APP_CONTEXT);
      return await commsHandler.receive(MESSAGE_TYPES.SEND_APP_CONTEXT);
    }
    watchApplicationContext(callback) {
      commsHandler.listen(MESSAGE_TYPES.SEND_APP_CONTEXT, (data) => {
        callback(data);
      });
    }
    setClipboardText(text, successMessage = "Text copied") {
      commsHandler.send(MESSAGE_TYPES.SET_CLIPBOARD_TEXT, {
        value: { text, successMessage }
      });
    }
    setAppHeight(height) {
      commsHandler.send(MESSAGE_TYPES.SET_APP_HEIGHT, { value: height });
    }
    showNotification(type, text, options = {}) {
      if (!options.id) {
        options.id = v4_default();
      }
      if (type !== NOTIFICATION_TYPES.CONFIRM) {
        const notificationOptions = options;
        const buttonOnClick = notificationOptions?.buttonOptions?.onClick;
        if (buttonOnClick) {
          commsHandler.listen(MESSAGE_TYPES.CLICK_NOTIFICATION_BUTTON, (value) => {
            const message = value;
            if (message.id === options.id) {
              buttonOnClick();
            }
          });
        }
      }
      commsHandler.send(MESSAGE_TYPES.SHOW_NOTIFICATION, {
        value: {
          type,
          message: text,
          options: type === NOTIFICATION_TYPES.CONFIRM ? options : options
        }
      });
      if (type === NOTIFICATION_TYPES.CONFIRM) {
        const confirmNotificationOptions = options;
        if (confirmNotificationOptions.onConfirm) {
          commsHandler.listen(MESSAGE_TYPES.CONFIRM_NOTIFICATION_CONFIRMED, (value) => {
            const message = value;
            if (message.id === confirmNotificationOptions.id && confirmNotificationOptions.onConfirm) {
              confirmNotificationOptions.onConfirm();
            }
          });
        }
        if (confirmNotificationOptions.onClose) {
          commsHandler.listen(MESSAGE_TYPES.CONFIRM_NOTIFICATION_CLOSED, (value) => {
            const message = value;
            if (message.id === confirmNotificationOptions.id && confirmNotificationOptions.onClose) {
              confirmNotificationOptions.onClose();
            }
          });
        }
      }
    }
    async getAppStyles() {
      commsHandler.send(MESSAGE_TYPES.GET_APP_STYLES);
      const { styles } = await commsHandler.receive(MESSAGE_TYPES.SEND_APP_STYLES);
      return styles;
    }
    openSidePanel(contentUrl) {
      commsHandler.send(MESSAGE_TYPES.OPEN_SIDE_PANEL, { value: contentUrl });
    }
    closeSidePanel() {
      commsHandler.send(MESSAGE_TYPES.CLOSE_SIDE_PANEL);
    }
    getInstallationIds() {
      const name = window?.name;
      return name && name.startsWith("app-") ? name.replace("app-", "").split("-").filter((item) => !!item) : [];
    }
  };

  // node_modules/@helpscout/javascript-sdk/dist/esm/index.js
  var esm_default = new HelpScout();

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

  // src/helpscout.js
  var CONTEXT_TIMEOUT_MS = 5e3;
  function fullName(person) {
    return [person.firstName, person.lastName].filter((part) => typeof part === "string" && part).join(" ") || null;
  }
  function ticketFromContext(context) {
    if (!context || typeof context !== "object") throw new HostContextError("Help Scout sent an application context drafter cannot read.");
    const conversation = context.conversation;
    if (!conversation) throw new HostContextError("Open a conversation in Help Scout to draft a reply to it.");
    if (typeof conversation !== "object" || typeof conversation.id !== "number" || conversation.subject !== void 0 && typeof conversation.subject !== "string") {
      throw new HostContextError("Help Scout sent a conversation drafter cannot read (its id or subject is missing).");
    }
    const customer = context.customer && typeof context.customer === "object" ? context.customer : {};
    const user = context.user && typeof context.user === "object" ? context.user : {};
    const customerId = customer.id ?? conversation.customerId;
    return {
      text: "",
      subject: conversation.subject || null,
      conversation: [],
      channel: "email",
      conversation_id: conversation.id,
      customer_id: customerId !== void 0 && customerId !== null ? String(customerId) : null,
      customer_name: fullName(customer),
      agent_id: user.id !== void 0 && user.id !== null ? String(user.id) : user.email || null
    };
  }
  function helpScoutHost(messageBox) {
    let ticket = null;
    let pushed = null;
    return {
      name: "Help Scout",
      deliverLabel: "Copy to reply",
      recordsOnSend: false,
      input: messageBox,
      watch(onChange) {
        esm_default.watchApplicationContext((context) => {
          const id = context && context.conversation && context.conversation.id;
          if (ticket && id !== void 0 && id !== ticket.conversation_id) {
            pushed = context;
            onChange();
          }
        });
      },
      async loadTicket() {
        let context = pushed;
        pushed = null;
        if (!context) {
          const timer = new Promise((_, reject) => setTimeout(() => reject(new HostContextError(
            "Help Scout did not send the conversation. Open this app from a Help Scout mailbox, then retry."
          )), CONTEXT_TIMEOUT_MS));
          context = await Promise.race([esm_default.getApplicationContext(), timer]);
        }
        ticket = ticketFromContext(context);
        return ticket;
      },
      ticketForDraft() {
        const text = messageBox.value.trim();
        if (!text) throw new HostContextError("Paste the customer's latest message above, then click Draft reply.");
        return { ...ticket, text };
      },
      async deliver(text) {
        esm_default.setClipboardText(text, "Draft copied: paste it into your reply");
        return "Copied. Paste it into your reply.";
      }
    };
  }
  var { token, api } = urlSettings();
  var root = document.getElementById("app");
  if (!token) {
    root.textContent = "This app URL has no token. Ask your admin for the URL from `drafter keys create --scope app --helpdesk helpscout`.";
    root.className = "error";
  } else {
    const messageBox = document.createElement("textarea");
    messageBox.id = "customer-message";
    messageBox.rows = 4;
    messageBox.placeholder = "Paste the customer's latest message";
    messageBox.setAttribute("aria-label", "Customer's message");
    mountPanel(root, helpScoutHost(messageBox), fetchTransport(api, token));
    new ResizeObserver(() => esm_default.setAppHeight(document.documentElement.scrollHeight)).observe(document.body);
  }
})();
