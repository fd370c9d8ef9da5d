"use client";

import { Badge } from "@kefu/ui/badge";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useTRPC } from "~/trpc/react";

/**
 * What the SMS senders were asked to send, newest first. With the development sender (SMS_PROVIDERS=dev) the text,
 * code included, is kept here for admins; real providers' rows keep none.
 */
export function SmsOutbox() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const outbox = useQuery({ ...trpc.audit.smsOutbox.queryOptions({ limit: 20 }), refetchInterval: 5000 });
  const rows = outbox.data ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("security.smsOutbox.title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-3">
        <p className="text-sm text-slate-600">{t("security.smsOutbox.description")}</p>
        {rows.length ? (
          <Table data-testid="sms-outbox">
            <TableHeader>
              <TableRow>
                <TableHead>{t("security.smsOutbox.time")}</TableHead>
                <TableHead>{t("security.smsOutbox.provider")}</TableHead>
                <TableHead>{t("security.smsOutbox.phone")}</TableHead>
                <TableHead>{t("security.smsOutbox.status")}</TableHead>
                <TableHead>{t("security.smsOutbox.text")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((row) => (
                <TableRow key={row.id} data-testid={`sms-${row.id}`} data-phone-last4={row.phoneLast4}>
                  <TableCell className="whitespace-nowrap">{format.dateTime(row.createdAt, { dateStyle: "short", timeStyle: "medium" })}</TableCell>
                  <TableCell>{row.provider}</TableCell>
                  <TableCell>*******{row.phoneLast4}</TableCell>
                  <TableCell>
                    <Badge variant={row.status === "SENT" ? "success" : "danger"}>
                      {t(row.status === "SENT" ? "security.smsOutbox.sent" : "security.smsOutbox.failed")}
                    </Badge>
                  </TableCell>
                  <TableCell className="text-sm">{row.body ?? row.error ?? "—"}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : outbox.isSuccess ? (
          <p className="text-sm text-slate-500">{t("security.smsOutbox.empty")}</p>
        ) : null}
      </CardContent>
    </Card>
  );
}
