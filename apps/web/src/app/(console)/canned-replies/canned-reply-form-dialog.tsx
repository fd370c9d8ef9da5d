"use client";

import type { FieldIssue } from "@kefu/api/client";
import { CANNED_VARIABLES, type CannedScope } from "@kefu/api/contracts/canned-reply";
import { CANNED_BODY_MAX, CANNED_CATEGORY_MAX, CANNED_SHORTCUT_MAX, CANNED_TITLE_MAX } from "@kefu/api/contracts/limits";
import { Button } from "@kefu/ui/button";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useRef, useState, type FormEvent } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useApiErrors } from "~/lib/trpc-errors";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { CannedReplyRow } from "./canned-replies-admin";

const EMPTY = { title: "", shortcut: "", category: "", body: "" };

export function CannedReplyFormDialog({
  scope,
  reply,
  categories,
  open,
  onOpenChange,
}: {
  scope: CannedScope;
  reply: CannedReplyRow | null;
  categories: string[];
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  const t = useTranslations("cannedReplies");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const tv = useTranslations("validation");
  const errors = useApiErrors();
  const { run, fieldErrors, setFieldErrors, resetFieldErrors } = useMutationFeedback();
  const [form, setForm] = useState(EMPTY);
  const bodyRef = useRef<HTMLTextAreaElement>(null);
  const create = useMutation(trpc.cannedReply.create.mutationOptions());
  const update = useMutation(trpc.cannedReply.update.mutationOptions());

  useEffect(() => {
    if (!open) return;
    resetFieldErrors();
    setForm(reply ? { title: reply.title, shortcut: reply.shortcut, category: reply.category, body: reply.body } : EMPTY);
  }, [open, reply, resetFieldErrors]);

  function insertVariable(name: string) {
    const token = `{{${name}}}`;
    const field = bodyRef.current;
    const start = field?.selectionStart ?? form.body.length;
    const end = field?.selectionEnd ?? form.body.length;
    setForm({ ...form, body: form.body.slice(0, start) + token + form.body.slice(end) });
    requestAnimationFrame(() => {
      field?.focus();
      field?.setSelectionRange(start + token.length, start + token.length);
    });
  }

  // the rules of a shortcut and of variables in words, instead of the generic "invalid format"
  function issueMessage(issue: FieldIssue): string {
    if (issue.path === "shortcut" && issue.code === "invalid_format") return t("issues.shortcutFormat");
    if (issue.path === "body" && issue.code === "custom") return t("issues.unknownVariable", { allowed: CANNED_VARIABLES.map((v) => `{{${v}}}`).join(" ") });
    if (issue.code === "too_small" && issue.minimum === 1) return tv("required");
    return errors.issueText(issue);
  }

  function showIssues(error: unknown) {
    const issues = (error as { data?: { fieldIssues?: FieldIssue[] } } | null)?.data?.fieldIssues ?? [];
    if (!issues.length) return;
    const next: Record<string, string> = {};
    for (const issue of issues) next[issue.path.split(".")[0]!] ??= issueMessage(issue);
    setFieldErrors(next);
  }

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const onSuccess = async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.cannedReply.pathKey() });
      await queryClient.invalidateQueries({ queryKey: trpc.conversation.listCannedReplies.queryKey() });
      onOpenChange(false);
    };
    if (reply) await run(() => update.mutateAsync({ id: reply.id, ...form }), { success: t("updated"), onSuccess, onError: showIssues });
    else await run(() => create.mutateAsync({ scope, ...form }), { success: t("created"), onSuccess, onError: showIssues });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")}>
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{reply ? t("edit") : t("create")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <div className="grid gap-4 sm:grid-cols-2">
              <Field label={t("fields.title")} htmlFor="canned-title" error={fieldErrors.title} required>
                <Input value={form.title} onChange={(e) => setForm({ ...form, title: e.target.value })} maxLength={CANNED_TITLE_MAX} />
              </Field>
              <Field label={t("fields.shortcut")} htmlFor="canned-shortcut" error={fieldErrors.shortcut} description={t("shortcutHint")} required>
                <Input value={form.shortcut} onChange={(e) => setForm({ ...form, shortcut: e.target.value })} maxLength={CANNED_SHORTCUT_MAX} />
              </Field>
            </div>
            <Field label={t("fields.category")} htmlFor="canned-category" error={fieldErrors.category}>
              <Input
                value={form.category}
                list="canned-categories"
                onChange={(e) => setForm({ ...form, category: e.target.value })}
                maxLength={CANNED_CATEGORY_MAX}
              />
            </Field>
            <datalist id="canned-categories">
              {categories.map((category) => (
                <option key={category} value={category} />
              ))}
            </datalist>
            <Field label={t("fields.body")} htmlFor="canned-body" error={fieldErrors.body} required>
              <Textarea ref={bodyRef} rows={5} value={form.body} onChange={(e) => setForm({ ...form, body: e.target.value })} maxLength={CANNED_BODY_MAX} />
            </Field>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="text-slate-600">{t("variables")}</span>
              {CANNED_VARIABLES.map((name) => (
                <Button key={name} type="button" size="sm" variant="outline" onClick={() => insertVariable(name)}>
                  {t(`variable.${name.replace(".", "_")}`)}
                </Button>
              ))}
            </div>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={tc("save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
