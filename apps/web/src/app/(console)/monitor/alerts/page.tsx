import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { AlertsView } from "./alerts-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("alerts"))("title") };
}

export default async function MonitorAlertsPage() {
  const { user, allowed } = await userWith("monitor.view");
  if (!allowed) return <Forbidden />;
  return <AlertsView canManage={can(user.role, "settings.manage")} />;
}
