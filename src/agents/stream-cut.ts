import { causesOf } from "./error-causes.js";

/**
 * A response that broke off after the server had answered 200: the connection closed or
 * an error event came mid-stream. The SDKs retry a request only until its response starts,
 * so the loop asks again itself (the conversation is unchanged until a reply is whole).
 */
export class StreamCutError extends Error {
  override name = "StreamCutError" as const;
  readonly code = "MODEL_STREAM_CUT";
  constructor(cause: unknown) {
    super(causesOf(cause), { cause });
  }
}


/** First wait before asking again; doubled for each further cut of the same response. */
export const STREAM_RETRY_MS = 500;
