import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { JobsView } from "./jobs-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("jobs"))("title") };
}

export default async function JobsPage() {
  const { allowed } = await userWith("jobs.manage");
  if (!allowed) return <Forbidden />;
  return <JobsView />;
}
