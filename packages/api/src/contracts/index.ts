/** Every contract in one import; each file can also be imported on its own (`@kefu/api/contracts/<name>`). */
export * from "./alert.ts";
export * from "./attachment.ts";
export * from "./audit.ts";
export * from "./conversation.ts";
export * from "./integration.ts";
export * from "./job.ts";
export * from "./knowledge.ts";
export * from "./limits.ts";
export * from "./monitor.ts";
export * from "./push.ts";
export * from "./realtime.ts";
export * from "./routing.ts";
export * from "./settings.ts";
export * from "./team.ts";
export * from "./user.ts";
export * from "./rules.ts";
