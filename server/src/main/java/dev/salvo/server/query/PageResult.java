package dev.salvo.server.query;

/**
 * The answer to a request for page {@code token}.
 *
 * @param token the token that was asked for
 * @param page the page's rows, or null when none were ready in time (or none are left)
 * @param hasMore whether more pages may follow: the client asks for {@link #nextToken()} next
 */
public record PageResult(long token, ResultPage page, boolean hasMore) {
  /** The token to ask for next: the following page's, or the same one when this held none. */
  public long nextToken() {
    return page == null ? token : token + 1;
  }
}
