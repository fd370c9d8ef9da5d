import {
  customFieldArchiveInput,
  customFieldCreateInput,
  customFieldListInput,
  customFieldMoveInput,
  customFieldUpdateInput,
  customFieldValueSetInput,
} from "../../contracts/custom-field.ts";
import {
  customerEraseInput,
  customerIdInput,
  customerNoteCreateInput,
  customerNoteIdInput,
  customerNoteUpdateInput,
  customerProfileUpdateInput,
  customerRevealInput,
  customerTagInput,
  customerTimelineInput,
  mentionSearchInput,
  recentConversationsInput,
} from "../../contracts/customer-profile.ts";
import {
  addCustomerTag,
  createCustomerNote,
  createCustomField,
  deleteCustomerNote,
  eraseCustomer,
  exportCustomerData,
  getCustomerProfile,
  getCustomerTimeline,
  getRecentCustomerConversations,
  listCustomFields,
  listMentionableStaff,
  listTagSuggestions,
  moveCustomField,
  removeCustomerTag,
  revealCustomerField,
  setCustomerFieldValue,
  setCustomFieldArchived,
  updateCustomerNote,
  updateCustomerProfile,
  updateCustomField,
} from "../../services/customer/index.ts";
import { permissionProcedure } from "../../trpc.ts";

const read = permissionProcedure("customer.read");
const annotate = permissionProcedure("customer.annotate").meta({ auditTarget: "Customer" });
const notes = permissionProcedure("customer.annotate").meta({ auditTarget: "CustomerNote" });
const manage = permissionProcedure("customer.manage").meta({ auditTarget: "Customer" });
const reveal = permissionProcedure("customer.reveal").meta({ auditTarget: "Customer" });
const fields = permissionProcedure("customer.fields").meta({ auditTarget: "CustomField" });
const privacy = permissionProcedure("customer.privacy").meta({ auditTarget: "Customer" });

/** The customer profile: identity, protected fields, tags, notes, timeline, custom fields and data requests. */
export const customerProfileProcedures = {
  profile: read.input(customerIdInput).query(({ ctx, input }) => getCustomerProfile(ctx.db, ctx.session, input)),
  timeline: read.input(customerTimelineInput).query(({ ctx, input }) => getCustomerTimeline(ctx.db, ctx.session, input)),
  recentConversations: read.input(recentConversationsInput).query(({ ctx, input }) => getRecentCustomerConversations(ctx.db, ctx.session, input)),
  updateProfile: manage.input(customerProfileUpdateInput).mutation(({ ctx, input }) => updateCustomerProfile(ctx.db, ctx.session, input)),
  revealField: reveal.input(customerRevealInput).mutation(({ ctx, input }) => revealCustomerField(ctx.db, ctx.session, input)),
  listTagSuggestions: permissionProcedure("customer.annotate").query(({ ctx }) => listTagSuggestions(ctx.db)),
  addTag: annotate.input(customerTagInput).mutation(({ ctx, input }) => addCustomerTag(ctx.db, ctx.session, input)),
  removeTag: annotate.input(customerTagInput).mutation(({ ctx, input }) => removeCustomerTag(ctx.db, ctx.session, input)),
  listMentionable: permissionProcedure("customer.annotate")
    .input(mentionSearchInput)
    .query(({ ctx, input }) => listMentionableStaff(ctx.db, ctx.session, input)),
  createNote: notes.input(customerNoteCreateInput).mutation(({ ctx, input }) => createCustomerNote(ctx.db, ctx.session, input)),
  updateNote: notes.input(customerNoteUpdateInput).mutation(({ ctx, input }) => updateCustomerNote(ctx.db, ctx.session, input)),
  deleteNote: notes.input(customerNoteIdInput).mutation(({ ctx, input }) => deleteCustomerNote(ctx.db, ctx.session, input)),
  setFieldValue: manage.input(customFieldValueSetInput).mutation(({ ctx, input }) => setCustomerFieldValue(ctx.db, ctx.session, input)),
  listFields: read.input(customFieldListInput).query(({ ctx, input }) => listCustomFields(ctx.db, ctx.session, input)),
  createField: fields.input(customFieldCreateInput).mutation(({ ctx, input }) => createCustomField(ctx.db, ctx.session, input)),
  updateField: fields.input(customFieldUpdateInput).mutation(({ ctx, input }) => updateCustomField(ctx.db, ctx.session, input)),
  moveField: fields.input(customFieldMoveInput).mutation(({ ctx, input }) => moveCustomField(ctx.db, ctx.session, input)),
  archiveField: fields.input(customFieldArchiveInput).mutation(({ ctx, input }) => setCustomFieldArchived(ctx.db, ctx.session, input)),
  exportData: privacy.input(customerIdInput).mutation(({ ctx, input }) => exportCustomerData(ctx.db, ctx.session, input)),
  erase: privacy.input(customerEraseInput).mutation(({ ctx, input }) => eraseCustomer(ctx.db, ctx.session, input)),
};
