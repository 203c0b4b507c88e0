"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";

const PAGES = [
  { href: "/settings/profile", label: "Profile" },
  { href: "/settings/password", label: "Password" },
  { href: "/settings/notifications", label: "Desktop notifications" },
  { href: "/settings/account", label: "Account" },
] as const;

/** `passwords`: false on SSO-only servers, where the password page holds only the sessions. */
export function SettingsNav({ passwords = true }: { passwords?: boolean }) {
  const pathname = usePathname();
  const pages = PAGES.map((page) =>
    page.href === "/settings/password" && !passwords ? { ...page, label: "Sessions" } : page,
  );
  return (
    <nav aria-label="Settings" className="flex flex-wrap gap-2">
      {pages.map(({ href, label }) => (
        <Link
          key={href}
          href={href}
          aria-current={pathname === href ? "page" : undefined}
          className="rounded-md px-2 py-1 text-sm text-brand-700 hover:bg-brand-50 aria-[current=page]:bg-brand-50 aria-[current=page]:font-semibold"
        >
          {label}
        </Link>
      ))}
    </nav>
  );
}
