package dev.salvo.exec.expr;

import static dev.salvo.exec.expr.ScalarFunction.CHAR_LENGTH;
import static dev.salvo.exec.expr.ScalarFunction.CONCAT;
import static dev.salvo.exec.expr.ScalarFunction.LIKE;
import static dev.salvo.exec.expr.ScalarFunction.LOWER;
import static dev.salvo.exec.expr.ScalarFunction.POSITION;
import static dev.salvo.exec.expr.ScalarFunction.REPLACE;
import static dev.salvo.exec.expr.ScalarFunction.SUBSTRING;
import static dev.salvo.exec.expr.ScalarFunction.TRIM_BOTH;
import static dev.salvo.exec.expr.ScalarFunction.TRIM_LEADING;
import static dev.salvo.exec.expr.ScalarFunction.TRIM_TRAILING;
import static dev.salvo.exec.expr.ScalarFunction.UPPER;

import dev.salvo.exec.error.ErrorCode;
import dev.salvo.exec.type.DataType;
import org.junit.jupiter.api.Test;

class StringFunctionTest extends ExpressionTestSupport {
  private static final DataType TEXT = DataType.VARCHAR;
  private static final Values WORDS = values(TEXT, "", "abc", "xabcx", "ab", "a%c", "a.c",
      "Aabc", "héllo", null);

  private static Expression text(String value) {
    return literal(value, TEXT);
  }

  private void assertLike(String pattern, Object... expected) {
    assertValues(call(LIKE, DataType.BOOLEAN, column(0, TEXT), text(pattern)), list(expected),
        WORDS);
  }

  @Test
  void likeWithConstantPatterns() {
    //                     "",   abc,  xabcx, ab,    a%c,   a.c,   Aabc,  héllo, null
    assertLike("abc", false, true, false, false, false, false, false, false, null);
    assertLike("ab%", false, true, false, true, false, false, false, false, null);
    assertLike("%bc", false, true, false, false, false, false, true, false, null);
    assertLike("%bc%", false, true, true, false, false, false, true, false, null);
    assertLike("%", true, true, true, true, true, true, true, true, null);
    assertLike("a%c", false, true, false, false, true, true, false, false, null);
    assertLike("%a%c%", false, true, true, false, true, true, true, false, null);
    assertLike("a_c", false, true, false, false, true, true, false, false, null);
    assertLike("h_llo", false, false, false, false, false, false, false, true, null);
    assertLike("___", false, true, false, false, true, true, false, false, null);
    assertLike("", true, false, false, false, false, false, false, false, null);
  }

  @Test
  void likeTreatsRegexCharactersLiterally() {
    // '.' is not "any character"
    assertLike("a.c", false, false, false, false, false, true, false, false, null);
    assertLike("a._", false, false, false, false, false, true, false, false, null);
    assertValues(call(LIKE, DataType.BOOLEAN, column(0, TEXT), text("(x)+[%")),
        list(true, false), values(TEXT, "(x)+[y", "xx"));
  }

  @Test
  void likeWithAnEscapeCharacter() {
    Expression value = column(0, TEXT);
    assertValues(call(LIKE, DataType.BOOLEAN, value, text("a!%c"), text("!")),
        list(false, false, false, false, true, false, false, false, null), WORDS);
    assertValues(call(LIKE, DataType.BOOLEAN, value, text("%!_%"), text("!")),
        list(true, false), values(TEXT, "a_b", "ab"));
    assertValues(call(LIKE, DataType.BOOLEAN, value, text("100!!%"), text("!")),
        list(true, false), values(TEXT, "100!x", "100x"));
    assertError(ErrorCode.INVALID_ARGUMENT, call(LIKE, DataType.BOOLEAN, value, column(1, TEXT),
        text("!")), values(TEXT, "a"), values(TEXT, "a!b"));
    assertError(ErrorCode.INVALID_ARGUMENT, call(LIKE, DataType.BOOLEAN, value, column(1, TEXT),
        column(2, TEXT)), values(TEXT, "a"), values(TEXT, "a"), values(TEXT, "ab"));
  }

  @Test
  void likeWithPatternsFromAColumn() {
    assertValues(call(LIKE, DataType.BOOLEAN, column(0, TEXT), column(1, TEXT)),
        list(true, false, true, null, true),
        values(TEXT, "apple", "pear", "plum", "fig", "apricot"),
        values(TEXT, "a%", "a%", "p_um", null, "a%"));
  }

  @Test
  void substringFollowsSql() {
    Values hello = values(TEXT, "héllo", null);
    Expression value = column(0, TEXT);
    assertValues(call(SUBSTRING, TEXT, value, literal(2L, DataType.INTEGER)), list("éllo", null),
        hello);
    assertValues(call(SUBSTRING, TEXT, value, literal(2L, DataType.INTEGER),
        literal(3L, DataType.INTEGER)), list("éll", null), hello);
    assertValues(call(SUBSTRING, TEXT, value, literal(0L, DataType.INTEGER),
        literal(3L, DataType.INTEGER)), list("hé", null), hello); // positions 0, 1, 2
    assertValues(call(SUBSTRING, TEXT, value, literal(-1L, DataType.INTEGER),
        literal(3L, DataType.INTEGER)), list("h", null), hello);
    assertValues(call(SUBSTRING, TEXT, value, literal(4L, DataType.INTEGER),
        literal(100L, DataType.INTEGER)), list("lo", null), hello);
    assertValues(call(SUBSTRING, TEXT, value, literal(9L, DataType.INTEGER)), list("", null),
        hello);
    assertError(ErrorCode.INVALID_ARGUMENT, call(SUBSTRING, TEXT, value,
        literal(1L, DataType.INTEGER), literal(-1L, DataType.INTEGER)), hello);
  }

  @Test
  void caseTrimLengthConcatPositionReplace() {
    Expression value = column(0, TEXT);
    Values words = values(TEXT, "Straße", "  padded  ", null);
    assertValues(call(UPPER, TEXT, value), list("STRASSE", "  PADDED  ", null), words);
    assertValues(call(LOWER, TEXT, value), list("straße", "  padded  ", null), words);
    assertValues(call(CHAR_LENGTH, DataType.INTEGER, value), list(6L, 10L, null), words);
    assertValues(call(TRIM_BOTH, TEXT, text(" "), value), list("Straße", "padded", null), words);
    assertValues(call(TRIM_LEADING, TEXT, text(" "), value), list("Straße", "padded  ", null),
        words);
    assertValues(call(TRIM_TRAILING, TEXT, text(" S"), value), list("Straße", "  padded", null),
        words);
    assertValues(call(TRIM_BOTH, TEXT, text("xy"), text("xyaxbyx")), list("axb"), values(TEXT,
        "unused"));
    assertValues(call(CONCAT, TEXT, value, text("-"), column(1, DataType.INTEGER)),
        list("Straße-1", null, null), words, values(DataType.INTEGER, 1L, null, 3L));
    assertValues(call(POSITION, DataType.INTEGER, text("ß"), value), list(5L, 0L, null), words);
    assertValues(call(POSITION, DataType.INTEGER, text(""), value), list(1L, 1L, null), words);
    assertValues(call(REPLACE, TEXT, value, text("a"), text("4")), list("Str4ße",
        "  p4dded  ", null), words);
    assertValues(call(REPLACE, TEXT, value, text(""), text("4")), list("Straße",
        "  padded  ", null), words);
  }
}
