"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { browserSupportsWebAuthn, startRegistration } from "@simplewebauthn/browser";
import { useMutation, useQuery } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

/** 个人设置 → 通行密钥: add one (after the password again), list them, remove them. */
export function PasskeysCard() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const { run, fieldErrors } = useMutationFeedback();
  const list = useQuery(trpc.auth.passkeys.queryOptions());
  const options = useMutation(trpc.auth.passkeyRegistrationOptions.mutationOptions());
  const register = useMutation(trpc.auth.registerPasskey.mutationOptions());
  const remove = useMutation(trpc.auth.removePasskey.mutationOptions());
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [supported, setSupported] = useState(true);
  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function onAdd(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setBusy(true);
    await run(
      async () => {
        const optionsJSON = await options.mutateAsync({ currentPassword: password });
        let response;
        try {
          response = await startRegistration({ optionsJSON });
        } catch {
          throw new Error(t("account.passkeys.cancelled"));
        }
        // checked in depth on the server (@simplewebauthn/server); the contract only bounds its shape
        return register.mutateAsync({ name, response: response as unknown as Parameters<typeof register.mutateAsync>[0]["response"] });
      },
      {
        success: t("account.passkeys.added"),
        onSuccess: async () => {
          setName("");
          setPassword("");
          await list.refetch();
        },
      },
    );
    setBusy(false);
  }

  const rows = list.data ?? [];
  return (
    <Card>
      <CardHeader>
        <CardTitle>{t("account.passkeys.title")}</CardTitle>
      </CardHeader>
      <CardContent className="space-y-4">
        <p className="text-sm text-slate-600">{t("account.passkeys.description")}</p>
        {rows.length ? (
          <Table data-testid="passkey-list">
            <TableHeader>
              <TableRow>
                <TableHead>{t("account.passkeys.name")}</TableHead>
                <TableHead>{t("account.passkeys.deviceType")}</TableHead>
                <TableHead>{t("account.passkeys.backedUp")}</TableHead>
                <TableHead>{t("account.passkeys.created")}</TableHead>
                <TableHead>{t("account.passkeys.lastUsed")}</TableHead>
                <TableHead />
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((passkey) => (
                <TableRow key={passkey.id} data-testid={`passkey-${passkey.id}`}>
                  <TableCell className="font-medium">{passkey.deviceName ?? "—"}</TableCell>
                  <TableCell>{t(passkey.deviceType === "multiDevice" ? "account.passkeys.multiDevice" : "account.passkeys.singleDevice")}</TableCell>
                  <TableCell>
                    <Badge variant={passkey.backedUp ? "success" : "neutral"}>{t(passkey.backedUp ? "common.yes" : "common.no")}</Badge>
                  </TableCell>
                  <TableCell>{format.dateTime(passkey.createdAt, { dateStyle: "short", timeStyle: "short" })}</TableCell>
                  <TableCell>
                    {passkey.lastUsedAt ? format.dateTime(passkey.lastUsedAt, { dateStyle: "short", timeStyle: "short" }) : t("account.passkeys.never")}
                  </TableCell>
                  <TableCell className="text-right">
                    <Button
                      size="sm"
                      variant="ghost"
                      loading={remove.isPending && remove.variables?.id === passkey.id}
                      onClick={() =>
                        run(() => remove.mutateAsync({ id: passkey.id }), { success: t("account.passkeys.removed"), onSuccess: () => list.refetch() })
                      }
                    >
                      {t("account.passkeys.remove")}
                    </Button>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        ) : list.isSuccess ? (
          <p className="text-sm text-slate-500">{t("account.passkeys.empty")}</p>
        ) : null}
        {supported ? (
          <form className="space-y-3 border-t border-slate-100 pt-4" onSubmit={onAdd} noValidate>
            <Field
              label={t("account.passkeys.newName")}
              htmlFor="passkey-name"
              error={fieldErrors.name}
              description={t("account.passkeys.newNameHint")}
              required
            >
              <Input name="passkey-name" maxLength={64} value={name} onChange={(e) => setName(e.target.value)} />
            </Field>
            <Field label={t("account.passkeys.confirmIdentity")} htmlFor="passkey-password" error={fieldErrors.currentPassword} required>
              <Input name="passkey-password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
            </Field>
            <Button type="submit" loading={busy} disabled={!name.trim() || !password}>
              {t("account.passkeys.add")}
            </Button>
          </form>
        ) : (
          <p className="text-sm text-slate-500">{t("signIn.passkeyUnsupported")}</p>
        )}
      </CardContent>
    </Card>
  );
}
