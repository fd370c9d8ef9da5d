import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { CustomerImportScreen } from "./customer-import";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customerImport"))("title") };
}

export default async function CustomerImportPage() {
  const { allowed } = await userWith("customer.manage");
  if (!allowed) return <Forbidden />;
  return <CustomerImportScreen />;
}
