"use client";

import { Button } from "@kefu/ui/button";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signInInput } from "~/lib/contracts";
import { PasskeySignIn, SmsSignIn } from "./other-methods";
import { useSignInErrorText } from "./sign-in-errors";
import { toFieldIssue } from "@kefu/api/contracts/rules";
import { ruleText, type Translate } from "~/lib/validation-text";

type Fields = Partial<Record<"identifier" | "password", string>>;

const METHODS = ["password", "sms", "passkey"] as const;
type Method = (typeof METHODS)[number];
const METHOD_LABEL = { password: "signIn.methodPassword", sms: "signIn.methodSms", passkey: "signIn.methodPasskey" } as const;

/** The sign-in methods as tabs: 密码 / 验证码 / 指纹 (docs/architecture.md "Sign-in methods"). */
export function SignInForm({ next }: { next: string }) {
  const t = useTranslations();
  const [method, setMethod] = useState<Method>("password");
  return (
    <div className="space-y-3">
      <div role="tablist" aria-label={t("signIn.methods")} className="grid grid-cols-3 gap-1 rounded-lg bg-slate-100 p-1">
        {METHODS.map((m) => (
          <button
            key={m}
            type="button"
            role="tab"
            id={`sign-in-tab-${m}`}
            aria-selected={method === m}
            aria-controls="sign-in-panel"
            onClick={() => setMethod(m)}
            className={`rounded-md px-3 py-1.5 text-sm font-medium ${method === m ? "bg-white text-slate-900 shadow-sm" : "text-slate-600 hover:text-slate-900"}`}
          >
            {t(METHOD_LABEL[m])}
          </button>
        ))}
      </div>
      <div role="tabpanel" id="sign-in-panel" data-method={method}>
        {method === "password" ? <PasswordForm next={next} /> : method === "sms" ? <SmsSignIn next={next} /> : <PasskeySignIn next={next} />}
      </div>
    </div>
  );
}

function PasswordForm({ next }: { next: string }) {
  const t = useTranslations();
  const [identifier, setIdentifier] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Fields>({});
  const translate = t as unknown as Translate;
  const [pending, setPending] = useState(false);

  const messageFor = useSignInErrorText();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setError(null);
    // the same length rules the server applies, said before the round trip
    const checked = signInInput.safeParse({ identifier, password });
    const fields: Fields = {};
    for (const issue of checked.error?.issues ?? []) {
      const name = issue.path[0] as keyof Fields;
      fields[name] ??= ruleText(translate, toFieldIssue(issue));
    }
    setFieldErrors(fields);
    if (!checked.success) return;
    setPending(true);
    try {
      const result = await signIn("password", { identifier, password, redirect: false });
      if (!result || result.error) {
        setError(messageFor(result?.error ?? "INVALID_CREDENTIALS"));
        setPassword("");
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
      <Field label={t("signIn.identifier")} htmlFor="identifier" error={fieldErrors.identifier} required>
        <Input
          name="identifier"
          autoComplete="username"
          autoFocus
          placeholder={t("signIn.identifierPlaceholder")}
          value={identifier}
          onChange={(e) => setIdentifier(e.target.value)}
        />
      </Field>
      <Field label={t("signIn.password")} htmlFor="password" error={fieldErrors.password} required>
        <Input name="password" type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} />
      </Field>
      {error ? (
        <p role="alert" data-testid="sign-in-error" className="rounded-md bg-red-50 px-3 py-2 text-sm text-red-700">
          {error}
        </p>
      ) : null}
      <Button type="submit" className="w-full" loading={pending} disabled={!identifier || !password}>
        {pending ? t("signIn.submitting") : t("signIn.submit")}
      </Button>
    </form>
  );
}
