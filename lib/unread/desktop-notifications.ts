/**
 * The desktop-notification preference, kept in this browser (localStorage): it is about a
 * device, not an account. The Notification permission is asked only when it is turned on.
 */
export const DESKTOP_NOTIFICATIONS_KEY = "cairo:desktop-notifications";

export function desktopNotificationsWanted(): boolean {
  try {
    return window.localStorage.getItem(DESKTOP_NOTIFICATIONS_KEY) === "on";
  } catch {
    return false;
  }
}

export function setDesktopNotificationsWanted(on: boolean): void {
  try {
    window.localStorage.setItem(DESKTOP_NOTIFICATIONS_KEY, on ? "on" : "off");
  } catch {
    // Storage refused (private mode): the preference lasts for this page only.
  }
}
