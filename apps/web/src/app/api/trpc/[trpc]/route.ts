import { appRouter, createContextInner, instrumentRoute, touchLastSeen } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { webEnv } from "~/env";
import { getSessionUser } from "~/server/auth";
import { clientIp, isSameOrigin, userAgentOf } from "~/server/request-info";

/** More procedures than this in one batch is refused (a batch is one HTTP request). */
const MAX_BATCH_SIZE = 20;

function refuse(status: number, code: string, message: string) {
  return Response.json([{ error: { json: { message, code: -32600, data: { code, httpStatus: status } } } }], { status });
}

async function handler(request: Request) {
  const url = new URL(request.url);
  const procedures = url.pathname
    .replace(/^\/api\/trpc\/?/, "")
    .split(",")
    .filter(Boolean);
  if (procedures.length > MAX_BATCH_SIZE) return refuse(400, "BAD_REQUEST", `batch: at most ${MAX_BATCH_SIZE} procedures per request`);
  if (request.method === "POST" && !isSameOrigin(request.headers, webEnv.AUTH_URL)) return refuse(403, "FORBIDDEN", "origin: cross-site request refused");

  const session = await getSessionUser();
  const db = getDb();
  if (session) void touchLastSeen(db, session.id).catch(() => undefined);
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: request,
    router: appRouter,
    createContext: () => createContextInner({ db, session, ip: clientIp(request.headers), userAgent: userAgentOf(request.headers) }),
  });
}

const instrumented = instrumentRoute("/api/trpc/[trpc]", handler);

export { instrumented as GET, instrumented as POST };
