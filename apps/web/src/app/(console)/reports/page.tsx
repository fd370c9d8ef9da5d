import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { ReportsView } from "./reports-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("reports"))("title") };
}

export default async function ReportsPage() {
  const { allowed } = await userWith("report.view");
  if (!allowed) return <Forbidden />;
  return <ReportsView />;
}
