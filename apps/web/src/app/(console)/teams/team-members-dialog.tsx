"use client";

import { Checkbox } from "@kefu/ui/checkbox";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useDeferredValue, useEffect, useState } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import type { TeamRow } from "./team-types";

/** Picks a team's members (and leads) from the active staff directory. */
export function TeamMembersDialog({ team, onOpenChange }: { team: TeamRow | null; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const open = team !== null;
  const detail = useQuery({ ...trpc.team.get.queryOptions({ id: team?.id ?? 0 }), enabled: open });
  const [selected, setSelected] = useState<Map<number, boolean>>(new Map());
  const [filter, setFilter] = useState("");
  const search = useDeferredValue(filter.trim());
  const staff = useQuery({ ...trpc.user.list.queryOptions({ limit: 100, status: "active", ...(search ? { search } : {}) }), enabled: open });
  const save = useMutation(trpc.team.setMembers.mutationOptions());

  useEffect(() => {
    if (detail.data) setSelected(new Map(detail.data.members.map((m) => [m.user.id, m.isLead])));
  }, [detail.data]);

  const people = staff.data?.items ?? [];

  function onSave() {
    return feedback.run(() => save.mutateAsync({ id: team!.id, members: [...selected].map(([userId, isLead]) => ({ userId, isLead })) }), {
      success: t("teams.membersSaved"),
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() });
        await queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() });
        onOpenChange(false);
      },
    });
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")} size="lg">
        <DialogHeader>
          <DialogTitle>
            {t("teams.manageMembers")} · {team?.name}
          </DialogTitle>
        </DialogHeader>
        <DialogBody className="space-y-3">
          <Input
            type="search"
            aria-label={t("teams.pickStaff")}
            placeholder={t("staff.searchPlaceholder")}
            value={filter}
            onChange={(e) => setFilter(e.target.value)}
          />
          <ul className="max-h-80 divide-y divide-slate-100 overflow-y-auto rounded-md border border-slate-200">
            {people.map((person) => {
              const member = selected.has(person.id);
              return (
                <li key={person.id} className="flex items-center justify-between gap-3 px-3 py-2">
                  <div className="flex items-center gap-2">
                    <Checkbox
                      id={`member-${person.id}`}
                      checked={member}
                      onCheckedChange={(checked) => {
                        const next = new Map(selected);
                        if (checked === true) next.set(person.id, false);
                        else next.delete(person.id);
                        setSelected(next);
                      }}
                    />
                    <Label htmlFor={`member-${person.id}`}>
                      {person.name}{" "}
                      <span className="text-slate-500">
                        ({person.employeeNo} · {t(`roles.${person.role}`)})
                      </span>
                    </Label>
                  </div>
                  {member ? (
                    <div className="flex items-center gap-2">
                      <Checkbox
                        id={`lead-${person.id}`}
                        checked={selected.get(person.id) ?? false}
                        onCheckedChange={(checked) => setSelected(new Map(selected).set(person.id, checked === true))}
                      />
                      <Label htmlFor={`lead-${person.id}`}>{t("teams.isLead")}</Label>
                    </div>
                  ) : null}
                </li>
              );
            })}
          </ul>
        </DialogBody>
        <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("common.save")} pending={save.isPending} onSubmit={() => void onSave()} />
      </DialogContent>
    </Dialog>
  );
}
