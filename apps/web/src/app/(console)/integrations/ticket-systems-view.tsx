"use client";

import { TICKET_SYSTEM_KINDS } from "@kefu/api/contracts/ticket";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { PageHeader } from "@kefu/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationFeedback, type FieldErrors } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

type Kind = (typeof TICKET_SYSTEM_KINDS)[number];
const EMPTY = { name: "", kind: "ZENDESK" as Kind, baseUrl: "", username: "", token: "", projectKey: "" };

/** External ticket systems: the one active system receives every new ticket; its status callbacks come back signed. */
export function TicketSystemsView() {
  const t = useTranslations("ticketSystems");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const systems = useQuery(trpc.integration.listTicketSystems.queryOptions());
  const [form, setForm] = useState(EMPTY);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [creating, setCreating] = useState(false);
  const [secret, setSecret] = useState<{ id: number; secret: string } | null>(null);
  const [deleting, setDeleting] = useState<number | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integration.listTicketSystems.queryKey() });
  const create = useMutation(trpc.integration.createTicketSystem.mutationOptions({ onSettled: refresh }));
  const setActive = useMutation(trpc.integration.setTicketSystemActive.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.integration.deleteTicketSystem.mutationOptions({ onSettled: refresh }));
  const set = (key: keyof typeof EMPTY) => (e: { target: { value: string } }) => setForm({ ...form, [key]: e.target.value });

  async function submit() {
    await feedback.run(() => create.mutateAsync(form), {
      onSuccess: (created) => {
        setCreating(false);
        setForm(EMPTY);
        setErrors({});
        setSecret({ id: created.id, secret: created.callbackSecret });
      },
      onError: (_error, fields) => setErrors(fields),
    });
  }

  return (
    <div className="space-y-4" data-testid="ticket-systems">
      <PageHeader title={t("title")} description={t("description")} actions={<Button onClick={() => setCreating(true)}>{t("add")}</Button>} />
      {systems.data && systems.data.length === 0 ? (
        <EmptyState title={t("empty")} description={t("emptyHint")} />
      ) : (
        <Table framed cards>
          <TableHeader>
            <TableRow>
              <TableHead>{t("name")}</TableHead>
              <TableHead>{t("kind")}</TableHead>
              <TableHead>{t("baseUrl")}</TableHead>
              <TableHead>{t("state")}</TableHead>
              <TableHead>{t("tickets")}</TableHead>
              <TableHead className="text-right">{tc("actions")}</TableHead>
            </TableRow>
          </TableHeader>
          <TableBody>
            {(systems.data ?? []).map((system) => (
              <TableRow key={system.id}>
                <TableCell label={t("name")}>{system.name}</TableCell>
                <TableCell label={t("kind")}>{t(`kinds.${system.kind}`)}</TableCell>
                <TableCell label={t("baseUrl")} className="break-all">
                  {system.baseUrl}
                </TableCell>
                <TableCell label={t("state")}>
                  <Badge variant={system.active ? "success" : "neutral"}>{system.active ? t("active") : t("inactive")}</Badge>
                </TableCell>
                <TableCell label={t("tickets")}>{t("counts", { synced: system.synced, pending: system.pending, failed: system.failed })}</TableCell>
                <TableCell label={tc("actions")} className="space-x-2 text-right">
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() => void feedback.run(() => setActive.mutateAsync({ id: system.id, active: !system.active }), { success: t("saved") })}
                  >
                    {system.active ? t("disable") : t("enable")}
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => setDeleting(system.id)}>
                    {t("delete")}
                  </Button>
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      <p className="text-sm text-slate-600">{t("callbackHelp", { id: "<id>" })}</p>

      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("add")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-3">
            <Field label={t("name")} htmlFor="ts-name" error={errors.name} required>
              <Input id="ts-name" value={form.name} onChange={set("name")} />
            </Field>
            <Field label={t("kind")} htmlFor="ts-kind">
              <NativeSelect id="ts-kind" value={form.kind} onChange={set("kind")}>
                {TICKET_SYSTEM_KINDS.map((kind) => (
                  <option key={kind} value={kind}>
                    {t(`kinds.${kind}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label={t("baseUrl")} htmlFor="ts-url" error={errors.baseUrl} description={t(`urlHint.${form.kind}`)} required>
              <Input id="ts-url" value={form.baseUrl} onChange={set("baseUrl")} placeholder="https://" />
            </Field>
            <Field label={t("username")} htmlFor="ts-user" error={errors.username} description={t("usernameHint")}>
              <Input id="ts-user" value={form.username} onChange={set("username")} />
            </Field>
            <Field label={t("token")} htmlFor="ts-token" error={errors.token} required>
              <Input id="ts-token" type="password" autoComplete="off" value={form.token} onChange={set("token")} />
            </Field>
            {form.kind === "JIRA" ? (
              <Field label={t("projectKey")} htmlFor="ts-project" error={errors.projectKey} required>
                <Input id="ts-project" value={form.projectKey} onChange={set("projectKey")} />
              </Field>
            ) : null}
          </DialogBody>
          <DialogFooter>
            <Button variant="ghost" onClick={() => setCreating(false)}>
              {tc("cancel")}
            </Button>
            <Button onClick={() => void submit()} disabled={create.isPending}>
              {tc("create")}
            </Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <Dialog open={secret !== null} onOpenChange={(open) => !open && setSecret(null)}>
        <DialogContent closeLabel={tc("close")}>
          <DialogHeader>
            <DialogTitle>{t("secretTitle")}</DialogTitle>
            <DialogDescription>{t("secretBody", { id: secret?.id ?? 0 })}</DialogDescription>
          </DialogHeader>
          <DialogBody>
            <code className="block rounded bg-slate-100 p-2 break-all" data-testid="ticket-callback-secret">
              {secret?.secret}
            </code>
          </DialogBody>
        </DialogContent>
      </Dialog>

      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("deleteTitle")}
        description={t("deleteBody")}
        confirmLabel={t("delete")}
        cancelLabel={tc("cancel")}
        destructive
        onConfirm={() => {
          const id = deleting;
          setDeleting(null);
          if (id !== null) void feedback.run(() => remove.mutateAsync({ id }), { success: t("deleted") });
        }}
      />
    </div>
  );
}
