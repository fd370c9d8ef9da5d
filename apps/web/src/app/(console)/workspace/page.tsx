import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { serverCaller } from "~/server/trpc";
import { Workspace } from "./workspace";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("workspace"))("title") };
}

export default async function WorkspacePage() {
  const { user, allowed } = await userWith("conversation.work");
  if (!allowed) return <Forbidden />;
  const api = await serverCaller();
  const me = await api.auth.me();
  return <Workspace userId={user.id} presence={me.presence} canSupervise={can(user.role, "conversation.supervise")} />;
}
