import {
  bulkUpdateCustomers,
  countCustomers,
  createSegment,
  createTag,
  customerFilterOptions,
  deleteSegment,
  getCustomerJob,
  listCustomers,
  listSegments,
  listTags,
  startCustomerExport,
  updateSegment,
} from "../../services/customer/index.ts";
import {
  customerBulkInput,
  customerCountInput,
  customerExportInput,
  customerJobInput,
  customerListInput,
  segmentCreateInput,
  segmentIdInput,
  segmentUpdateInput,
  tagCreateInput,
  tagListInput,
} from "../../contracts/customer.ts";
import { permissionProcedure } from "../../trpc.ts";

const read = permissionProcedure("customer.read");
const manage = permissionProcedure("customer.manage").meta({ auditTarget: "Customer" });

/** 客户列表: search, filters, segments (分组), bulk actions, exports and the tag picker. */
export const customerListProcedures = {
  list: read.input(customerListInput).query(({ ctx, input }) => listCustomers(ctx.db, ctx.session, input)),
  count: read.input(customerCountInput).query(({ ctx, input }) => countCustomers(ctx.db, ctx.session, input)),
  filterOptions: read.query(({ ctx }) => customerFilterOptions(ctx.db)),
  listSegments: read.query(({ ctx }) => listSegments(ctx.db, ctx.session)),
  // private segments are anyone's who reads customers; sharing one needs customer.manage (the service checks)
  createSegment: read
    .meta({ auditTarget: "Segment" })
    .input(segmentCreateInput)
    .mutation(({ ctx, input }) => createSegment(ctx.db, ctx.session, input)),
  updateSegment: read
    .meta({ auditTarget: "Segment" })
    .input(segmentUpdateInput)
    .mutation(({ ctx, input }) => updateSegment(ctx.db, ctx.session, input)),
  deleteSegment: read
    .meta({ auditTarget: "Segment" })
    .input(segmentIdInput)
    .mutation(({ ctx, input }) => deleteSegment(ctx.db, ctx.session, input)),
  listTags: read.input(tagListInput).query(({ ctx, input }) => listTags(ctx.db, input)),
  createTag: permissionProcedure("customer.annotate")
    .meta({ auditTarget: "Tag" })
    .input(tagCreateInput)
    .mutation(({ ctx, input }) => createTag(ctx.db, input)),
  bulkUpdate: manage.input(customerBulkInput).mutation(({ ctx, input }) => bulkUpdateCustomers(ctx.db, ctx.session, input)),
  export: manage.input(customerExportInput).mutation(({ ctx, input }) => startCustomerExport(ctx.db, ctx.session, input)),
  getBulkJob: read.input(customerJobInput).query(({ ctx, input }) => getCustomerJob(ctx.db, ctx.session, input)),
};
