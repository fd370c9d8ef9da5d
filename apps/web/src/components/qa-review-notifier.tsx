"use client";

import { qaReviewPaths } from "@kefu/api/contracts/links";
import { channels } from "@kefu/api/contracts/realtime";
import { toast } from "@kefu/ui/toast";
import { useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useRealtimeEvent } from "~/components/realtime-provider";
import { useTRPC } from "~/trpc/react";

/** Anywhere in the console: a quality review was submitted to the signed-in agent, disputed, or its dispute settled. */
export function QaReviewNotifier({ userId }: { userId: number }) {
  const t = useTranslations("qaReviews");
  const router = useRouter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  useRealtimeEvent(channels.agent(userId), "qa.review", (data) => {
    void queryClient.invalidateQueries({ queryKey: trpc.qa.pathKey() });
    const href = data.change === "disputed" ? qaReviewPaths.review(data.reviewId) : qaReviewPaths.feedback(data.reviewId);
    toast({
      title: t(`notify.${data.change}`, { name: data.actorName }),
      action: { label: t("notify.open"), altText: t("notify.open"), onClick: () => router.push(href) },
    });
  });
  return null;
}
