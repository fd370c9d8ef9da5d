import type { MetadataRoute } from "next";
import zhCN from "~/messages/pwa.zh-CN.json";

/**
 * The web app manifest (/manifest.webmanifest). Installed apps carry one name, so it is the Chinese one; the pages
 * themselves follow each person's language.
 */
export default function manifest(): MetadataRoute.Manifest {
  const strings = zhCN.pwa.manifest;
  return {
    id: "/",
    name: strings.name,
    short_name: strings.shortName,
    description: strings.description,
    lang: "zh-CN",
    dir: "ltr",
    start_url: "/",
    scope: "/",
    display: "standalone",
    display_override: ["standalone", "minimal-ui"],
    orientation: "any",
    // theme.css: --color-primary-600 and the page background (slate-50)
    theme_color: "#1366e0",
    background_color: "#f8fafc",
    categories: ["business", "productivity"],
    icons: [
      { src: "/icons/icon-192.png", sizes: "192x192", type: "image/png", purpose: "any" },
      { src: "/icons/icon-512.png", sizes: "512x512", type: "image/png", purpose: "any" },
      { src: "/icons/maskable-192.png", sizes: "192x192", type: "image/png", purpose: "maskable" },
      { src: "/icons/maskable-512.png", sizes: "512x512", type: "image/png", purpose: "maskable" },
    ],
    shortcuts: [
      { name: strings.monitor, url: "/monitor", icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }] },
      { name: strings.workspace, url: "/workspace", icons: [{ src: "/icons/icon-192.png", sizes: "192x192", type: "image/png" }] },
    ],
  };
}
