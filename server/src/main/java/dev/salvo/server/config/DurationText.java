package dev.salvo.server.config;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as people write them in configuration: a whole number with a unit, {@code 500ms},
 * {@code 30s}, {@code 15m}, {@code 2h}, {@code 1d}.
 */
public final class DurationText {
  private static final Pattern DURATION =
      Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)", Pattern.CASE_INSENSITIVE);

  private DurationText() {}

  /** The duration {@code text} stands for, or empty when it is no valid duration. */
  public static Optional<Duration> parse(String text) {
    Matcher matcher = DURATION.matcher(text.trim());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      long number = Long.parseLong(matcher.group(1));
      return Optional.of(switch (matcher.group(2).toLowerCase(Locale.ROOT)) {
        case "ms" -> Duration.ofMillis(number);
        case "s" -> Duration.ofSeconds(number);
        case "m" -> Duration.ofMinutes(number);
        case "h" -> Duration.ofHours(number);
        default -> Duration.ofDays(number);
      });
    } catch (NumberFormatException | ArithmeticException tooLarge) {
      return Optional.empty();
    }
  }

  /** The largest exact unit for {@code duration}, for log lines: 900 seconds give "15m". */
  public static String format(Duration duration) {
    long millis = duration.toMillis();
    long[] sizes = {86_400_000L, 3_600_000L, 60_000L, 1000L};
    String[] units = {"d", "h", "m", "s"};
    for (int i = 0; i < sizes.length; i++) {
      if (millis != 0 && millis % sizes[i] == 0) {
        return millis / sizes[i] + units[i];
      }
    }
    return millis + "ms";
  }
}
