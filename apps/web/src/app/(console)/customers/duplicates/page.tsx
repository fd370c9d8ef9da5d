import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { DuplicatesScreen } from "./duplicates-screen";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customerMerge"))("title") };
}

export default async function CustomerDuplicatesPage() {
  const { allowed } = await userWith("customer.manage");
  if (!allowed) return <Forbidden />;
  return <DuplicatesScreen />;
}
