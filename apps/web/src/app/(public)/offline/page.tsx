import type { Metadata } from "next";
import { getLocale, getTranslations } from "next-intl/server";
import { resolveLocale } from "~/i18n/locales";
import en from "~/messages/pwa.en.json";
import zhCN from "~/messages/pwa.zh-CN.json";
import { OfflineView } from "./offline-view";

export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("pwa.offline"))("title"), robots: { index: false } };
}

/**
 * What the service worker shows for a page that was never opened on this device while offline. It is precached
 * once per build, so it carries both languages and picks the current one in the browser.
 */
export default async function OfflinePage() {
  return <OfflineView initialLocale={resolveLocale(await getLocale())} strings={{ "zh-CN": zhCN.pwa.offline, en: en.pwa.offline }} />;
}
