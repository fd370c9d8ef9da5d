import "server-only";
import { createCaller, createContextInner } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { headers } from "next/headers";
import { cache } from "react";
import { getSessionUser } from "./auth";
import { clientIp, userAgentOf } from "./request-info";

/** A server-side caller for React Server Components (one per request). */
export const serverCaller = cache(async () => {
  const requestHeaders = await headers();
  return createCaller(
    createContextInner({ db: getDb(), session: await getSessionUser(), ip: clientIp(requestHeaders), userAgent: userAgentOf(requestHeaders) }),
  );
});
