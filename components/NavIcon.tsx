/** Outline icons for the main navigation (24 px grid), decorative: the label names the link. */
const PATHS = {
  messages: "M4 5h16v11H8l-4 4V5z M8 9h8 M8 12h5",
  inbox: "M3 13l3-8h12l3 8v6H3v-6z M3 13h5l1 3h6l1-3h5",
  notifications: "M6 16V11a6 6 0 1 1 12 0v5l2 2H4l2-2z M10 20a2 2 0 0 0 4 0",
  search: "M11 4a7 7 0 1 1 0 14a7 7 0 0 1 0-14z M16 16l5 5",
  settings:
    "M12 9a3 3 0 1 1 0 6a3 3 0 0 1 0-6z M12 2v3 M12 19v3 M2 12h3 M19 12h3 M4.9 4.9l2.1 2.1 M17 17l2.1 2.1 M4.9 19.1L7 17 M17 7l2.1-2.1",
  admin: "M12 3l8 3v6c0 5-3.5 8-8 9c-4.5-1-8-4-8-9V6l8-3z",
  signOut: "M10 4H5v16h5 M15 8l4 4l-4 4 M19 12H9",
} as const;

export type NavIconName = keyof typeof PATHS;

export function NavIcon({ name }: { name: NavIconName }) {
  return (
    <svg
      aria-hidden="true"
      viewBox="0 0 24 24"
      className="size-5 shrink-0 lg:hidden"
      fill="none"
      stroke="currentColor"
      strokeWidth="1.8"
      strokeLinecap="round"
      strokeLinejoin="round"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
