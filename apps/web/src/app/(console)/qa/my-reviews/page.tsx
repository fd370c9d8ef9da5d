import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { MyReviewsView } from "./my-reviews-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("qaReviews"))("mine.title") };
}

/** 我的质检: an agent's own submitted reviews (a supervisor's teams' too). */
export default async function MyReviewsPage() {
  const { allowed } = await userWith("qa.feedback");
  if (!allowed) return <Forbidden />;
  return <MyReviewsView />;
}
