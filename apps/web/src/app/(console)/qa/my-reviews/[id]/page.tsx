import { can } from "@kefu/api/permissions";
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { ReviewScreen } from "../../review/review-screen";

type Params = Promise<{ id: string }>;

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("qaReviews"))("screenTitle") };
}

export default async function ReviewPage({ params }: { params: Params }) {
  const segment = (await params).id;
  if (!/^[1-9]\d{0,9}$/.test(segment)) notFound();
  const { user, allowed } = await userWith("qa.feedback");
  if (!allowed) return <Forbidden />;
  return <ReviewScreen reviewId={Number(segment)} mode="feedback" viewerId={user.id} canSettleAny={can(user.role, "qa.manage")} />;
}
