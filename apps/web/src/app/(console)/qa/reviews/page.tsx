import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { ReviewsView } from "./reviews-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("qaReviews"))("title") };
}

/** 质检评分: the conversations waiting for a review and the reviews done, for inspectors. */
export default async function QaReviewsPage() {
  const { allowed } = await userWith("qa.review");
  if (!allowed) return <Forbidden />;
  return <ReviewsView />;
}
