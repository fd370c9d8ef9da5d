"use client";

import { CUSTOMER_CHANNELS, CUSTOMER_LEVELS } from "@kefu/api/contracts/customer";
import { CUSTOMER_FILTER_CONDITIONS_MAX, CUSTOMER_SEARCH_MAX, PHONE_INPUT_MAX } from "@kefu/api/contracts/limits";
import type { RouterOutputs } from "@kefu/api/client";
import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { useTranslations } from "next-intl";
import type { ReactNode } from "react";
import { isComplete, withKey, type Draft, type DraftCondition } from "./audience";

export type FilterOptions = RouterOutputs["customer"]["filterOptions"];

const KINDS = [
  "name",
  "email",
  "phone",
  "externalId",
  "identity",
  "level",
  "tags",
  "channel",
  "lastSeen",
  "firstSeen",
  "conversationCount",
  "csatRated",
  "csatAverage",
  "ownerTeam",
  "field",
] as const;
type Kind = (typeof KINDS)[number];

/** A new row of a kind, with the values a person most likely wants (so it filters at once where it can). */
function newCondition(kind: Kind, options: FilterOptions): Record<string, unknown> & { kind: string } {
  switch (kind) {
    case "level":
      return { kind, levels: ["VIP", "SVIP"] };
    case "tags":
      return { kind, op: "any", tagIds: [] };
    case "channel":
      return { kind, channels: [] };
    case "lastSeen":
    case "firstSeen":
      return { kind, range: {} };
    case "conversationCount":
      return { kind, range: { min: 5 } };
    case "csatRated":
      return { kind };
    case "csatAverage":
      return { kind, max: 3 };
    case "ownerTeam":
      return { kind, teamIds: [], none: false };
    case "field": {
      const field = options.fields[0];
      return { kind, fieldId: field?.id ?? 0, op: "isSet" };
    }
    default:
      return { kind, [kind === "phone" ? "phone" : "value"]: "" };
  }
}

function toggle<T>(list: readonly T[] | undefined, value: T): T[] {
  const current = list ?? [];
  return current.includes(value) ? current.filter((v) => v !== value) : [...current, value];
}

const dayText = (date: unknown) => (date instanceof Date && !Number.isNaN(date.getTime()) ? date.toISOString().slice(0, 10) : "");
const dayStart = (text: string) => (text ? new Date(`${text}T00:00:00.000+08:00`) : undefined);
const dayEnd = (text: string) => (text ? new Date(`${text}T23:59:59.999+08:00`) : undefined);
const numberText = (value: unknown) => (typeof value === "number" && Number.isFinite(value) ? String(value) : "");
const numberOf = (text: string) => (text.trim() === "" ? undefined : Number(text));

function Chip({ on, onClick, children }: { on: boolean; onClick: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      aria-pressed={on}
      onClick={onClick}
      className={cn(
        "rounded-full border px-2.5 py-0.5 text-xs",
        on ? "border-primary-600 bg-primary-50 text-primary-700" : "border-slate-300 text-slate-600 hover:bg-slate-50",
      )}
    >
      {children}
    </button>
  );
}

function ConditionEditor({ row, options, onChange }: { row: DraftCondition; options: FilterOptions; onChange: (row: DraftCondition) => void }) {
  const t = useTranslations("customers");
  const set = (patch: Record<string, unknown>) => onChange({ ...row, ...patch });
  const range = (row.range ?? {}) as { min?: unknown; max?: unknown };
  switch (row.kind) {
    case "name":
    case "email":
    case "externalId":
    case "identity":
      return (
        <Input
          aria-label={t(`conditions.${row.kind}`)}
          value={typeof row.value === "string" ? row.value : ""}
          maxLength={CUSTOMER_SEARCH_MAX}
          onChange={(e) => set({ value: e.target.value })}
          className="min-w-0 flex-1"
        />
      );
    case "phone":
      return (
        <Input
          aria-label={t("conditions.phone")}
          inputMode="tel"
          value={typeof row.phone === "string" ? row.phone : ""}
          maxLength={PHONE_INPUT_MAX}
          onChange={(e) => set({ phone: e.target.value })}
          className="min-w-0 flex-1"
        />
      );
    case "level":
      return (
        <div className="flex flex-wrap gap-1.5">
          {CUSTOMER_LEVELS.map((level) => (
            <Chip key={level} on={((row.levels as string[]) ?? []).includes(level)} onClick={() => set({ levels: toggle(row.levels as string[], level) })}>
              {t(`levels.${level}`)}
            </Chip>
          ))}
        </div>
      );
    case "channel":
      return (
        <div className="flex flex-wrap gap-1.5">
          {CUSTOMER_CHANNELS.map((channel) => (
            <Chip
              key={channel}
              on={((row.channels as string[]) ?? []).includes(channel)}
              onClick={() => set({ channels: toggle(row.channels as string[], channel) })}
            >
              {t(`channels.${channel}`)}
            </Chip>
          ))}
        </div>
      );
    case "tags":
      return (
        <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">
          <NativeSelect aria-label={t("conditions.tagsOp")} value={String(row.op)} onChange={(e) => set({ op: e.target.value })}>
            {(["any", "all", "none"] as const).map((op) => (
              <option key={op} value={op}>
                {t(`tagOps.${op}`)}
              </option>
            ))}
          </NativeSelect>
          {options.tags.length === 0 ? <span className="text-xs text-slate-500">{t("noTags")}</span> : null}
          {options.tags.map((tag) => (
            <Chip key={tag.id} on={((row.tagIds as number[]) ?? []).includes(tag.id)} onClick={() => set({ tagIds: toggle(row.tagIds as number[], tag.id) })}>
              {tag.name}
            </Chip>
          ))}
        </div>
      );
    case "lastSeen":
    case "firstSeen":
      return (
        <div className="flex flex-wrap items-center gap-1.5 text-sm">
          <Input
            type="date"
            aria-label={t("from")}
            value={dayText(range.min)}
            onChange={(e) => set({ range: { ...range, min: dayStart(e.target.value) } })}
            className="w-40"
          />
          <span>–</span>
          <Input
            type="date"
            aria-label={t("to")}
            value={dayText(range.max)}
            onChange={(e) => set({ range: { ...range, max: dayEnd(e.target.value) } })}
            className="w-40"
          />
        </div>
      );
    case "conversationCount":
      return (
        <div className="flex flex-wrap items-center gap-1.5 text-sm">
          <Input
            type="number"
            min={0}
            aria-label={t("min")}
            value={numberText(range.min)}
            onChange={(e) => set({ range: { ...range, min: numberOf(e.target.value) } })}
            className="w-24"
          />
          <span>–</span>
          <Input
            type="number"
            min={0}
            aria-label={t("max")}
            value={numberText(range.max)}
            onChange={(e) => set({ range: { ...range, max: numberOf(e.target.value) } })}
            className="w-24"
          />
        </div>
      );
    case "csatRated":
      return null;
    case "csatAverage":
      return (
        <Input
          type="number"
          min={1}
          max={5}
          step={0.5}
          aria-label={t("conditions.csatAverage")}
          value={numberText(row.max)}
          onChange={(e) => set({ max: numberOf(e.target.value) })}
          className="w-24"
        />
      );
    case "ownerTeam":
      return (
        <NativeSelect
          aria-label={t("conditions.ownerTeam")}
          value={row.none ? "none" : String((row.teamIds as number[])?.[0] ?? "")}
          onChange={(e) =>
            set(e.target.value === "none" ? { none: true, teamIds: [] } : { none: false, teamIds: e.target.value ? [Number(e.target.value)] : [] })
          }
        >
          <option value="">{t("pickTeam")}</option>
          <option value="none">{t("noOwnerTeam")}</option>
          {options.teams.map((team) => (
            <option key={team.id} value={team.id}>
              {team.name}
            </option>
          ))}
        </NativeSelect>
      );
    case "field":
      return <FieldConditionEditor row={row} options={options} set={set} />;
    default:
      return null;
  }
}

function FieldConditionEditor({ row, options, set }: { row: DraftCondition; options: FilterOptions; set: (patch: Record<string, unknown>) => void }) {
  const t = useTranslations("customers");
  const field = options.fields.find((f) => f.id === row.fieldId);
  if (!field) return <span className="text-xs text-slate-500">{t("noFields")}</span>;
  const ops =
    field.type === "SELECT" || field.type === "MULTI_SELECT"
      ? (["optionIn", "isSet", "isNotSet"] as const)
      : field.type === "NUMBER"
        ? (["numberRange", "equals", "isSet", "isNotSet"] as const)
        : field.type === "DATE"
          ? (["dateRange", "isSet", "isNotSet"] as const)
          : field.type === "CHECKBOX"
            ? (["equals", "isSet", "isNotSet"] as const)
            : (["contains", "equals", "isSet", "isNotSet"] as const);
  const range = (row.range ?? {}) as { min?: unknown; max?: unknown };
  return (
    <div className="flex min-w-0 flex-1 flex-wrap items-center gap-1.5">
      <NativeSelect
        aria-label={t("conditions.field")}
        value={String(field.id)}
        onChange={(e) => set({ fieldId: Number(e.target.value), op: "isSet", value: undefined, range: undefined, options: undefined })}
      >
        {options.fields.map((f) => (
          <option key={f.id} value={f.id}>
            {f.label}
          </option>
        ))}
      </NativeSelect>
      <NativeSelect
        aria-label={t("fieldOp")}
        value={String(row.op)}
        onChange={(e) => set({ op: e.target.value, range: e.target.value.endsWith("Range") ? {} : undefined })}
      >
        {ops.map((op) => (
          <option key={op} value={op}>
            {t(`fieldOps.${op}`)}
          </option>
        ))}
      </NativeSelect>
      {row.op === "contains" || row.op === "equals" ? (
        <Input
          aria-label={t("fieldValue")}
          value={typeof row.value === "string" ? row.value : ""}
          maxLength={CUSTOMER_SEARCH_MAX}
          onChange={(e) => set({ value: e.target.value })}
          className="w-40"
        />
      ) : null}
      {row.op === "numberRange" ? (
        <>
          <Input
            type="number"
            aria-label={t("min")}
            value={numberText(range.min)}
            onChange={(e) => set({ range: { ...range, min: numberOf(e.target.value) } })}
            className="w-24"
          />
          <span>–</span>
          <Input
            type="number"
            aria-label={t("max")}
            value={numberText(range.max)}
            onChange={(e) => set({ range: { ...range, max: numberOf(e.target.value) } })}
            className="w-24"
          />
        </>
      ) : null}
      {row.op === "dateRange" ? (
        <>
          <Input
            type="date"
            aria-label={t("from")}
            value={dayText(range.min)}
            onChange={(e) => set({ range: { ...range, min: dayStart(e.target.value) } })}
            className="w-40"
          />
          <span>–</span>
          <Input
            type="date"
            aria-label={t("to")}
            value={dayText(range.max)}
            onChange={(e) => set({ range: { ...range, max: dayEnd(e.target.value) } })}
            className="w-40"
          />
        </>
      ) : null}
      {row.op === "optionIn"
        ? field.options.map((option) => (
            <Chip
              key={option}
              on={((row.options as string[]) ?? []).includes(option)}
              onClick={() => set({ options: toggle(row.options as string[], option) })}
            >
              {option}
            </Chip>
          ))
        : null}
    </div>
  );
}

/** The filter builder: conditions of many kinds, combined with AND or OR; unfinished rows are marked and left out. */
export function FilterBuilder({
  draft,
  options,
  onChange,
  extraGroups,
}: {
  draft: Draft;
  options: FilterOptions | undefined;
  onChange: (draft: Draft) => void;
  /** groups of a segment saved through the API, applied as they are */
  extraGroups: number;
}) {
  const t = useTranslations("customers");
  const tc = useTranslations("common");
  if (!options) return null;
  const kinds = KINDS.filter((kind) => kind !== "field" || options.fields.length > 0);
  const update = (key: number, row: DraftCondition) => onChange({ ...draft, conditions: draft.conditions.map((c) => (c.key === key ? row : c)) });
  return (
    <div className="space-y-2 rounded-lg border border-slate-200 bg-white p-3" data-testid="filter-builder">
      <div className="flex flex-wrap items-center gap-2 text-sm">
        <span className="text-slate-600">{t("matchLabel")}</span>
        <NativeSelect
          aria-label={t("matchLabel")}
          value={draft.match}
          onChange={(e) => onChange({ ...draft, match: e.target.value as Draft["match"] })}
          data-testid="filter-match"
        >
          <option value="all">{t("match.all")}</option>
          <option value="any">{t("match.any")}</option>
        </NativeSelect>
        {extraGroups > 0 ? <span className="text-xs text-slate-500">{t("savedGroups", { count: extraGroups })}</span> : null}
      </div>
      {draft.conditions.map((row) => (
        <div
          key={row.key}
          className={cn("flex flex-wrap items-center gap-2 rounded-md p-1.5", !isComplete(row) && "bg-amber-50")}
          data-testid="filter-condition"
        >
          <NativeSelect
            aria-label={t("conditionKind")}
            value={row.kind}
            onChange={(e) => update(row.key, { ...withKey(newCondition(e.target.value as Kind, options)), key: row.key })}
          >
            {kinds.map((kind) => (
              <option key={kind} value={kind}>
                {t(`conditions.${kind}`)}
              </option>
            ))}
          </NativeSelect>
          <ConditionEditor row={row} options={options} onChange={(next) => update(row.key, next)} />
          {!isComplete(row) ? <span className="text-xs text-amber-700">{t("unfinished")}</span> : null}
          <Button
            size="sm"
            variant="ghost"
            aria-label={t("removeCondition")}
            onClick={() => onChange({ ...draft, conditions: draft.conditions.filter((c) => c.key !== row.key) })}
          >
            {tc("delete")}
          </Button>
        </div>
      ))}
      <Button
        size="sm"
        variant="outline"
        disabled={draft.conditions.length + extraGroups >= CUSTOMER_FILTER_CONDITIONS_MAX}
        onClick={() => onChange({ ...draft, conditions: [...draft.conditions, withKey(newCondition("level", options))] })}
        data-testid="add-condition"
      >
        {t("addCondition")}
      </Button>
    </div>
  );
}
