import { handleCustomerExportDownload, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { getSessionUser } from "~/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

async function handleGET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  return handleCustomerExportDownload(getDb(), await getSessionUser(), (await params).id);
}

export const GET = instrumentRoute("/api/customers/exports/[id]", handleGET);
