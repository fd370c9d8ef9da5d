"use client";

import { Badge } from "@kefu/ui/badge";
import { Button } from "@kefu/ui/button";
import { Card, CardContent, CardHeader, CardTitle } from "@kefu/ui/card";
import { ConfirmDialog } from "@kefu/ui/confirm-dialog";
import { EmptyState } from "@kefu/ui/empty-state";
import { PageHeader } from "@kefu/ui/page-header";
import { Skeleton } from "@kefu/ui/skeleton";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useMutationFeedback } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { TeamFormDialog } from "./team-form-dialog";
import { TeamMembersDialog } from "./team-members-dialog";
import type { TeamRow } from "./team-types";

export function TeamBoard({ canManage }: { canManage: boolean }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const feedback = useMutationFeedback();
  const teams = useQuery(trpc.team.list.queryOptions());
  const [editing, setEditing] = useState<TeamRow | "new" | null>(null);
  const [members, setMembers] = useState<TeamRow | null>(null);
  const [deleting, setDeleting] = useState<TeamRow | null>(null);
  const remove = useMutation(trpc.team.delete.mutationOptions({ onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.team.pathKey() }) }));

  return (
    <div className="space-y-4">
      <PageHeader
        title={t("teams.title")}
        description={t("teams.description")}
        actions={canManage ? <Button onClick={() => setEditing("new")}>{t("teams.create")}</Button> : null}
      />
      {teams.isPending ? (
        <div className="grid gap-4 md:grid-cols-2">
          <Skeleton className="h-40" />
          <Skeleton className="h-40" />
        </div>
      ) : teams.data?.length ? (
        <div className="grid gap-4 md:grid-cols-2" data-testid="team-list">
          {teams.data.map((team) => (
            <Card key={team.id} data-team={team.name}>
              <CardHeader
                actions={
                  canManage ? (
                    <div className="flex gap-1">
                      <Button size="sm" variant="ghost" onClick={() => setMembers(team)}>
                        {t("teams.manageMembers")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setEditing(team)}>
                        {t("common.edit")}
                      </Button>
                      <Button size="sm" variant="ghost" onClick={() => setDeleting(team)}>
                        {t("common.delete")}
                      </Button>
                    </div>
                  ) : null
                }
              >
                <CardTitle>{team.name}</CardTitle>
              </CardHeader>
              <CardContent className="space-y-2 text-sm">
                {team.description ? <p className="text-slate-600">{team.description}</p> : null}
                <div className="flex flex-wrap gap-2">
                  <Badge>{t("teams.memberCount", { count: team.memberCount })}</Badge>
                  <Badge variant={team.autoAssign ? "success" : "neutral"}>
                    {t("teams.autoAssign")}: {team.autoAssign ? t("common.yes") : t("common.no")}
                  </Badge>
                  <Badge>
                    {t("teams.maxQueueLength")}: {team.maxQueueLength}
                  </Badge>
                  <Badge>
                    {t("teams.replyTimeout")}: {team.replyTimeoutSeconds}
                  </Badge>
                </div>
                {team.leads.length ? (
                  <p className="text-slate-500">
                    {t("teams.leads")}: {team.leads.map((l) => l.name).join("、")}
                  </p>
                ) : null}
              </CardContent>
            </Card>
          ))}
        </div>
      ) : (
        <EmptyState
          bordered
          title={t("teams.empty")}
          description={t("teams.emptyHint")}
          action={canManage ? <Button onClick={() => setEditing("new")}>{t("teams.create")}</Button> : undefined}
        />
      )}
      {canManage ? (
        <>
          <TeamFormDialog team={editing === "new" ? null : editing} open={editing !== null} onOpenChange={(open) => !open && setEditing(null)} />
          <TeamMembersDialog team={members} onOpenChange={(open) => !open && setMembers(null)} />
          <ConfirmDialog
            open={deleting !== null}
            onOpenChange={(open) => !open && setDeleting(null)}
            title={t("teams.confirmDeleteTitle", { name: deleting?.name ?? "" })}
            description={t("teams.confirmDeleteBody")}
            confirmLabel={t("common.delete")}
            cancelLabel={t("common.cancel")}
            destructive
            onConfirm={() => feedback.confirm(() => remove.mutateAsync({ id: deleting!.id }), { success: t("teams.deleted") })}
          />
        </>
      ) : null}
    </div>
  );
}
