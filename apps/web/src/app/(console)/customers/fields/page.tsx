import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { CustomFieldsAdmin } from "./custom-fields-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customFields"))("title") };
}

export default async function CustomFieldsPage() {
  const { allowed } = await userWith("customer.fields");
  if (!allowed) return <Forbidden />;
  return <CustomFieldsAdmin />;
}
