/** Does nothing: the handler for promises whose rejection means nothing to us. */
export const noop = (): void => {};

/**
 * Cancels a body or a reader we are done with. Its promise rejects when the
 * stream already failed, which is exactly when there is nothing left to
 * release, so that rejection is swallowed rather than reported as unhandled.
 */
export function cancel(stream: { cancel(): Promise<void> } | null | undefined): void {
  stream?.cancel().catch(noop);
}
