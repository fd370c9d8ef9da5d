/**
 * tRPC setup: context, procedures, permission and audit middleware, error shape.
 *
 * - `createContextInner({ db, session })` needs no request (tests call it directly).
 * - Middleware order: error mapping → session → permission → audit → input validation → resolver,
 *   so a forbidden call is refused before its input is read, and is audited.
 */
import type { Db } from "@kefu/db/client";
import { initTRPC, TRPCError } from "@trpc/server";
import superjson from "superjson";
import type { Permission } from "./permissions.ts";
import { can } from "./permissions.ts";
import { toFieldIssue, type FieldIssue, type IssueLike } from "./contracts/rules.ts";
import { AppError, toTRPCError } from "./errors.ts";
import { appendAudit, redactForAudit } from "./services/audit/append.ts";
import type { SessionUser } from "./services/auth/sign-in.ts";
import { logger } from "./logger.ts";
import { metrics } from "./observability/metrics.ts";

export interface ContextOptions {
  db: Db;
  session: SessionUser | null;
  ip?: string | null;
  userAgent?: string | null;
}

export function createContextInner(options: ContextOptions) {
  return { db: options.db, session: options.session, ip: options.ip ?? null, userAgent: options.userAgent ?? null };
}

export type Context = ReturnType<typeof createContextInner>;

export interface Meta {
  /** the permission a procedure needs; read by the RBAC test and the permission middleware */
  permission?: Permission;
  /** the kind of record a mutation changes, for its audit row */
  auditTarget?: string;
  /** false for a mutation that changes nothing and is sent every few seconds (the typing signal): no audit row */
  audit?: false;
}

export type { FieldIssue };

function schemaIssues(cause: unknown): IssueLike[] | null {
  if (cause && typeof cause === "object" && "issues" in cause && Array.isArray(cause.issues)) {
    return (cause as { issues: IssueLike[] }).issues;
  }
  return null;
}

const t = initTRPC
  .context<Context>()
  .meta<Meta>()
  .create({
    transformer: superjson,
    errorFormatter({ shape, error }) {
      const issues = schemaIssues(error.cause);
      const appError = error.cause instanceof AppError ? error.cause : null;
      const fieldIssues = issues?.map(toFieldIssue);
      const first = fieldIssues?.[0];
      return {
        ...shape,
        // Bad input names the field; internal failures never leak their text.
        message: first ? `${first.path}: ${first.message}` : error.code === "INTERNAL_SERVER_ERROR" ? "Internal error" : shape.message,
        data: {
          code: shape.data.code,
          httpStatus: shape.data.httpStatus,
          path: shape.data.path,
          appCode: appError?.code ?? (issues ? "INVALID_INPUT" : undefined),
          field: appError?.field ?? first?.path,
          params: appError?.params,
          fieldIssues,
        },
      };
    },
  });

export const createCallerFactory = t.createCallerFactory;
export const router = t.router;

const errorMapping = t.middleware(async ({ next, path }) => {
  const result = await next();
  // A service's AppError or a Prisma error arrives wrapped as INTERNAL_SERVER_ERROR: give it its real code.
  if (result.ok || result.error.code !== "INTERNAL_SERVER_ERROR") return result;
  const mapped = toTRPCError(result.error.cause ?? result.error);
  if (mapped.code === "INTERNAL_SERVER_ERROR") logger.error({ err: result.error.cause ?? result.error, path }, "procedure failed");
  return { ...result, error: mapped };
});

/** Counts and times every call by procedure path (bounded: the router's own names) and result code. */
const measured = t.middleware(async ({ next, path, type }) => {
  const started = performance.now();
  const result = await next();
  metrics().trpcCalls.inc({ procedure: path, type, code: result.ok ? "OK" : result.error.code });
  metrics().trpcDuration.observe({ procedure: path, type }, (performance.now() - started) / 1000);
  return result;
});

export const publicProcedure = t.procedure.use(measured).use(errorMapping);

export const protectedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.session) throw new TRPCError({ code: "UNAUTHORIZED", message: "Sign in first", cause: new AppError("UNAUTHORIZED") });
  return next({ ctx: { ...ctx, session: ctx.session } });
});

/**
 * Writes one hash-chained audit row for every mutation (and for every refused call), with
 * the actor, the procedure path as action, the target and the redacted input.
 */
const auditMutations = t.middleware(async ({ ctx, next, path, type, meta, getRawInput }) => {
  const result = await next();
  if (type !== "mutation" || meta?.audit === false) return result;
  const input = await getRawInput().catch(() => undefined);
  const data = result.ok ? (result.data as { id?: unknown } | undefined) : undefined;
  const inputId = input && typeof input === "object" && "id" in input ? input.id : undefined;
  const targetId = typeof inputId === "number" || typeof inputId === "string" ? inputId : typeof data?.id === "number" ? data.id : null;
  // The error has not been mapped yet: a service's AppError still arrives wrapped as INTERNAL_SERVER_ERROR.
  const errorCode = result.ok ? null : result.error.cause instanceof AppError ? result.error.cause.code : result.error.code;
  await appendAudit(ctx.db, {
    actorId: ctx.session?.id ?? null,
    actorLabel: ctx.session?.employeeNo ?? null,
    action: path,
    targetType: meta?.auditTarget ?? null,
    targetId,
    result: result.ok ? "SUCCESS" : errorCode === "FORBIDDEN" ? "DENIED" : "FAILURE",
    ip: ctx.ip,
    userAgent: ctx.userAgent,
    detail: redactForAudit(result.ok ? { input } : { input, error: errorCode }),
  });
  return result;
});

export const authedProcedure = protectedProcedure.use(auditMutations);

/** A procedure that needs `permission`; the refusal is a FORBIDDEN and an audit row. */
export function permissionProcedure(permission: Permission) {
  return protectedProcedure
    .meta({ permission })
    .use(async ({ ctx, next, path, type }) => {
      if (!can(ctx.session.role, permission)) {
        await appendAudit(ctx.db, {
          actorId: ctx.session.id,
          actorLabel: ctx.session.employeeNo,
          action: path,
          result: "DENIED",
          ip: ctx.ip,
          userAgent: ctx.userAgent,
          detail: { permission, type },
        });
        throw new TRPCError({ code: "FORBIDDEN", message: `Missing permission ${permission}`, cause: new AppError("FORBIDDEN") });
      }
      return next();
    })
    .use(auditMutations);
}
