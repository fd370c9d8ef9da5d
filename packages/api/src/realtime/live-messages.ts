/**
 * What `message.created` carries (contracts/realtime.ts, LiveMessage): the new messages of a committed unit of
 * work as the pages draw them, and the message before each one, read after commit in two indexed queries.
 */
import { Prisma, type Db } from "@kefu/db/client";
import type { LiveMessage } from "../contracts/realtime.ts";

export interface CarriedMessage {
  previousId: number | null;
  message: LiveMessage | null;
}

export async function carriedMessages(db: Db, messages: readonly { id: number; conversationId: number; kind: string }[]): Promise<Map<number, CarriedMessage>> {
  const carried = new Map<number, CarriedMessage>();
  if (messages.length === 0) return carried;
  const shown = messages.filter((message) => message.kind !== "NOTE").map((message) => message.id);
  const [rows, previous] = await Promise.all([
    shown.length === 0
      ? []
      : db.message.findMany({
          where: { id: { in: shown } },
          select: {
            id: true,
            conversationId: true,
            senderType: true,
            senderId: true,
            kind: true,
            body: true,
            clientId: true,
            kbArticleId: true,
            createdAt: true,
            sender: { select: { name: true, employeeNo: true } },
            attachment: { select: { id: true, fileName: true, mimeType: true, sizeBytes: true, width: true, height: true } },
          },
        }),
    db.$queryRaw<{ id: number; previousId: number | null }[]>`
      SELECT m.id, (SELECT MAX(p.id) FROM \`Message\` p WHERE p.conversationId = m.conversationId AND p.id < m.id) AS previousId
      FROM \`Message\` m WHERE m.id IN (${Prisma.join(messages.map((message) => message.id))})`,
  ]);
  const byId = new Map(rows.map((row) => [row.id, { ...row, createdAt: row.createdAt.toISOString() } satisfies LiveMessage]));
  const previousOf = new Map(previous.map((row) => [Number(row.id), row.previousId === null ? null : Number(row.previousId)]));
  for (const message of messages) carried.set(message.id, { previousId: previousOf.get(message.id) ?? null, message: byId.get(message.id) ?? null });
  return carried;
}
