import { handleChannelListMessages, handleChannelPostMessage, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ channel: string }> };

async function handleGET(request: Request, context: Context) {
  return handleChannelListMessages(getDb(), request, (await context.params).channel);
}

async function handlePOST(request: Request, context: Context) {
  return handleChannelPostMessage(getDb(), request, (await context.params).channel);
}

export const GET = instrumentRoute("/api/v1/channels/[channel]/messages", handleGET);
export const POST = instrumentRoute("/api/v1/channels/[channel]/messages", handlePOST);
