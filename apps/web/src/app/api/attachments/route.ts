import { handleStaffPostAttachment, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";
import { getSessionUser } from "~/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handlePOST(request: Request) {
  return handleStaffPostAttachment(getDb(), request, await getSessionUser(), { publicUrl: webEnv.AUTH_URL });
}

export const POST = instrumentRoute("/api/attachments", handlePOST);
