// Types only: what client components may import from the API package.
import type { inferRouterInputs, inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "./root.ts";

export type { AppRouter };
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;
export type { FieldIssue } from "./trpc.ts";
export type { AppErrorCode } from "./errors.ts";
export type { RealtimeClientConfig } from "./realtime/pusher.ts";
