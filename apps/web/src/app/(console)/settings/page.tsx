import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { Forbidden } from "~/components/forbidden";
import { userWith } from "~/server/permissions";
import { BotSettingsForm } from "./bot-settings-form";
import { IdleSettingsForm } from "./idle-settings-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("botSettings"))("title") };
}

export default async function SettingsPage() {
  const { allowed } = await userWith("settings.manage");
  if (!allowed) return <Forbidden />;
  return (
    <div className="space-y-10">
      <BotSettingsForm />
      <IdleSettingsForm />
    </div>
  );
}
