"use client";

import { Checkbox } from "@kefu/ui/checkbox";
import { Dialog, DialogBody, DialogContent, DialogHeader, DialogTitle } from "@kefu/ui/dialog";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { Label } from "@kefu/ui/label";
import { NativeSelect } from "@kefu/ui/native-select";
import { useToast } from "@kefu/ui/toast";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { useApiErrors } from "~/lib/trpc-errors";
import { FormDialogFooter } from "~/components/form-dialog-footer";
import { useTRPC } from "~/trpc/react";
import { FORM_ROLES, type Role, type StaffRow, type Team } from "./staff-types";

interface FormState {
  employeeNo: string;
  name: string;
  email: string;
  phone: string;
  role: Role;
  teamIds: number[];
  maxConcurrent: string;
  password: string;
}

const EMPTY: FormState = { employeeNo: "", name: "", email: "", phone: "", role: "AGENT", teamIds: [], maxConcurrent: "5", password: "" };

export function StaffFormDialog({ open, staff, teams, onOpenChange }: { open: boolean; staff: StaffRow | null; teams: Team[]; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { toast } = useToast();
  const errors = useApiErrors();
  const [form, setForm] = useState<FormState>(EMPTY);
  const [fieldErrors, setFieldErrors] = useState<Record<string, string>>({});
  const create = useMutation(trpc.user.create.mutationOptions());
  const update = useMutation(trpc.user.update.mutationOptions());

  useEffect(() => {
    if (!open) return;
    setFieldErrors({});
    setForm(
      staff
        ? { ...EMPTY, employeeNo: staff.employeeNo, name: staff.name, email: staff.email, role: staff.role, teamIds: staff.teams.map((m) => m.team.id), maxConcurrent: String(staff.maxConcurrent) }
        : EMPTY,
    );
  }, [open, staff]);

  const set = (key: keyof FormState) => (event: { target: { value: string } }) => setForm((f) => ({ ...f, [key]: event.target.value }));
  const toggleTeam = (id: number, checked: boolean) => setForm((f) => ({ ...f, teamIds: checked ? [...f.teamIds, id] : f.teamIds.filter((x) => x !== id) }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setFieldErrors({});
    const common = { name: form.name, email: form.email, role: form.role, teamIds: form.teamIds, maxConcurrent: Number(form.maxConcurrent) };
    try {
      if (staff) {
        await update.mutateAsync({ id: staff.id, ...common, ...(form.phone ? { phone: form.phone } : {}) });
        toast({ title: t("staff.updated"), variant: "success" });
      } else {
        const created = await create.mutateAsync({ ...common, employeeNo: form.employeeNo, password: form.password, ...(form.phone ? { phone: form.phone } : {}) });
        toast({ title: t("staff.created", { name: created.name }), variant: "success" });
      }
      await queryClient.invalidateQueries({ queryKey: trpc.user.pathKey() });
      onOpenChange(false);
    } catch (error) {
      setFieldErrors(errors.fieldErrors(error));
      toast({ title: errors.message(error), variant: "error" });
    }
  }

  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent closeLabel={t("common.close")} size="lg">
        <form onSubmit={onSubmit} noValidate>
          <DialogHeader>
            <DialogTitle>{staff ? t("staff.edit") : t("staff.create")}</DialogTitle>
          </DialogHeader>
          <DialogBody className="grid gap-4 sm:grid-cols-2">
            <Field label={t("staff.employeeNo")} htmlFor="staff-employeeNo" error={fieldErrors.employeeNo} required>
              <Input name="employeeNo" value={form.employeeNo} onChange={set("employeeNo")} disabled={Boolean(staff)} maxLength={32} />
            </Field>
            <Field label={t("staff.name")} htmlFor="staff-name" error={fieldErrors.name} required>
              <Input name="name" value={form.name} onChange={set("name")} maxLength={64} />
            </Field>
            <Field label={t("staff.email")} htmlFor="staff-email" error={fieldErrors.email} required>
              <Input name="email" type="email" value={form.email} onChange={set("email")} maxLength={191} />
            </Field>
            <Field label={t("staff.phone")} htmlFor="staff-phone" error={fieldErrors.phone} description={staff?.phoneLast4 ? `****${staff.phoneLast4} · ${t("staff.phoneHint")}` : t("staff.phoneHint")}>
              <Input name="phone" type="tel" inputMode="tel" value={form.phone} onChange={set("phone")} maxLength={24} />
            </Field>
            <Field label={t("staff.role")} htmlFor="staff-role" error={fieldErrors.role} required>
              <NativeSelect name="role" value={form.role} onChange={set("role")}>
                {FORM_ROLES.map((r) => (
                  <option key={r} value={r}>
                    {t(`roles.${r}`)}
                  </option>
                ))}
              </NativeSelect>
            </Field>
            <Field label={t("staff.maxConcurrent")} htmlFor="staff-maxConcurrent" error={fieldErrors.maxConcurrent} description={t("staff.maxConcurrentHint")} required>
              <Input name="maxConcurrent" type="number" min={1} max={50} value={form.maxConcurrent} onChange={set("maxConcurrent")} />
            </Field>
            {staff ? null : (
              <Field label={t("staff.initialPassword")} htmlFor="staff-password" error={fieldErrors.password} description={t("staff.initialPasswordHint")} required className="sm:col-span-2">
                <Input name="password" type="password" autoComplete="new-password" value={form.password} onChange={set("password")} maxLength={128} />
              </Field>
            )}
            <fieldset className="sm:col-span-2">
              <legend className="mb-2 text-sm font-medium">{t("staff.teams")}</legend>
              {fieldErrors.teamIds ? <p className="mb-2 text-sm text-red-600">{fieldErrors.teamIds}</p> : null}
              <div className="grid gap-2 sm:grid-cols-2">
                {teams.map((team) => (
                  <div key={team.id} className="flex items-center gap-2">
                    <Checkbox id={`team-${team.id}`} checked={form.teamIds.includes(team.id)} onCheckedChange={(checked) => toggleTeam(team.id, checked === true)} />
                    <Label htmlFor={`team-${team.id}`}>{team.name}</Label>
                  </div>
                ))}
              </div>
            </fieldset>
          </DialogBody>
          <FormDialogFooter onCancel={() => onOpenChange(false)} submitLabel={t("common.save")} pending={create.isPending || update.isPending} />
        </form>
      </DialogContent>
    </Dialog>
  );
}
