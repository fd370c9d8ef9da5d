/**
 * The console's addresses other parts link to (the monitor, push notifications, reports, the console's notifiers).
 * No schema library here: the console shell imports this on every page.
 */

/** One conversation, opened in the workspace; someone who may not see it gets a forbidden / not-found state there. */
export function conversationPath(conversationId: number): string {
  return `/workspace/c/${conversationId}`;
}

/** The conversation id in a workspace address, or null when the path is not one. */
export function conversationIdFromPath(pathname: string): number | null {
  const match = /^\/workspace\/c\/([1-9]\d{0,9})$/.exec(pathname);
  const id = match ? Number(match[1]) : null;
  // ids are INT columns
  return id !== null && id <= 2_147_483_647 ? id : null;
}

/** A customer's profile in the console. */
export function customerProfilePath(customerId: number): string {
  return `/customers/${customerId}`;
}

/** A quality review: the reviewer's page and the reviewed agent's. */
export const qaReviewPaths = {
  review: (id: number) => `/qa/reviews/${id}`,
  feedback: (id: number) => `/qa/my-reviews/${id}`,
};
