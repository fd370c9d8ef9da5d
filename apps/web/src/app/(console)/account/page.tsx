import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { PageHeader } from "@kefu/ui/page-header";
import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { can } from "@kefu/api/permissions";
import { PresenceSwitcher } from "~/components/presence-switcher";
import { PushToggle } from "~/components/push-toggle";
import { requireUser } from "~/server/permissions";
import { serverCaller } from "~/server/trpc";
import { ChangePasswordForm } from "./change-password-form";
import { LanguagePreference } from "./language-preference";
import { PasskeysCard } from "./passkeys-card";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("account"))("title") };
}

export default async function AccountPage() {
  const user = await requireUser();
  const t = await getTranslations();
  const me = await (await serverCaller()).auth.me();
  return (
    <div className="space-y-6">
      <PageHeader title={t("account.title")} description={t("account.description")} />
      <div className="grid gap-4 lg:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("account.profile")}</CardTitle>
          </CardHeader>
          <CardContent>
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-2 text-sm">
              <dt className="text-slate-500">{t("staff.name")}</dt>
              <dd>{me.name}</dd>
              <dt className="text-slate-500">{t("staff.employeeNo")}</dt>
              <dd>{me.employeeNo}</dd>
              <dt className="text-slate-500">{t("staff.email")}</dt>
              <dd className="break-all">{me.email}</dd>
              <dt className="text-slate-500">{t("staff.role")}</dt>
              <dd>{t(`roles.${me.role}`)}</dd>
              <dt className="text-slate-500">{t("staff.teams")}</dt>
              <dd>{me.teams.map((m) => m.team.name).join("、") || t("staff.noTeam")}</dd>
            </dl>
            <div className="mt-4 grid gap-3 sm:grid-cols-2">
              <div className="space-y-1">
                <p className="text-sm font-medium">{t("home.presence")}</p>
                <PresenceSwitcher userId={me.id} initial={me.presence} />
              </div>
              <div className="space-y-1">
                <p className="text-sm font-medium">{t("account.language")}</p>
                <LanguagePreference />
              </div>
            </div>
            {can(user.role, "monitor.view") ? <PushToggle className="mt-4 border-t border-slate-100 pt-4" /> : null}
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("account.changePassword")}</CardTitle>
          </CardHeader>
          <CardContent>
            <ChangePasswordForm identifier={me.employeeNo} />
          </CardContent>
        </Card>
      </div>
      <PasskeysCard />
    </div>
  );
}
