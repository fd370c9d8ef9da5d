"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { WEBHOOK_DESCRIPTION_MAX, WEBHOOK_NAME_MAX, WEBHOOK_URL_MAX } from "@kefu/api/contracts/limits";
import { WEBHOOK_EVENTS, type WebhookEvent } from "@kefu/api/contracts/webhook";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Checkbox } from "@kefu/ui/checkbox";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { Textarea } from "@kefu/ui/textarea";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { createWebhookInput } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

type WebhookRow = RouterOutputs["integration"]["listWebhooks"][number];

interface EndpointForm {
  name: string;
  url: string;
  description: string;
  events: WebhookEvent[];
}

const EMPTY: EndpointForm = { name: "", url: "", description: "", events: ["conversation.created", "message.created", "conversation.resolved"] };
const asInput = (form: EndpointForm) => form;
const eventKey = (event: string) => `webhooks.event.${event.replace(".", "_")}`;

/** The webhooks section of the integrations page: endpoints, the secret shown once, the delivery log. */
export function WebhooksView() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const feedback = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const resolver = useSchemaResolver<EndpointForm>(createWebhookInput, asInput);
  const { register, control, handleSubmit, reset, setError, watch, formState } = useForm<EndpointForm>({ defaultValues: EMPTY, resolver });
  const fieldErrors = formState.errors;
  const endpoints = useQuery(trpc.integration.listWebhooks.queryOptions());
  const [editing, setEditing] = useState<WebhookRow | "new" | null>(null);
  const [secret, setSecret] = useState<string | null>(null);
  const [rotating, setRotating] = useState<WebhookRow | null>(null);
  const [deleting, setDeleting] = useState<WebhookRow | null>(null);
  const [logOf, setLogOf] = useState<WebhookRow | null>(null);
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integration.pathKey() });
  const create = useMutation(trpc.integration.createWebhook.mutationOptions({ onSettled: refresh }));
  const update = useMutation(trpc.integration.updateWebhook.mutationOptions({ onSettled: refresh }));
  const setActive = useMutation(trpc.integration.setWebhookActive.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.integration.deleteWebhook.mutationOptions({ onSettled: refresh }));
  const rotate = useMutation(trpc.integration.rotateWebhookSecret.mutationOptions({ onSettled: refresh }));
  const test = useMutation(trpc.integration.sendWebhookTestEvent.mutationOptions({ onSettled: refresh }));
  const eventLabel = (event: string) => (t.has(eventKey(event)) ? t(eventKey(event) as "webhooks.event.message_created") : event);
  const time = (value: Date | string) => format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "medium" });

  function openEditor(row: WebhookRow | "new") {
    reset(row === "new" ? EMPTY : { name: row.name, url: row.url, description: row.description ?? "", events: row.events });
    setEditing(row);
  }

  async function onSave(form: EndpointForm) {
    const row = editing;
    if (!row) return;
    await feedback.run(() => (row === "new" ? create.mutateAsync(form) : update.mutateAsync({ ...form, id: row.id })), {
      success: row === "new" ? undefined : t("webhooks.savedToast"),
      onSuccess: (saved) => {
        setEditing(null);
        if ("secret" in saved && typeof saved.secret === "string") setSecret(saved.secret);
      },
      onError: (_error, fields) => setFieldErrors(setError, fields),
    });
  }

  async function onTest(row: WebhookRow) {
    await feedback.run(() => test.mutateAsync({ id: row.id }), {
      success: (sent) =>
        sent.status === "SUCCEEDED"
          ? t("webhooks.testDelivered", { status: sent.responseStatus ?? 0 })
          : sent.attempts === 0
            ? t("webhooks.testQueued")
            : t("webhooks.testFailed", { error: sent.lastError ?? "" }),
      onSuccess: () => setLogOf(row),
    });
  }

  return (
    <section className="space-y-4" aria-labelledby="webhooks-title">
      <div className="flex flex-col gap-3 sm:flex-row sm:items-start sm:justify-between sm:gap-6">
        <div className="grid min-w-0 gap-1">
          <h2 id="webhooks-title" className="text-lg font-semibold text-slate-900">
            {t("webhooks.title")}
          </h2>
          <p className="text-sm text-slate-500">
            {t("webhooks.description")} {t("webhooks.docsHint")}
          </p>
        </div>
        <Button onClick={() => openEditor("new")}>{t("webhooks.add")}</Button>
      </div>
      <Table framed cards>
        <TableHeader>
          <TableRow>
            <TableHead>{t("webhooks.name")}</TableHead>
            <TableHead>{t("webhooks.url")}</TableHead>
            <TableHead>{t("webhooks.events")}</TableHead>
            <TableHead>{t("webhooks.status")}</TableHead>
            <TableHead className="text-right">{t("common.actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {endpoints.data?.map((row) => (
            <TableRow key={row.id} data-testid={`webhook-${row.id}`}>
              <TableCell label={t("webhooks.name")}>
                <div className="font-medium">{row.name}</div>
                {row.description ? <div className="text-xs text-slate-500">{row.description}</div> : null}
              </TableCell>
              <TableCell label={t("webhooks.url")} className="max-w-64 font-mono text-xs break-all">
                {row.url}
              </TableCell>
              <TableCell label={t("webhooks.events")} className="text-xs">
                {row.events.map(eventLabel).join("、")}
              </TableCell>
              <TableCell label={t("webhooks.status")}>
                {row.active ? (
                  <Badge variant={row.failingSince ? "warning" : "success"}>
                    {row.failingSince ? t("webhooks.failing", { time: time(row.failingSince) }) : t("webhooks.active")}
                  </Badge>
                ) : (
                  <Badge variant="danger" title={row.disabledReason ? t(`webhooks.disabledReason.${row.disabledReason as "MANUAL"}`) : undefined}>
                    {row.disabledReason ? t(`webhooks.disabledReason.${row.disabledReason as "MANUAL"}`) : t("webhooks.disabled")}
                  </Badge>
                )}
              </TableCell>
              <TableCell label={t("common.actions")} className="text-right">
                <div className="flex flex-wrap justify-end gap-1">
                  <Button size="sm" variant="outline" onClick={() => setLogOf(row)}>
                    {t("webhooks.log")}
                  </Button>
                  <Button size="sm" variant="outline" disabled={!row.active || test.isPending} onClick={() => void onTest(row)}>
                    {t("webhooks.test")}
                  </Button>
                  <Button size="sm" variant="outline" onClick={() => openEditor(row)}>
                    {t("common.edit")}
                  </Button>
                  <Button size="sm" variant="outline" onClick={() => setRotating(row)}>
                    {t("webhooks.rotate")}
                  </Button>
                  <Button
                    size="sm"
                    variant="outline"
                    onClick={() =>
                      void feedback.run(() => setActive.mutateAsync({ id: row.id, active: !row.active }), {
                        success: row.active ? t("webhooks.disabledToast") : t("webhooks.enabledToast"),
                      })
                    }
                  >
                    {row.active ? t("webhooks.disable") : t("webhooks.enable")}
                  </Button>
                  <Button size="sm" variant="outline" onClick={() => setDeleting(row)}>
                    {t("webhooks.delete")}
                  </Button>
                </div>
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {endpoints.data?.length === 0 ? <EmptyState bordered title={t("webhooks.empty")} description={t("webhooks.emptyHint")} /> : null}

      <Dialog open={editing !== null} onOpenChange={(open) => !open && setEditing(null)}>
        <DialogContent closeLabel={t("common.close")} size="lg">
          <form onSubmit={handleSubmit(onSave, invalidInput)} noValidate>
            <DialogHeader>
              <DialogTitle>{editing === "new" ? t("webhooks.add") : t("webhooks.edit")}</DialogTitle>
            </DialogHeader>
            <DialogBody className="space-y-4">
              <LimitedField
                label={t("webhooks.name")}
                htmlFor="webhook-name"
                value={watch("name")}
                max={WEBHOOK_NAME_MAX}
                error={fieldErrors.name?.message}
                required
              >
                <Input placeholder={t("webhooks.namePlaceholder")} {...register("name")} />
              </LimitedField>
              <LimitedField
                label={t("webhooks.url")}
                htmlFor="webhook-url"
                value={watch("url")}
                max={WEBHOOK_URL_MAX}
                error={fieldErrors.url?.message}
                required
              >
                <Input type="url" inputMode="url" placeholder={t("webhooks.urlPlaceholder")} {...register("url")} />
              </LimitedField>
              <LimitedField
                label={t("webhooks.descriptionLabel")}
                htmlFor="webhook-description"
                value={watch("description")}
                max={WEBHOOK_DESCRIPTION_MAX}
                error={fieldErrors.description?.message}
              >
                <Textarea rows={2} {...register("description")} />
              </LimitedField>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">{t("webhooks.events")}</legend>
                {fieldErrors.events?.message ? <p className="text-sm text-red-600">{fieldErrors.events.message}</p> : null}
                <Controller
                  control={control}
                  name="events"
                  render={({ field }) => (
                    <div className="grid gap-2 sm:grid-cols-2">
                      {WEBHOOK_EVENTS.map((event) => (
                        <div key={event} className="flex items-start gap-2">
                          <Checkbox
                            id={`webhook-event-${event}`}
                            checked={field.value.includes(event)}
                            onCheckedChange={(checked) => field.onChange(checked === true ? [...field.value, event] : field.value.filter((e) => e !== event))}
                          />
                          <Label htmlFor={`webhook-event-${event}`} className="leading-snug">
                            {eventLabel(event)}
                          </Label>
                        </div>
                      ))}
                    </div>
                  )}
                />
              </fieldset>
            </DialogBody>
            <FormDialogFooter
              onCancel={() => setEditing(null)}
              submitLabel={editing === "new" ? t("common.create") : t("common.save")}
              pending={create.isPending || update.isPending}
            />
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={secret !== null} onOpenChange={(open) => !open && setSecret(null)}>
        <DialogContent closeLabel={t("common.close")}>
          <DialogHeader>
            <DialogTitle>{t("webhooks.secretTitle")}</DialogTitle>
            <DialogDescription>{t("webhooks.secretBody")}</DialogDescription>
          </DialogHeader>
          <DialogBody>
            <code data-testid="new-webhook-secret" className="block rounded-md bg-slate-100 p-3 font-mono text-xs break-all">
              {secret}
            </code>
          </DialogBody>
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() => {
                void navigator.clipboard.writeText(secret ?? "").then(() => toast({ title: t("webhooks.copied"), variant: "success" }));
              }}
            >
              {t("webhooks.copy")}
            </Button>
            <Button onClick={() => setSecret(null)}>{t("common.close")}</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      {logOf ? <DeliveryLog endpoint={logOf} onClose={() => setLogOf(null)} /> : null}

      <ConfirmDialog
        open={rotating !== null}
        onOpenChange={(open) => !open && setRotating(null)}
        title={t("webhooks.confirmRotateTitle", { name: rotating?.name ?? "" })}
        description={t("webhooks.confirmRotateBody")}
        confirmLabel={t("webhooks.rotate")}
        cancelLabel={t("common.cancel")}
        onConfirm={() => feedback.confirm(() => rotate.mutateAsync({ id: rotating!.id }), { onSuccess: (rotated) => setSecret(rotated.secret) })}
      />
      <ConfirmDialog
        open={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t("webhooks.confirmDeleteTitle", { name: deleting?.name ?? "" })}
        description={t("webhooks.confirmDeleteBody")}
        confirmLabel={t("webhooks.delete")}
        cancelLabel={t("common.cancel")}
        destructive
        onConfirm={() => feedback.confirm(() => remove.mutateAsync({ id: deleting!.id }), { success: t("webhooks.deletedToast") })}
      />
    </section>
  );
}

const STATUS_VARIANT = { PENDING: "warning", SUCCEEDED: "success", FAILED: "danger" } as const;

/** One endpoint's deliveries, newest first, refreshed while any is pending; each can be replayed. */
function DeliveryLog({ endpoint, onClose }: { endpoint: WebhookRow; onClose: () => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const deliveries = useQuery({
    ...trpc.integration.listWebhookDeliveries.queryOptions({ webhookId: endpoint.id, limit: 50 }),
    refetchInterval: (query) => (query.state.data?.items.some((d) => d.status === "PENDING") ? 2_000 : false),
  });
  const replay = useMutation(
    trpc.integration.replayWebhookDelivery.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.integration.pathKey() }) }),
  );
  const eventLabel = (event: string) => (t.has(eventKey(event)) ? t(eventKey(event) as "webhooks.event.message_created") : event);
  const time = (value: Date | string) => format.dateTime(new Date(value), { dateStyle: "short", timeStyle: "medium" });

  return (
    <Dialog open onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={t("common.close")} size="xl" data-testid="webhook-log">
        <DialogHeader>
          <DialogTitle>{t("webhooks.logTitle", { name: endpoint.name })}</DialogTitle>
          <DialogDescription className="font-mono text-xs break-all">{endpoint.url}</DialogDescription>
        </DialogHeader>
        <DialogBody className="max-h-[60vh] overflow-y-auto">
          {deliveries.data?.items.length === 0 ? <p className="text-sm text-slate-500">{t("webhooks.noDeliveries")}</p> : null}
          <Table>
            <TableHeader>
              <TableRow>
                <TableHead>{t("webhooks.deliveryTime")}</TableHead>
                <TableHead>{t("webhooks.deliveryEvent")}</TableHead>
                <TableHead>{t("webhooks.status")}</TableHead>
                <TableHead>{t("webhooks.response")}</TableHead>
                <TableHead>{t("webhooks.duration")}</TableHead>
                <TableHead>{t("webhooks.attempts")}</TableHead>
                <TableHead className="text-right">{t("common.actions")}</TableHead>
              </TableRow>
            </TableHeader>
            <TableBody>
              {deliveries.data?.items.map((delivery) => (
                <TableRow key={delivery.id} data-testid={`webhook-delivery-${delivery.id}`} data-status={delivery.status}>
                  <TableCell label={t("webhooks.deliveryTime")} className="whitespace-nowrap">
                    {time(delivery.createdAt)}
                  </TableCell>
                  <TableCell label={t("webhooks.deliveryEvent")}>
                    <div>{eventLabel(delivery.event)}</div>
                    <div className="font-mono text-xs text-slate-500">{delivery.messageId}</div>
                  </TableCell>
                  <TableCell label={t("webhooks.status")}>
                    <Badge variant={STATUS_VARIANT[delivery.status]}>{t(`webhooks.deliveryStatus.${delivery.status}`)}</Badge>
                    {delivery.status === "PENDING" && delivery.nextAttemptAt && delivery.attempts > 0 ? (
                      <div className="text-xs text-slate-500">{t("webhooks.nextAttempt", { time: time(delivery.nextAttemptAt) })}</div>
                    ) : null}
                  </TableCell>
                  <TableCell label={t("webhooks.response")} className="max-w-64 text-xs">
                    <div className="font-medium">{delivery.responseStatus ?? (delivery.attempts > 0 ? t("webhooks.noResponse") : "")}</div>
                    <div className="line-clamp-2 break-all text-slate-500" title={delivery.responseBody ?? delivery.lastError ?? undefined}>
                      {delivery.responseBody ?? delivery.lastError ?? ""}
                    </div>
                  </TableCell>
                  <TableCell label={t("webhooks.duration")} className="whitespace-nowrap">
                    {delivery.durationMs === null ? "" : t("webhooks.durationMs", { ms: delivery.durationMs })}
                  </TableCell>
                  <TableCell label={t("webhooks.attempts")}>{delivery.attempts}</TableCell>
                  <TableCell label={t("common.actions")} className="text-right">
                    {delivery.status === "PENDING" ? null : (
                      <Button
                        size="sm"
                        variant="outline"
                        disabled={!endpoint.active || replay.isPending}
                        onClick={() => void feedback.run(() => replay.mutateAsync({ id: delivery.id }), { success: t("webhooks.replayedToast") })}
                      >
                        {t("webhooks.replay")}
                      </Button>
                    )}
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </DialogBody>
        <DialogFooter>
          <Button variant="outline" onClick={() => void deliveries.refetch()}>
            {t("webhooks.refresh")}
          </Button>
          <Button onClick={onClose}>{t("common.close")}</Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
