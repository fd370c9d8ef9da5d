// Customers: who may see whom, and (by part) the list, the profile and the data tools.
export { assertCanViewCustomer, visibleCustomersWhere } from "./access.ts";

// Profile, custom fields, notes, timeline, protected fields and data requests
export { recordCustomerEvent, type FieldChange } from "./customer-events.ts";
export { getCustomerProfile, type CustomerProfile } from "./get-customer-profile.ts";
export { updateCustomerProfile } from "./update-customer-profile.ts";
export { revealCustomerField } from "./reveal-customer-field.ts";
export { addCustomerTag, removeCustomerTag, listTagSuggestions } from "./customer-tags.ts";
export { createCustomerNote, updateCustomerNote, deleteCustomerNote, listMentionableStaff } from "./customer-notes.ts";
export { getCustomerTimeline, getRecentCustomerConversations, type CustomerTimelineItem } from "./customer-timeline.ts";
export { listCustomFields, createCustomField, updateCustomField, setCustomFieldArchived, moveCustomField } from "./custom-fields.ts";
export { parseCustomFieldValue, fieldValueOf, type CustomFieldDefinition, type FieldValue, type FieldValueColumns } from "./parse-custom-field-value.ts";
export { setCustomerFieldValue } from "./set-custom-field-value.ts";
export { exportCustomerData } from "./export-customer-data.ts";
export { eraseCustomer, erasedCustomerName, ERASED_MESSAGE_BODY } from "./erase-customer.ts";
export { rotateFieldKeys, type RotationProgress } from "./rotate-field-keys.ts";
export { phoneColumns, idNumberColumns, phoneMaskOf } from "./protected-fields.ts";

// The customer list: search, filters, segments, bulk actions, exports, tag pickers
export { audienceWhere, filterWhere } from "./audience.ts";
export { bulkUpdateCustomers, runCustomerBulkJob, BULK_BATCH_SIZE } from "./bulk-update-customers.ts";
export { CUSTOMER_BULK_JOB, CUSTOMER_EXPORT_JOB, getCustomerJob } from "./customer-job.ts";
export { customerExportsDir, openCustomerExport, runCustomerExportJob, startCustomerExport, type CustomerExportFile } from "./export-customers.ts";
export { customerFilterOptions } from "./filter-options.ts";
export { countCustomers, listCustomers, type CustomerListRow } from "./list-customers.ts";
export { createSegment, deleteSegment, listSegments, updateSegment } from "./segments.ts";
export { createTag, listTags } from "./tags.ts";

// Import, duplicates and merge
export {
  createCustomerImport,
  CUSTOMER_IMPORT_JOB,
  dryRunCustomerImport,
  getCustomerImport,
  listCustomerImports,
  rejectedRowsOf,
  runCustomerImportJob,
  startCustomerImport,
  type DryRunResult,
  type ImportUpload,
} from "./import.ts";
export { dismissDuplicateGroup, listDuplicateGroups } from "./duplicates.ts";
export { mergeCustomers } from "./merge-customers.ts";
export { undoCustomerMerge } from "./undo-merge.ts";
export { listCustomerMerges, mergePreview, searchMergeCandidates } from "./merge-preview.ts";
