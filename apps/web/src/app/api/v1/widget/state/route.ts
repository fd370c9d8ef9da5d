import { handleWidgetState, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = instrumentRoute("/api/v1/widget/state", (request: Request) => handleWidgetState(getDb(), request));
