import type { QueryClient, QueryKey } from "@tanstack/react-query";

/**
 * Sets a view's data in place. A fetch of it already in flight may have read the data
 * before this write: its answer would undo it, so it is restarted (invalidating cancels
 * it). Returns whether it was restarted.
 */
export function setInPlace<T>(
  queryClient: QueryClient,
  key: QueryKey,
  data: T | ((held: T | undefined) => T | undefined),
): boolean {
  queryClient.setQueryData<T>(key, data);
  if (queryClient.isFetching({ queryKey: key }) === 0) return false;
  void queryClient.invalidateQueries({ queryKey: key });
  return true;
}
