import { handleCustomerImportUpload } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";
import { getSessionUser } from "~/server/auth";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export async function POST(request: Request) {
  return handleCustomerImportUpload(getDb(), request, await getSessionUser(), { publicUrl: webEnv.AUTH_URL });
}
