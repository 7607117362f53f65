/** How many of each kind of libuv handle or request keep the process alive. */
export type ResourceCounts = Record<string, number>;

/** Counts `process.getActiveResourcesInfo()` by kind (`TCPSocketWrap`, `Timeout`, ...). */
export function activeResources(): ResourceCounts {
  const counts: ResourceCounts = {};
  for (const kind of process.getActiveResourcesInfo()) counts[kind] = (counts[kind] ?? 0) + 1;
  return counts;
}

/** The kinds whose count is above `baseline`, with how many more there are. */
export function resourcesAbove(baseline: ResourceCounts, current = activeResources()): ResourceCounts {
  const extra: ResourceCounts = {};
  for (const [kind, count] of Object.entries(current)) {
    const more = count - (baseline[kind] ?? 0);
    if (more > 0) extra[kind] = more;
  }
  return extra;
}

/**
 * Waits until no kind of resource is above `baseline`, and returns what is still
 * above it after `withinMs` (an empty object means nothing leaked). Closing a
 * socket completes on a later turn of the event loop, hence the short wait.
 */
export async function settledResourcesAbove(baseline: ResourceCounts, withinMs = 2000): Promise<ResourceCounts> {
  const deadline = Date.now() + withinMs;
  let extra = resourcesAbove(baseline);
  while (Object.keys(extra).length > 0 && Date.now() < deadline) {
    await new Promise<void>((resolve) => setImmediate(resolve));
    await new Promise<void>((resolve) => setTimeout(resolve, 10));
    extra = resourcesAbove(baseline);
  }
  return extra;
}
