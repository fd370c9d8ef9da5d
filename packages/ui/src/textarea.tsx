import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlBase } from "./styles";

export type TextareaProps = ComponentProps<"textarea">;

/** Multi-line text input (vertical resize). Set `aria-invalid` (or use `<Field error>`) for the error style. */
export function Textarea({ className, rows = 3, ...props }: TextareaProps) {
  return <textarea rows={rows} className={cn(controlBase, "min-h-16 resize-y px-3 py-2 leading-6 read-only:bg-slate-50", className)} {...props} />;
}
