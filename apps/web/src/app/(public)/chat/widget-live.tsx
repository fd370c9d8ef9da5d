"use client";

import type { RealtimeClientConfig } from "@kefu/api/client";
import { useEffect, useMemo } from "react";
import { useOtherSideTyping } from "~/components/messaging/typing";
import { RealtimeProvider, useRealtimeEvent, useRealtimeReconnect } from "~/components/realtime-provider";
import type { WidgetSession } from "./use-widget-session";
import { REALTIME_AUTH_ENDPOINT, visitorHeaders } from "./widget-api";
import { channels } from "@kefu/api/contracts/realtime";

/**
 * Live updates on the conversation's channel through the shared realtime provider, authorised with the visitor
 * token; a reconnect or coming back online fills the gap. Connected only while there is a conversation.
 */
export function WidgetLive({
  realtime,
  token,
  conversationId,
  session,
  onAgentTyping,
}: {
  realtime: RealtimeClientConfig;
  token: string;
  conversationId: number;
  session: WidgetSession;
  /** whether the agent is typing now */
  onAgentTyping: (typing: boolean) => void;
}) {
  const authorization = useMemo(() => ({ endpoint: REALTIME_AUTH_ENDPOINT, headers: visitorHeaders(token) }), [token]);
  return (
    <RealtimeProvider config={realtime} authorization={authorization}>
      <ConversationChannel conversationId={conversationId} session={session} onAgentTyping={onAgentTyping} />
    </RealtimeProvider>
  );
}

function ConversationChannel({
  conversationId,
  session,
  onAgentTyping,
}: {
  conversationId: number;
  session: WidgetSession;
  onAgentTyping: (typing: boolean) => void;
}) {
  const { fetchNew, refreshState, receiveLive } = session;
  const channel = channels.conversation(conversationId);
  const refresh = () => void refreshState().catch(() => undefined);
  useRealtimeEvent(channel, "message.created", receiveLive);
  useRealtimeEvent(channel, "conversation.updated", refresh);
  useRealtimeEvent(channel, "queue.changed", refresh);
  useRealtimeEvent(channel, "conversation.receipt", (data) => {
    if (data.reader === "AGENT") refresh();
  });
  const agentTyping = useOtherSideTyping(channel, "AGENT");
  useEffect(() => onAgentTyping(agentTyping), [agentTyping, onAgentTyping]);
  useRealtimeReconnect(() => {
    void fetchNew().catch(() => undefined);
    refresh();
  });
  return null;
}
