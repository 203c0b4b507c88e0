import Link from "next/link";
import { Avatar } from "./Avatar";
import { PresenceDot } from "./PresenceDot";

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
      <span className="relative inline-flex">
        <Avatar name={other.name} />
        {!isSelf && <PresenceDot userId={other.id} className="absolute -right-0.5 -bottom-0.5" />}
      </span>
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
