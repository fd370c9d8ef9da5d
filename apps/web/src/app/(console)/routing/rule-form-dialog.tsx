"use client";

import { ROUTING_KEYWORD_MAX, ROUTING_RULE_NAME_MAX } from "@kefu/api/contracts/routing";
import { Checkbox } from "@kefu/ui/checkbox";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { NativeSelect } from "@kefu/ui/native-select";
import { Switch } from "@kefu/ui/switch";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useMutationFeedback, type FieldErrors } from "~/lib/mutation-feedback";
import { useTRPC } from "~/trpc/react";
import { useRoutingIssues } from "./field-issues";
import type { RoutingOverview, RoutingRuleRow } from "./routing-types";

/** Keywords are typed in one box, separated by commas (either width), 、 or spaces. */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[,，、\s]+/)
    .map((k) => k.trim())
    .filter(Boolean);
}

interface RuleFormProps {
  rule: RoutingRuleRow | null;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  overview: RoutingOverview;
}

export function RuleFormDialog({ rule, open, onOpenChange, overview }: RuleFormProps) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { run } = useMutationFeedback();
  const routingIssues = useRoutingIssues();
  const [errors, setErrors] = useState<FieldErrors>({});
  const [form, setForm] = useState({ name: "", teamId: "", keywords: "", categoryIds: [] as number[], showInMenu: true });
  const create = useMutation(trpc.routing.createRule.mutationOptions());
  const update = useMutation(trpc.routing.updateRule.mutationOptions());

  useEffect(() => {
    if (!open) return;
    setErrors({});
    setForm(
      rule
        ? {
            name: rule.name,
            teamId: String(rule.team.id),
            keywords: rule.keywords.join("，"),
            categoryIds: rule.categories.map((c) => c.id),
            showInMenu: rule.showInMenu,
          }
        : { name: "", teamId: String(overview.teams[0]?.id ?? ""), keywords: "", categoryIds: [], showInMenu: true },
    );
  }, [open, rule, overview.teams]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const values = {
      name: form.name,
      teamId: Number(form.teamId),
      keywords: splitKeywords(form.keywords),
      categoryIds: form.categoryIds,
      showInMenu: form.showInMenu,
    };
    const onSuccess = async () => {
      await queryClient.invalidateQueries({ queryKey: trpc.routing.pathKey() });
      onOpenChange(false);
    };
    const onError = (error: unknown, fields: FieldErrors) => setErrors(routingIssues(error, fields));
    setErrors({});
    if (rule) await run(() => update.mutateAsync({ id: rule.id, ...values }), { success: t("routingAdmin.ruleSaved"), onSuccess, onError });
    else await run(() => create.mutateAsync(values), { success: t("routingAdmin.ruleSaved"), onSuccess, onError });
  }

  const toggleCategory = (id: number, checked: boolean) =>
    setForm({ ...form, categoryIds: checked ? [...form.categoryIds, id] : form.categoryIds.filter((c) => c !== id) });
  const parentName = (parentId: number | null) => overview.categories.find((c) => c.id === parentId)?.name;

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")}>
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{rule ? t("routingAdmin.editRule") : t("routingAdmin.createRule")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="space-y-4">
            <Field label={t("routingAdmin.ruleName")} htmlFor="rule-name" error={errors.name} description={t("routingAdmin.ruleNameHint")} required>
              <Input name="name" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} maxLength={ROUTING_RULE_NAME_MAX} />
            </Field>
            <Field label={t("routingAdmin.team")} htmlFor="rule-team" error={errors.teamId} required>
              <NativeSelect name="teamId" value={form.teamId} onChange={(e) => setForm({ ...form, teamId: e.target.value })}>
                {overview.teams.map((team) => (
                  <option key={team.id} value={team.id}>
                    {team.name}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field
              label={t("routingAdmin.keywords")}
              htmlFor="rule-keywords"
              error={errors.keywords}
              description={t("routingAdmin.keywordsHint", { max: ROUTING_KEYWORD_MAX })}
            >
              <Input name="keywords" value={form.keywords} onChange={(e) => setForm({ ...form, keywords: e.target.value })} />
            </Field>
            <fieldset className="space-y-2">
              <legend className="text-sm font-medium">{t("routingAdmin.categories")}</legend>
              <p className="text-sm text-slate-500">{t("routingAdmin.categoriesHint")}</p>
              {errors.categoryIds ? <p className="text-sm text-red-600">{errors.categoryIds}</p> : null}
              <div className="grid max-h-48 gap-1 overflow-y-auto sm:grid-cols-2" data-testid="rule-categories">
                {overview.categories.map((category) => (
                  <label key={category.id} className="flex items-center gap-2 text-sm">
                    <Checkbox checked={form.categoryIds.includes(category.id)} onCheckedChange={(checked) => toggleCategory(category.id, checked === true)} />
                    {parentName(category.parentId) ? `${parentName(category.parentId)} / ${category.name}` : category.name}
                  </label>
                ))}
              </div>
            </fieldset>
            <div className="flex items-center justify-between gap-3">
              <div>
                <label htmlFor="rule-showInMenu" className="text-sm font-medium">
                  {t("routingAdmin.showInMenu")}
                </label>
                <p className="text-sm text-slate-500">{t("routingAdmin.showInMenuHint")}</p>
              </div>
              <Switch id="rule-showInMenu" checked={form.showInMenu} onCheckedChange={(checked) => setForm({ ...form, showInMenu: checked })} />
            </div>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("common.save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
