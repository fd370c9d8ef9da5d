export * from "./catalogue.ts";
export {
  dispatchAfterCommit,
  isSubscribed,
  outboxJobType,
  outboxSubscriberForJob,
  subscribe,
  type AfterCommitSubscriber,
  type OutboxSubscriber,
  type Subscriber,
  type SubscriberContext,
} from "./registry.ts";
export { runUnitOfWork, UnitOfWork, type Tx, type UnitOfWorkOptions } from "./unit-of-work.ts";
