// AutoQA: rules over every ended conversation, offline and in Chinese (docs/architecture.md, "AutoQA").
export { checkConversation, runRule, type AutoQaTranscript, type RaisedFlag, type RunnableRule } from "./engine.ts";
export { backfillAutoQa, type BackfillOptions } from "./backfill.ts";
export { checkEndedConversation, loadTranscript } from "./check-conversation.ts";
export { listConversationFlags } from "./flags.ts";
export { listAutoQaRules, loadEnabledRules, updateAutoQaRule } from "./rules.ts";
export { autoQaSubscriber } from "./subscriber.ts";
export { testAutoQaRule } from "./test-rule.ts";
