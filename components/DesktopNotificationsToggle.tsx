"use client";

import { useEffect, useState } from "react";
import {
  desktopNotificationsWanted,
  setDesktopNotificationsWanted,
} from "@/lib/unread/desktop-notifications";

type Support = "unknown" | "unsupported" | NotificationPermission;

/**
 * The opt-in switch. Turning it on asks the browser for permission (only then, from the
 * user's own click); the choice is kept on this device.
 */
export function DesktopNotificationsToggle() {
  const [on, setOn] = useState(false);
  const [support, setSupport] = useState<Support>("unknown");
  useEffect(() => {
    setSupport(typeof Notification === "undefined" ? "unsupported" : Notification.permission);
    setOn(desktopNotificationsWanted());
  }, []);

  const toggle = async (wanted: boolean) => {
    setOn(wanted);
    setDesktopNotificationsWanted(wanted);
    if (!wanted || typeof Notification === "undefined") return;
    const permission =
      Notification.permission === "default"
        ? await Notification.requestPermission()
        : Notification.permission;
    setSupport(permission);
  };

  return (
    <div className="flex flex-col gap-2">
      <label className="inline-flex items-center gap-2 font-medium">
        <input
          type="checkbox"
          role="switch"
          aria-checked={on}
          checked={on}
          disabled={support === "unsupported"}
          onChange={(event) => void toggle(event.target.checked)}
          className="h-5 w-5 accent-brand-600"
        />
        Desktop notifications
      </label>
      <p role="status" className="text-sm text-slate-600">
        {support === "unsupported" && "This browser cannot show notifications."}
        {on &&
          support === "denied" &&
          "Your browser blocks notifications from Cairo Chat: allow them in its site settings."}
        {on &&
          support === "granted" &&
          "On: new messages show while this tab is in the background."}
        {!on && support !== "unsupported" && "Off."}
      </p>
    </div>
  );
}
