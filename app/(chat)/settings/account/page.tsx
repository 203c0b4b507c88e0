import type { Metadata } from "next";
import { DeleteAccountForm } from "@/components/DeleteAccountForm";
import { accountSummary } from "@/lib/accounts/accounts";
import { requireUser } from "@/lib/accounts/current-user";
import { deleteAccountAction } from "./actions";

export const metadata: Metadata = { title: "Delete account" };

const plural = (count: number, one: string, many: string) =>
  `${count.toLocaleString("en")} ${count === 1 ? one : many}`;

export default async function AccountSettingsPage() {
  const user = await requireUser();
  const summary = await accountSummary(user.id);
  const losses = [
    `${plural(summary.messages, "message", "messages")} you sent or received, with every reply in those conversations and their edit histories`,
    `your ${plural(summary.conversations, "conversation", "conversations")}`,
    plural(summary.notifications, "notification", "notifications"),
  ];
  return (
    <section className="rounded-xl bg-white p-6 shadow-sm ring-1 ring-slate-200">
      <h1 className="mb-2 text-xl font-semibold text-red-700">Delete account</h1>
      <p className="mb-3 text-slate-700">
        Deleting the account of{" "}
        <strong>
          <bdi>{user.name}</bdi>
        </strong>{" "}
        ({user.email}) cannot be undone. It removes, for you and for everyone you talked to:
      </p>
      <ul className="mb-4 list-disc pl-6 text-slate-700">
        {losses.map((loss) => (
          <li key={loss}>{loss}</li>
        ))}
      </ul>
      <DeleteAccountForm
        action={deleteAccountAction}
        email={user.email}
        losses={losses}
        hasPassword={summary.hasPassword}
      />
    </section>
  );
}
