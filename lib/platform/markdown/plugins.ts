import type { PluggableList } from "unified";
import { remarkChatSubset } from "./chat-subset";
import { remarkDepthGuard } from "./depth-guard";
import { remarkEmoji } from "./emoji";
import { remarkMentions } from "./mentions";

/**
 * The Markdown a message is written in, shared by the renderer and the plain-text previews:
 * the chat subset of CommonMark with strikethrough and autolinked URLs, shortcode emoji and
 * mentions.
 * The depth guard comes first, so no later walk of the tree meets one nested too deep.
 */
export const chatMarkdown: PluggableList = [
  remarkDepthGuard,
  remarkChatSubset,
  remarkEmoji,
  remarkMentions,
];
