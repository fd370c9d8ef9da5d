import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { TeamBoard } from "./team-board";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("teams"))("title") };
}

export default async function TeamsPage() {
  const { user, allowed } = await userWith("team.read");
  if (!allowed) return <Forbidden />;
  return <TeamBoard canManage={can(user.role, "team.manage")} />;
}
