import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import sharp from "sharp";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { localAttachmentStore, type AttachmentStore } from "../services/attachment/index.ts";
import { makeAgent, makeTeam } from "../services/conversation/test-fixtures.ts";
import { issueVisitorToken } from "../services/widget/visitor-token.ts";
import { createHarness, type Harness } from "../test/harness.ts";
import { handleStaffGetAttachment, handleStaffPostAttachment, handleWidgetGetAttachment, handleWidgetPostAttachment } from "./attachment-api.ts";
import { handleWidgetListMessages } from "./widget-api.ts";

let h: Harness;
let root: string;
let store: AttachmentStore;
let ip = 0;
const BASE = "http://kefu.test";

beforeAll(async () => {
  h = await createHarness();
  root = await mkdtemp(path.join(tmpdir(), "kefu-attachments-"));
  store = localAttachmentStore(root);
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
  await h.database.drop();
});

async function storedFiles(): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => e.name);
}

const photo = (width = 800, height = 600) =>
  sharp({ create: { width, height, channels: 3, background: { r: 200, g: 30, b: 60 } } })
    .png()
    .toBuffer()
    .then((b) => new Uint8Array(b));

function form(fields: Record<string, string>, file?: { name: string; bytes: Uint8Array; type?: string }): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  if (file) data.set("file", new File([file.bytes], file.name, { type: file.type ?? "application/octet-stream" }));
  return data;
}

function upload(url: string, body: FormData, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${url}`, {
    method: "POST",
    body,
    headers: { host: "kefu.test", origin: BASE, "x-forwarded-for": `10.1.0.${++ip % 250}`, ...headers },
  });
}

function get(url: string, headers: Record<string, string> = {}) {
  return new Request(`${BASE}${url}`, { headers: { host: "kefu.test", "x-forwarded-for": `10.2.0.${++ip % 250}`, ...headers } });
}

const visitor = (token: string) => ({ authorization: `Visitor ${token}` });

async function customerSends(token: string, file: { name: string; bytes: Uint8Array }, clientId: string = crypto.randomUUID()) {
  const response = await handleWidgetPostAttachment(h.db, upload("/api/v1/widget/attachments", form({ clientId }, file), visitor(token)), { store });
  return {
    status: response.status,
    body: (await response.json()) as {
      conversationId: number;
      messageId: number;
      duplicate: boolean;
      error?: { code: string; field: string; message: string };
    },
  };
}

describe("attachments from the widget", () => {
  it("sends a customer's image as an ATTACHMENT message with a thumbnail, through the normal message path", async () => {
    const { token } = issueVisitorToken();
    const sent = await customerSends(token, { name: "订单截图.png", bytes: await photo() });
    expect(sent.status).toBe(201);

    const message = await h.db.message.findUniqueOrThrow({ where: { id: sent.body.messageId }, include: { attachment: true, conversation: true } });
    expect(message).toMatchObject({ kind: "ATTACHMENT", senderType: "CUSTOMER", body: "订单截图.png" });
    expect(message.attachment).toMatchObject({ fileName: "订单截图.png", mimeType: "image/png", width: 800, height: 600 });
    expect(message.conversation.lastMessageId).toBe(message.id);
    // the bot does not read files: no bot answer after it
    expect(await h.db.message.count({ where: { conversationId: message.conversationId, id: { gt: message.id } } })).toBe(0);

    const list = await handleWidgetListMessages(h.db, get("/api/v1/widget/messages", visitor(token)));
    const items = ((await list.json()) as { items: { id: number; kind: string; attachment: { id: number; mimeType: string; width: number } | null }[] }).items;
    const listed = items.find((m) => m.id === message.id)!;
    expect(listed.attachment).toMatchObject({ id: message.attachment!.id, mimeType: "image/png", width: 800 });

    const thumbnail = await handleWidgetGetAttachment(
      h.db,
      get(`/api/v1/widget/attachments/${listed.attachment!.id}?variant=thumbnail`, visitor(token)),
      String(listed.attachment!.id),
      { store },
    );
    expect(thumbnail.status).toBe(200);
    expect(thumbnail.headers.get("content-type")).toBe("image/webp");
    const meta = await sharp(new Uint8Array(await thumbnail.arrayBuffer())).metadata();
    expect([meta.width, meta.height]).toEqual([320, 240]);

    const original = await handleWidgetGetAttachment(
      h.db,
      get(`/api/v1/widget/attachments/${listed.attachment!.id}`, visitor(token)),
      String(listed.attachment!.id),
      { store },
    );
    expect(original.headers.get("content-type")).toBe("image/png");
    expect(original.headers.get("content-disposition")).toContain("filename*=UTF-8''%E8%AE%A2%E5%8D%95%E6%88%AA%E5%9B%BE.png");
    expect(new Uint8Array(await original.arrayBuffer())).toEqual(await photo());
  });

  it("refuses a file whose content does not match its name, naming the rule, and keeps nothing", async () => {
    const { token } = issueVisitorToken();
    const before = await storedFiles();
    const messages = await h.db.message.count();
    const sent = await customerSends(token, { name: "invoice.pdf", bytes: new TextEncoder().encode("MZ\u0090\u0000 not a pdf") });
    expect(sent.status).toBe(400);
    expect(sent.body.error).toMatchObject({
      code: "INVALID_INPUT",
      field: "file",
      message: "file: the content is not a PDF document (checked from its first bytes)",
    });

    const exe = await customerSends(token, { name: "setup.exe", bytes: new Uint8Array([0x4d, 0x5a, 0x90]) });
    expect(exe.status).toBe(400);
    expect(exe.body.error?.message).toMatch(/^file: only \.png/);
    expect(await h.db.message.count()).toBe(messages);
    expect(await storedFiles()).toEqual(before);
  });

  it("refuses a body larger than the limit before reading it, and a form without a file", async () => {
    const { token } = issueVisitorToken();
    const tooBig = await handleWidgetPostAttachment(
      h.db,
      upload("/api/v1/widget/attachments", form({ clientId: "c-1" }, { name: "a.zip", bytes: new Uint8Array([0x50, 0x4b, 5, 6]) }), {
        ...visitor(token),
        "content-length": String(21 * 1024 * 1024),
      }),
      { store },
    );
    expect(tooBig.status).toBe(400);
    expect(await tooBig.json()).toMatchObject({ error: { field: "file", message: "file: files may be at most 20 MB" } });

    const noFile = await handleWidgetPostAttachment(h.db, upload("/api/v1/widget/attachments", form({ clientId: "c-2" }), visitor(token)), { store });
    expect(noFile.status).toBe(400);
    expect(await noFile.json()).toMatchObject({ error: { field: "file", message: "file: required" } });

    const badClientId = await customerSends(token, { name: "a.txt", bytes: new TextEncoder().encode("hello") }, "no spaces allowed");
    expect(badClientId.status).toBe(400);
    expect(badClientId.body.error?.field).toBe("clientId");
  });

  it("answers a replayed clientId with the stored message and keeps no second copy", async () => {
    const { token } = issueVisitorToken();
    const bytes = new TextEncoder().encode("订单号,金额\n1001,99.5\n");
    const first = await customerSends(token, { name: "orders.csv", bytes }, "replay-1");
    const files = await storedFiles();
    const again = await customerSends(token, { name: "orders.csv", bytes }, "replay-1");
    expect(again).toMatchObject({ status: 200, body: { messageId: first.body.messageId, duplicate: true } });
    expect(await storedFiles()).toEqual(files);
  });

  it("refuses a cross-site upload and a missing visitor token", async () => {
    const { token } = issueVisitorToken();
    const crossSite = await handleWidgetPostAttachment(
      h.db,
      upload("/api/v1/widget/attachments", form({ clientId: "x" }, { name: "a.txt", bytes: new Uint8Array([65]) }), {
        ...visitor(token),
        origin: "https://evil.example",
      }),
      { store },
    );
    expect(crossSite.status).toBe(403);
    const anonymous = await handleWidgetPostAttachment(
      h.db,
      upload("/api/v1/widget/attachments", form({ clientId: "x" }, { name: "a.txt", bytes: new Uint8Array([65]) })),
      { store },
    );
    expect(anonymous.status).toBe(401);
  });
});

describe("who may fetch a file", () => {
  it("serves it to the conversation's customer and to staff who may see the conversation; 404 for everyone else", async () => {
    const team = await makeTeam(h.db);
    const owner = await makeAgent(h.db, { teamIds: [team.id] });
    const teammate = await makeAgent(h.db, { teamIds: [team.id] });
    const outsider = await makeAgent(h.db);
    const { token } = issueVisitorToken();
    const sent = await customerSends(token, { name: "receipt.png", bytes: await photo(40, 30) });
    await h.db.conversation.update({ where: { id: sent.body.conversationId }, data: { status: "ACTIVE", assigneeId: owner.id, teamId: team.id } });
    const { attachment } = await h.db.message.findUniqueOrThrow({ where: { id: sent.body.messageId }, select: { attachment: { select: { id: true } } } });
    const id = String(attachment!.id);

    const staffStatus = async (actor: Parameters<typeof handleStaffGetAttachment>[2]) =>
      (await handleStaffGetAttachment(h.db, get(`/api/attachments/${id}`), actor, id, { store })).status;
    expect(await staffStatus(owner)).toBe(200);
    expect(await staffStatus(teammate)).toBe(200);
    expect(await staffStatus(h.users.SUPERVISOR)).toBe(200);
    expect(await staffStatus(outsider)).toBe(404);
    expect(await staffStatus(h.users.QA)).toBe(404);
    expect(await staffStatus(null)).toBe(404);

    const other = issueVisitorToken();
    await customerSends(other.token, { name: "mine.txt", bytes: new TextEncoder().encode("hello") });
    const asOtherVisitor = await handleWidgetGetAttachment(h.db, get(`/api/v1/widget/attachments/${id}`, visitor(other.token)), id, { store });
    expect(asOtherVisitor.status).toBe(404);
    const asNewVisitor = await handleWidgetGetAttachment(h.db, get(`/api/v1/widget/attachments/${id}`, visitor(issueVisitorToken().token)), id, { store });
    expect(asNewVisitor.status).toBe(404);
    expect((await handleWidgetGetAttachment(h.db, get(`/api/v1/widget/attachments/${id}`), id, { store })).status).toBe(401);
    expect((await handleStaffGetAttachment(h.db, get("/api/attachments/abc"), owner, "abc", { store })).status).toBe(404);
  });

  it("lets the assignee send a file the customer can fetch; others may not send into the conversation", async () => {
    const agent = await makeAgent(h.db);
    const stranger = await makeAgent(h.db);
    const { token } = issueVisitorToken();
    const first = await customerSends(token, { name: "hi.txt", bytes: new TextEncoder().encode("hi") });
    const conversationId = first.body.conversationId;
    await h.db.conversation.update({ where: { id: conversationId }, data: { status: "ACTIVE", assigneeId: agent.id } });

    const staffUpload = (actor: Parameters<typeof handleStaffPostAttachment>[2], fields: Record<string, string>, file?: { name: string; bytes: Uint8Array }) =>
      handleStaffPostAttachment(h.db, upload("/api/attachments", form(fields, file)), actor, { store });

    const pdf = new TextEncoder().encode("%PDF-1.4\n%…\n");
    const sent = await staffUpload(agent, { conversationId: String(conversationId), clientId: "agent-1" }, { name: "保修单.pdf", bytes: pdf });
    expect(sent.status).toBe(201);
    const { messageId } = (await sent.json()) as { messageId: number };
    const message = await h.db.message.findUniqueOrThrow({ where: { id: messageId }, include: { attachment: true, conversation: true } });
    expect(message).toMatchObject({ kind: "ATTACHMENT", senderType: "AGENT", senderId: agent.id });
    expect(message.attachment).toMatchObject({ mimeType: "application/pdf", thumbnailKey: null, width: null });
    expect(message.conversation.firstResponseAt).not.toBeNull();

    const fetched = await handleWidgetGetAttachment(
      h.db,
      get(`/api/v1/widget/attachments/${message.attachment!.id}`, visitor(token)),
      String(message.attachment!.id),
      { store },
    );
    expect(fetched.status).toBe(200);
    expect(fetched.headers.get("content-disposition")).toMatch(/^attachment;/);
    expect(fetched.headers.get("content-security-policy")).toContain("sandbox");
    const thumbnail = await handleWidgetGetAttachment(
      h.db,
      get(`/api/v1/widget/attachments/${message.attachment!.id}?variant=thumbnail`, visitor(token)),
      String(message.attachment!.id),
      { store },
    );
    expect(thumbnail.status).toBe(404);

    const forbidden = await staffUpload(stranger, { conversationId: String(conversationId), clientId: "stranger-1" }, { name: "x.pdf", bytes: pdf });
    expect(forbidden.status).toBe(403);
    const noConversation = await staffUpload(agent, { clientId: "agent-2" }, { name: "x.pdf", bytes: pdf });
    expect(noConversation.status).toBe(400);
    expect(await noConversation.json()).toMatchObject({ error: { field: "conversationId" } });
    expect((await staffUpload(null, { conversationId: String(conversationId), clientId: "anon" }, { name: "x.pdf", bytes: pdf })).status).toBe(401);
  });
});
