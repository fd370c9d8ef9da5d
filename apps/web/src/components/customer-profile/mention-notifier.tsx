"use client";

import { customerProfilePath } from "@kefu/api/contracts/links";
import { channels } from "@kefu/api/contracts/realtime";
import { toast } from "@kefu/ui/toast";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRealtimeEvent } from "~/components/realtime-provider";

/** Anywhere in the console: a colleague @mentioned the signed-in person in a customer note. */
export function MentionNotifier({ userId }: { userId: number }) {
  const t = useTranslations("customerProfile");
  const router = useRouter();
  useRealtimeEvent(channels.agent(userId), "customer.mentioned", (data) => {
    toast({
      title: t("notes.mentionedYou", { name: data.authorName }),
      action: { label: t("notes.openCustomer"), altText: t("notes.openCustomer"), onClick: () => router.push(customerProfilePath(data.customerId)) },
    });
  });
  return null;
}
