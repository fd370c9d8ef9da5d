/**
 * GET /api/customers/exports/{jobId} — the finished file of a customer export, streamed from disk, for the staff
 * member who asked for it (the web app passes the signed-in user). Anyone else is told it does not exist.
 */
import { createReadStream } from "node:fs";
import { Readable } from "node:stream";
import type { Db } from "@kefu/db/client";
import type { Actor } from "../services/conversation/index.ts";
import { openCustomerExport } from "../services/customer/index.ts";
import { errorResponse, run } from "./http.ts";

export function handleCustomerExportDownload(db: Db, actor: Actor | null, id: string): Promise<Response> {
  return run(async () => {
    if (!actor) return errorResponse("UNAUTHORIZED");
    const jobId = /^[1-9]\d{0,11}$/.test(id) ? Number(id) : 0;
    const file = await openCustomerExport(db, actor, jobId);
    const fallback = file.fileName.replace(/[^\x20-\x7e]|["\\]/g, "_");
    return new Response(Readable.toWeb(createReadStream(file.path)) as ReadableStream<Uint8Array>, {
      headers: {
        "Content-Type": file.contentType,
        "Content-Length": String(file.size),
        "Content-Disposition": `attachment; filename="${fallback}"; filename*=UTF-8''${encodeURIComponent(file.fileName)}`,
        "Cache-Control": "private, no-store",
        "X-Content-Type-Options": "nosniff",
      },
    });
  });
}
