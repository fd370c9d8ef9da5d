import type { ComponentProps } from "react";
import { cn } from "./cn";
import { UserIcon } from "./icons";

const CJK = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;

/**
 * Initials for an avatar. CJK names give their last two characters (王小明 → 小明, 李娜 → 李娜,
 * 欧阳娜娜 → 娜娜); Latin names give the first letters of the first and last words (Ada Lovelace → AL,
 * madonna → M, bob@example.com → B). Empty input gives "".
 */
export function getInitials(name: string): string {
  const trimmed = name.trim();
  const cjk = Array.from(trimmed).filter((char) => CJK.test(char));
  if (cjk.length > 0) return cjk.slice(-2).join("");
  const local = trimmed.includes("@") ? trimmed.slice(0, trimmed.indexOf("@")) : trimmed;
  const words = local.split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  const first = words[0];
  if (first === undefined) return "";
  const last = words.length > 1 ? words[words.length - 1] : undefined;
  const initial = (word: string) => Array.from(word)[0] ?? "";
  return (initial(first) + (last ? initial(last) : "")).toLocaleUpperCase();
}

const palette = [
  "bg-primary-100 text-primary-800",
  "bg-emerald-100 text-emerald-800",
  "bg-amber-100 text-amber-800",
  "bg-violet-100 text-violet-800",
  "bg-rose-100 text-rose-800",
  "bg-cyan-100 text-cyan-800",
  "bg-lime-100 text-lime-800",
  "bg-fuchsia-100 text-fuchsia-800",
] as const;

function colorFor(name: string): string {
  let hash = 0;
  for (const char of name) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return palette[hash % palette.length] ?? palette[0];
}

const sizes = {
  xs: "size-6 text-[10px]",
  sm: "size-8 text-xs",
  md: "size-10 text-sm",
  lg: "size-12 text-base",
} as const;

export interface AvatarProps extends Omit<ComponentProps<"span">, "children"> {
  /** Person's display name; gives the initials and a stable colour. */
  name: string;
  /** Photo URL, drawn over the initials (which stay visible if it fails to load). */
  src?: string | null;
  size?: keyof typeof sizes;
  /**
   * Accessible name when the avatar stands alone (e.g. the name itself). Without it the avatar is
   * decorative (`aria-hidden`), as it is when the name is printed next to it.
   */
  label?: string;
}

export function Avatar({ name, src, size = "md", label, className, ...props }: AvatarProps) {
  const initials = getInitials(name);
  const a11y = label ? { role: "img", "aria-label": label } : { "aria-hidden": true as const };
  return (
    <span
      className={cn(
        "relative inline-flex shrink-0 items-center justify-center overflow-hidden rounded-full leading-none font-medium whitespace-nowrap select-none",
        initials ? colorFor(name) : "bg-slate-100 text-slate-500",
        sizes[size],
        className,
      )}
      {...a11y}
      {...props}
    >
      {initials || <UserIcon className="size-[55%]" />}
      {src ? <img src={src} alt="" loading="lazy" decoding="async" className="absolute inset-0 size-full object-cover" /> : null}
    </span>
  );
}
