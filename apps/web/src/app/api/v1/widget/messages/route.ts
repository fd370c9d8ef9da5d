import { handleWidgetListMessages, handleWidgetPostMessage } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleWidgetListMessages(getDb(), request);
export const POST = (request: Request) => handleWidgetPostMessage(getDb(), request, { publicUrl: webEnv.AUTH_URL });
