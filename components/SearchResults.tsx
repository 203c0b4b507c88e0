import Link from "next/link";
import type { Segment } from "@/lib/search/highlight";
import type { SearchPage, SearchResult, SearchSort } from "@/lib/search/search";
import { Avatar } from "./Avatar";
import { Timestamp } from "./Timestamp";

/**
 * One article per hit: colleague, time, the snippet with its matched words in <mark>, and
 * the names of the files a word matched.
 */
export function SearchResults({
  page,
  q,
  sort,
  viewerId,
}: {
  page: SearchPage;
  q: string;
  sort: SearchSort;
  viewerId: number;
}) {
  if (page.results.length === 0) {
    return (
      <p className="rounded-xl bg-white p-8 text-center text-slate-600 shadow-sm ring-1 ring-slate-200">
        No messages match
      </p>
    );
  }
  const next = new URLSearchParams({ q, sort, before: String(page.nextBefore) });
  return (
    <>
      <div className="flex flex-col gap-2">
        {page.results.map((result) => (
          <article
            key={result.id}
            aria-labelledby={`search-${result.id}`}
            className="flex gap-3 rounded-xl bg-white p-3 shadow-sm ring-1 ring-slate-200"
          >
            <Avatar name={result.colleague.name} size="sm" />
            <div className="min-w-0 flex-1">
              <div className="flex items-baseline justify-between gap-2">
                <h2 id={`search-${result.id}`} className="font-semibold">
                  <Direction result={result} viewerId={viewerId} />
                  {result.isReply && (
                    <span className="font-normal text-slate-500"> in a thread</span>
                  )}
                </h2>
                <Timestamp ms={result.createdAt} />
              </div>
              <p className="break-words whitespace-pre-wrap text-slate-700">
                <Highlighted segments={result.snippet} />
              </p>
              {result.files.map((file, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: the files never move
                <p key={i} className="break-all text-sm text-slate-700">
                  <span className="text-slate-500">File: </span>
                  <Highlighted segments={file} />
                </p>
              ))}
              <Link href={result.href} className="text-sm text-brand-600 hover:underline">
                Open in conversation
              </Link>
            </div>
          </article>
        ))}
      </div>
      {page.nextBefore !== null && (
        <Link
          href={`/search?${next}`}
          className="mt-3 inline-block text-sm text-brand-600 hover:underline"
        >
          More results
        </Link>
      )}
    </>
  );
}

/** "You to Karim Saleh", "Karim Saleh to you", "Note to self", or in a room "Amira in #design". */
function Direction({ result, viewerId }: { result: SearchResult; viewerId: number }) {
  if (result.room) {
    return (
      <>
        {result.fromViewer ? "You" : <bdi>{result.senderName}</bdi>}
        <span className="font-normal text-slate-500"> in </span>#<bdi>{result.room.name}</bdi>
      </>
    );
  }
  if (result.colleague.id === viewerId) return <>Note to self</>;
  const name = <bdi>{result.colleague.name}</bdi>;
  return result.fromViewer ? (
    <>
      <span className="font-normal text-slate-500">You to </span>
      {name}
    </>
  ) : (
    <>
      {name}
      <span className="font-normal text-slate-500"> to you</span>
    </>
  );
}

/** Text with its matched words in <mark>; nothing from a message is read as HTML. */
function Highlighted({ segments }: { segments: Segment[] }) {
  return (
    <bdi>
      {segments.map((segment, i) =>
        segment.match ? (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never move
          <mark key={i} className="rounded bg-yellow-200 px-0.5">
            {segment.text}
          </mark>
        ) : (
          // biome-ignore lint/suspicious/noArrayIndexKey: segments never move
          <span key={i}>{segment.text}</span>
        ),
      )}
    </bdi>
  );
}
