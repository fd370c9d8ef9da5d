"use client";

import { can, type Permission } from "@kefu/api/permissions";
import type { Role } from "@kefu/db";
import { createContext, useContext, type ReactNode } from "react";

const ViewerRole = createContext<Role | null>(null);

/** The signed-in staff member's role, for the console's client components (the server checks every call again). */
export function ViewerProvider({ role, children }: { role: Role; children: ReactNode }) {
  return <ViewerRole.Provider value={role}>{children}</ViewerRole.Provider>;
}

/** Whether the signed-in staff member's role allows `permission`: what to show, never what to allow. */
export function useCan(permission: Permission): boolean {
  return can(useContext(ViewerRole), permission);
}
