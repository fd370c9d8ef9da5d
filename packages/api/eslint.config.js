import { apiImportBoundaries, baseConfig } from "@kefu/eslint-config";

export default [...baseConfig(import.meta.dirname), ...apiImportBoundaries];
