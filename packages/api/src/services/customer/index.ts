// Customers: who may see whom, and (by part) the list, the profile and the data tools.
export { assertCanViewCustomer, visibleCustomersWhere } from "./access.ts";

// The customer list: search, filters, segments, bulk actions, exports, tag pickers
export { audienceWhere, filterWhere } from "./audience.ts";
export { bulkUpdateCustomers, runCustomerBulkJob, BULK_BATCH_SIZE } from "./bulk-update-customers.ts";
export { CUSTOMER_BULK_JOB, CUSTOMER_EXPORT_JOB, getCustomerJob } from "./customer-job.ts";
export { customerExportsDir, openCustomerExport, runCustomerExportJob, startCustomerExport, type CustomerExportFile } from "./export-customers.ts";
export { customerFilterOptions } from "./filter-options.ts";
export { countCustomers, listCustomers, type CustomerListRow } from "./list-customers.ts";
export { createSegment, deleteSegment, listSegments, updateSegment } from "./segments.ts";
export { createTag, listTags } from "./tags.ts";
