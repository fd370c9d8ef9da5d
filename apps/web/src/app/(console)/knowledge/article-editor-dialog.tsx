"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { Skeleton } from "@kefu/ui/skeleton";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useFormatter, useTranslations } from "next-intl";
import { useCallback, useEffect, useMemo } from "react";
import { useForm } from "react-hook-form";
import { kbCreateInput, kbUpdateInput } from "~/lib/contracts";
import { setFieldErrors, useInvalidInputToast, useSchemaResolver } from "~/lib/forms";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { LimitedField } from "~/components/limited-field";
import { ARTICLE_STATUS_BADGE } from "./article-status";
import { categoryOptions, indentedName, type Category } from "./category-options";
import { KB_BODY_MAX, KB_KEYWORDS_MAX, KB_TITLE_MAX } from "@kefu/api/contracts/limits";

export type EditorTarget = { mode: "create"; title?: string; fromQuestionId?: number } | { mode: "edit"; id: number };

interface FormState {
  title: string;
  categoryId: number | "";
  keywords: string;
  body: string;
}

const EMPTY: FormState = { title: "", categoryId: "", keywords: "", body: "" };

type Current = { id: number; version: number } | null | undefined;

/** The input the editor saves: a new article (perhaps answering an unanswered question) or the next version of one. */
function toInput(form: FormState, target: EditorTarget | null, current: Current) {
  const fields = { title: form.title, body: form.body, categoryId: form.categoryId === "" ? null : form.categoryId, keywords: form.keywords };
  if (target?.mode === "edit" && current) return { id: current.id, ...fields, expectedVersion: current.version };
  return { ...fields, ...(target?.mode === "create" && target.fromQuestionId ? { fromQuestionId: target.fromQuestionId } : {}) };
}

export function ArticleEditorDialog({ target, categories, onClose }: { target: EditorTarget | null; categories: Category[]; onClose: () => void }) {
  const t = useTranslations();
  const format = useFormatter();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const invalidInput = useInvalidInputToast();
  const editingId = target?.mode === "edit" ? target.id : null;
  const article = useQuery(trpc.knowledge.get.queryOptions({ id: editingId ?? 0 }, { enabled: editingId !== null, staleTime: 0 }));
  const options = useMemo(() => categoryOptions(categories), [categories]);
  const create = useMutation(trpc.knowledge.create.mutationOptions());
  const update = useMutation(trpc.knowledge.update.mutationOptions());
  const publish = useMutation(trpc.knowledge.publish.mutationOptions());
  const pending = create.isPending || update.isPending || publish.isPending;

  const loaded = editingId === null || article.data?.id === editingId;
  const current = editingId !== null ? article.data : null;
  const resolver = useSchemaResolver<FormState>(
    target?.mode === "edit" && current ? kbUpdateInput : kbCreateInput,
    useCallback((form: FormState) => toInput(form, target, current), [target, current]),
  );
  const { register, handleSubmit, reset, setError, watch, formState } = useForm<FormState>({ defaultValues: EMPTY, resolver });
  const fieldErrors = formState.errors;
  const bodyLength = watch("body").length;

  useEffect(() => {
    reset(target?.mode === "create" ? { ...EMPTY, title: target.title ?? "" } : EMPTY);
  }, [target, reset]);

  useEffect(() => {
    if (editingId !== null && article.data?.id === editingId) {
      reset({ title: article.data.title, categoryId: article.data.categoryId ?? "", keywords: article.data.keywords ?? "", body: article.data.body });
    }
  }, [editingId, article.data, reset]);

  async function save(form: FormState, andPublish: boolean) {
    const input = toInput(form, target, current);
    await run(
      async () => {
        let saved: { id: number; title: string; status: string; version: number } =
          "id" in input ? await update.mutateAsync(input) : await create.mutateAsync(input);
        if (andPublish && saved.status !== "PUBLISHED") saved = await publish.mutateAsync({ id: saved.id });
        await queryClient.invalidateQueries({ queryKey: trpc.knowledge.pathKey() });
        return saved;
      },
      {
        success: (saved) =>
          andPublish || saved.status === "PUBLISHED"
            ? t("knowledgeAdmin.savedPublished", { title: saved.title, version: saved.version })
            : t("knowledgeAdmin.savedDraft", { title: saved.title, version: saved.version }),
        onSuccess: onClose,
        onError: async (_error, fields) => {
          setFieldErrors(setError, fields);
          // someone else saved in between: load their version so the editor starts again from it
          if (editingId !== null) await queryClient.invalidateQueries({ queryKey: trpc.knowledge.get.queryKey({ id: editingId }) });
        },
      },
    );
  }

  const isPublished = current?.status === "PUBLISHED";
  return (
    <Dialog open={target !== null} onOpenChange={(open) => !open && onClose()}>
      <DialogContent closeLabel={t("common.close")} size="xl">
        <form className="grid gap-4" onSubmit={handleSubmit((form) => save(form, false), invalidInput)} noValidate>
          <DialogHeader>
            <DialogTitle>{target?.mode === "edit" ? t("knowledgeAdmin.edit") : t("knowledgeAdmin.create")}</DialogTitle>
            <DialogDescription>
              {current ? (
                <span className="inline-flex flex-wrap items-center gap-2">
                  <Badge variant={ARTICLE_STATUS_BADGE[current.status]} dot>
                    {t(`knowledgeAdmin.statusName.${current.status}`)}
                  </Badge>
                  <span data-testid="article-version">{t("knowledgeAdmin.versionOf", { version: current.version, count: current.versionCount })}</span>
                  {isPublished ? <span>{t("knowledgeAdmin.publishedEditHint")}</span> : null}
                </span>
              ) : target?.mode === "create" && target.fromQuestionId ? (
                t("knowledgeAdmin.fromQuestionHint")
              ) : (
                t("knowledgeAdmin.createHint")
              )}
            </DialogDescription>
          </DialogHeader>
          {!loaded ? (
            <DialogBody className="space-y-3">
              <Skeleton className="h-9" />
              <Skeleton className="h-48" />
            </DialogBody>
          ) : (
            <DialogBody className="grid gap-4 sm:grid-cols-2">
              <LimitedField
                label={t("knowledgeAdmin.articleTitle")}
                htmlFor="article-title"
                value={watch("title")}
                max={KB_TITLE_MAX}
                error={fieldErrors.title?.message}
                description={t("knowledgeAdmin.titleHint")}
                required
                className="sm:col-span-2"
              >
                <Input {...register("title")} />
              </LimitedField>
              <Field label={t("knowledgeAdmin.category")} htmlFor="article-category" error={fieldErrors.categoryId?.message}>
                <NativeSelect {...register("categoryId", { setValueAs: (value: string | number) => (value === "" ? "" : Number(value)) })}>
                  <option value="">{t("knowledgeAdmin.uncategorized")}</option>
                  {options.map((option) => (
                    <option key={option.id} value={option.id}>
                      {indentedName(option)}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
              <LimitedField
                label={t("knowledgeAdmin.keywords")}
                htmlFor="article-keywords"
                value={watch("keywords")}
                max={KB_KEYWORDS_MAX}
                error={fieldErrors.keywords?.message}
                description={t("knowledgeAdmin.keywordsHint")}
              >
                <Input {...register("keywords")} placeholder={t("knowledgeAdmin.keywordsPlaceholder")} />
              </LimitedField>
              <Field
                label={t("knowledgeAdmin.body")}
                htmlFor="article-body"
                error={fieldErrors.body?.message}
                description={
                  <>
                    {t("knowledgeAdmin.bodyHint")}
                    <span className="float-right tabular-nums">{t("knowledgeAdmin.characters", { count: bodyLength, maximum: KB_BODY_MAX })}</span>
                  </>
                }
                required
                className="sm:col-span-2"
              >
                <Textarea rows={12} {...register("body")} />
              </Field>
              {current && current.versions.length > 1 ? (
                <details className="text-sm sm:col-span-2">
                  <summary className="cursor-pointer font-medium text-slate-700">{t("knowledgeAdmin.history", { count: current.versionCount })}</summary>
                  <ol className="mt-2 space-y-1" data-testid="article-history">
                    {current.versions.map((version) => (
                      <li key={version.id} className="flex flex-wrap gap-x-3 text-slate-600">
                        <span className="font-mono tabular-nums">v{version.version}</span>
                        <span className="min-w-0 flex-1 truncate">{version.title}</span>
                        <span>{version.editor?.name ?? ""}</span>
                        <span className="text-slate-500">{format.dateTime(new Date(version.createdAt), { dateStyle: "short", timeStyle: "short" })}</span>
                      </li>
                    ))}
                  </ol>
                </details>
              ) : null}
            </DialogBody>
          )}
          <DialogFooter>
            <Button type="button" variant="outline" onClick={onClose}>
              {t("common.cancel")}
            </Button>
            {isPublished ? null : (
              <Button
                type="button"
                variant="outline"
                loading={pending}
                disabled={!loaded}
                onClick={() => void handleSubmit((form) => save(form, true), invalidInput)()}
              >
                {t("knowledgeAdmin.saveAndPublish")}
              </Button>
            )}
            <Button type="submit" loading={pending} disabled={!loaded}>
              {isPublished ? t("knowledgeAdmin.saveAndUpdate") : current?.status === "ARCHIVED" ? t("common.save") : t("knowledgeAdmin.saveDraft")}
            </Button>
          </DialogFooter>
        </form>
      </DialogContent>
    </Dialog>
  );
}
