// Zendesk Support ticket sidebar (App Framework v2). The ticket is read through the ZAF client;
// drafter is called through Zendesk's request proxy with the app token as a secure setting, so
// the token is filled in on Zendesk's servers and never reaches the agent's browser.
import ZAFClient from "zendesk_app_framework_sdk";
import {DrafterRefused, DrafterUnavailable, HostContextError, htmlToText, mountPanel, ticketFrom} from "./panel.js";

const PROXY_TIMEOUT_MS = 60000;

function proxyTransport(client, baseUrl) {
  return async function request(method, path, body) {
    const options = {
      url: baseUrl + path,
      type: method,
      contentType: "application/json",
      dataType: "json",
      data: body === undefined ? undefined : JSON.stringify(body),
      headers: {Authorization: "Bearer {{setting.api_token}}"},
      secure: true,
      cors: false,
      httpCompleteResponse: true,
      timeout: PROXY_TIMEOUT_MS,
    };
    let response;
    try {
      response = await client.request(options);
    } catch (failed) {
      const status = (failed && failed.status) || 0;
      let data = failed && failed.responseJSON;
      if (!data && failed && failed.responseText) { try { data = JSON.parse(failed.responseText); } catch (err) { data = null; } }
      if (status === 0 || status >= 500) throw new DrafterUnavailable(`drafter is not available (HTTP ${status || "no answer"}).`);
      throw new DrafterRefused((data && data.message) || `drafter refused the request (HTTP ${status}).`);
    }
    if (response && typeof response === "object" && "responseJSON" in response) return response.responseJSON;
    if (response && typeof response === "object" && typeof response.responseText === "string") return JSON.parse(response.responseText);
    return response;
  };
}

const PATHS = ["ticket.id", "ticket.subject", "ticket.requester", "ticket.comments", "currentUser"];

function ticketFromZendesk(result) {
  const errors = result && result.errors ? Object.keys(result.errors) : [];
  if (!result || errors.length) {
    throw new HostContextError(`Zendesk could not give the ticket (${errors.join(", ") || "no answer"}); reopen the ticket, then retry.`);
  }
  const comments = result["ticket.comments"];
  const requester = result["ticket.requester"];
  if (!Array.isArray(comments) || !requester || typeof requester !== "object") {
    throw new HostContextError("Zendesk sent a ticket drafter cannot read (no comments or requester).");
  }
  const ordered = comments.every((c) => c && c.createdAt)
    ? [...comments].sort((a, b) => new Date(a.createdAt) - new Date(b.createdAt)) : comments;
  const messages = ordered.filter((c) => c && typeof c === "object" && c.author).map((c) => ({
    role: c.author.role === "end-user" || c.author.id === requester.id ? "customer" : "agent",
    text: htmlToText(c.value),
  }));
  const user = result.currentUser || {};
  return ticketFrom(messages, {
    host: "Zendesk",
    subject: typeof result["ticket.subject"] === "string" ? result["ticket.subject"] : null,
    customer_id: requester.externalId || (requester.id !== undefined ? String(requester.id) : null),
    customer_name: requester.name || null,
    agent_id: user.id !== undefined ? String(user.id) : null,
    channel: "email",
  });
}

function zendeskHost(client) {
  let onSent = null;
  let captured = null;
  // Before Zendesk submits, read what the agent is sending; once submitted, report it.
  client.on("ticket.save", () => client.get("ticket.comment.text").then((r) => {
    captured = htmlToText(r["ticket.comment.text"]);
    return true;
  }, () => true));
  client.on("ticket.submit.done", () => { if (onSent && captured !== null) onSent(captured); captured = null; });
  return {
    name: "Zendesk",
    deliverLabel: "Insert into reply",
    recordsOnSend: true,
    onSent(cb) { onSent = cb; },
    async loadTicket() { return ticketFromZendesk(await client.get(PATHS)); },
    async deliver(text) {
      await client.invoke("ticket.editor.insert", text);
      return "Inserted into the reply. Feedback is recorded when you submit; Discard if you do not use it.";
    },
  };
}

const root = document.getElementById("app");
const client = ZAFClient.init();
if (!client) {
  root.textContent = "Open this app from a Zendesk ticket: it runs inside Zendesk Support's ticket sidebar.";
  root.className = "error";
} else {
  client.metadata().then((metadata) => {
    const settings = (metadata && metadata.settings) || {};
    const baseUrl = String(settings.drafter_url || "").replace(/\/+$/, "");
    if (!/^https?:\/\//.test(baseUrl)) {
      root.textContent = "The app's drafter URL setting is missing: set it in Admin Center › Apps › drafter.";
      root.className = "error";
      return;
    }
    mountPanel(root, zendeskHost(client), proxyTransport(client, baseUrl));
    new ResizeObserver(() => client.invoke("resize", {width: "100%", height: `${document.documentElement.scrollHeight}px`}))
      .observe(document.body);
  });
}
