import { handleWidgetGetAttachment, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handleGET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleWidgetGetAttachment(getDb(), request, (await params).id);
}

export const GET = instrumentRoute("/api/v1/widget/attachments/[id]", handleGET);
