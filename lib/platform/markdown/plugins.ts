import type { PluggableList } from "unified";
import { remarkChatSubset } from "./chat-subset";
import { remarkEmoji } from "./emoji";

/**
 * The Markdown a message is written in, shared by the renderer and the plain-text previews:
 * the chat subset of CommonMark with strikethrough and autolinked URLs, and shortcode emoji.
 */
export const chatMarkdown: PluggableList = [remarkChatSubset, remarkEmoji];
