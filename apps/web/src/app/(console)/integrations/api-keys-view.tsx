"use client";

import type { RouterOutputs } from "@kefu/api/client";
import { API_KEY_NAME_MAX } from "@kefu/api/contracts/limits";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Checkbox } from "@kefu/ui/checkbox";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { PageHeader } from "@kefu/ui/page-header";
import { Table, TableBody, TableCell, TableHead, TableHeader, TableRow } from "@kefu/ui/table";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useState } from "react";
import { Controller, useForm } from "react-hook-form";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { LimitedField } from "~/components/limited-field";
import { createApiKeyInput } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

const SCOPES = ["channel.messages", "webhooks.read"] as const;
type Scope = (typeof SCOPES)[number];
type ApiKeyRow = RouterOutputs["integration"]["listApiKeys"][number];

interface CreateForm {
  name: string;
  scopes: Scope[];
}

const EMPTY: CreateForm = { name: "", scopes: ["channel.messages"] };
const asInput = (form: CreateForm) => form;

export function ApiKeysView() {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const feedback = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const resolver = useSchemaResolver<CreateForm>(createApiKeyInput, asInput);
  const { register, control, handleSubmit, reset, setError, watch, formState } = useForm<CreateForm>({ defaultValues: EMPTY, resolver });
  const fieldErrors = formState.errors;
  const keys = useQuery(trpc.integration.listApiKeys.queryOptions());
  const [creating, setCreating] = useState(false);
  const [createdKey, setCreatedKey] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<ApiKeyRow | null>(null);
  // Message keys cannot contain dots, scope names do.
  const scopeLabel = (scope: string) => {
    const key = `integrations.scope.${scope.replace(".", "_")}`;
    return t.has(key) ? t(key as "integrations.scope.channel_messages") : scope;
  };
  const refresh = () => queryClient.invalidateQueries({ queryKey: trpc.integration.pathKey() });
  const create = useMutation(trpc.integration.createApiKey.mutationOptions({ onSettled: refresh }));
  const revoke = useMutation(trpc.integration.revokeApiKey.mutationOptions({ onSettled: refresh }));

  async function onCreate(form: CreateForm) {
    await feedback.run(() => create.mutateAsync(form), {
      onSuccess: (created) => {
        setCreating(false);
        reset(EMPTY);
        setCreatedKey(created.key);
      },
      onError: (_error, fields) => setFieldErrors(setError, fields),
    });
  }

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("integrations.title")}
        description={t("integrations.description")}
        actions={<Button onClick={() => setCreating(true)}>{t("integrations.create")}</Button>}
      />
      <Table framed cards>
        <TableHeader>
          <TableRow>
            <TableHead>{t("integrations.name")}</TableHead>
            <TableHead>{t("integrations.prefix")}</TableHead>
            <TableHead>{t("integrations.scopes")}</TableHead>
            <TableHead>{t("integrations.lastUsed")}</TableHead>
            <TableHead>{t("integrations.createdBy")}</TableHead>
            <TableHead>{t("integrations.status")}</TableHead>
            <TableHead className="text-right">{t("common.actions")}</TableHead>
          </TableRow>
        </TableHeader>
        <TableBody>
          {keys.data?.map((key) => (
            <TableRow key={key.id}>
              <TableCell label={t("integrations.name")} className="font-medium">
                {key.name}
              </TableCell>
              <TableCell label={t("integrations.prefix")} className="font-mono text-xs">
                kf_{key.prefix}_…
              </TableCell>
              <TableCell label={t("integrations.scopes")} className="text-xs">
                {(Array.isArray(key.scopes) ? (key.scopes as string[]) : []).map(scopeLabel).join("、")}
              </TableCell>
              <TableCell label={t("integrations.lastUsed")} className="whitespace-nowrap">
                {key.lastUsedAt ? format.dateTime(new Date(key.lastUsedAt), { dateStyle: "short", timeStyle: "short" }) : t("common.never")}
              </TableCell>
              <TableCell label={t("integrations.createdBy")}>{key.createdBy.name}</TableCell>
              <TableCell label={t("integrations.status")}>
                {key.revokedAt ? <Badge>{t("integrations.revoked")}</Badge> : <Badge variant="success">{t("integrations.active")}</Badge>}
              </TableCell>
              <TableCell label={t("common.actions")} className="text-right">
                {key.revokedAt ? null : (
                  <Button size="sm" variant="outline" onClick={() => setRevoking(key)}>
                    {t("integrations.revoke")}
                  </Button>
                )}
              </TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {keys.data?.length === 0 ? <EmptyState bordered title={t("integrations.empty")} description={t("integrations.emptyHint")} /> : null}

      <Dialog open={creating} onOpenChange={setCreating}>
        <DialogContent closeLabel={t("common.close")}>
          <form onSubmit={handleSubmit(onCreate, invalidInput)} noValidate>
            <DialogHeader>
              <DialogTitle>{t("integrations.create")}</DialogTitle>
            </DialogHeader>
            <DialogBody className="space-y-4">
              <LimitedField
                label={t("integrations.name")}
                htmlFor="api-key-name"
                value={watch("name")}
                max={API_KEY_NAME_MAX}
                error={fieldErrors.name?.message}
                required
              >
                <Input placeholder={t("integrations.namePlaceholder")} {...register("name")} />
              </LimitedField>
              <fieldset className="space-y-2">
                <legend className="text-sm font-medium">{t("integrations.scopes")}</legend>
                {fieldErrors.scopes?.message ? <p className="text-sm text-red-600">{fieldErrors.scopes.message}</p> : null}
                <Controller
                  control={control}
                  name="scopes"
                  render={({ field }) => (
                    <>
                      {SCOPES.map((scope) => (
                        <div key={scope} className="flex items-center gap-2">
                          <Checkbox
                            id={`scope-${scope}`}
                            checked={field.value.includes(scope)}
                            onCheckedChange={(checked) => field.onChange(checked === true ? [...field.value, scope] : field.value.filter((s) => s !== scope))}
                          />
                          <Label htmlFor={`scope-${scope}`}>{scopeLabel(scope)}</Label>
                        </div>
                      ))}
                    </>
                  )}
                />
              </fieldset>
            </DialogBody>
            <FormDialogFooter onCancel={() => setCreating(false)} submitLabel={t("common.create")} pending={create.isPending} />
          </form>
        </DialogContent>
      </Dialog>

      <Dialog open={createdKey !== null} onOpenChange={(open) => !open && setCreatedKey(null)}>
        <DialogContent closeLabel={t("common.close")}>
          <DialogHeader>
            <DialogTitle>{t("integrations.createdTitle")}</DialogTitle>
            <DialogDescription>{t("integrations.createdBody")}</DialogDescription>
          </DialogHeader>
          <DialogBody>
            <code data-testid="new-api-key" className="block rounded-md bg-slate-100 p-3 font-mono text-xs break-all">
              {createdKey}
            </code>
          </DialogBody>
          <DialogFooter>
            <Button
              variant="outline"
              onClick={() => {
                void navigator.clipboard.writeText(createdKey ?? "").then(() => toast({ title: t("integrations.copied"), variant: "success" }));
              }}
            >
              {t("integrations.copy")}
            </Button>
            <Button onClick={() => setCreatedKey(null)}>{t("common.close")}</Button>
          </DialogFooter>
        </DialogContent>
      </Dialog>

      <ConfirmDialog
        open={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t("integrations.confirmRevokeTitle", { name: revoking?.name ?? "" })}
        description={t("integrations.confirmRevokeBody")}
        confirmLabel={t("integrations.revoke")}
        cancelLabel={t("common.cancel")}
        destructive
        onConfirm={() => feedback.confirm(() => revoke.mutateAsync({ id: revoking!.id }), { success: t("integrations.revokedToast") })}
      />
    </div>
  );
}
