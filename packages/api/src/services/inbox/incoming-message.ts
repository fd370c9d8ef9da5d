/**
 * One use case for a customer's message on any channel (widget, channel API, and the WeChat or app adapters to
 * come): one unit of work receives it (customer, conversation, reopen, queue) and, while the conversation is with
 * the bot, writes the bot's answer or hand-off with it; routing runs after commit. REST handlers authenticate,
 * parse and call this; they orchestrate nothing. See docs/architecture.md, "The life of one customer message".
 */
import type { Db } from "@kefu/db/client";
import { botTurn, loadBotSettings, tellIfQueueIsFull, type BotOutcome } from "../bot/index.ts";
import { receiveCustomerMessageWithBot, type CustomerMessageInput, type ReceivedMessage } from "../conversation/index.ts";

export interface IncomingMessageResult extends ReceivedMessage {
  /** what the bot did with this message (none when a person holds the conversation, or for a replay) */
  bot: BotOutcome;
}

export async function handleIncomingCustomerMessage(db: Db, input: CustomerMessageInput): Promise<IncomingMessageResult> {
  const settings = await loadBotSettings(db);
  const received = await receiveCustomerMessageWithBot(db, input, botTurn(db, settings));
  const bot = received.bot ?? ({ action: "none" } as const);
  if (bot.action === "handed_off") await tellIfQueueIsFull(db, received.conversationId, settings.replies);
  return { ...received, bot };
}
