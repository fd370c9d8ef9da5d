// The bot: its turn on a customer's message, and "try the bot" for managers.
export { asksForHuman, botRespond, botTurn, loadBotSettings, tellIfQueueIsFull, type BotOutcome, type BotSettings } from "./respond.ts";
export { previewBotAnswer, type BotPreviewDecision } from "./preview.ts";
