import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { RoutingAdmin } from "./routing-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("routingAdmin"))("title") };
}

export default async function RoutingPage() {
  const { user, allowed } = await userWith("team.read");
  if (!allowed) return <Forbidden />;
  return <RoutingAdmin canManage={can(user.role, "team.manage")} />;
}
