import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "./locales";

type Messages = Record<string, unknown>;

/**
 * The catalogue is split by area; each area owns its namespaces: console shell, agent workspace, chat widget,
 * admin pages (bot settings, knowledge base), monitor and alerts, the installable app, and the CRM.
 */
const AREAS = ["workspace", "widget", "admin", "monitor", "pwa", "tickets", "crm"] as const;

async function loadMessages(locale: Locale): Promise<Messages> {
  const [base, ...areas] = await Promise.all([
    import(`../messages/${locale}.json`) as Promise<{ default: Messages }>,
    ...AREAS.map((area) => import(`../messages/${area}.${locale}.json`) as Promise<{ default: Messages }>),
  ]);
  return Object.assign({}, base.default, ...areas.map((area) => area.default)) as Messages;
}

export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Shanghai" };
});
