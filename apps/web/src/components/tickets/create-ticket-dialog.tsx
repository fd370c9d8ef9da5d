"use client";

import { TICKET_CUSTOM_FIELDS_MAX, TICKET_DESCRIPTION_MAX, TICKET_PRIORITIES, TICKET_SUBJECT_MAX, TICKET_TYPES } from "@kefu/api/contracts/ticket";
import { Button } from "@kefu/ui/button";
import { Dialog, DialogBody, DialogContent, DialogDescription, DialogFooter, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState } from "react";
import { useMutationFeedback, type FieldErrors } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

interface CustomRow {
  key: string;
  value: string;
}

/** The new-ticket form, started from a conversation (subject and description drafted from the customer's latest messages). */
export function CreateTicketDialog({ conversationId, open, onOpenChange }: { conversationId: number; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("tickets");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const draft = useQuery({ ...trpc.ticket.draftFromConversation.queryOptions({ conversationId }), enabled: open });
  const assignees = useQuery({ ...trpc.ticket.listAssignees.queryOptions(), enabled: open });
  const [subject, setSubject] = useState("");
  const [description, setDescription] = useState("");
  const [priority, setPriority] = useState<(typeof TICKET_PRIORITIES)[number]>("NORMAL");
  const [type, setType] = useState<(typeof TICKET_TYPES)[number]>("QUESTION");
  const [teamId, setTeamId] = useState("");
  const [custom, setCustom] = useState<CustomRow[]>([]);
  const [errors, setErrors] = useState<FieldErrors>({});
  const create = useMutation(trpc.ticket.create.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.ticket.pathKey() }) }));

  useEffect(() => {
    if (!open || !draft.data) return;
    setSubject(draft.data.subject);
    setDescription(draft.data.description);
    setTeamId(draft.data.teamId ? String(draft.data.teamId) : "");
    setPriority("NORMAL");
    setType("QUESTION");
    setCustom([]);
    setErrors({});
  }, [open, draft.data]);

  async function submit() {
    await feedback.run(
      () =>
        create.mutateAsync({
          subject,
          description,
          priority,
          type,
          teamId: teamId ? Number(teamId) : null,
          customFields: Object.fromEntries(custom.filter((row) => row.key.trim() || row.value.trim()).map((row) => [row.key.trim(), row.value])),
          conversationIds: [conversationId],
        }),
      {
        success: t("created"),
        onSuccess: () => onOpenChange(false),
        onError: (_error, fields) => setErrors(fields),
      },
    );
  }

  const customError = Object.entries(errors).find(([field]) => field.startsWith("customFields"));
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent size="lg" closeLabel={t("cancel")} data-testid="create-ticket-dialog">
        <DialogHeader>
          <DialogTitle>{t("createTitle")}</DialogTitle>
          <DialogDescription>{t("createDescription")}</DialogDescription>
        </DialogHeader>
        <DialogBody className="space-y-3">
          <Field label={t("field.subject")} htmlFor="ticket-subject" error={errors.subject} required>
            <Input id="ticket-subject" value={subject} maxLength={TICKET_SUBJECT_MAX} onChange={(e) => setSubject(e.target.value)} />
          </Field>
          <Field label={t("field.description")} htmlFor="ticket-description" error={errors.description} required>
            <Textarea
              id="ticket-description"
              rows={6}
              value={description}
              maxLength={TICKET_DESCRIPTION_MAX}
              onChange={(e) => setDescription(e.target.value)}
            />
          </Field>
          <div className="grid grid-cols-3 gap-3">
            <Field label={t("field.priority")} htmlFor="ticket-priority">
              <NativeSelect id="ticket-priority" value={priority} onChange={(e) => setPriority(e.target.value as typeof priority)}>
                {TICKET_PRIORITIES.map((value) => (
                  <option key={value} value={value}>
                    {t(`priority.${value}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label={t("field.type")} htmlFor="ticket-type">
              <NativeSelect id="ticket-type" value={type} onChange={(e) => setType(e.target.value as typeof type)}>
                {TICKET_TYPES.map((value) => (
                  <option key={value} value={value}>
                    {t(`type.${value}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label={t("field.team")} htmlFor="ticket-team" error={errors.teamId}>
              <NativeSelect id="ticket-team" value={teamId} onChange={(e) => setTeamId(e.target.value)}>
                <option value="">{t("none")}</option>
                {(assignees.data?.teams ?? []).map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
          </div>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-700">{t("field.customFields")}</legend>
            {custom.map((row, index) => (
              <div key={index} className="flex gap-2">
                <Input
                  aria-label={t("field.customKey")}
                  placeholder={t("field.customKeyHint")}
                  value={row.key}
                  onChange={(e) => setCustom(custom.map((r, i) => (i === index ? { ...r, key: e.target.value } : r)))}
                />
                <Input
                  aria-label={t("field.customValue")}
                  value={row.value}
                  onChange={(e) => setCustom(custom.map((r, i) => (i === index ? { ...r, value: e.target.value } : r)))}
                />
                <Button variant="ghost" type="button" onClick={() => setCustom(custom.filter((_, i) => i !== index))}>
                  {t("remove")}
                </Button>
              </div>
            ))}
            {customError ? <p className="text-sm text-red-600">{customError[1]}</p> : null}
            {custom.length < TICKET_CUSTOM_FIELDS_MAX ? (
              <Button variant="outline" size="sm" type="button" onClick={() => setCustom([...custom, { key: "", value: "" }])}>
                {t("addField")}
              </Button>
            ) : null}
          </fieldset>
        </DialogBody>
        <DialogFooter>
          <Button variant="ghost" onClick={() => onOpenChange(false)}>
            {t("cancel")}
          </Button>
          <Button onClick={() => void submit()} disabled={create.isPending || !draft.data} data-testid="create-ticket-submit">
            {t("create")}
          </Button>
        </DialogFooter>
      </DialogContent>
    </Dialog>
  );
}
