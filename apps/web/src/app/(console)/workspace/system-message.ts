import type { useTranslations } from "next-intl";

type Translator = ReturnType<typeof useTranslations<"workspace">>;

const KEYS: Record<string, string> = {
  "conversation.queued": "queued",
  "conversation.assigned": "assigned",
  "conversation.transferred": "transferred",
  "conversation.requeued": "requeued",
  "conversation.resolved": "resolved",
  "conversation.abandoned": "abandoned",
  "conversation.reopened": "reopened",
};

/** Internal lines about the customer's presence (services/conversation/customer-presence.ts). */
const PRESENCE_KEYS: Record<string, "left" | "returned"> = {
  "customer.left": "left",
  "customer.returned": "returned",
};

/**
 * The text of a SYSTEM event message. New rows hold `{"key": …, "params": …}` JSON, translated here; older
 * rows hold plain text, shown as it is.
 */
export function systemText(t: Translator, body: string): string {
  if (!body.startsWith("{")) return body;
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return body;
  }
  if (!parsed || typeof parsed !== "object" || typeof (parsed as { key?: unknown }).key !== "string") return body;
  const { key, params = {} } = parsed as { key: string; params?: Record<string, string | number> };
  const presence = PRESENCE_KEYS[key];
  if (presence) return t(`customerPresence.${presence}`);
  let name = KEYS[key];
  if (!name) return t("system.unknown");
  if (name === "assigned" && params.agentName === undefined) name = "transferred";
  if (name === "transferred")
    name = params.agentName !== undefined ? "transferredToAgent" : params.teamName !== undefined ? "transferredToTeam" : "transferred";
  return t(`system.${name}`, params);
}
