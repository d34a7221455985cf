// Help Scout sidebar app. The SDK's application context (conversation, customer, user) carries
// the subject and who is writing, not the message itself, so the agent pastes the customer's
// latest message into the panel. The reply goes back through the SDK's clipboard action.
import HelpScout from "@helpscout/javascript-sdk";
import {HostContextError, fetchTransport, mountPanel, urlSettings} from "./panel.js";

const CONTEXT_TIMEOUT_MS = 5000;

function fullName(person) {
  return [person.firstName, person.lastName].filter((part) => typeof part === "string" && part).join(" ") || null;
}

function ticketFromContext(context) {
  if (!context || typeof context !== "object") throw new HostContextError("Help Scout sent an application context drafter cannot read.");
  const conversation = context.conversation;
  if (!conversation) throw new HostContextError("Open a conversation in Help Scout to draft a reply to it.");
  if (typeof conversation !== "object" || typeof conversation.id !== "number"
      || (conversation.subject !== undefined && typeof conversation.subject !== "string")) {
    throw new HostContextError("Help Scout sent a conversation drafter cannot read (its id or subject is missing).");
  }
  const customer = (context.customer && typeof context.customer === "object") ? context.customer : {};
  const user = (context.user && typeof context.user === "object") ? context.user : {};
  const customerId = customer.id ?? conversation.customerId;
  return {
    text: "", subject: conversation.subject || null, conversation: [], channel: "email", conversation_id: conversation.id,
    customer_id: customerId !== undefined && customerId !== null ? String(customerId) : null,
    customer_name: fullName(customer),
    agent_id: user.id !== undefined && user.id !== null ? String(user.id) : (user.email || null),
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
      // Help Scout pushes the context again when the agent moves on; only another conversation
      // needs the panel to start over (answers to our own requests arrive here too).
      HelpScout.watchApplicationContext((context) => {
        const id = context && context.conversation && context.conversation.id;
        if (ticket && id !== undefined && id !== ticket.conversation_id) { pushed = context; onChange(); }
      });
    },
    async loadTicket() {
      let context = pushed;
      pushed = null;
      if (!context) {
        const timer = new Promise((_, reject) => setTimeout(() => reject(new HostContextError(
          "Help Scout did not send the conversation. Open this app from a Help Scout mailbox, then retry.")), CONTEXT_TIMEOUT_MS));
        context = await Promise.race([HelpScout.getApplicationContext(), timer]);
      }
      ticket = ticketFromContext(context);
      return ticket;
    },
    ticketForDraft() {
      const text = messageBox.value.trim();
      if (!text) throw new HostContextError("Paste the customer's latest message above, then click Draft reply.");
      return {...ticket, text};
    },
    async deliver(text) {
      HelpScout.setClipboardText(text, "Draft copied: paste it into your reply");
      return "Copied. Paste it into your reply.";
    },
  };
}

const {token, api} = urlSettings();
const root = document.getElementById("app");
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
  new ResizeObserver(() => HelpScout.setAppHeight(document.documentElement.scrollHeight)).observe(document.body);
}
