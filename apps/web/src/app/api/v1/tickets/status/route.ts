import { handleTicketStatusCallback } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

export const POST = (request: Request) => handleTicketStatusCallback(getDb(), request);
