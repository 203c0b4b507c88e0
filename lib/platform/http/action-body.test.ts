import { describe, expect, it } from "vitest";
import { isReadableActionBody } from "./action-body";

const post = (body: BodyInit, contentType?: string) =>
  new Request("http://localhost/messages/2", {
    method: "POST",
    body,
    headers: contentType ? { "content-type": contentType } : {},
  });

describe("isReadableActionBody", () => {
  it("reads React's JSON replies and multipart forms", async () => {
    expect(await isReadableActionBody(post('[{"a":1},"$K1"]', "text/plain"))).toBe(true);
    const form = new FormData();
    form.set("0", '[{},"$K1"]');
    form.set("1_content", "hello");
    expect(await isReadableActionBody(post(form))).toBe(true);
  });

  it("refuses a truncated or foreign text body and a broken multipart body", async () => {
    expect(await isReadableActionBody(post('[{}, "$K1"', "text/plain"))).toBe(false);
    expect(await isReadableActionBody(post("%%%", "text/plain"))).toBe(false);
    expect(
      await isReadableActionBody(
        post("--xyz\r\nContent-Disposition: form-da", "multipart/form-data; boundary=xyz"),
      ),
    ).toBe(false);
    expect(await isReadableActionBody(post("0=%5B%5D", "multipart/form-data"))).toBe(false);
  });

  it("leaves the request's own body for the action to read", async () => {
    const request = post('["hello"]', "text/plain");
    expect(await isReadableActionBody(request)).toBe(true);
    expect(await request.text()).toBe('["hello"]');
  });
});
