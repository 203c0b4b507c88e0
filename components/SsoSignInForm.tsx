import { SubmitButton } from "./SubmitButton";

/** The single sign-on button of the sign-in page: a form, so it works without scripts too. */
export function SsoSignInForm({
  action,
  label,
  callbackUrl,
}: {
  action: (form: FormData) => Promise<void>;
  label: string;
  callbackUrl?: string;
}) {
  return (
    <form action={action} className="flex flex-col">
      {callbackUrl && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <SubmitButton pendingLabel="Redirecting…">{label}</SubmitButton>
    </form>
  );
}
