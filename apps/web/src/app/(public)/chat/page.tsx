import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { realtimeClientConfig } from "~/server/realtime";
import { ChatWidget } from "./chat-widget";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("widget");
  return { title: t("title") };
}

/** The customer's chat (DESIGN §3.1): no sign-in, embeddable in an iframe by widget.js (`?team=<id>` picks the team). */
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { team } = await searchParams;
  const teamId = typeof team === "string" && /^[1-9]\d{0,9}$/.test(team) ? Number(team) : null;
  return <ChatWidget realtime={realtimeClientConfig()} teamId={teamId} />;
}
