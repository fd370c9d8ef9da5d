import { z } from "zod";
import { RULE_TEXTS } from "./rules.ts";
import { EMAIL_MAX, EMPLOYEE_NO_MAX, PASSWORD_MAX, PASSWORD_MIN, PHONE_INPUT_MAX, STAFF_NAME_MAX, STAFF_SEARCH_MAX } from "./limits.ts";

export const roleSchema = z.enum(["ADMIN", "SUPERVISOR", "AGENT", "QA"]);
export const presenceSchema = z.enum(["ONLINE", "BUSY", "AWAY", "OFFLINE"]);
export const idSchema = z.number().int().positive();

export const employeeNoSchema = z
  .string()
  .trim()
  .min(1)
  .max(EMPLOYEE_NO_MAX)
  .regex(/^[A-Za-z0-9_-]+$/, RULE_TEXTS.employeeNoChars);
export const staffNameSchema = z.string().trim().min(1).max(STAFF_NAME_MAX);
export const emailSchema = z.string().trim().toLowerCase().max(EMAIL_MAX).pipe(z.email());
export const phoneSchema = z
  .string()
  .max(PHONE_INPUT_MAX)
  .transform((value) => value.replace(/[\s-]/g, ""))
  .pipe(z.string().regex(/^(\+?86)?1\d{10}$/, RULE_TEXTS.mainlandMobile));
export const passwordSchema = z.string().min(PASSWORD_MIN).max(PASSWORD_MAX);

export const staffListInput = z.object({
  cursor: idSchema.optional(),
  limit: z.number().int().min(1).max(100).default(50),
  search: z.string().trim().max(STAFF_SEARCH_MAX).optional(),
  role: roleSchema.optional(),
  teamId: idSchema.optional(),
  status: z.enum(["active", "disabled", "locked"]).optional(),
});

export const staffCreateInput = z.object({
  employeeNo: employeeNoSchema,
  name: staffNameSchema,
  email: emailSchema,
  phone: phoneSchema.optional(),
  role: roleSchema,
  teamIds: z.array(idSchema).max(20).default([]),
  maxConcurrent: z.number().int().min(1).max(50).default(5),
  password: passwordSchema,
});

export const staffUpdateInput = z.object({
  id: idSchema,
  name: staffNameSchema.optional(),
  email: emailSchema.optional(),
  phone: phoneSchema.nullable().optional(),
  role: roleSchema.optional(),
  teamIds: z.array(idSchema).max(20).optional(),
  maxConcurrent: z.number().int().min(1).max(50).optional(),
});

export const staffIdInput = z.object({ id: idSchema });
export const staffSetDisabledInput = z.object({ id: idSchema, disabled: z.boolean() });
export const staffResetPasswordInput = z.object({ id: idSchema, password: passwordSchema });
export const changeOwnPasswordInput = z.object({ currentPassword: z.string().min(1).max(PASSWORD_MAX), newPassword: passwordSchema });
/** The change-password form: the procedure's input and the new password typed twice (the API is sent the input only). */
export const changeOwnPasswordForm = changeOwnPasswordInput
  .extend({ confirmPassword: z.string().max(PASSWORD_MAX) })
  .refine((form) => form.confirmPassword === form.newPassword, { path: ["confirmPassword"], message: RULE_TEXTS.passwordsMatch });
/**
 * What the sign-in form sends. Only the lengths are checked here: an empty or unknown identifier is a wrong sign-in
 * like any other (counted, same answer), while an over-long one is refused as bad input before anything is looked up.
 */
export const signInInput = z.object({ identifier: z.string().max(EMAIL_MAX), password: z.string().max(PASSWORD_MAX) });
export const setOwnPresenceInput = z.object({ presence: presenceSchema });
export const setLocaleInput = z.object({ locale: z.enum(["zh-CN", "en"]) });

export type StaffCreateInput = z.infer<typeof staffCreateInput>;
export type StaffUpdateInput = z.infer<typeof staffUpdateInput>;
export type StaffListInput = z.infer<typeof staffListInput>;
