import { handleStaffGetAttachment, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { getSessionUser } from "~/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handleGET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleStaffGetAttachment(getDb(), request, await getSessionUser(), (await params).id);
}

export const GET = instrumentRoute("/api/attachments/[id]", handleGET);
