import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { MonitorDashboard } from "./monitor-dashboard";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("monitor"))("title") };
}

export default async function MonitorPage() {
  const { user, allowed } = await userWith("monitor.view");
  if (!allowed) return <Forbidden />;
  return <MonitorDashboard canSupervise={can(user.role, "conversation.supervise")} />;
}
