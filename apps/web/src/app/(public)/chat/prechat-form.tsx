"use client";

import { Button } from "@kefu/ui/button";
import { Input } from "@kefu/ui/input";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import type { Contact } from "./use-widget-outbox";
import { CUSTOMER_NAME_MAX, PHONE_INPUT_MAX } from "@kefu/api/contracts/limits";
import { LimitHint, overLimit } from "~/components/limited-field";

/** Optional name and phone before the first message; the phone must be a mainland mobile number. */
export function PrechatForm({
  contact,
  onContactChange,
  onDone,
  onSkip,
}: {
  contact: Contact;
  onContactChange: (contact: Contact) => void;
  onDone: () => void;
  onSkip: () => void;
}) {
  const t = useTranslations("widget");
  const [contactError, setContactError] = useState(false);

  const save = (event: FormEvent) => {
    event.preventDefault();
    if (overLimit(contact.name, CUSTOMER_NAME_MAX) > 0) return;
    const phone = contact.phone.replace(/[\s-]/g, "");
    if (overLimit(contact.phone, PHONE_INPUT_MAX) > 0 || (phone && !/^(\+?86)?1\d{10}$/.test(phone))) {
      setContactError(true);
      return;
    }
    setContactError(false);
    onDone();
  };

  return (
    <form onSubmit={save} className="flex flex-col gap-2 border-t border-slate-200 bg-white p-3">
      <p className="text-sm text-slate-700">{t("prechat.title")}</p>
      <Input
        value={contact.name}
        onChange={(e) => onContactChange({ ...contact, name: e.target.value })}
        aria-invalid={overLimit(contact.name, CUSTOMER_NAME_MAX) > 0 || undefined}
        aria-describedby="prechat-name-limit"
        placeholder={t("prechat.name")}
        aria-label={t("prechat.name")}
        autoComplete="name"
      />
      <LimitHint id="prechat-name-limit" value={contact.name} max={CUSTOMER_NAME_MAX} />
      <Input
        value={contact.phone}
        onChange={(e) => onContactChange({ ...contact, phone: e.target.value })}
        inputMode="tel"
        placeholder={t("prechat.phone")}
        aria-label={t("prechat.phone")}
        aria-invalid={contactError}
        autoComplete="tel"
      />
      {contactError && (
        <p role="alert" className="text-xs text-red-700">
          {t("prechat.phoneInvalid")}
        </p>
      )}
      <div className="flex gap-2">
        <Button type="submit" className="flex-1">
          {t("prechat.start")}
        </Button>
        <Button type="button" variant="ghost" onClick={onSkip}>
          {t("prechat.skip")}
        </Button>
      </div>
    </form>
  );
}
