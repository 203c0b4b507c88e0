import Link from "next/link";

/** Every settings page shows where the others are. */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  const link = "rounded-md px-2 py-1 text-sm text-brand-700 hover:bg-brand-50";
  return (
    <div className="flex flex-col gap-4">
      <nav aria-label="Settings" className="flex gap-2">
        <Link href="/settings/password" className={link}>
          Password and sessions
        </Link>
        <Link href="/settings/account" className={link}>
          Account deletion
        </Link>
      </nav>
      {children}
    </div>
  );
}
