import { router } from "../../trpc.ts";
import { customerDataProcedures } from "./data.ts";
import { customerListProcedures } from "./list.ts";
import { customerProfileProcedures } from "./profile.ts";

/** 客户: the list, segments, bulk actions and exports; one customer's profile, notes and data requests; imports, duplicates and merges. */
export const customerRouter = router({ ...customerListProcedures, ...customerProfileProcedures, ...customerDataProcedures });
