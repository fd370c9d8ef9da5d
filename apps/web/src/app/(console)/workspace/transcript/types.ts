import type { RouterOutputs } from "@kefu/api/client";

export type Message = RouterOutputs["conversation"]["messages"]["items"][number];
export type Detail = RouterOutputs["conversation"]["get"];

/** A reply or note the agent sent that the transcript does not have yet. */
export interface PendingMessage {
  clientId: string;
  body: string;
  note: boolean;
  failed: boolean;
}
