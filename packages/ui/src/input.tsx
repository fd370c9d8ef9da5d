import type { ComponentProps } from "react";
import { cn } from "./cn";
import { controlBase } from "./styles";

export type InputProps = ComponentProps<"input">;

/** Text input. Set `aria-invalid` (or wrap it in `<Field error>`) for the error style. */
export function Input({ className, type = "text", ...props }: InputProps) {
  return (
    <input
      type={type}
      className={cn(
        controlBase,
        "h-9 px-3 py-1 read-only:bg-slate-50 file:mr-3 file:border-0 file:bg-transparent file:text-sm file:font-medium file:text-slate-700",
        className,
      )}
      {...props}
    />
  );
}
