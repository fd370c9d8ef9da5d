import { cloneElement, isValidElement, type ReactNode } from "react";
import { cn } from "./cn";
import { Label } from "./label";

/** Props a field hands to its control so the label, description and error are announced with it. */
export interface FieldControlProps {
  id: string;
  "aria-describedby"?: string;
  "aria-invalid"?: true;
  "aria-required"?: true;
}

export interface FieldProps {
  label: ReactNode;
  /** The control's id; the label points at it and the control receives it. */
  htmlFor: string;
  description?: ReactNode;
  /** Error message; when set the control gets `aria-invalid` and the message is linked to it. */
  error?: string;
  /** Shows the asterisk and sets `aria-required` on the control. */
  required?: boolean;
  className?: string;
  /**
   * One control element (Input, Textarea, NativeSelect, Checkbox…) which receives id/aria props,
   * or a render function `(control) => …` for composite controls (e.g. spread onto `<SelectTrigger>`).
   */
  children: ReactNode | ((control: FieldControlProps) => ReactNode);
}

export function Field({ label, htmlFor, description, error, required = false, className, children }: FieldProps) {
  const descriptionId = description ? `${htmlFor}-description` : undefined;
  const errorId = `${htmlFor}-error`;
  const hasError = Boolean(error);
  const describedBy = joinIds(descriptionId, hasError ? errorId : undefined);

  const control: FieldControlProps = { id: htmlFor };
  if (describedBy) control["aria-describedby"] = describedBy;
  if (hasError) control["aria-invalid"] = true;
  if (required) control["aria-required"] = true;

  let content: ReactNode;
  if (typeof children === "function") {
    content = children(control);
  } else if (isValidElement<Record<string, unknown>>(children)) {
    const own = children.props["aria-describedby"];
    const merged = joinIds(typeof own === "string" ? own : undefined, describedBy);
    content = cloneElement(children, { ...control, ...(merged ? { "aria-describedby": merged } : {}) });
  } else {
    content = children;
  }

  return (
    <div className={cn("grid min-w-0 content-start gap-1.5", className)}>
      <Label htmlFor={htmlFor} required={required}>
        {label}
      </Label>
      {content}
      {description ? (
        <p id={descriptionId} className="text-sm text-slate-500">
          {description}
        </p>
      ) : null}
      <p id={errorId} aria-live="polite" className="text-sm text-red-600 empty:hidden">
        {error}
      </p>
    </div>
  );
}

function joinIds(...ids: (string | undefined)[]): string | undefined {
  const joined = ids.filter(Boolean).join(" ");
  return joined || undefined;
}
