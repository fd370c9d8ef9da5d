import type { Metadata } from "next";
import { can } from "@kefu/api/permissions";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { CustomersView } from "./customers-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customers"))("title") };
}

export default async function CustomersPage() {
  const { user, allowed } = await userWith("customer.read");
  if (!allowed) return <Forbidden />;
  return (
    <CustomersView canManage={can(user.role, "customer.manage")} canReveal={can(user.role, "customer.reveal")} canTag={can(user.role, "customer.annotate")} />
  );
}
