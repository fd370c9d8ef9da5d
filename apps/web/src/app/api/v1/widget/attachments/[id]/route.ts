import { handleWidgetGetAttachment } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleWidgetGetAttachment(getDb(), request, (await params).id);
}
