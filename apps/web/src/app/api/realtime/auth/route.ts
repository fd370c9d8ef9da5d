import { canSubscribe, canSubscribeToConversation, getPusher, instrumentRoute } from "@kefu/api";
import { getDb } from "@kefu/db/client";
import { webEnv } from "~/env";
import { getSessionUser } from "~/server/auth";
import { isSameOrigin } from "~/server/request-info";

/** Authorizes a private or presence channel subscription against the session and the permission matrix. */
async function handlePOST(request: Request) {
  if (!isSameOrigin(request.headers, webEnv.AUTH_URL)) return Response.json({ error: "origin: cross-site request refused" }, { status: 403 });
  const user = await getSessionUser();
  if (!user) return Response.json({ error: "Sign in first" }, { status: 401 });
  const form = await request.formData().catch(() => null);
  const socketId = form?.get("socket_id");
  const channel = form?.get("channel_name");
  if (typeof socketId !== "string" || !/^\d+\.\d+$/.test(socketId)) return Response.json({ error: "socket_id: missing or malformed" }, { status: 400 });
  if (typeof channel !== "string" || channel.length > 164) return Response.json({ error: "channel_name: missing or too long" }, { status: 400 });

  const db = getDb();
  const memberships = await db.teamMember.findMany({ where: { userId: user.id }, select: { teamId: true } });
  const subscriber = { userId: user.id, role: user.role, teamIds: memberships.map((m) => m.teamId) };
  const conversation = /^private-conversation-(\d{1,15})$/.exec(channel);
  const allowed = conversation ? await canSubscribeToConversation(db, subscriber, Number(conversation[1])) : canSubscribe(subscriber, channel);
  if (!allowed) {
    return Response.json({ error: "channel_name: not allowed for this user" }, { status: 403 });
  }
  const pusher = getPusher();
  const auth = channel.startsWith("presence-")
    ? pusher.authorizeChannel(socketId, channel, { user_id: String(user.id), user_info: { name: user.name, role: user.role } })
    : pusher.authorizeChannel(socketId, channel);
  return Response.json(auth);
}

export const POST = instrumentRoute("/api/realtime/auth", handlePOST);
