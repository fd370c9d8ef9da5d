import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { can } from "@kefu/api/permissions";
import { userWith } from "~/server/permissions";
import { AutoQaRules } from "./autoqa-rules";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("autoQa"))("title") };
}

export default async function AutoQaRulesPage() {
  const { allowed, user } = await userWith("qa.review");
  if (!allowed) return <Forbidden />;
  return <AutoQaRules canManage={can(user.role, "qa.manage")} />;
}
