import type { Metadata, Viewport } from "next";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Cairo Chat", template: "%s · Cairo Chat" },
  description: "Direct messages for the Cairo intranet",
};

// Every page carries a fresh CSP nonce (proxy.ts), which only a page rendered per request can
// use: nothing is prerendered at build time.
export const dynamic = "force-dynamic";

// The on-screen keyboard shrinks the layout (and 100dvh) rather than covering the page, so
// a conversation's composer stays in view above it.
export const viewport: Viewport = {
  width: "device-width",
  initialScale: 1,
  interactiveWidget: "resizes-content",
};

export default function RootLayout({ children }: { children: React.ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
