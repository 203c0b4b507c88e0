import { SettingsNav } from "@/components/SettingsNav";
import { passwordSignInEnabled } from "@/lib/accounts/sso-config";

/** Every settings page shows where the others are. */
export default function SettingsLayout({ children }: { children: React.ReactNode }) {
  return (
    <div className="flex flex-col gap-4">
      <SettingsNav passwords={passwordSignInEnabled()} />
      {children}
    </div>
  );
}
