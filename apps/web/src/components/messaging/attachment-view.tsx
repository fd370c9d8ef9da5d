"use client";

import { cn } from "@kefu/ui/cn";
import { useFormatter, useTranslations } from "next-intl";
import { useEffect, useState } from "react";

export interface AttachmentInfo {
  id: number;
  fileName: string;
  mimeType: string;
  sizeBytes: number;
  width: number | null;
  height: number | null;
}

export type AttachmentVariant = "original" | "thumbnail";

/**
 * Where the browser gets a file: staff load it by URL (their session cookie goes along); the widget fetches it with
 * the visitor token and shows it from a blob URL.
 */
export type AttachmentSource =
  | { kind: "url"; url: (id: number, variant: AttachmentVariant) => string }
  | { kind: "fetch"; fetch: (id: number, variant: AttachmentVariant) => Promise<Blob> };

function useObjectUrl(source: AttachmentSource, id: number, variant: AttachmentVariant, enabled: boolean): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!enabled || source.kind !== "fetch") return;
    let revoked = false;
    let created: string | null = null;
    source
      .fetch(id, variant)
      .then((blob) => {
        if (revoked) return;
        created = URL.createObjectURL(blob);
        setUrl(created);
      })
      .catch(() => undefined);
    return () => {
      revoked = true;
      if (created) URL.revokeObjectURL(created);
    };
  }, [source, id, variant, enabled]);
  return source.kind === "url" ? source.url(id, variant) : url;
}

async function openFile(source: AttachmentSource, attachment: AttachmentInfo, download: boolean) {
  const url = source.kind === "url" ? source.url(attachment.id, "original") : URL.createObjectURL(await source.fetch(attachment.id, "original"));
  const link = document.createElement("a");
  link.href = url;
  if (download) link.download = attachment.fileName;
  else link.target = "_blank";
  link.rel = "noopener";
  document.body.append(link);
  link.click();
  link.remove();
  if (source.kind === "fetch") window.setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** An image as its thumbnail (click: the original in a new tab), any other file as a card with its name and size. */
export function AttachmentView({ attachment, source, className }: { attachment: AttachmentInfo; source: AttachmentSource; className?: string }) {
  const t = useTranslations("messaging");
  const format = useFormatter();
  const image = attachment.mimeType.startsWith("image/");
  const thumbnail = useObjectUrl(source, attachment.id, "thumbnail", image);
  const size =
    attachment.sizeBytes >= 1024 * 1024
      ? `${format.number(attachment.sizeBytes / 1024 / 1024, { maximumFractionDigits: 1 })} MB`
      : `${format.number(Math.max(1, Math.round(attachment.sizeBytes / 1024)))} KB`;

  if (image) {
    const ratio = attachment.width && attachment.height ? `${attachment.width} / ${attachment.height}` : undefined;
    return (
      <button
        type="button"
        className={cn("block max-w-60 overflow-hidden rounded-lg border border-slate-200 bg-slate-100", className)}
        style={{ aspectRatio: ratio }}
        onClick={() => void openFile(source, attachment, false)}
        aria-label={t("openImage", { name: attachment.fileName })}
        data-testid="attachment-image"
      >
        {thumbnail ? (
          // eslint-disable-next-line @next/next/no-img-element -- an authorised route or a blob URL, already scaled on the server
          <img src={thumbnail} alt={attachment.fileName} className="size-full object-cover" data-testid="attachment-thumbnail" />
        ) : null}
      </button>
    );
  }
  return (
    <button
      type="button"
      className={cn(
        "flex max-w-64 items-center gap-3 rounded-lg border border-slate-200 bg-white px-3 py-2 text-left text-slate-900 hover:bg-slate-50",
        className,
      )}
      onClick={() => void openFile(source, attachment, true)}
      aria-label={t("download", { name: attachment.fileName })}
      data-testid="attachment-file"
    >
      <svg aria-hidden viewBox="0 0 24 24" className="size-8 shrink-0 text-slate-500" fill="none" stroke="currentColor" strokeWidth="1.5">
        <path d="M14 2H6a2 2 0 0 0-2 2v16a2 2 0 0 0 2 2h12a2 2 0 0 0 2-2V8z" />
        <path d="M14 2v6h6" />
      </svg>
      <span className="min-w-0">
        <span className="block truncate text-sm font-medium">{attachment.fileName}</span>
        <span className="block text-xs text-slate-500">{size}</span>
      </span>
    </button>
  );
}
