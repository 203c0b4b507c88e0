"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { sendRoomMessageAction } from "@/lib/actions/rooms";
import { chatKeys } from "@/lib/live/query-keys";
import { conversationMessage } from "@/lib/messaging/conversation-message";
import type { ConversationMessage } from "@/lib/messaging/conversations";
import { Composer } from "./Composer";
import { errorMessage, postMessage, retryLostSend } from "./chat-api";
import { liveConnected } from "./live-connection";
import { newSendKey } from "./send-key";

interface RoomComposerProps {
  roomId: number;
  viewer: { id: number; name: string };
  /** The no-JavaScript form's send key. */
  formSendKey: string;
}

/**
 * A room's message box. With JavaScript a send goes through the JSON API with its own key,
 * so the box clears at once and a message typed meanwhile is neither wiped nor taken for a
 * retry; the stored message joins the room's view at once (its live event finds it there).
 * Before JavaScript, the form posts to the server action.
 */
export function RoomComposer({ roomId, viewer, formSendKey }: RoomComposerProps) {
  const queryClient = useQueryClient();
  const key = chatKeys.room(roomId);
  const send = useMutation({
    mutationFn: (input: { content: string; sendKey: string; attachmentIds: number[] }) =>
      postMessage({ roomId }, input.content, input.sendKey, input.attachmentIds),
    retry: retryLostSend,
    onSuccess: (sent, { attachmentIds }) => {
      queryClient.setQueryData<ConversationMessage[]>(key, (held) =>
        held && !held.some((m) => m.id === sent.id)
          ? [...held, conversationMessage({ ...sent, senderName: viewer.name, read: true })]
          : held,
      );
      // Without the live stream (or for the attachments' details) the room is read again.
      if (!liveConnected() || attachmentIds.length > 0) {
        void queryClient.invalidateQueries({ queryKey: key });
      }
    },
  });
  return (
    <Composer
      action={sendRoomMessageAction}
      place={{ roomId }}
      formSendKey={formSendKey}
      onSend={(content, attachmentIds) =>
        send.mutateAsync({ content, sendKey: newSendKey(), attachmentIds }).then(() => undefined)
      }
      error={errorMessage(send.error)}
    />
  );
}
