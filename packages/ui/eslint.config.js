import { baseConfig } from "@kefu/eslint-config";

// This file is outside tsconfig's `include` (src), so the type-aware project service cannot parse it.
export default [{ ignores: ["eslint.config.js"] }, ...baseConfig(import.meta.dirname)];
