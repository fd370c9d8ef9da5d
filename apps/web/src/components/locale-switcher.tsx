"use client";

import { NativeSelect } from "@kefu/ui/native-select";
import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { LOCALE_COOKIE, LOCALES, type Locale } from "~/i18n/locales";

/** Switches the UI language (a cookie read on the server); `onChange` lets signed-in pages also save it to the profile. */
export function LocaleSwitcher({ onChange }: { onChange?: (locale: Locale) => void }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  return (
    <NativeSelect
      aria-label={t("nav.language")}
      value={locale}
      className="w-32"
      onChange={(event) => {
        const next = event.target.value as Locale;
        document.cookie = `${LOCALE_COOKIE}=${next}; path=/; max-age=31536000; samesite=lax`;
        onChange?.(next);
        router.refresh();
      }}
    >
      {LOCALES.map((value) => (
        <option key={value} value={value}>
          {t(`locale.${value}`)}
        </option>
      ))}
    </NativeSelect>
  );
}
