import type { RouterOutputs } from "@kefu/api/client";

export type Message = RouterOutputs["conversation"]["messages"]["items"][number];
export type Detail = RouterOutputs["conversation"]["get"];

/** A reply or note the agent sent that the transcript does not have yet. */
export interface PendingMessage {
  clientId: string;
  /** the conversation it was written in: a message still waiting goes there even after the agent opened another */
  conversationId: number;
  body: string;
  note: boolean;
  /** waiting: held until the network is back (it goes by itself); failed: refused, with a retry */
  state: "sending" | "waiting" | "failed";
}
