import { handleSmsCodeRequest, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

function handlePOST(request: Request) {
  return handleSmsCodeRequest(getDb(), request, { publicUrl: webEnv.AUTH_URL });
}

export const POST = instrumentRoute("/api/sign-in/sms-code", handlePOST);
