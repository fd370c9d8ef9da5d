"use client";

import { Button } from "@kefu/ui/button";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { browserSupportsWebAuthn, startAuthentication } from "@simplewebauthn/browser";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useEffect, useState, type FormEvent } from "react";
import { toFieldIssue } from "@kefu/api/contracts/rules";
import { SMS_RESEND_SECONDS, smsCodeRequestInput, smsSignInInput } from "~/lib/contracts";
import { ruleText, type Translate } from "~/lib/validation-text";
import { parseSignInError, useSignInErrorText } from "./sign-in-errors";

type SmsFields = Partial<Record<"phone" | "code", string>>;

/** 验证码: the phone, a send button with its 60 s countdown, the code. */
export function SmsSignIn({ next }: { next: string }) {
  const t = useTranslations();
  const translate = t as unknown as Translate;
  const errorText = useSignInErrorText();
  const [phone, setPhone] = useState("");
  const [code, setCode] = useState("");
  const [fieldErrors, setFieldErrors] = useState<SmsFields>({});
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [countdown, setCountdown] = useState(0);
  const [sending, setSending] = useState(false);
  const [pending, setPending] = useState(false);

  useEffect(() => {
    if (countdown <= 0) return;
    const timer = setTimeout(() => setCountdown((c) => c - 1), 1000);
    return () => clearTimeout(timer);
  }, [countdown]);

  function fieldsOf(issues: { path: PropertyKey[] }[]): SmsFields {
    const fields: SmsFields = {};
    for (const issue of issues) {
      const name = issue.path[0] as keyof SmsFields;
      fields[name] ??= ruleText(translate, toFieldIssue(issue as Parameters<typeof toFieldIssue>[0]));
    }
    return fields;
  }

  async function sendCode() {
    setError(null);
    setNotice(null);
    const checked = smsCodeRequestInput.safeParse({ phone });
    setFieldErrors(fieldsOf(checked.error?.issues ?? []));
    if (!checked.success) return;
    setSending(true);
    try {
      const response = await fetch("/api/sign-in/sms-code", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ phone }),
      });
      if (response.ok) {
        const body = (await response.json()) as { resendAfterSeconds: number };
        setCountdown(body.resendAfterSeconds);
        setNotice(t("signIn.codeSent"));
      } else if (response.status === 429) {
        const seconds = Number(response.headers.get("Retry-After") ?? SMS_RESEND_SECONDS);
        setError(t("errors.RATE_LIMITED", { seconds }));
        if (seconds <= SMS_RESEND_SECONDS) setCountdown(seconds);
      } else {
        const body = (await response.json().catch(() => null)) as { error?: { code: string; field?: string } } | null;
        if (body?.error?.field === "phone") setFieldErrors({ phone: t("fieldRules.mainlandMobile") });
        else setError(t("errors.network"));
      }
    } catch {
      setError(t("errors.network"));
    } finally {
      setSending(false);
    }
  }

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    const checked = smsSignInInput.safeParse({ phone, code });
    setFieldErrors(fieldsOf(checked.error?.issues ?? []));
    if (!checked.success) return;
    setPending(true);
    try {
      const result = await signIn("sms", { phone, code, redirect: false });
      if (!result || result.error) {
        const raw = result?.error ?? "INVALID_CREDENTIALS";
        setError(parseSignInError(raw).code === "INVALID_CREDENTIALS" ? t("signIn.smsInvalid") : errorText(raw));
        setCode("");
        return;
      }
      window.location.assign(next);
    } catch {
      setError(t("errors.network"));
    } finally {
      setPending(false);
    }
  }

  return (
    <form onSubmit={onSubmit} className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm" noValidate>
      <Field label={t("signIn.phone")} htmlFor="sms-phone" error={fieldErrors.phone} required>
        <Input
          name="sms-phone"
          type="tel"
          inputMode="tel"
          autoComplete="tel"
          autoFocus
          placeholder={t("signIn.phonePlaceholder")}
          value={phone}
          onChange={(e) => setPhone(e.target.value)}
        />
      </Field>
      <Field label={t("signIn.code")} htmlFor="sms-code" error={fieldErrors.code} required>
        {(control) => (
          <div className="flex gap-2">
            <Input
              {...control}
              name="sms-code"
              inputMode="numeric"
              autoComplete="one-time-code"
              maxLength={6}
              value={code}
              onChange={(e) => setCode(e.target.value.trim())}
            />
            <Button type="button" variant="secondary" className="shrink-0" onClick={sendCode} disabled={!phone || countdown > 0} loading={sending}>
              {countdown > 0 ? t("signIn.resendIn", { seconds: countdown }) : sending ? t("signIn.sendingCode") : t("signIn.sendCode")}
            </Button>
          </div>
        )}
      </Field>
      {notice ? (
        <p role="status" data-testid="sms-code-sent" className="rounded-md bg-emerald-50 px-3 py-2 text-sm text-emerald-800">
          {notice}
        </p>
      ) : null}
      {error ? (
        <p role="alert" data-testid="sign-in-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" loading={pending} disabled={!phone || !code}>
        {pending ? t("signIn.submitting") : t("signIn.smsSubmit")}
      </Button>
      <p className="text-xs text-slate-500">{t("signIn.noPhoneHint")}</p>
    </form>
  );
}

async function passkeyCeremony(useBrowserAutofill: boolean): Promise<string> {
  const response = await fetch("/api/sign-in/passkey-options", { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
  if (!response.ok) throw new Error(response.status === 429 ? "RATE_LIMITED" : "NETWORK");
  const optionsJSON = (await response.json()) as Parameters<typeof startAuthentication>[0]["optionsJSON"];
  const assertion = await startAuthentication({ optionsJSON, useBrowserAutofill });
  return JSON.stringify(assertion);
}

/** 指纹: sign in with a passkey of this device (or one synced to it). */
export function PasskeySignIn({ next }: { next: string }) {
  const t = useTranslations();
  const errorText = useSignInErrorText();
  const [supported, setSupported] = useState(true);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  useEffect(() => setSupported(browserSupportsWebAuthn()), []);

  async function finish(response: string) {
    const result = await signIn("passkey", { response, redirect: false });
    if (!result || result.error) {
      const raw = result?.error ?? "INVALID_CREDENTIALS";
      setError(parseSignInError(raw).code === "INVALID_CREDENTIALS" ? t("signIn.passkeyInvalid") : errorText(raw));
      return;
    }
    window.location.assign(next);
  }

  async function start() {
    setError(null);
    setPending(true);
    try {
      await finish(await passkeyCeremony(false));
    } catch (caught) {
      const name = caught instanceof Error ? caught.name : "";
      setError(
        name === "NotAllowedError" || name === "AbortError"
          ? t("signIn.passkeyCancelled")
          : caught instanceof Error && caught.message === "RATE_LIMITED"
            ? t("errors.RATE_LIMITED", { seconds: 60 })
            : t("signIn.passkeyCancelled"),
      );
    } finally {
      setPending(false);
    }
  }

  if (!supported)
    return (
      <p role="alert" className="rounded-lg border border-slate-200 bg-white p-6 text-sm text-slate-600 shadow-sm">
        {t("signIn.passkeyUnsupported")}
      </p>
    );
  return (
    <div className="space-y-4 rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
      <p className="text-sm text-slate-600">{t("signIn.passkeyIntro")}</p>
      {error ? (
        <p role="alert" data-testid="sign-in-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="button" className="w-full" loading={pending} onClick={start}>
        {pending ? t("signIn.passkeyWorking") : t("signIn.passkeySubmit")}
      </Button>
      <p className="text-xs text-slate-500">{t("signIn.passkeyNone")}</p>
    </div>
  );
}
