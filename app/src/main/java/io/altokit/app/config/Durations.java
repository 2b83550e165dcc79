package io.altokit.app.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;

/**
 * The one duration syntax of the command line and the configuration file: a whole number with a
 * unit ({@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 1d}) or ISO-8601 ({@code PT5S}).
 */
public final class Durations {

    private static final Pattern AMOUNT_AND_UNIT = Pattern.compile("(\\d{1,18})\\s*(ms|s|m|h|d)");

    /** What the accepted forms look like, for error messages. */
    public static final String FORMS = "a duration such as 500ms, 5s, 2m, 1h, 1d or PT5S";

    private Durations() {}

    /** Parses {@code text}; the message of the exception says what was wrong and what is accepted. */
    public static Duration parse(String text) {
        String trimmed = text.strip();
        Matcher matcher = AMOUNT_AND_UNIT.matcher(trimmed.toLowerCase(Locale.ROOT));
        if (matcher.matches()) {
            long amount = Long.parseLong(matcher.group(1));
            return switch (matcher.group(2)) {
                case "ms" -> Duration.ofMillis(amount);
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
        }
        if (trimmed.regionMatches(true, 0, "P", 0, 1)) {
            try {
                Duration parsed = Duration.parse(trimmed);
                if (!parsed.isNegative()) {
                    return parsed;
                }
            } catch (DateTimeParseException e) {
                // falls through to the message below
            }
        }
        if (trimmed.chars().allMatch(Character::isDigit) && !trimmed.isEmpty()) {
            throw new IllegalArgumentException("'" + text + "' has no unit: write " + trimmed + "s for seconds (" + FORMS + ")");
        }
        throw new IllegalArgumentException("'" + text + "' is not " + FORMS);
    }

    /** Picocli converter: {@code @Option(converter = Durations.Converter.class)}. */
    public static final class Converter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return parse(value);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.TypeConversionException(e.getMessage());
            }
        }
    }
}
