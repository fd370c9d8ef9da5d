// Prints the SQL that creates the whole schema on an empty database (how the first migration
// was written). For later changes, write the ALTER statements by hand; the drift test checks them.
import { createSchemaSql, readSchema } from "../schema/read-schema.ts";

process.stdout.write(createSchemaSql(readSchema()));
