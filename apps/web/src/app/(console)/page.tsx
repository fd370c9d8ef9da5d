import { can } from "@kefu/api/permissions";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { PageHeader } from "@kefu/ui/page-header";
import { StatCard } from "@kefu/ui/stat-card";
import type { Metadata } from "next";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import { PresenceSwitcher } from "~/components/presence-switcher";
import { NAV_ITEMS } from "~/lib/navigation";
import { requireUser } from "~/server/permissions";
import { serverCaller } from "~/server/trpc";
import { RoleHome } from "./role-home";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("nav"))("home") };
}

export default async function HomePage() {
  const user = await requireUser();
  const t = await getTranslations();
  const format = await getFormatter();
  const api = await serverCaller();
  const [me, summary] = await Promise.all([api.auth.me(), api.home.summary()]);
  const overview = can(user.role, "staff.read") ? await api.user.overview() : null;
  const openAlerts = can(user.role, "security.alerts") ? await api.audit.countOpenAlerts() : null;
  const areas = NAV_ITEMS.filter((item) => item.href !== "/" && (!item.permission || can(user.role, item.permission)));

  return (
    <div className="space-y-6">
      <PageHeader title={t("home.greeting", { name: me.name })} description={t("home.roleLine", { role: t(`roles.${me.role}`), employeeNo: me.employeeNo })} />
      {me.mustChangePassword ? (
        <div
          role="status"
          className="flex flex-wrap items-center justify-between gap-3 rounded-md border border-amber-200 bg-amber-50 px-4 py-3 text-sm text-amber-900"
        >
          {t("home.mustChangePassword")}
          <Button asChild size="sm">
            <Link href="/account">{t("home.changePasswordNow")}</Link>
          </Button>
        </div>
      ) : null}
      <RoleHome summary={summary} />
      {overview ? (
        <section aria-label={t("home.adminOverview")} className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <StatCard label={t("home.staffTotal")} value={format.number(overview.total)} />
          <StatCard label={t("home.staffOnline")} value={format.number(overview.online)} />
          <StatCard label={t("home.lockedAccounts")} value={format.number(overview.locked)} />
          {openAlerts !== null ? <StatCard label={t("home.openAlerts")} value={format.number(openAlerts)} /> : null}
        </section>
      ) : null}
      <div className="grid gap-4 md:grid-cols-2">
        <Card>
          <CardHeader>
            <CardTitle>{t("home.presence")}</CardTitle>
          </CardHeader>
          <CardContent className="space-y-2">
            <PresenceSwitcher userId={me.id} initial={me.presence} />
            <p className="text-sm text-slate-500">{t("home.presenceHint")}</p>
            <p className="text-sm text-slate-500">
              {t("home.lastLogin")}: {me.lastLoginAt ? format.dateTime(me.lastLoginAt, { dateStyle: "medium", timeStyle: "short" }) : t("common.never")}
            </p>
          </CardContent>
        </Card>
        <Card>
          <CardHeader>
            <CardTitle>{t("home.myTeams")}</CardTitle>
          </CardHeader>
          <CardContent>
            {me.teams.length === 0 ? (
              <p className="text-sm text-slate-500">{t("home.noTeams")}</p>
            ) : (
              <ul className="flex flex-wrap gap-2">
                {me.teams.map(({ team, isLead }) => (
                  <li key={team.id}>
                    <Badge variant={isLead ? "info" : "neutral"}>
                      {team.name}
                      {isLead ? ` · ${t("staff.lead")}` : ""}
                    </Badge>
                  </li>
                ))}
              </ul>
            )}
          </CardContent>
        </Card>
      </div>
      <Card>
        <CardHeader>
          <CardTitle>{t("home.whatYouCanDo")}</CardTitle>
        </CardHeader>
        <CardContent>
          <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
            {areas.map((item) => (
              <li key={item.href}>
                <Link href={item.href} className="block rounded-md border border-slate-200 px-3 py-2 text-sm hover:border-primary-300 hover:bg-primary-50">
                  {t(`nav.${item.label}`)}
                </Link>
              </li>
            ))}
          </ul>
        </CardContent>
      </Card>
    </div>
  );
}
