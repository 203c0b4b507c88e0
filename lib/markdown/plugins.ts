import remarkGfm from "remark-gfm";
import type { PluggableList } from "unified";
import { remarkChatSubset } from "./chat-subset";
import { remarkEmoji } from "./emoji";

/**
 * The Markdown a message is written in, shared by the renderer and the plain-text previews:
 * GFM (strikethrough, autolinked URLs) cut down to the chat subset, with shortcode emoji.
 */
export const chatMarkdown: PluggableList = [remarkGfm, remarkChatSubset, remarkEmoji];
