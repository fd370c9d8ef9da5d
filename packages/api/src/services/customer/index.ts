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
