"use client";

import { Button } from "@kefu/ui/button";
import { MenuIcon } from "@kefu/ui/icons";
import { useTranslations } from "next-intl";
import dynamic from "next/dynamic";
import { useState } from "react";
import type { NavItem } from "~/lib/navigation";

// the dialog's code is not needed for the first paint: it loads when the menu is first opened
const MobileNavDrawer = dynamic(() => import("./mobile-nav-drawer"), { ssr: false });

/**
 * Below the md breakpoint the console's sections are behind one menu button: a drawer from the left with every
 * section the person may open, closed again as soon as they pick one.
 */
export function MobileNav({ items }: { items: NavItem[] }) {
  const t = useTranslations("mobileNav");
  const [open, setOpen] = useState(false);
  const [opened, setOpened] = useState(false);
  return (
    <>
      <Button
        variant="ghost"
        size="icon"
        aria-label={t("open")}
        aria-haspopup="dialog"
        aria-expanded={open}
        data-testid="mobile-nav-open"
        onClick={() => {
          setOpened(true);
          setOpen(true);
        }}
      >
        <MenuIcon aria-hidden className="size-5" />
      </Button>
      {opened ? <MobileNavDrawer items={items} open={open} onOpenChange={setOpen} /> : null}
    </>
  );
}
