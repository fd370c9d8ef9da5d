"use client";

import { qaReviewPaths } from "@kefu/api/contracts/qa";
import { PageHeader } from "@kefu/ui/page-header";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { LoadMore } from "~/components/load-more";
import { useTRPC } from "~/trpc/react";
import { ReviewTable } from "../reviews/reviews-view";

export function MyReviewsView() {
  const t = useTranslations("qaReviews");
  const trpc = useTRPC();
  const list = useInfiniteQuery(trpc.qa.listFeedback.infiniteQueryOptions({ limit: 50 }, { getNextPageParam: (page) => page.nextCursor }));
  const rows = list.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <div className="space-y-4">
      <PageHeader title={t("mine.title")} description={t("mine.description")} />
      <ReviewTable rows={rows} pending={list.isPending} hrefOf={qaReviewPaths.feedback} testId="qa-my-reviews" />
      <LoadMore query={list} />
    </div>
  );
}
