package dev.salvo.server.query;

/**
 * One page of a query's result, already encoded.
 *
 * @param token the page's number; the first page is 0
 * @param data the rows as the {@link PageEncoder} wrote them
 * @param rows how many rows the page holds
 */
public record ResultPage(long token, byte[] data, long rows) {}
