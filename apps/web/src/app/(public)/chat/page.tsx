import { realtimeClientConfig } from "@kefu/api";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { ChatWidget } from "./chat-widget";

export const dynamic = "force-dynamic";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("widget");
  return { title: t("title") };
}

/** The customer's chat (DESIGN §3.1): no sign-in, embeddable in an iframe by widget.js. */
export default function ChatPage() {
  return <ChatWidget realtime={realtimeClientConfig()} />;
}
