/**
 * Every subscriber of the domain events, registered once per process (the API's entry point does it when it
 * loads; the test harness does it for tests). A new reaction to a change is a subscriber added here — no service
 * changes (docs/architecture.md, "Adding a subscriber").
 */
import { isSubscribed, subscribe, type Subscriber } from "./domain-events/index.ts";
import { conversationRealtimeSubscriber, monitorRealtimeSubscriber } from "./realtime/subscribers.ts";
import { alertEvaluationSubscriber } from "./services/alert/subscriber.ts";
import { autoQaSubscriber } from "./services/autoqa/subscriber.ts";
import { crmCustomerSyncSubscriber, crmLookupSubscriber, crmSyncSubscriber } from "./services/crm/subscriber.ts";
import { customerMentionSubscriber } from "./services/customer/subscriber.ts";
import { knowledgeUsageSubscriber } from "./services/knowledge/subscriber.ts";
import { qaReviewNotifySubscriber } from "./services/qa/subscriber.ts";
import { reportRollupSubscriber } from "./services/report/subscriber.ts";
import { ticketPushSubscriber, ticketRealtimeSubscriber } from "./services/ticket/subscriber.ts";
import { webhookSubscriber } from "./services/webhook/subscriber.ts";

/** In dispatch order: the monitor's delta first, then the conversation channels, alert evaluation, knowledge usage, note mentions, quality reviews, tickets; AutoQA, the report rollups, webhooks, the ticket push and the CRM in the worker. */
export const coreSubscribers: readonly Subscriber[] = [
  monitorRealtimeSubscriber,
  conversationRealtimeSubscriber,
  alertEvaluationSubscriber,
  knowledgeUsageSubscriber,
  autoQaSubscriber,
  customerMentionSubscriber,
  qaReviewNotifySubscriber,
  reportRollupSubscriber,
  webhookSubscriber,
  ticketRealtimeSubscriber,
  ticketPushSubscriber,
  crmLookupSubscriber,
  crmSyncSubscriber,
  crmCustomerSyncSubscriber,
];

export function registerCoreSubscribers(): void {
  for (const subscriber of coreSubscribers) if (!isSubscribed(subscriber.name)) subscribe(subscriber);
}
