import { can } from "@kefu/api/permissions";
import { Avatar } from "@kefu/ui/avatar";
import { getTranslations } from "next-intl/server";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { ConsoleNav } from "~/components/console-nav";
import { InstallPrompt } from "~/components/install-prompt";
import { MobileNav } from "~/components/mobile-nav";
import { SecurityAlertBadge } from "~/components/security-alert-badge";
import { SessionKeeper } from "~/components/session-keeper";
import { SignOutButton } from "~/components/sign-out-button";
import { NAV_ITEMS } from "~/lib/navigation";
import { requireUser } from "~/server/permissions";
import { realtimeClientConfig } from "~/server/realtime";
import { RealtimeProvider } from "~/components/realtime-provider";
import { ServiceWorkerRegistrar } from "~/components/service-worker-registrar";
import { serviceWorkerEnabled, webEnv } from "~/env";
import { AddressBanner } from "~/components/address-banner";
import { ViewerProvider } from "~/components/viewer";
import { MentionNotifier } from "~/components/customer-profile/mention-notifier";
import { QaReviewNotifier } from "~/components/qa-review-notifier";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  const t = await getTranslations();
  const items = NAV_ITEMS.filter((item) => !item.permission || can(user.role, item.permission));
  return (
    <RealtimeProvider config={realtimeClientConfig()}>
      <a href="#main" className="sr-only focus:not-sr-only focus:absolute focus:p-2">
        {t("app.skipToContent")}
      </a>
      <div className="min-h-dvh md:grid md:grid-cols-[14rem_1fr]">
        <aside className="border-b border-slate-200 bg-white md:min-h-dvh md:border-r md:border-b-0">
          <div className="flex items-center justify-between gap-2 px-4 py-2 md:flex-col md:items-start md:py-3">
            <Link href="/" className="flex items-center gap-2 font-semibold text-slate-900">
              <span className="flex size-8 items-center justify-center rounded-lg bg-primary-600 text-white" aria-hidden>
                客
              </span>
              {t("app.name")}
            </Link>
            <div className="md:hidden">
              <MobileNav items={items} />
            </div>
          </div>
          <div className="hidden px-3 pb-2 md:block">
            <ConsoleNav items={items} />
          </div>
        </aside>
        <div className="flex min-w-0 flex-col">
          <AddressBanner publicUrl={webEnv.AUTH_URL} />
          <header className="flex items-center justify-end gap-2 border-b border-slate-200 bg-white px-4 py-2 sm:gap-3">
            <InstallPrompt />
            {can(user.role, "security.alerts") ? <SecurityAlertBadge /> : null}
            <div className="flex items-center gap-2 text-sm" data-testid="current-user">
              <Avatar name={user.name} size="sm" />
              <span className="hidden sm:inline">{user.name}</span>
              <span className="text-slate-500">{t(`roles.${user.role}`)}</span>
            </div>
            <SignOutButton />
          </header>
          <main id="main" className="mx-auto w-full max-w-6xl min-w-0 flex-1 px-4 py-6">
            <ViewerProvider role={user.role}>{children}</ViewerProvider>
          </main>
        </div>
      </div>
      <SessionKeeper />
      {can(user.role, "customer.annotate") ? <MentionNotifier userId={user.id} /> : null}
      {can(user.role, "qa.feedback") || can(user.role, "qa.review") ? <QaReviewNotifier userId={user.id} /> : null}
      <Suspense fallback={null}>
        <ServiceWorkerRegistrar enabled={serviceWorkerEnabled} />
      </Suspense>
    </RealtimeProvider>
  );
}
