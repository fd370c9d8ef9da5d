import { handleWidgetListMessages, handleWidgetPostMessage, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = instrumentRoute("/api/v1/widget/messages", (request: Request) => handleWidgetListMessages(getDb(), request));
export const POST = instrumentRoute("/api/v1/widget/messages", (request: Request) => handleWidgetPostMessage(getDb(), request, { publicUrl: webEnv.AUTH_URL }));
