export type SignInMethod = "password" | "sso" | "password and sso";

/** How an account signs in: its own password, single sign-on, or either. */
export function signInMethod(user: {
  passwordHash: string;
  ssoSubject: string | null;
}): SignInMethod {
  if (user.ssoSubject === null) return "password";
  return user.passwordHash !== "" ? "password and sso" : "sso";
}

export const SIGN_IN_METHOD_LABELS: Record<SignInMethod, string> = {
  password: "Password",
  sso: "Single sign-on",
  "password and sso": "Password and single sign-on",
};
