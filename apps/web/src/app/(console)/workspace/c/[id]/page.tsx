import { conversationIdFromPath } from "@kefu/api/contracts/links";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { WorkspaceScreen } from "../../workspace-screen";

type Params = Promise<{ id: string }>;

function idOf(raw: string): number | null {
  return conversationIdFromPath(`/workspace/c/${raw}`);
}

export async function generateMetadata({ params }: { params: Params }): Promise<Metadata> {
  const id = idOf((await params).id);
  const t = await getTranslations("workspace");
  return { title: id ? `${t("conversationNo", { id })} · ${t("title")}` : t("title") };
}

/** A conversation's own address: the workspace opened on it (access is checked when it loads, see the transcript). */
export default async function ConversationPage({ params }: { params: Params }) {
  const id = idOf((await params).id);
  if (id === null) notFound();
  return <WorkspaceScreen conversationId={id} />;
}
