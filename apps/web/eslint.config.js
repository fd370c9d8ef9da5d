import nextPlugin from "@next/eslint-plugin-next";
import { baseConfig, webImportBoundaries } from "@kefu/eslint-config";

export default [
  // the embed script (public/widget.js) runs on customers' sites as plain ES5, outside the TypeScript project
  { ignores: ["public/widget.js"] },
  ...baseConfig(import.meta.dirname),
  {
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
  ...webImportBoundaries,
];
