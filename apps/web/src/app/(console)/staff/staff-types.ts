import type { RouterOutputs } from "@kefu/api/client";

export type StaffRow = RouterOutputs["user"]["list"]["items"][number];
export type Role = StaffRow["role"];
export type StaffStatus = "active" | "disabled" | "locked";
export type Team = RouterOutputs["team"]["list"][number];

/** Roles in the directory filter's order. */
export const ROLES: Role[] = ["ADMIN", "SUPERVISOR", "AGENT", "QA"];
/** Roles in the staff form's order (the common one first). */
export const FORM_ROLES = ["AGENT", "SUPERVISOR", "QA", "ADMIN"] as const satisfies readonly Role[];
