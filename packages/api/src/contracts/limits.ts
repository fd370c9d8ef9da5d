/**
 * Every limit on what a person or a client may send, written once. The input schemas next to this file
 * enforce them on the server; the console and the chat widget read the same numbers for `maxLength`,
 * character counters and hints. Changing a limit here changes it everywhere.
 *
 * Lengths are counted in UTF-16 code units, as zod's `.max()` and the browser's `maxLength` count them.
 */

// Conversations
/** a customer message or an agent reply */
export const MESSAGE_BODY_MAX = 5_000;
/** an internal note, and the note that goes with a transfer, a resolution or a reassignment */
export const NOTE_MAX = 1_000;
/** the customer's comment on the satisfaction survey */
export const CSAT_COMMENT_MAX = 1_000;
/** why a conversation was handed to people (customer_request, low_confidence, off_hours, …) */
export const HANDOFF_REASON_MAX = 64;
/** the client's own id of a message (retries deduplicate on it) */
export const CLIENT_ID_MAX = 64;
/** a customer's id on a channel: widget visitor id, WeChat openid, app user id */
export const EXTERNAL_USER_ID_MAX = 128;
/** the name a customer gives on a channel */
export const CUSTOMER_NAME_MAX = 64;
/** the page a visitor opened the chat widget on */
export const PAGE_URL_MAX = 500;
/** the visitor's device as the widget's User-Agent describes it */
export const DEVICE_MAX = 64;
/** the search box of the conversation list */
export const CONVERSATION_SEARCH_MAX = 64;
export const RESOLUTION_CATEGORY_MAX = 64;

// Knowledge base
export const KB_TITLE_MAX = 200;
export const KB_BODY_MAX = 20_000;
export const KB_KEYWORDS_MAX = 500;
/** a knowledge search, and the title search of the article list */
export const KB_QUERY_MAX = 200;
/** a question typed into "try the bot" */
export const KB_TRY_BOT_QUESTION_MAX = 500;

// Bot settings
/** each of the bot's texts (welcome, clarify, off hours, queue full) */
export const BOT_TEXT_MAX = 500;
/** one hand-off keyword */
export const BOT_KEYWORD_MAX = 32;
/** how many hand-off keywords */
export const BOT_KEYWORDS_MAX = 50;

// Staff and teams
export const EMPLOYEE_NO_MAX = 32;
export const STAFF_NAME_MAX = 64;
export const EMAIL_MAX = 191;
/** a phone number as typed, spaces and dashes included */
export const PHONE_INPUT_MAX = 24;
export const PASSWORD_MIN = 8;
export const PASSWORD_MAX = 128;
/** the search box of the staff directory */
export const STAFF_SEARCH_MAX = 64;
export const TEAM_NAME_MAX = 64;
export const TEAM_DESCRIPTION_MAX = 500;

// Integrations, audit, push
export const API_KEY_NAME_MAX = 64;
export const WEBHOOK_NAME_MAX = 64;
export const WEBHOOK_URL_MAX = 500;
export const WEBHOOK_DESCRIPTION_MAX = 500;
/** the action filter of the audit log */
export const AUDIT_ACTION_FILTER_MAX = 64;
export const PUSH_ENDPOINT_MAX = 500;
export const PUSH_KEY_MAX = 255;

// Canned replies (快捷回复)
export const CANNED_TITLE_MAX = 64;
/** what an agent types after "/" */
export const CANNED_SHORTCUT_MAX = 32;
export const CANNED_CATEGORY_MAX = 32;
export const CANNED_BODY_MAX = 2_000;
/** the picker's search text after "/" */
export const CANNED_QUERY_MAX = 64;

// Customer list, segments, bulk actions and exports
/** the search box and a text condition of the filter builder */
export const CUSTOMER_SEARCH_MAX = 64;
/** conditions of one filter (a group counts as one, its own conditions as many again) */
export const CUSTOMER_FILTER_CONDITIONS_MAX = 20;
/** values of one condition (levels, tags, channels, teams, options) */
export const CUSTOMER_FILTER_VALUES_MAX = 50;
export const CUSTOMER_PAGE_MAX = 100;
export const SEGMENT_NAME_MAX = 64;
export const TAG_NAME_MAX = 32;
/** ids picked one by one on the list (a larger audience is a filter or a segment) */
export const CUSTOMER_SELECTION_MAX = 1_000;
/** tags one bulk action adds or removes */
export const BULK_TAGS_MAX = 20;
/** a bulk action on more customers than this runs as a job with a progress bar */
export const BULK_INLINE_MAX = 500;
