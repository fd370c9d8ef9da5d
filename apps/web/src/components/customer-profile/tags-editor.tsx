"use client";

import { TAG_NAME_MAX } from "@kefu/api/contracts/customer-profile";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Input } from "@kefu/ui/input";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { LimitHint } from "~/components/limited-field";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

/** A customer's tags; people who may annotate add and remove them (each change is a customer event). */
export function TagsEditor({ customerId, tags, canEdit }: { customerId: number; tags: { id: number; name: string }[]; canEdit: boolean }) {
  const t = useTranslations("customerProfile");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors } = useMutationFeedback();
  const listId = useId();
  const [name, setName] = useState("");
  const suggestions = useQuery({ ...trpc.customer.listTagSuggestions.queryOptions(), enabled: canEdit });
  // the workspace's customer panel reads the tags through the conversation
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() }),
      queryClient.invalidateQueries({ queryKey: trpc.conversation.get.queryKey() }),
    ]);
  const add = useMutation(trpc.customer.addTag.mutationOptions({ onSettled: refresh }));
  const remove = useMutation(trpc.customer.removeTag.mutationOptions({ onSettled: refresh }));

  async function onAdd(event: FormEvent) {
    event.preventDefault();
    await run(() => add.mutateAsync({ id: customerId, name }), { onSuccess: () => setName("") });
  }

  return (
    <div className="space-y-2" data-testid="customer-tags">
      <div className="flex flex-wrap gap-1.5">
        {tags.length === 0 ? <span className="text-sm text-slate-400">{t("tags.none")}</span> : null}
        {tags.map((tag) => (
          <Badge key={tag.id} data-tag={tag.name}>
            {tag.name}
            {canEdit ? (
              <button
                type="button"
                className="ml-1 text-slate-500 hover:text-slate-900"
                aria-label={t("tags.remove", { name: tag.name })}
                onClick={() => void run(() => remove.mutateAsync({ id: customerId, name: tag.name }))}
              >
                ×
              </button>
            ) : null}
          </Badge>
        ))}
      </div>
      {canEdit ? (
        <form onSubmit={onAdd} noValidate className="flex items-start gap-2">
          <div className="min-w-0 flex-1">
            <Input
              value={name}
              list={listId}
              onChange={(e) => setName(e.target.value)}
              placeholder={t("tags.placeholder")}
              aria-label={t("tags.add")}
              aria-invalid={fieldErrors.name ? true : undefined}
            />
            <LimitHint id={`${listId}-hint`} value={name} max={TAG_NAME_MAX} />
            {fieldErrors.name ? <p className="mt-1 text-sm text-red-600">{fieldErrors.name}</p> : null}
          </div>
          <datalist id={listId}>
            {suggestions.data?.map((s) => (
              <option key={s.id} value={s.name} />
            ))}
          </datalist>
          <Button type="submit" size="sm" variant="outline" loading={add.isPending}>
            {t("tags.add")}
          </Button>
        </form>
      ) : null}
    </div>
  );
}
