"use client";

import { CUSTOMER_NOTE_MAX, MENTION_SEARCH_MAX, NOTE_MENTIONS_MAX } from "@kefu/api/contracts/customer-profile";
import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Textarea } from "@kefu/ui/textarea";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { LimitedField, LimitedInput, withinLimit } from "~/components/limited-field";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";

export interface Mention {
  id: number;
  name: string;
}

/** Writes a new note about a customer, or edits one of the writer's own; colleagues can be @mentioned from the staff list. */
export function NoteComposer({
  customerId,
  note,
  onDone,
  compact = false,
}: {
  customerId: number;
  /** the note being edited; a new note when absent */
  note?: { id: number; body: string; mentions: Mention[] };
  onDone?: () => void;
  compact?: boolean;
}) {
  const t = useTranslations("customerProfile");
  const tc = useTranslations("common");
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run, fieldErrors } = useMutationFeedback();
  const id = useId();
  const [body, setBody] = useState(note?.body ?? "");
  const [mentions, setMentions] = useState<Mention[]>(note?.mentions ?? []);
  const [search, setSearch] = useState("");
  const [picking, setPicking] = useState(false);
  const staff = useQuery({ ...trpc.customer.listMentionable.queryOptions({ search: withinLimit(search, MENTION_SEARCH_MAX) }), enabled: picking });
  const create = useMutation(trpc.customer.createNote.mutationOptions());
  const update = useMutation(trpc.customer.updateNote.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const mentionIds = mentions.map((m) => m.id);
    const onSuccess = async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.customer.timeline.pathKey() });
      if (!note) {
        setBody("");
        setMentions([]);
      }
      onDone?.();
    };
    if (note) await run(() => update.mutateAsync({ id: note.id, body, mentions: mentionIds }), { success: t("notes.updated"), onSuccess });
    else await run(() => create.mutateAsync({ customerId, body, mentions: mentionIds }), { success: t("notes.added"), onSuccess });
  }

  function addMention(person: Mention) {
    if (!mentions.some((m) => m.id === person.id)) setMentions([...mentions, person]);
    setPicking(false);
    setSearch("");
  }

  return (
    <form onSubmit={onSubmit} noValidate className="space-y-2" data-testid={note ? "note-editor" : "note-composer"}>
      <LimitedField label={note ? t("notes.edit") : t("notes.new")} htmlFor={`${id}-body`} value={body} max={CUSTOMER_NOTE_MAX} error={fieldErrors.body}>
        <Textarea rows={compact ? 2 : 3} value={body} onChange={(e) => setBody(e.target.value)} placeholder={t("notes.placeholder")} />
      </LimitedField>
      <div className="flex flex-wrap items-center gap-1.5">
        {mentions.map((m) => (
          <Badge key={m.id} variant="info" data-testid="mention-chip">
            @{m.name}
            <button
              type="button"
              className="ml-1 text-primary-700"
              aria-label={t("notes.removeMention", { name: m.name })}
              onClick={() => setMentions(mentions.filter((x) => x.id !== m.id))}
            >
              ×
            </button>
          </Badge>
        ))}
        {mentions.length < NOTE_MENTIONS_MAX ? (
          <Button type="button" size="sm" variant="ghost" onClick={() => setPicking(!picking)} aria-expanded={picking}>
            {t("notes.mention")}
          </Button>
        ) : null}
        {fieldErrors.mentions ? <span className="text-sm text-red-600">{fieldErrors.mentions}</span> : null}
      </div>
      {picking ? (
        <div className="space-y-1 rounded-md border border-slate-200 p-2">
          <LimitedInput
            type="search"
            value={search}
            max={MENTION_SEARCH_MAX}
            hintId={`${id}-mention-hint`}
            onChange={(e) => setSearch(e.target.value)}
            placeholder={t("notes.mentionSearch")}
            aria-label={t("notes.mentionSearch")}
            autoFocus
          />
          <ul className="max-h-40 overflow-y-auto text-sm">
            {staff.data?.map((person) => (
              <li key={person.id}>
                <button type="button" className="w-full rounded px-2 py-1 text-left hover:bg-slate-100" onClick={() => addMention(person)}>
                  {person.name} <span className="text-slate-500">{person.employeeNo}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex justify-end gap-2">
        {note ? (
          <Button type="button" size="sm" variant="outline" onClick={onDone}>
            {tc("cancel")}
          </Button>
        ) : null}
        <Button type="submit" size="sm" loading={create.isPending || update.isPending}>
          {note ? tc("save") : t("notes.add")}
        </Button>
      </div>
    </form>
  );
}
