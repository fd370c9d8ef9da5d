import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { StaffDirectory } from "./staff-directory";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("staff"))("title") };
}

export default async function StaffPage() {
  const { user, allowed } = await userWith("staff.read");
  if (!allowed) return <Forbidden />;
  return <StaffDirectory canManage={can(user.role, "staff.manage")} currentUserId={user.id} />;
}
