import { baseConfig } from "@kefu/eslint-config";

export default [{ ignores: ["apps/**", "packages/**", "tooling/**", "playwright-report/**", "test-results/**"] }, ...baseConfig(import.meta.dirname)];
