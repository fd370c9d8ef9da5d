import { handleWidgetState } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const GET = (request: Request) => handleWidgetState(getDb(), request);
