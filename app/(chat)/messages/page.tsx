import type { Metadata } from "next";
import { ColleagueList } from "@/components/ColleagueList";
import { listColleagues } from "@/lib/conversations";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Messages" };

export default async function MessagesPage() {
  const user = await requireUser();
  return (
    <>
      <h1 className="mb-3 text-xl font-semibold">Messages</h1>
      <ColleagueList colleagues={await listColleagues(user.id)} />
    </>
  );
}
