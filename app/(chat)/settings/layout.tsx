import { SettingsNav } from "@/components/SettingsNav";

/** Every settings page shows where the others are. */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <SettingsNav />
      {children}
    </div>
  );
}
