// Customers' messages coming in from every channel.
export { customerIdOnChannel, latestConversationOnChannel } from "./customer-lookup.ts";
export { handleIncomingCustomerMessage } from "./incoming-message.ts";
export { warmUpMessageIntake } from "./warm-up.ts";
