/**
 * Attachments, measured against `next start`: upload throughput of 10 MB files (text, then
 * PNG images whose thumbnails the server makes), and the live path while 10 image uploads
 * run at once: how long from a send until the receiver's open event stream announces it
 * (p50/p95), and the response time of a small GET meanwhile (the server's event-loop delay
 * shows there: it is another process, so this one cannot time its loop).
 *
 *   npm run bench:uploads   (after `npx next build`)
 *   npm run bench:uploads -- --thumbnails-only   (the image work alone, no server)
 */
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { createPeople, makeWorkDir, removeWorkDir, withAppDatabase } from "../test-kit/database";
import { type Client, signedIn } from "../test-kit/http";
import { startServer } from "../test-kit/server";

const FILE_MB = 10;
const FILES = 10;

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;
}

function report(figure: string, values: Record<string, number | string>) {
  console.log(JSON.stringify({ bench: "uploads", figure, ...values }));
}

async function upload(client: Client, bytes: Uint8Array<ArrayBuffer>, name: string, type: string) {
  const response = await client.fetch("/api/uploads", {
    method: "POST",
    headers: { "x-file-name": name, "content-type": type },
    body: bytes,
  });
  const body = (await response.json()) as { id?: number; error?: string };
  if (response.status !== 201) throw new Error(`upload refused: ${body.error}`);
  return body.id as number;
}

/** A 10 MB text file: the upload path itself (streaming, sniffing, the markup scan). */
function textFile(): Uint8Array<ArrayBuffer> {
  const line = Buffer.from(`${"minutes of the meeting, ".repeat(3)}\n`);
  return new Uint8Array(Buffer.alloc(FILE_MB * 1024 * 1024, line));
}

/** A PNG of noise, about 10 MB (noise does not compress): decoding and thumbnailing it. */
async function noisyPng(): Promise<Uint8Array<ArrayBuffer>> {
  const side = 1800;
  const raw = randomBytes(side * side * 3);
  return new Uint8Array(
    await sharp(raw, { raw: { width: side, height: side, channels: 3 } })
      .png({ compressionLevel: 1 })
      .toBuffer(),
  );
}

/**
 * The image work of one upload, in this process with the server's own code: the header
 * check, the clean copy (orientation, metadata) and the WebP thumbnail, all in sharp's
 * threads. Five runs on the 10 MB PNG and on a 12-megapixel JPEG photo.
 */
async function thumbnailTimes(png: Uint8Array<ArrayBuffer>) {
  const { prepareImage } = await import("../lib/files/images");
  const dir = makeWorkDir("cairo-thumbnail-bench");
  try {
    const jpeg = await sharp(Buffer.from(png))
      .resize(4000, 3000, { fit: "fill" })
      .jpeg({ quality: 90 })
      .toBuffer();
    for (const [kind, bytes, type] of [
      ["png_10mb", Buffer.from(png), "image/png"],
      ["jpeg_12mp", jpeg, "image/jpeg"],
    ] as const) {
      const source = path.join(dir, `source-${kind}`);
      writeFileSync(source, bytes);
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        const done = await prepareImage(
          source,
          kind,
          type,
          path.join(dir, `clean-${kind}-${i}`),
          path.join(dir, `thumb-${kind}-${i}`),
        );
        if (!done.ok) throw new Error(done.error);
        times.push(performance.now() - started);
      }
      report(`thumbnail_${kind}`, {
        size_mb: Number((bytes.length / 1024 / 1024).toFixed(1)),
        clean_copy_and_thumbnail_ms_p50: Math.round(percentile(times, 50)),
        max_ms: Math.round(Math.max(...times)),
      });
    }
  } finally {
    removeWorkDir(dir);
  }
}

async function main() {
  if (process.argv.includes("--thumbnails-only")) {
    await thumbnailTimes(await noisyPng());
    return;
  }
  const workDir = makeWorkDir("cairo-uploads-bench");
  const databaseUrl = `${workDir}/uploads.db`;
  const [ada, bo] = await withAppDatabase(databaseUrl, () =>
    createPeople(["Ada Uploads", "Bo Uploads"]),
  );
  if (!ada || !bo) throw new Error("seeding failed");
  const server = await startServer({ databaseUrl, workDir });
  try {
    const sender = await signedIn(server.baseUrl, ada.email, ada.password);
    const receiver = await signedIn(server.baseUrl, bo.email, bo.password);
    const text = textFile();
    const image = await noisyPng();
    await thumbnailTimes(image);

    // Throughput: one at a time, then 10 at once.
    for (const [kind, bytes, type] of [
      ["text", text, "text/plain"],
      ["png", image, "image/png"],
    ] as const) {
      const each: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await upload(sender, bytes, `${kind}-${i}`, type);
        each.push(performance.now() - started);
      }
      const started = performance.now();
      await Promise.all(
        Array.from({ length: FILES }, (_, i) => upload(sender, bytes, `${kind}-p${i}`, type)),
      );
      const seconds = (performance.now() - started) / 1000;
      report(`${kind}_upload`, {
        size_mb: Number((bytes.length / 1024 / 1024).toFixed(1)),
        one_at_a_time_ms_p50: Math.round(percentile(each, 50)),
        one_at_a_time_mb_per_s: Number(
          (bytes.length / 1024 / 1024 / (percentile(each, 50) / 1000)).toFixed(1),
        ),
        ten_at_once_s: Number(seconds.toFixed(2)),
        ten_at_once_mb_per_s: Number(((FILES * bytes.length) / 1024 / 1024 / seconds).toFixed(1)),
      });
    }

    // The live stream while 10 image uploads run.
    const arrivals = new Map<number, number>();
    const controller = new AbortController();
    const stream = await fetch(`${server.baseUrl}/api/events`, {
      headers: { cookie: receiver.cookieHeader() },
      signal: controller.signal,
    });
    const reading = (async () => {
      const decoder = new TextDecoder();
      let buffer = "";
      try {
        for await (const chunk of stream.body ?? []) {
          buffer += decoder.decode(chunk as Uint8Array, { stream: true });
          for (const match of buffer.matchAll(/data: (\{.*\})\n/g)) {
            const data = JSON.parse(match[1] ?? "{}");
            if (data.type === "message.created")
              arrivals.set(data.messageIds[0], performance.now());
          }
          buffer = buffer.slice(buffer.lastIndexOf("\n\n") + 2);
        }
      } catch {
        // aborted at the end
      }
    })();
    let uploading = true;
    const uploads = Promise.all(
      Array.from({ length: FILES }, (_, i) => upload(sender, image, `live-${i}.png`, "image/png")),
    ).finally(() => {
      uploading = false;
    });
    const delivery: number[] = [];
    const smallGet: number[] = [];
    let sent = 0;
    while (uploading || sent < 20) {
      const started = performance.now();
      const response = await sender.fetch("/api/messages", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ receiverId: bo.id, content: `during uploads ${sent++}` }),
      });
      const { id } = (await response.json()) as { id: number };
      const deadline = performance.now() + 10_000;
      while (!arrivals.has(id) && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 1));
      }
      delivery.push((arrivals.get(id) ?? Number.NaN) - started);
      const probe = performance.now();
      await (await receiver.fetch("/api/counts")).arrayBuffer();
      smallGet.push(performance.now() - probe);
      if (!uploading && sent >= 20) break;
    }
    await uploads;
    controller.abort();
    await reading;
    report("live_during_10_uploads", {
      sends: delivery.length,
      send_to_stream_ms_p50: Math.round(percentile(delivery, 50)),
      send_to_stream_ms_p95: Math.round(percentile(delivery, 95)),
      small_get_ms_p50: Math.round(percentile(smallGet, 50)),
      small_get_ms_p95: Math.round(percentile(smallGet, 95)),
    });
  } finally {
    await server.kill();
    removeWorkDir(workDir);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
