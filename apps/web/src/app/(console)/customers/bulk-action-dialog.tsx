"use client";

import { CUSTOMER_LEVELS, type BulkAction, type CustomerAudienceInput } from "@kefu/api/contracts/customer";
import { TAG_NAME_MAX } from "@kefu/api/contracts/limits";
import { Button } from "@kefu/ui/button";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { FilterOptions } from "./filter-builder";

export type BulkKind = BulkAction["kind"];

/** One bulk action on the audience: pick the tags, level or owner team, confirm how many customers it touches. */
export function BulkActionDialog({
  kind,
  audience,
  count,
  options,
  canTag,
  onOpenChange,
  onStarted,
}: {
  kind: BulkKind | null;
  audience: CustomerAudienceInput;
  count: number;
  options: FilterOptions | undefined;
  canTag: boolean;
  onOpenChange: (open: boolean) => void;
  /** a job was started (large audiences); small ones finish before this dialog closes */
  onStarted: (jobId: number) => void;
}) {
  const t = useTranslations("customers");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const [tagIds, setTagIds] = useState<number[]>([]);
  const [level, setLevel] = useState<(typeof CUSTOMER_LEVELS)[number]>("VIP");
  const [teamId, setTeamId] = useState<string>("");
  const [newTag, setNewTag] = useState("");
  const bulk = useMutation(trpc.customer.bulkUpdate.mutationOptions());
  const createTag = useMutation(trpc.customer.createTag.mutationOptions());

  useEffect(() => {
    if (kind) {
      setTagIds([]);
      setNewTag("");
    }
  }, [kind]);

  const action: BulkAction | null =
    kind === "addTags" || kind === "removeTags"
      ? tagIds.length
        ? { kind, tagIds }
        : null
      : kind === "setLevel"
        ? { kind, level }
        : kind === "setOwnerTeam"
          ? { kind, teamId: teamId ? Number(teamId) : null }
          : null;

  async function addTag() {
    await run(() => createTag.mutateAsync({ name: newTag }), {
      success: (tag) => t("tagCreated", { name: tag.name }),
      onSuccess: async (tag) => {
        setTagIds((ids) => [...ids, tag.id]);
        setNewTag("");
        await queryClient.invalidateQueries({ queryKey: trpc.customer.filterOptions.queryKey() });
      },
    });
  }

  async function submit(event: React.FormEvent) {
    event.preventDefault();
    if (!action) return;
    await run(() => bulk.mutateAsync({ audience, action }), {
      success: (outcome) =>
        outcome.mode === "done" ? t("job.bulkResult", { matched: outcome.result.matched, changed: outcome.result.changed }) : t("job.started"),
      onSuccess: async (outcome) => {
        if (outcome.mode === "job") onStarted(outcome.jobId);
        await queryClient.invalidateQueries({ queryKey: trpc.customer.pathKey() });
        onOpenChange(false);
      },
    });
  }

  return (
    <Dialog open={kind !== null} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={tc("close")}>
        <form onSubmit={submit} noValidate data-testid="bulk-dialog">
          <DialogHeader>
            <DialogTitle>{kind ? t(`bulk.${kind}`) : ""}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <p className="text-sm text-slate-600">{t("bulk.audience", { count })}</p>
            {kind === "addTags" || kind === "removeTags" ? (
              <Field label={t("bulk.tags")} htmlFor="bulk-tags">
                <div className="flex flex-wrap gap-1.5" id="bulk-tags">
                  {(options?.tags ?? []).map((tag) => (
                    <label key={tag.id} className="flex items-center gap-1 rounded-full border border-slate-300 px-2.5 py-0.5 text-xs">
                      <input
                        type="checkbox"
                        checked={tagIds.includes(tag.id)}
                        onChange={() => setTagIds((ids) => (ids.includes(tag.id) ? ids.filter((id) => id !== tag.id) : [...ids, tag.id]))}
                      />
                      {tag.name}
                    </label>
                  ))}
                </div>
              </Field>
            ) : null}
            {kind === "addTags" && canTag ? (
              <div className="flex items-end gap-2">
                <Field label={t("bulk.newTag")} htmlFor="bulk-new-tag" className="flex-1">
                  <Input value={newTag} maxLength={TAG_NAME_MAX} onChange={(e) => setNewTag(e.target.value)} />
                </Field>
                <Button type="button" variant="outline" disabled={!newTag.trim()} loading={createTag.isPending} onClick={() => void addTag()}>
                  {t("bulk.createTag")}
                </Button>
              </div>
            ) : null}
            {kind === "setLevel" ? (
              <Field label={t("columns.level")} htmlFor="bulk-level">
                <NativeSelect value={level} onChange={(e) => setLevel(e.target.value as typeof level)}>
                  {CUSTOMER_LEVELS.map((l) => (
                    <option key={l} value={l}>
                      {t(`levels.${l}`)}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
            ) : null}
            {kind === "setOwnerTeam" ? (
              <Field label={t("columns.ownerTeam")} htmlFor="bulk-team">
                <NativeSelect value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                  <option value="">{t("noOwnerTeam")}</option>
                  {(options?.teams ?? []).map((team) => (
                    <option key={team.id} value={team.id}>
                      {team.name}
                    </option>
                  ))}
                </NativeSelect>
              </Field>
            ) : null}
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("bulk.apply", { count })} pending={bulk.isPending} disabled={!action} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
