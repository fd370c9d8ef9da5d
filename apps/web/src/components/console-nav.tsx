"use client";

import { cn } from "@kefu/ui/cn";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useTranslations } from "next-intl";
import type { NavItem } from "~/lib/navigation";

/** The console's sections, as a column (the sidebar from md up, and the phone's menu drawer). */
export function ConsoleNav({
  items,
  badges = {},
  onNavigate,
}: {
  items: NavItem[];
  badges?: Partial<Record<NavItem["label"], number>>;
  /** called when a section is picked (the phone's drawer closes) */
  onNavigate?: () => void;
}) {
  const t = useTranslations("nav");
  const pathname = usePathname();
  return (
    <nav aria-label={t("menu")} className="flex flex-col gap-1">
      {items.map((item) => {
        const active = item.href === "/" ? pathname === "/" : pathname.startsWith(item.href);
        const badge = badges[item.label];
        return (
          <Link
            key={item.href}
            href={item.href}
            aria-current={active ? "page" : undefined}
            data-nav={item.label}
            onClick={onNavigate}
            className={cn(
              "flex shrink-0 items-center justify-between gap-2 rounded-md px-3 py-2.5 text-sm font-medium whitespace-nowrap md:py-2",
              active ? "bg-primary-50 text-primary-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            {t(item.label)}
            {badge ? <span className="rounded-full bg-red-600 px-1.5 text-xs text-white">{badge}</span> : null}
          </Link>
        );
      })}
    </nav>
  );
}
