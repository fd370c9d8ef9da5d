import type { RouterOutputs } from "@kefu/api/client";
import { Button } from "@kefu/ui/button";
import { StatCard } from "@kefu/ui/stat-card";
import Link from "next/link";
import { getFormatter, getTranslations } from "next-intl/server";
import type { ReactNode } from "react";

/** The figures of the signed-in role at the top of the home page, server-rendered from `home.summary`. */
export async function RoleHome({ summary }: { summary: RouterOutputs["home"]["summary"] }) {
  const t = await getTranslations("roleHome");
  const format = await getFormatter();
  const count = (n: number) => format.number(n);
  const percent = (value: number | null) => (value === null ? t("none") : t("percent", { value: format.number(value) }));
  const duration = (seconds: number) => (seconds < 60 ? t("seconds", { seconds }) : t("minutes", { minutes: Math.floor(seconds / 60), seconds: seconds % 60 }));
  const { agent, operation, system, quality } = summary;

  return (
    <div className="space-y-6">
      {agent ? (
        <Section
          id="role-home-agent"
          title={t("agentTitle")}
          description={t("agentDescription")}
          action={<LinkButton href="/workspace">{t("openWorkspace")}</LinkButton>}
        >
          <StatCard label={t("open")} value={count(agent.open)} hint={t("openHint", { paused: agent.paused })} />
          <StatCard label={t("waitingReply")} value={count(agent.waitingReply)} />
          <StatCard
            label={t("queued")}
            value={count(agent.queued)}
            hint={agent.queued > 0 ? t("longestWait", { wait: duration(agent.longestQueuedSeconds) }) : t("noWait")}
          />
          <StatCard label={t("todayResolved")} value={count(agent.today.resolved)} />
          <StatCard label={t("todayAssigned")} value={count(agent.today.assigned)} />
          <StatCard label={t("todayTransferred")} value={count(agent.today.transferred)} />
          <StatCard label={t("todayCsat")} value={percent(agent.today.csat)} hint={t("csatHint", { count: agent.today.csatResponses })} />
        </Section>
      ) : null}
      {system ? (
        <Section
          id="role-home-system"
          title={t("systemTitle")}
          description={t("systemDescription")}
          action={
            <div className="flex gap-2">
              <LinkButton href="/jobs">{t("openJobs")}</LinkButton>
              <LinkButton href="/security">{t("openSecurity")}</LinkButton>
            </div>
          }
        >
          <StatCard label={t("health")} value={t(`healthName.${system.health}`)} hint={t("databaseLatency", { ms: system.databaseLatencyMs })} />
          <StatCard label={t("realtime")} value={system.realtimeOk ? t("realtimeOk") : t("realtimeDown")} />
          <StatCard label={t("jobsPending")} value={count(system.jobs.PENDING)} hint={t("jobsRunning", { count: system.jobs.RUNNING })} />
          <StatCard label={t("jobsDead")} value={count(system.jobs.DEAD)} hint={t("jobsDeadHint")} />
          <StatCard label={t("securityAlerts")} value={count(system.securityAlerts)} />
        </Section>
      ) : null}
      {operation ? (
        <Section
          id="role-home-operation"
          title={t("operationTitle")}
          description={t("operationDescription")}
          action={<LinkButton href="/monitor">{t("openMonitor")}</LinkButton>}
        >
          <StatCard label={t("opQueued")} value={count(operation.queued)} />
          <StatCard label={t("opLongestWait")} value={duration(operation.longestWaitSeconds)} />
          <StatCard label={t("opActive")} value={count(operation.active)} hint={t("opActiveHint", { bot: operation.bot, paused: operation.paused })} />
          <StatCard label={t("opResolved")} value={count(operation.resolved)} hint={t("opResolvedHint", { bot: operation.resolvedByBot })} />
          <StatCard label={t("opAbandoned")} value={percent(operation.abandonedPercent)} />
          <StatCard label={t("opCsat")} value={percent(operation.csat)} />
          <StatCard label={t("opAgentsOnline")} value={count(operation.agentsOnline)} />
          <StatCard label={t("opRepliesWaiting")} value={count(operation.repliesWaiting)} />
          <StatCard label={t("opAlerts")} value={count(operation.openAlerts)} />
        </Section>
      ) : null}
      {quality ? (
        <Section id="role-home-quality" title={t("qualityTitle")} description={t("qualityDescription")}>
          <StatCard
            label={t("qCsat")}
            value={percent(quality.csat)}
            hint={t("qCsatHint", { positive: quality.csatPositive, responses: quality.csatResponses })}
          />
          <StatCard label={t("qResolved")} value={count(quality.resolved)} hint={t("qResolvedHint", { bot: quality.resolvedByBot })} />
        </Section>
      ) : null}
    </div>
  );
}

function Section({ id, title, description, action, children }: { id: string; title: string; description: string; action?: ReactNode; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-title`} data-testid={id} className="space-y-3">
      <div className="flex flex-wrap items-end justify-between gap-2">
        <div>
          <h2 id={`${id}-title`} className="text-base font-semibold text-slate-900">
            {title}
          </h2>
          <p className="text-sm text-slate-500">{description}</p>
        </div>
        {action}
      </div>
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">{children}</div>
    </section>
  );
}

function LinkButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Button asChild size="sm" variant="outline">
      <Link href={href}>{children}</Link>
    </Button>
  );
}
