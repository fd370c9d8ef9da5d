// The enterprise's CRM: the connection, the look-up for the agent's panel and the sync (docs/architecture.md, "CRM").
export { CRM_CONNECTION_ID, deleteCrmConnection, getCrmConnection, loadCrmConnection, saveCrmConnection } from "./connection.ts";
export { lookupCustomer, lookupForConversation, type CrmLookupResult, type CrmProfileField, type LookupOptions } from "./lookup.ts";
export { testCrmConnection } from "./test-connection.ts";
export { CRM_SYNC_JOB, runCrmSyncJob, syncConversationToCrm, syncCustomerNow, syncCustomerToCrm, type SyncOutcome } from "./sync.ts";
export { crmHeaders, generateCrmSecret, signCrmRequest } from "./signing.ts";
export { crmCustomerSyncSubscriber, crmLookupSubscriber, crmSyncSubscriber } from "./subscriber.ts";
