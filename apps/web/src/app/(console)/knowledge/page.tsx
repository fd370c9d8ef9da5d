import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { KnowledgeAdmin } from "./knowledge-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("knowledgeAdmin"))("title") };
}

export default async function KnowledgePage() {
  const { user, allowed } = await userWith("knowledge.manage");
  if (!allowed) return <Forbidden />;
  return <KnowledgeAdmin canEditBotSettings={can(user.role, "settings.manage")} />;
}
