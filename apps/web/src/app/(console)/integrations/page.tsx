import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { ApiKeysView } from "./api-keys-view";
import { TicketSystemsView } from "./ticket-systems-view";
import { CrmView } from "./crm-view";
import { WebhooksView } from "./webhooks-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("integrations"))("title") };
}

export default async function IntegrationsPage() {
  const { allowed } = await userWith("integration.manage");
  if (!allowed) return <Forbidden />;
  return (
    <div className="space-y-10">
      <ApiKeysView />
      <WebhooksView />
      <TicketSystemsView />
      <CrmView />
    </div>
  );
}
