"use client";

import { Dialog, DialogContent, DialogTitle } from "@kefu/ui/dialog";
import { useTranslations } from "next-intl";
import type { NavItem } from "~/lib/navigation";
import { ConsoleNav } from "./console-nav";

/** The drawer of `MobileNav`, in a chunk of its own: only loaded when the menu is first opened. */
export default function MobileNavDrawer({ items, open, onOpenChange }: { items: NavItem[]; open: boolean; onOpenChange: (open: boolean) => void }) {
  const t = useTranslations("mobileNav");
  return (
    <Dialog open={open} onOpenChange={onOpenChange}>
      <DialogContent
        closeLabel={t("close")}
        aria-describedby={undefined}
        className="top-0 left-0 h-dvh max-h-dvh w-72 max-w-[85vw] translate-x-0 translate-y-0 content-start rounded-none rounded-r-lg border-y-0 border-l-0 p-4"
        data-testid="mobile-nav"
      >
        <DialogTitle className="text-base">{t("title")}</DialogTitle>
        <ConsoleNav items={items} onNavigate={() => onOpenChange(false)} />
      </DialogContent>
    </Dialog>
  );
}
