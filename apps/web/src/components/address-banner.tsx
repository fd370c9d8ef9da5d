"use client";

import { useTranslations } from "next-intl";
import { useSyncExternalStore } from "react";

const noSubscription = () => () => {};

/**
 * Says plainly when the console was opened at another address than its configured public URL (AUTH_URL), e.g.
 * http://127.0.0.1:3000 instead of http://localhost:3000: the page works, but links in notifications and e-mails,
 * and the realtime host, follow the configured address. Renders nothing when they match or none is configured.
 */
export function AddressBanner({ publicUrl }: { publicUrl: string | undefined }) {
  const t = useTranslations("addressCheck");
  const here = useSyncExternalStore(
    noSubscription,
    () => window.location.origin,
    () => null,
  );
  if (!here || !publicUrl || !URL.canParse(publicUrl)) return null;
  const configured = new URL(publicUrl).origin;
  if (configured === here) return null;
  return (
    <div role="status" data-testid="address-banner" className="border-b border-amber-200 bg-amber-50 px-4 py-2 text-sm text-amber-900">
      {t("mismatch", { here, configured })}{" "}
      <a className="font-medium underline" href={configured}>
        {t("open", { configured })}
      </a>
    </div>
  );
}
