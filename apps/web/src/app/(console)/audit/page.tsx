import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { AuditLogView } from "./audit-log-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("audit"))("title") };
}

export default async function AuditPage() {
  const { allowed } = await userWith("audit.read");
  if (!allowed) return <Forbidden />;
  return <AuditLogView />;
}
