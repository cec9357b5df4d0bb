// Share links: "#s=" + base64url (no padding) of the scenario JSON compressed with raw deflate,
// and workshop template links "#t=ID" (docs/js-api.md, "Share links"). Encoding and decoding
// only: no DOM, no storage (tests/web/share_link.test.mjs runs it in node). What a page does
// with a decoded plan is shared_plan.js's job.

export const LINK_PREFIX = '#s=';
export const TEMPLATE_PREFIX = '#t=';  // "#t=enterprise-b2b": a workshop template (assets/templates)
export const MAX_LINK_CHARS = 64 * 1024;      // a real link is < 2,000; refuse anything absurd unread
export const MAX_SCENARIO_BYTES = 512 * 1024; // stop inflating beyond this (a "zip bomb" link)

/** A link that cannot be opened; `message` is for the user. */
export class LinkError extends Error {}

/** Whether a location hash is a share or template link. */
export const isLinkHash = (hash) => hash.startsWith(LINK_PREFIX) || hash.startsWith(TEMPLATE_PREFIX);

export function toBase64Url(bytes) {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode.apply(null, bytes.subarray(i, i + 0x8000));
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}
export function fromBase64Url(text) {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) {
    throw new LinkError('The link is damaged: it contains characters a Funnel Planner link never has.');
  }
  const bin = atob(text.replace(/-/g, '+').replace(/_/g, '/') + '==='.slice((text.length + 3) % 4));
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return bytes;
}

export async function deflate(text) {
  const stream = new Blob([text]).stream().pipeThrough(new CompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}
/** Inflates at most `limit` bytes; a truncated or corrupt stream, or more than `limit`, throws LinkError. */
export async function inflate(bytes, limit) {
  const reader = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const parts = [];
  let total = 0;
  for (;;) {
    let chunk;
    try { chunk = await reader.read(); } catch {
      throw new LinkError('The link is incomplete or damaged (it may have been cut off when it was copied).');
    }
    if (chunk.done) break;
    total += chunk.value.length;
    if (total > limit) {
      reader.cancel().catch(() => {});
      throw new LinkError('The link holds far more data than a plan; it was not opened.');
    }
    parts.push(chunk.value);
  }
  const out = new Uint8Array(total);
  let off = 0;
  for (const p of parts) { out.set(p, off); off += p.length; }
  return out;
}

/** The share link (full URL) on page `pageUrl` for a scenario object or JSON text. */
export async function linkFor(scenario, pageUrl) {
  const text = typeof scenario === 'string' ? scenario : JSON.stringify(scenario);
  return pageUrl.replace(/#.*$/, '') + LINK_PREFIX + toBase64Url(await deflate(text));
}

/** The "#s=…" hash of a link given as a full URL, a hash, or the bare payload. */
export function shareHashOf(link) {
  const text = String(link);
  const hash = text.slice(Math.max(0, text.indexOf('#')));
  return hash.startsWith(LINK_PREFIX) ? hash : LINK_PREFIX + hash.replace(/^#/, '');
}

/**
 * The scenario JSON text in a "#s=…" or "#t=…" hash. `templateScenario(id)` answers a
 * template's text ('' when there is none). Throws LinkError with a message for the user.
 */
export async function scenarioTextFromHash(hash, templateScenario) {
  if (hash.startsWith(TEMPLATE_PREFIX)) {
    let id = hash.slice(TEMPLATE_PREFIX.length);
    try { id = decodeURIComponent(id); } catch { /* keep it as written */ }
    const text = id.length <= 100 ? templateScenario(id) : '';
    if (!text) throw new LinkError(`There is no workshop template called "${id.slice(0, 100)}".`);
    return text;
  }
  const payload = hash.slice(LINK_PREFIX.length);
  if (payload.length > MAX_LINK_CHARS) {
    throw new LinkError(`The link is too long to be a Funnel Planner link (${payload.length.toLocaleString('en-US')} characters).`);
  }
  if (!payload) throw new LinkError('The link is empty: it carries no plan.');
  const bytes = await inflate(fromBase64Url(payload), MAX_SCENARIO_BYTES);
  let text, value;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    value = JSON.parse(text);
  } catch {
    throw new LinkError('The link does not contain a plan (its content is not a scenario).');
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    throw new LinkError('The link does not contain a plan (its content is not a scenario).');
  }
  return text;
}
