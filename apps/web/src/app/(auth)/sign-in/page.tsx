import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { getSessionUser } from "~/server/auth";
import { AddressBanner } from "~/components/address-banner";
import { LocaleSwitcher } from "~/components/locale-switcher";
import { webEnv } from "~/env";
import { SignInForm } from "./sign-in-form";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("signIn"))("submit") };
}

export default async function SignInPage({ searchParams }: { searchParams: Promise<{ ended?: string; next?: string }> }) {
  const { ended, next } = await searchParams;
  if (await getSessionUser()) redirect(safeNext(next));
  const t = await getTranslations();
  const endedReason = ended && t.has(`sessionEnd.${ended}`) ? t(`sessionEnd.${ended}` as "sessionEnd.idle") : undefined;
  return (
    <>
      <AddressBanner publicUrl={webEnv.AUTH_URL} />
      <main className="flex min-h-dvh flex-col items-center justify-center px-4 py-10">
        <div className="w-full max-w-sm space-y-6">
          <div className="space-y-1 text-center">
            <div className="mx-auto mb-3 flex size-12 items-center justify-center rounded-xl bg-primary-600 text-xl font-semibold text-white" aria-hidden>
              客
            </div>
            <h1 className="text-2xl font-semibold">{t("signIn.title")}</h1>
            <p className="text-sm text-slate-500">{t("signIn.subtitle")}</p>
          </div>
          {endedReason ? (
            <p role="status" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-800">
              {t("errors.sessionEnded", { reason: endedReason })}
            </p>
          ) : null}
          <SignInForm next={safeNext(next)} />
          <p className="text-center text-xs text-slate-500">{t("signIn.securityNote")}</p>
          <div className="flex justify-center">
            <LocaleSwitcher />
          </div>
        </div>
      </main>
    </>
  );
}

/** Only same-site paths, so the sign-in page cannot be used to redirect elsewhere. */
function safeNext(next: string | undefined): string {
  return next && next.startsWith("/") && !next.startsWith("//") ? next : "/";
}
