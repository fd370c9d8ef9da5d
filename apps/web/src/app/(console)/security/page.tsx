import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { SecurityAlertsView } from "./security-alerts-view";
import { SecurityPolicyForm } from "./security-policy-form";
import { SmsOutbox } from "./sms-outbox";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("security"))("title") };
}

export default async function SecurityPage() {
  const { allowed } = await userWith("security.alerts");
  if (!allowed) return <Forbidden />;
  return (
    <div className="space-y-6">
      <SecurityAlertsView />
      <SecurityPolicyForm />
      <SmsOutbox />
    </div>
  );
}
