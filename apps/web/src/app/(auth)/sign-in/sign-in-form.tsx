"use client";

import { Button } from "@kefu/ui/button";
import { Field } from "@kefu/ui/field";
import { Input } from "@kefu/ui/input";
import { signIn } from "next-auth/react";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { signInInput } from "~/lib/contracts";
import { toFieldIssue } from "@kefu/api/contracts/rules";
import { issueOfParams, issueSentence, ruleText, type Translate } from "~/lib/validation-text";

type Fields = Partial<Record<"identifier" | "password", string>>;

/** Reads `CODE` or `CODE|{json params}` (how the server passes sign-in errors through next-auth). */
function parseSignInError(error: string): { code: string; params: Record<string, string | number> } {
  const [code = "INVALID_CREDENTIALS", json] = error.split("|");
  try {
    return { code, params: json ? (JSON.parse(json) as Record<string, string | number>) : {} };
  } catch {
    return { code, params: {} };
  }
}

export function SignInForm({ next }: { next: string }) {
  const t = useTranslations();
  const [identifier, setIdentifier] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fieldErrors, setFieldErrors] = useState<Fields>({});
  const translate = t as unknown as Translate;
  const [pending, setPending] = useState(false);

  function messageFor(raw: string): string {
    const { code, params } = parseSignInError(raw);
    if (code === "INVALID_CREDENTIALS" && typeof params.remaining === "number")
      return t("errors.INVALID_CREDENTIALS_REMAINING", { remaining: params.remaining });
    if (code === "ACCOUNT_LOCKED" && typeof params.until === "string")
      return t("errors.ACCOUNT_LOCKED", { until: new Date(params.until).toLocaleTimeString() });
    if (code === "RATE_LIMITED") return t("errors.RATE_LIMITED", { seconds: params.seconds ?? 60 });
    if (code === "ACCOUNT_DISABLED") return t("errors.ACCOUNT_DISABLED");
    if (code === "INVALID_INPUT" && typeof params.field === "string") return issueSentence(translate, issueOfParams(params.field, params));
    return t("errors.INVALID_CREDENTIALS");
  }

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
