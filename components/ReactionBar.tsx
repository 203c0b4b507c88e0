"use client";

import { reactionLabel } from "@/lib/reactions/summary";

interface ReactionBarProps {
  reactions: { emoji: string; users: { id: number; name: string }[] }[];
  viewerId: number;
  onToggle: (emoji: string) => void;
  error: string | null;
}

/**
 * The reactions under a message: one button per emoji with its count, pressed when the
 * viewer reacted; a click turns the viewer's own on or off. Its name and tooltip say who
 * reacted: "👍 3: Amira, Bilal and you".
 */
export function ReactionBar({ reactions, viewerId, onToggle, error }: ReactionBarProps) {
  if (reactions.length === 0 && !error) return null;
  return (
    <div className="mt-1">
      {reactions.length > 0 && (
        <ul aria-label="Reactions" className="flex flex-wrap gap-1">
          {reactions.map((reaction) => {
            const mine = reaction.users.some((user) => user.id === viewerId);
            const label = reactionLabel(reaction, viewerId);
            return (
              <li key={reaction.emoji}>
                <button
                  type="button"
                  aria-pressed={mine}
                  aria-label={label}
                  title={label}
                  onClick={() => onToggle(reaction.emoji)}
                  className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-sm ring-1 ${
                    mine
                      ? "bg-brand-50 text-brand-700 ring-brand-500"
                      : "bg-white text-slate-700 ring-slate-300 hover:bg-slate-100"
                  }`}
                >
                  <span aria-hidden="true">{reaction.emoji}</span>
                  <span aria-hidden="true" className="text-xs font-semibold">
                    {reaction.users.length}
                  </span>
                </button>
              </li>
            );
          })}
        </ul>
      )}
      {error && (
        <p role="alert" className="mt-0.5 text-xs text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
