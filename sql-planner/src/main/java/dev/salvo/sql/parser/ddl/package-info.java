/** Parse trees of Salvo's own DDL statements: CREATE, DROP, SHOW and DESCRIBE FUNCTION. */
package dev.salvo.sql.parser.ddl;
