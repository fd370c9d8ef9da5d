"use client";

import { cn } from "@kefu/ui/cn";
import { Field, type FieldProps } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { useTranslations } from "next-intl";
import type { ComponentProps } from "react";

/** How far a text is over its limit (0 when within), counted as the server counts (UTF-16 code units). */
export function overLimit(value: string | null | undefined, max: number): number {
  return Math.max(0, (value ?? "").length - max);
}

export interface LimitedFieldProps extends Omit<FieldProps, "description"> {
  /** the current text; its length is shown against `max` */
  value: string | null | undefined;
  /** the field's limit, from `@kefu/api/contracts/limits` */
  max: number;
  description?: FieldProps["description"];
}

/**
 * A labelled text field with a length limit that never cuts what is typed or pasted: it shows `n / max` under the
 * control and, past the limit, turns red and says the rule. The form refuses to submit while a field is over (its
 * schema has the same `max`), so the reader can shorten the text instead of losing the end of it.
 */
export function LimitedField({ value, max, error, description, children, ...field }: LimitedFieldProps) {
  const t = useTranslations("fieldRules");
  const length = (value ?? "").length;
  const over = overLimit(value, max);
  const counter = (
    <span data-testid={`${field.htmlFor}-counter`} className={cn("tabular-nums", over > 0 ? "font-medium text-red-600" : "text-slate-500")}>
      {t("counter", { count: length, maximum: max })}
    </span>
  );
  return (
    <Field
      {...field}
      error={error ?? (over > 0 ? t("overBy", { over, maximum: max }) : undefined)}
      description={
        description ? (
          <span className="flex justify-between gap-3">
            <span>{description}</span>
            {counter}
          </span>
        ) : (
          <span className="flex justify-end">{counter}</span>
        )
      }
    >
      {children}
    </Field>
  );
}

/** For a box without a label (a search filter): the rule when the text is over its limit, else nothing. */
export function LimitHint({ id, value, max }: { id: string; value: string; max: number }) {
  const t = useTranslations("fieldRules");
  const over = overLimit(value, max);
  if (over === 0) return null;
  return (
    <p id={id} role="alert" className="text-sm text-red-600">
      {t("overBy", { over, maximum: max })}
    </p>
  );
}

/**
 * An unlabelled box with a length limit (a search filter): never cuts what is typed or pasted, says the rule under
 * it when over. The caller does not search with an over-long text (`withinLimit`).
 */
export function LimitedInput({ max, value, hintId, className, ...props }: ComponentProps<typeof Input> & { max: number; value: string; hintId: string }) {
  const over = overLimit(value, max) > 0;
  return (
    // `className` places the box with its hint in the surrounding layout
    <div className={cn("grid min-w-0 content-start gap-1", className)}>
      <Input value={value} aria-invalid={over || undefined} aria-describedby={over ? hintId : undefined} {...props} />
      <LimitHint id={hintId} value={value} max={max} />
    </div>
  );
}

/** The text, or "" while it is over its limit (so an over-long filter is not sent to be refused). */
export function withinLimit(value: string, max: number): string {
  return overLimit(value, max) > 0 ? "" : value;
}
