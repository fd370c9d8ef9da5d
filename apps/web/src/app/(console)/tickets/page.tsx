import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { TicketsView } from "./tickets-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("tickets"))("title") };
}

export default async function TicketsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { user, allowed } = await userWith("ticket.work");
  if (!allowed) return <Forbidden />;
  const id = (await searchParams).id;
  const initialId = typeof id === "string" && /^\d{1,9}$/.test(id) ? Number(id) : null;
  return <TicketsView userId={user.id} initialId={initialId} />;
}
