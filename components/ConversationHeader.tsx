import Link from "next/link";
import { Avatar } from "./Avatar";

export function ConversationHeader({
  other,
  isSelf,
}: {
  other: { id: number; name: string; deactivated?: boolean };
  isSelf: boolean;
}) {
  return (
    <div className="flex items-center gap-3">
      <Link href="/messages" className="text-sm text-brand-600 hover:underline lg:hidden">
        ← Back
      </Link>
      <Avatar name={other.name} />
      <h1 className="text-lg font-semibold">
        <bdi>{other.name}</bdi>
        {isSelf && <span className="ml-2 text-sm font-normal text-slate-500">(notes to self)</span>}
        {other.deactivated && (
          <span className="text-sm font-normal text-slate-500"> (deactivated)</span>
        )}
      </h1>
    </div>
  );
}
