/**
 * One use case for a customer's message on any channel (widget, channel API, and the WeChat or app adapters to
 * come): receive it (customer, conversation, reopen, queue), then let the bot answer or hand off while the
 * conversation is with the bot. REST handlers authenticate, parse and call this; they orchestrate nothing.
 */
import type { Db } from "@kefu/db/client";
import { logger } from "../../logger.ts";
import { botRespond } from "../bot/respond.ts";
import { receiveCustomerMessage, type CustomerMessageInput, type ReceivedMessage } from "../conversation/receive-message.ts";

export async function handleIncomingCustomerMessage(db: Db, input: CustomerMessageInput): Promise<ReceivedMessage> {
  const received = await receiveCustomerMessage(db, input);
  if (received.duplicate || received.status !== "BOT") return received;
  try {
    await botRespond(db, { conversationId: received.conversationId, body: input.body });
  } catch (error) {
    // the customer's message is stored; an agent still sees it if the bot fails
    logger.error({ err: error, conversationId: received.conversationId, channel: input.channel }, "bot failed to respond to a customer message");
  }
  return received;
}
