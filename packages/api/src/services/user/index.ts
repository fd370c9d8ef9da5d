// Staff and their presence.
export { recordPresenceChange, setPresence } from "./presence.ts";
