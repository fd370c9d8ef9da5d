import nextPlugin from "@next/eslint-plugin-next";
import { baseConfig } from "@kefu/eslint-config";

export default [
  ...baseConfig(import.meta.dirname),
  {
    plugins: { "@next/next": nextPlugin },
    rules: { ...nextPlugin.configs.recommended.rules, ...nextPlugin.configs["core-web-vitals"].rules },
  },
];
