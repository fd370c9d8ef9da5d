// Types and enums only: the browser bundle may import this entry.
export * from "../generated/prisma/enums.ts";
export type * from "../generated/prisma/models.ts";
