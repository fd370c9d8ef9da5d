import { handlePasskeySignInOptions } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export function POST(request: Request) {
  return handlePasskeySignInOptions(getDb(), request, { publicUrl: webEnv.AUTH_URL });
}
