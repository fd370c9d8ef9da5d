"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { EmptyState } from "@kefu/ui/empty-state";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useFormatter, useTranslations } from "next-intl";
import { useState, type ReactNode } from "react";
import { TagsEditor } from "~/components/customer-profile/tags-editor";
import { useCustomerName } from "~/lib/customer-name";
import { useApiErrors } from "~/lib/trpc-errors";
import { useTRPC } from "~/trpc/react";
import { CustomFieldValues } from "./custom-field-values";
import { CustomerTimeline } from "./customer-timeline";
import { PrivacyActions } from "./privacy-actions";
import { ProfileFormDialog } from "./profile-form-dialog";
import { RevealButton } from "./reveal-button";

export type CustomerProfileData = RouterOutputs["customer"]["profile"];

const LEVEL_VARIANT = { NORMAL: "neutral", VIP: "warning", SVIP: "danger" } as const;

function Row({ label, children, testId }: { label: string; children: ReactNode; testId?: string }) {
  return (
    <div className="flex justify-between gap-3 py-1.5 text-sm" data-testid={testId}>
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="min-w-0 text-right break-words text-slate-900">{children}</dd>
    </div>
  );
}

/** 客户资料: identity and protected fields, tags, custom fields, the timeline, and the managers' and privacy actions. */
export function CustomerProfileView({ customerId, canDefineFields }: { customerId: number; canDefineFields: boolean }) {
  const t = useTranslations("customerProfile");
  const format = useFormatter();
  const trpc = useTRPC();
  const errors = useApiErrors();
  const customerName = useCustomerName();
  const [editing, setEditing] = useState(false);
  const profile = useQuery(trpc.customer.profile.queryOptions({ id: customerId }));

  if (profile.isPending) return <Skeleton className="h-96" />;
  if (profile.error) return <EmptyState bordered title={errors.message(profile.error)} />;
  const c = profile.data;
  const none = <span className="text-slate-400">{t("none")}</span>;
  const date = (value: Date | string) => format.dateTime(new Date(value), { dateStyle: "medium", timeStyle: "short" });

  return (
    <div className="space-y-4" data-testid="customer-profile">
      <PageHeader
        title={
          <span className="flex flex-wrap items-center gap-2">
            {customerName(c)}
            <Badge variant={LEVEL_VARIANT[c.level]}>{t(`level.${c.level}`)}</Badge>
            {c.erasedAt ? <Badge variant="danger">{t("erased")}</Badge> : null}
          </span>
        }
        description={t("customerNo", { id: c.id })}
        actions={
          <div className="flex flex-wrap gap-2">
            {c.can.manage && !c.erasedAt ? <Button onClick={() => setEditing(true)}>{t("edit")}</Button> : null}
            {canDefineFields ? (
              <Button asChild variant="outline">
                <Link href="/customers/fields">{t("manageFields")}</Link>
              </Button>
            ) : null}
          </div>
        }
      />
      <div className="grid gap-4 lg:grid-cols-[minmax(0,22rem)_minmax(0,1fr)]">
        <div className="space-y-4">
          <Card>
            <CardHeader>
              <CardTitle>{t("identity")}</CardTitle>
            </CardHeader>
            <CardContent>
              <dl className="divide-y divide-slate-100">
                <Row label={t("fields.phone")} testId="profile-phone">
                  {c.phoneMask ? <RevealButton customerId={c.id} field="phone" masked={c.phoneMask} canReveal={c.can.reveal} /> : none}
                </Row>
                <Row label={t("fields.idNumber")} testId="profile-id-number">
                  {c.idNumberMask ? <RevealButton customerId={c.id} field="idNumber" masked={c.idNumberMask} canReveal={c.can.reveal} /> : none}
                </Row>
                <Row label={t("fields.email")}>{c.email ?? none}</Row>
                <Row label={t("fields.city")}>{c.city ?? none}</Row>
                <Row label={t("fields.externalId")}>{c.externalId ?? none}</Row>
                <Row label={t("fields.ownerTeam")}>{c.ownerTeam?.name ?? none}</Row>
                <Row label={t("firstSeen")}>{date(c.firstSeenAt)}</Row>
                <Row label={t("lastSeen")}>{date(c.lastSeenAt)}</Row>
                <Row label={t("conversations")}>{c.conversationCount}</Row>
                <Row label={t("csat")}>{c.csatAverage === null ? none : t("csatValue", { average: c.csatAverage, count: c.csatCount })}</Row>
                {c.device ? <Row label={t("device")}>{c.device}</Row> : null}
              </dl>
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("identities")}</CardTitle>
            </CardHeader>
            <CardContent>
              {c.identities.length === 0 ? (
                none
              ) : (
                <ul className="space-y-1.5 text-sm" data-testid="customer-identities">
                  {c.identities.map((identity) => (
                    <li key={identity.id} className="flex flex-wrap items-baseline justify-between gap-2">
                      <span className="text-slate-500">{t(`channel.${identity.channel}`)}</span>
                      <span className="font-mono text-xs break-all text-slate-800">
                        {identity.externalUserId}
                        {identity.unionId ? <span className="block text-slate-500">unionid {identity.unionId}</span> : null}
                      </span>
                    </li>
                  ))}
                </ul>
              )}
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("tags.title")}</CardTitle>
            </CardHeader>
            <CardContent>
              <TagsEditor customerId={c.id} tags={c.tags} canEdit={c.can.annotate && !c.erasedAt} />
            </CardContent>
          </Card>
          <Card>
            <CardHeader>
              <CardTitle>{t("customFields")}</CardTitle>
            </CardHeader>
            <CardContent>
              <CustomFieldValues customerId={c.id} fields={c.fields} canEdit={c.can.manage && !c.erasedAt} />
            </CardContent>
          </Card>
          {c.can.privacy ? <PrivacyActions customerId={c.id} erased={Boolean(c.erasedAt)} /> : null}
        </div>
        <CustomerTimeline customerId={c.id} canAnnotate={c.can.annotate && !c.erasedAt} />
      </div>
      {c.can.manage ? <ProfileFormDialog profile={c} open={editing} onOpenChange={setEditing} /> : null}
    </div>
  );
}
