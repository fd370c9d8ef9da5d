"use client";

import { Button } from "@kefu/ui/button";
import { useTranslations } from "next-intl";
import { useRef } from "react";
import { ATTACHMENT_ACCEPT, attachmentMaxBytes, attachmentTypeOf } from "@kefu/api/contracts/attachment";

/** Why a chosen file cannot be sent, checked in the browser before uploading (the server checks again, by content). */
export function attachmentProblem(file: File): { key: "typeNotAllowed" } | { key: "tooLarge"; max: number } | null {
  const type = attachmentTypeOf(file.name);
  if (!type) return { key: "typeNotAllowed" };
  const max = attachmentMaxBytes(type);
  return file.size > max ? { key: "tooLarge", max: Math.round(max / 1024 / 1024) } : null;
}

/** A paperclip button opening the file chooser; `onFile` gets a file that passed the browser's checks, `onRefused` the reason otherwise. */
export function AttachButton({
  onFile,
  onRefused,
  disabled = false,
}: {
  onFile: (file: File) => void;
  onRefused: (message: string) => void;
  disabled?: boolean;
}) {
  const t = useTranslations("messaging");
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <input
        ref={input}
        type="file"
        accept={ATTACHMENT_ACCEPT}
        className="sr-only"
        tabIndex={-1}
        aria-label={t("attach")}
        data-testid="attachment-input"
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = "";
          if (!file) return;
          const problem = attachmentProblem(file);
          if (!problem) onFile(file);
          else onRefused(problem.key === "tooLarge" ? t("tooLarge", { max: problem.max }) : t("typeNotAllowed"));
        }}
      />
      <Button
        type="button"
        size="sm"
        variant="ghost"
        disabled={disabled}
        aria-label={t("attach")}
        title={t("attachHint")}
        onClick={() => input.current?.click()}
      >
        <svg aria-hidden viewBox="0 0 24 24" className="size-5" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
          <path d="m21.44 11.05-9.19 9.19a6 6 0 0 1-8.49-8.49l8.57-8.57A4 4 0 1 1 18 8.84l-8.59 8.57a2 2 0 0 1-2.83-2.83l8.49-8.48" />
        </svg>
      </Button>
    </>
  );
}
