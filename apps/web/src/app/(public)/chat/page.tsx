import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { realtimeClientConfig } from "~/server/realtime";
import { PAGE_URL_MAX } from "@kefu/api/contracts/limits";
import { ChatWidget } from "./chat-widget";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("widget");
  return { title: t("title") };
}

/** The customer's chat: no sign-in, embeddable in an iframe by widget.js (`?team=<id>` picks the team, `?page=` names the page it was opened on). */
export default async function ChatPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { team, page } = await searchParams;
  const teamId = typeof team === "string" && /^[1-9]\d{0,9}$/.test(team) ? Number(team) : null;
  // `?page=` is the embedding page widget.js passes on; only an http(s) URL within the limit is kept
  const pageUrl = typeof page === "string" && page.length <= PAGE_URL_MAX && /^https?:\/\/\S+$/.test(page) ? page : null;
  return <ChatWidget realtime={realtimeClientConfig()} teamId={teamId} pageUrl={pageUrl} />;
}
