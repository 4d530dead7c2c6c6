/**
 * SQL text to Calcite parse trees, and nothing else parses SQL in Salvo.
 *
 * <pre>
 *   SQL text --SalvoParser--> SqlNode (SalvoSqlParserImpl, generated at build time from Calcite's
 *                 |            Parser.jj + src/main/codegen, hint grammar patched for Spark)
 *                 +--> SalvoException(SYNTAX_ERROR, line, column) on bad syntax
 * </pre>
 */
package dev.salvo.sql.parser;
