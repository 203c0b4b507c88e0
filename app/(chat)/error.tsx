"use client";

import { PageError } from "@/components/PageError";

export default function ChatError(props: { error: Error; reset: () => void }) {
  return <PageError {...props} />;
}
