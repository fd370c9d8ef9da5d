import { handleWidgetPresence, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = instrumentRoute("/api/v1/widget/presence", (request: Request) => handleWidgetPresence(getDb(), request, { publicUrl: webEnv.AUTH_URL }));
