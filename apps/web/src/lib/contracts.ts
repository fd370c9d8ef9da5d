/**
 * The API's shared input schemas that the console's forms validate with, so a field is judged the same in the
 * browser and on the server. Every form imports them from here: the API package's export path appears only below.
 */
export { kbCreateInput, kbUpdateInput } from "@kefu/api/contracts/knowledge";
export { changeOwnPasswordForm, staffCreateInput, staffUpdateInput } from "@kefu/api/contracts/user";
export { teamCreateInput, teamUpdateInput } from "@kefu/api/contracts/team";
export { customerProfileUpdateInput, customerRevealInput, customerNoteCreateInput } from "@kefu/api/contracts/customer-profile";
export { customFieldCreateInput, customFieldUpdateInput } from "@kefu/api/contracts/custom-field";
export { createApiKeyInput } from "@kefu/api/contracts/integration";
export { createWebhookInput } from "@kefu/api/contracts/webhook";
export { securitySettingsInput } from "@kefu/api/contracts/settings";
export { alertRuleCreateInput } from "@kefu/api/contracts/alert";
export { signInInput } from "@kefu/api/contracts/user";
export { segmentCreateInput } from "@kefu/api/contracts/customer";
export { smsCodeRequestInput, smsSignInInput, SMS_RESEND_SECONDS, passkeyNameSchema } from "@kefu/api/contracts/sign-in";
export { saveCrmConnectionInput } from "@kefu/api/contracts/crm";
