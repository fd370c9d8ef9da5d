import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { CannedRepliesAdmin } from "./canned-replies-admin";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("cannedReplies"))("title") };
}

export default async function CannedRepliesPage() {
  const { allowed } = await userWith("conversation.work");
  if (!allowed) return <Forbidden />;
  return <CannedRepliesAdmin />;
}
