import { handleWidgetTyping } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleWidgetTyping(getDb(), request, { publicUrl: webEnv.AUTH_URL });
