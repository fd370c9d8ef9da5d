import {
  duplicateDismissInput,
  duplicateListInput,
  importIdInput,
  importListInput,
  importPlanInput,
  mergeIdInput,
  mergeInput,
  mergeListInput,
  mergePairInput,
  mergeSearchInput,
} from "../../contracts/customer-data.ts";
import {
  dismissDuplicateGroup,
  dryRunCustomerImport,
  getCustomerImport,
  listCustomerImports,
  listCustomerMerges,
  listDuplicateGroups,
  mergeCustomers,
  mergePreview,
  searchMergeCandidates,
  startCustomerImport,
  undoCustomerMerge,
} from "../../services/customer/index.ts";
import { permissionProcedure } from "../../trpc.ts";

const manage = permissionProcedure("customer.manage");
const manageImport = manage.meta({ auditTarget: "CustomerImport" });
const manageMerge = manage.meta({ auditTarget: "Customer" });

/** Import (the file itself is uploaded at /api/customer-imports), duplicate suggestions and merges. */
export const customerDataProcedures = {
  listImports: manage.input(importListInput).query(({ ctx, input }) => listCustomerImports(ctx.db, ctx.session, input)),
  getImport: manage.input(importIdInput).query(({ ctx, input }) => getCustomerImport(ctx.db, ctx.session, input.id)),
  dryRunImport: manageImport.input(importPlanInput).mutation(({ ctx, input }) => dryRunCustomerImport(ctx.db, ctx.session, input)),
  startImport: manageImport.input(importPlanInput).mutation(({ ctx, input }) => startCustomerImport(ctx.db, ctx.session, input)),
  listDuplicates: manage.input(duplicateListInput).query(({ ctx, input }) => listDuplicateGroups(ctx.db, ctx.session, input)),
  dismissDuplicate: manageMerge.input(duplicateDismissInput).mutation(({ ctx, input }) => dismissDuplicateGroup(ctx.db, ctx.session, input)),
  searchMergeCandidates: manage.input(mergeSearchInput).query(({ ctx, input }) => searchMergeCandidates(ctx.db, ctx.session, input)),
  mergePreview: manage.input(mergePairInput).query(({ ctx, input }) => mergePreview(ctx.db, ctx.session, input)),
  listMerges: manage.input(mergeListInput).query(({ ctx, input }) => listCustomerMerges(ctx.db, ctx.session, input)),
  merge: manageMerge.input(mergeInput).mutation(({ ctx, input }) => mergeCustomers(ctx.db, ctx.session, input)),
  undoMerge: manageMerge.input(mergeIdInput).mutation(({ ctx, input }) => undoCustomerMerge(ctx.db, ctx.session, input)),
};
