import { memo, type ReactElement } from "react";
import Markdown, { type Components } from "react-markdown";
import remarkBreaks from "remark-breaks";
import type { PluggableList } from "unified";
import { createLru } from "@/db/lru";
import { fitsMarkdownBudget } from "@/lib/platform/markdown/budget";
import { safeUrl } from "@/lib/platform/markdown/links";
import { chatMarkdown } from "@/lib/platform/markdown/plugins";
import { MentionChip } from "./MentionChip";
import { MessageBoundary } from "./MessageBoundary";

/** Single newlines stay line breaks, as in every chat app. */
const remarkPlugins: PluggableList = [...chatMarkdown, remarkBreaks];

/**
 * What the chat subset produces. Anything else (a heading, a table, an image: the parser
 * makes none of them) would be unwrapped to its text: a second fence behind the parser's.
 */
const ALLOWED_ELEMENTS = [
  "p",
  "br",
  "strong",
  "em",
  "del",
  "code",
  "pre",
  "blockquote",
  "ul",
  "ol",
  "li",
  "a",
  // Mentions only: raw HTML is never parsed, so a span comes from remarkMentions alone.
  "span",
];

/**
 * Elements, styled. React elements only (no innerHTML): whatever a message holds is text or
 * one of these. Colours are translucent or come in background/text pairs, so they read on
 * light and dark pages alike.
 */
const components: Components = {
  span: ({ node: _, children, ...props }) => {
    const mention = (props as Record<string, unknown>)["data-mention"];
    // Only remarkMentions makes spans; anything else would be its text.
    return typeof mention === "string" ? (
      <MentionChip mention={mention}>{children}</MentionChip>
    ) : (
      children
    );
  },
  p: ({ node: _, ...props }) => <p className="my-1 first:mt-0 last:mb-0" {...props} />,
  strong: ({ node: _, ...props }) => <strong className="font-semibold" {...props} />,
  del: ({ node: _, ...props }) => <del className="opacity-80" {...props} />,
  a: ({ node: _, href, children }) =>
    href ? (
      <a
        href={href}
        target="_blank"
        rel="noopener noreferrer"
        className="break-all text-brand-600 underline underline-offset-2 hover:text-brand-700 dark:text-brand-500"
      >
        {children}
      </a>
    ) : (
      // A link to a URL that may not be followed (javascript:, data:, relative): its text.
      <span>{children}</span>
    ),
  blockquote: ({ node: _, ...props }) => (
    <blockquote className="my-1 border-l-4 border-slate-400/50 pl-3 opacity-90" {...props} />
  ),
  ul: ({ node: _, ...props }) => <ul className="my-1 list-disc pl-6" {...props} />,
  ol: ({ node: _, ...props }) => <ol className="my-1 list-decimal pl-6" {...props} />,
  pre: ({ node: _, ...props }) => (
    <pre
      className="my-1 max-w-full overflow-x-auto rounded-md bg-slate-900 p-3 font-mono text-sm text-slate-100 [&_code]:bg-transparent [&_code]:p-0"
      {...props}
    />
  ),
  code: ({ node: _, className, ...props }) => (
    <code
      // A fenced block's `language-xxx` class; inline code gets its own background.
      className={className ?? "rounded bg-slate-500/15 px-1 py-0.5 font-mono text-[0.9em]"}
      {...props}
    />
  ),
};

/**
 * A message's source text rendered as the chat subset of Markdown (see lib/markdown):
 * bold, italics, strikethrough, code, quotes, lists, links that open in a new tab, emoji,
 * mentions (chips; the reader's own highlighted: the chip reads ViewerIdContext).
 * Raw HTML is text; images are never loaded; only http, https and mailto links are live.
 * A message nested too deep for Markdown, or one that fails to render, shows as its plain
 * text: in its own error boundary, so it never takes the page or the live view with it.
 */
export const MessageContent = memo(function MessageContent({ source }: { source: string }) {
  return (
    <div className="break-words">
      <MessageBoundary resetKey={source} fallback={<PlainMessage source={source} />}>
        <RenderedMessage source={source} />
      </MessageBoundary>
    </div>
  );
});

function RenderedMessage({ source }: { source: string }) {
  return markdownOf(source);
}

/** A message exactly as typed, line breaks and spaces kept. */
function PlainMessage({ source }: { source: string }) {
  return <p className="whitespace-pre-wrap">{source}</p>;
}

/** Texts rendered lately (see markdownOf), plain-text fallbacks included. */
const rendered = createLru<string, ReactElement>(2_000);

/**
 * The rendered Markdown of a text, parsed once and then reused: parsing was a quarter of a
 * conversation page's server time, and the same messages are rendered again and again (both
 * participants' pages, every load). React elements are immutable, so sharing them is safe.
 * A text beyond the Markdown budget (lib/platform/markdown/budget.ts) is never parsed, and one whose
 * render fails is kept as its plain text, so neither costs the parser again on the next visit.
 */
function markdownOf(source: string): ReactElement {
  const known = rendered.get(source);
  if (known) return known;
  const element = fitsMarkdownBudget(source) ? renderMarkdown(source) : plain(source);
  rendered.set(source, element);
  return element;
}

function renderMarkdown(source: string): ReactElement {
  try {
    return Markdown({
      children: source,
      remarkPlugins,
      urlTransform: safeUrl,
      components,
      allowedElements: ALLOWED_ELEMENTS,
      unwrapDisallowed: true,
    });
  } catch {
    // Nested too deep (MarkdownTooDeep) or anything else the parser could not take.
    return plain(source);
  }
}

function plain(source: string): ReactElement {
  return <PlainMessage source={source} />;
}
