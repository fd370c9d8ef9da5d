import { can } from "@kefu/api/permissions";
import { customerIdFromSegment } from "@kefu/api/contracts/customer-profile";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { CustomerProfileView } from "./customer-profile-view";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("customerProfile"))("title") };
}

/** A customer's profile; whether the viewer serves this customer is checked when it loads. */
export default async function CustomerProfilePage({ params }: { params: Params }) {
  const id = customerIdFromSegment((await params).id);
  if (id === null) notFound();
  const { user, allowed } = await userWith("customer.read");
  if (!allowed) return <Forbidden />;
  return <CustomerProfileView customerId={id} canDefineFields={can(user.role, "customer.fields")} />;
}
