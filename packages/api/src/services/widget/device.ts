/**
 * A short, readable description of a visitor's device from the User-Agent header ("iPhone · Safari",
 * "Windows · Edge", "Android · 微信"), for the workspace and the monitor. Null when nothing is recognised.
 */
import { DEVICE_MAX } from "../../contracts/limits.ts";

const SYSTEMS: readonly [RegExp, string][] = [
  [/iPad/, "iPad"],
  [/iPhone|iPod/, "iPhone"],
  [/HarmonyOS|OpenHarmony/, "HarmonyOS"],
  [/Android/, "Android"],
  [/Windows/, "Windows"],
  [/Macintosh|Mac OS X/, "Mac"],
  [/CrOS/, "ChromeOS"],
  [/Linux/, "Linux"],
];

// in-app browsers first: their user agents also name the engine they are built on
const BROWSERS: readonly [RegExp, string][] = [
  [/MicroMessenger/, "微信"],
  [/AlipayClient/, "支付宝"],
  [/DingTalk/, "钉钉"],
  [/Edg(e|A|iOS)?\//, "Edge"],
  [/OPR\/|Opera/, "Opera"],
  [/SamsungBrowser/, "Samsung Internet"],
  [/UCBrowser/, "UC"],
  [/QQBrowser/, "QQ浏览器"],
  [/HuaweiBrowser/, "华为浏览器"],
  [/Firefox|FxiOS/, "Firefox"],
  [/Chrome|CriOS|Chromium/, "Chrome"],
  [/Safari/, "Safari"],
];

export function describeDevice(userAgent: string | null | undefined): string | null {
  if (!userAgent) return null;
  const system = SYSTEMS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const browser = BROWSERS.find(([pattern]) => pattern.test(userAgent))?.[1];
  const parts = [system, browser].filter((p): p is string => !!p);
  return parts.length ? parts.join(" · ").slice(0, DEVICE_MAX) : null;
}
