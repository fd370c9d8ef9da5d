import { cookies } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { LOCALE_COOKIE, resolveLocale, type Locale } from "./locales";

type Messages = Record<string, unknown>;

/** The catalogue is split by area (console, agent workspace, chat widget); each area owns its namespaces. */
async function loadMessages(locale: Locale): Promise<Messages> {
  const [base, workspace, widget] = await Promise.all([
    import(`../messages/${locale}.json`) as Promise<{ default: Messages }>,
    import(`../messages/workspace.${locale}.json`) as Promise<{ default: Messages }>,
    import(`../messages/widget.${locale}.json`) as Promise<{ default: Messages }>,
  ]);
  return { ...base.default, ...workspace.default, ...widget.default };
}

export default getRequestConfig(async () => {
  const locale = resolveLocale((await cookies()).get(LOCALE_COOKIE)?.value);
  return { locale, messages: await loadMessages(locale), timeZone: "Asia/Shanghai" };
});
