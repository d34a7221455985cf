// Chatwoot dashboard app: Chatwoot posts `{"event": "appContext", "data": {conversation, contact,
// currentAgent}}` (a JSON string) when the frame loads and whenever the app asks with the string
// `chatwoot-dashboard-app:fetch-info`. Chatwoot has no API to write into its editor: the reply is copied.
import {HostContextError, fetchTransport, mountPanel, ticketFrom, urlSettings} from "./panel.js";
import {copyText} from "./clipboard.js";

const FETCH_INFO = "chatwoot-dashboard-app:fetch-info";
const CONTEXT_TIMEOUT_MS = 5000;
// Chatwoot's message_type: 0 incoming (the contact), 1 outgoing (agents), 2 activity, 3 template.
const ROLES = {0: "customer", incoming: "customer", 1: "agent", outgoing: "agent", 3: "agent", template: "agent"};

function ticketFromContext(data) {
  if (!data || typeof data !== "object") throw new HostContextError("Chatwoot sent an app context without data.");
  const conversation = data.conversation;
  if (!conversation || typeof conversation !== "object" || !Array.isArray(conversation.messages)) {
    throw new HostContextError("Chatwoot sent an app context without a conversation and its messages; open the app from a conversation.");
  }
  const messages = conversation.messages
    .filter((m) => m && typeof m === "object" && !m.private && ROLES[m.message_type] && typeof m.content === "string")
    .sort((a, b) => (a.created_at || 0) - (b.created_at || 0))
    .map((m) => ({role: ROLES[m.message_type], text: m.content.trim()}));
  const contact = (data.contact && typeof data.contact === "object") ? data.contact : ((conversation.meta || {}).sender || {});
  const agent = data.currentAgent || {};
  return ticketFrom(messages, {
    host: "Chatwoot",
    subject: (conversation.additional_attributes || {}).mail_subject || null,
    title: conversation.id !== undefined ? `Conversation #${conversation.id}` : null,
    customer_id: contact.id !== undefined && contact.id !== null ? String(contact.id) : null,
    customer_name: contact.name || null,
    agent_id: agent.id !== undefined && agent.id !== null ? String(agent.id) : (agent.email || null),
    channel: ((conversation.meta || {}).channel || "").replace(/^Channel::/, "").toLowerCase() || "chat",
  });
}

function chatwootHost() {
  let latest = null;      // {ticket} or {error} from the last appContext
  let waiting = [];
  let onChange = null;

  window.addEventListener("message", (event) => {
    if (event.source !== window.parent || typeof event.data !== "string") return;
    let payload;
    try { payload = JSON.parse(event.data); } catch (err) { return; }  // not Chatwoot's: other strings pass by
    if (!payload || payload.event !== "appContext") return;
    try { latest = {ticket: ticketFromContext(payload.data)}; } catch (err) { latest = {error: err}; }
    const pending = waiting; waiting = [];
    pending.forEach((resolve) => resolve());
    if (!pending.length && onChange) onChange();
  });

  return {
    name: "Chatwoot",
    deliverLabel: "Copy to reply",
    recordsOnSend: false,
    watch(cb) { onChange = cb; },
    async loadTicket() {
      if (window.parent === window) throw new HostContextError("Open this page as a Chatwoot dashboard app (Settings › Integrations › Dashboard apps).");
      const arrived = new Promise((resolve) => waiting.push(resolve));
      window.parent.postMessage(FETCH_INFO, "*");
      const timer = new Promise((_, reject) => setTimeout(() => reject(new HostContextError(
        "Chatwoot did not send the conversation. Open the app from a conversation, then retry.")), CONTEXT_TIMEOUT_MS));
      if (!latest) await Promise.race([arrived, timer]);
      else await Promise.race([arrived, new Promise((resolve) => setTimeout(resolve, 300))]);
      if (latest.error) throw latest.error;
      return latest.ticket;
    },
    async deliver(text) {
      await copyText(text);
      return "Copied. Paste it into the reply box (Ctrl+V).";
    },
  };
}

const {token, api} = urlSettings();
const root = document.getElementById("app");
if (!token) {
  root.textContent = "This app URL has no token. Ask your admin for the URL from `drafter keys create --scope app --helpdesk chatwoot`.";
  root.className = "error";
} else {
  mountPanel(root, chatwootHost(), fetchTransport(api, token));
}
