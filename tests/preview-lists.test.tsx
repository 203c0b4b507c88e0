import { renderToStaticMarkup } from "react-dom/server";
import { expect, it } from "vitest";
import { ColleagueList } from "@/components/ColleagueList";

it("the colleague list shows a last message as plain text, isolated in <bdi>", () => {
  const markup = renderToStaticMarkup(
    <ColleagueList
      colleagues={[
        {
          id: 1,
          name: "Ada",
          isSelf: true,
          lastMessage: null,
          lastMessageAt: null,
          lastFromMe: false,
          unread: 0,
          deactivated: false,
        },
        {
          id: 2,
          name: "Bo",
          isSelf: false,
          lastMessage: "**Ship it** :tada: <img src=x onerror=alert(1)>",
          lastMessageAt: 1_700_000_000_000,
          lastFromMe: false,
          unread: 1,
          deactivated: false,
        },
      ]}
    />,
  );
  expect(markup).toContain("<bdi>Ship it 🎉 &lt;img src=x onerror=alert(1)&gt;</bdi>");
  expect(markup).not.toContain("<strong");
  expect(markup).not.toContain("<img");
});
