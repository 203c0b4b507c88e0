import "server-only";
import { headers } from "next/headers";
import { redirect } from "next/navigation";
import { signOut } from "@/auth";
import { appOrigin } from "@/lib/platform/http/origin";
import { providerSignOutUrl } from "./sso-sign-out";

/**
 * Clears the session cookie once the server session has ended, then goes to the sign-in
 * page, by way of the provider's end-session endpoint when the session came from single
 * sign-on (`idToken`) and the provider has one.
 */
export async function signOutAndLeave(idToken: string | null): Promise<never> {
  const origin = (await headers()).get("origin");
  const provider = await providerSignOutUrl(
    idToken,
    origin?.startsWith("http") ? origin : appOrigin(),
  );
  if (!provider) return (await signOut({ redirectTo: "/login" })) as never;
  await signOut({ redirect: false });
  redirect(provider);
}
