"use client";

import { Button } from "@kefu/ui/button";
import { cn } from "@kefu/ui/cn";
import { Textarea } from "@kefu/ui/textarea";
import { useTranslations } from "next-intl";
import { useState, type FormEvent } from "react";
import { ApiError, call } from "./widget-api";
import { CSAT_COMMENT_MAX } from "@kefu/api/contracts/limits";
import { LimitHint, overLimit } from "~/components/limited-field";

/**
 * The satisfaction rating offered after an agent resolves the conversation, and the thanks once it is given
 * (here or earlier).
 */
export function CsatForm({
  token,
  available,
  alreadyScored,
  onSubmitted,
}: {
  token: string | null;
  available: boolean;
  alreadyScored: boolean;
  onSubmitted: () => Promise<void>;
}) {
  const t = useTranslations("widget");
  const [score, setScore] = useState(0);
  const [comment, setComment] = useState("");
  const [state, setState] = useState<"idle" | "sending" | "done" | "failed">("idle");

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (!token || score < 1) return;
    setState("sending");
    try {
      await call("/api/v1/widget/csat", token, { json: { score, ...(comment.trim() ? { comment: comment.trim() } : {}) } });
      setState("done");
      await onSubmitted();
    } catch (error) {
      setState(error instanceof ApiError && error.code === "ALREADY_DONE" ? "done" : "failed");
    }
  };

  return (
    <>
      {available && state !== "done" && (
        <form onSubmit={(e) => void submit(e)} className="mt-4 flex flex-col gap-3 rounded-xl bg-white p-4 shadow-xs" aria-label={t("csat.title")}>
          <p className="text-sm font-medium">{t("csat.title")}</p>
          <div className="flex gap-1" role="radiogroup" aria-label={t("csat.title")}>
            {[1, 2, 3, 4, 5].map((value) => (
              <button
                key={value}
                type="button"
                role="radio"
                aria-checked={score === value}
                aria-label={t("csat.star", { score: value })}
                onClick={() => setScore(value)}
                className={cn("text-3xl leading-none", value <= score ? "text-amber-400" : "text-slate-300")}
              >
                ★
              </button>
            ))}
          </div>
          <Textarea
            value={comment}
            onChange={(e) => setComment(e.target.value)}
            aria-invalid={overLimit(comment, CSAT_COMMENT_MAX) > 0 || undefined}
            aria-describedby="csat-comment-limit"
            rows={2}
            placeholder={t("csat.comment")}
            aria-label={t("csat.comment")}
          />
          <LimitHint id="csat-comment-limit" value={comment} max={CSAT_COMMENT_MAX} />
          {state === "failed" && (
            <p role="alert" className="text-xs text-red-700">
              {t("csat.failed")}
            </p>
          )}
          <Button type="submit" disabled={score < 1 || state === "sending" || overLimit(comment, CSAT_COMMENT_MAX) > 0}>
            {t("csat.submit")}
          </Button>
        </form>
      )}
      {(state === "done" || alreadyScored) && (
        <p role="status" className="mt-4 text-center text-sm text-emerald-700">
          {t("csat.thanks")}
        </p>
      )}
    </>
  );
}
