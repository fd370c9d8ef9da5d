// Customers: who sees whom (access), and the use cases of each part of customer management.
export { assertCanViewCustomer, visibleCustomersWhere } from "./access.ts";

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
