"use client";

import { Field } from "@kefu/ui/field";
import { NativeSelect } from "@kefu/ui/native-select";
import { useTranslations } from "next-intl";

export type HandoverMode = "agent" | "team";

interface Props {
  /** the dialog's catalogue namespace; it holds toAgent, toTeam, agent, team, chooseAgent, chooseTeam, noAgents, agentOption */
  namespace: "workspace.transfer" | "monitor.reassign";
  idPrefix: string;
  mode: HandoverMode;
  onModeChange: (mode: HandoverMode) => void;
  /** online colleagues with a free slot; undefined while loading */
  agents: { id: number; name: string; employeeNo: string; open: number; maxConcurrent: number }[] | undefined;
  teams: { id: number; name: string }[] | undefined;
  toUserId: number | "";
  onToUserId: (id: number | "") => void;
  toTeamId: number | "";
  onToTeamId: (id: number | "") => void;
  fieldErrors: Record<string, string>;
}

/** Where a conversation goes next (an agent's transfer, a supervisor's reassignment): one person, or a team's queue. */
export function HandoverTargetFields({
  namespace,
  idPrefix,
  mode,
  onModeChange,
  agents,
  teams,
  toUserId,
  onToUserId,
  toTeamId,
  onToTeamId,
  fieldErrors,
}: Props) {
  const t = useTranslations(namespace);
  const chosen = (value: string) => (value ? Number(value) : "");
  return (
    <>
      <div className="flex gap-4 text-sm" role="radiogroup">
        <label className="flex items-center gap-2">
          <input type="radio" name={`${idPrefix}-mode`} checked={mode === "agent"} onChange={() => onModeChange("agent")} />
          {t("toAgent")}
        </label>
        <label className="flex items-center gap-2">
          <input type="radio" name={`${idPrefix}-mode`} checked={mode === "team"} onChange={() => onModeChange("team")} />
          {t("toTeam")}
        </label>
      </div>
      {mode === "agent" ? (
        <Field
          label={t("agent")}
          htmlFor={`${idPrefix}-agent`}
          error={fieldErrors.toUserId}
          description={agents && agents.length === 0 ? t("noAgents") : undefined}
        >
          <NativeSelect id={`${idPrefix}-agent`} value={toUserId} onChange={(event) => onToUserId(chosen(event.target.value))}>
            <option value="">{t("chooseAgent")}</option>
            {agents?.map((agent) => (
              <option key={agent.id} value={agent.id}>
                {t("agentOption", { name: agent.name, employeeNo: agent.employeeNo, open: agent.open, max: agent.maxConcurrent })}
              </option>
            ))}
          </NativeSelect>
        </Field>
      ) : (
        <Field label={t("team")} htmlFor={`${idPrefix}-team`} error={fieldErrors.toTeamId}>
          <NativeSelect id={`${idPrefix}-team`} value={toTeamId} onChange={(event) => onToTeamId(chosen(event.target.value))}>
            <option value="">{t("chooseTeam")}</option>
            {teams?.map((team) => (
              <option key={team.id} value={team.id}>
                {team.name}
              </option>
            ))}
          </NativeSelect>
        </Field>
      )}
    </>
  );
}
