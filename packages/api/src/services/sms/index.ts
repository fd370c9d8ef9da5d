// SMS senders (阿里云, 腾讯云, development outbox) and their request signing.
export { configuredProviders, listSmsOutbox, sendSmsCode, sendersFromEnv, type SmsSender } from "./senders.ts";
