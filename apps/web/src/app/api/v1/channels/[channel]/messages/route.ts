import { handleChannelListMessages, handleChannelPostMessage } from "@kefu/api";
import { getDb } from "@kefu/db/client";

export const runtime = "nodejs";
export const dynamic = "force-dynamic";

type Context = { params: Promise<{ channel: string }> };

export async function GET(request: Request, context: Context) {
  return handleChannelListMessages(getDb(), request, (await context.params).channel);
}

export async function POST(request: Request, context: Context) {
  return handleChannelPostMessage(getDb(), request, (await context.params).channel);
}
