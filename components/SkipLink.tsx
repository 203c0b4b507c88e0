"use client";

import { usePathname } from "next/navigation";

/** "Skip to composer" on the pages that have one: the first stop of the Tab key. */
export function SkipLink() {
  const pathname = usePathname();
  if (!/^\/(messages|thread)\/\d+/.test(pathname)) return null;
  return (
    <a
      href="#composer"
      className="sr-only z-20 rounded-md bg-white px-3 py-2 text-sm font-medium text-brand-700 shadow focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
    >
      Skip to composer
    </a>
  );
}
