"use client";

import { Button } from "@kefu/ui/button";
import { Dialog, DialogContent, DialogTitle, DialogTrigger } from "@kefu/ui/dialog";
import { MenuIcon } from "@kefu/ui/icons";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { NavItem } from "~/lib/navigation";
import { ConsoleNav } from "./console-nav";

/**
 * Below the md breakpoint the console's sections are behind one menu button: a drawer from the left with every
 * section the person may open, closed again as soon as they pick one.
 */
export function MobileNav({ items }: { items: NavItem[] }) {
  const t = useTranslations("mobileNav");
  const [open, setOpen] = useState(false);
  return (
    <Dialog open={open} onOpenChange={setOpen}>
      <DialogTrigger asChild>
        <Button variant="ghost" size="icon" aria-label={t("open")} data-testid="mobile-nav-open">
          <MenuIcon aria-hidden className="size-5" />
        </Button>
      </DialogTrigger>
      <DialogContent
        closeLabel={t("close")}
        aria-describedby={undefined}
        className="top-0 left-0 h-dvh max-h-dvh w-72 max-w-[85vw] translate-x-0 translate-y-0 content-start rounded-none rounded-r-lg border-y-0 border-l-0 p-4"
        data-testid="mobile-nav"
      >
        <DialogTitle className="text-base">{t("title")}</DialogTitle>
        <ConsoleNav items={items} onNavigate={() => setOpen(false)} />
      </DialogContent>
    </Dialog>
  );
}
