"use client";

import { PageError } from "@/components/PageError";

export default function AuthError(props: { error: Error; reset: () => void }) {
  return <PageError {...props} />;
}
