package dev.schemaguard.postgres;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The values {@link DataSeeder} writes, as the input text PostgreSQL reads for a type. A value is derived from the
 * row number, so a column's values differ from row to row (UNIQUE and PRIMARY KEY hold, for keys of several columns
 * too), and from a hash of the seed, table, column and attempt, so the same seed gives the same values and another
 * attempt after a CHECK rejected a row tries other values. Each type has a few ways to make values (plain, between
 * the bounds a CHECK names, letters only, ordered by column position, ...) and successive attempts go through them.
 */
final class SeedValues {

    private static final long BASE_DAY = LocalDate.of(2024, 1, 1).toEpochDay();
    private static final long SECONDS_PER_DAY = 86_400;
    /** {@link #alternative}: the attempt takes values from the CHECK's literals. */
    private static final int HINTED = -1;
    /** Characters of LIKE and regular-expression patterns, which are no values to write. */
    private static final Pattern PATTERN_CHARACTERS = Pattern.compile("[%^$\\[\\]*\\\\]");

    private SeedValues() {
    }

    /** A column's values. */
    interface Source {
        /** The input text for row {@code row} (from 1) at attempt {@code attempt} (from 0); null means NULL. */
        String value(int row, int attempt);
    }

    /**
     * A column's type reduced to what its values depend on; domains are resolved to their base type.
     *
     * @param builtin    the type's name when it is one of pg_catalog's ({@code int4}, {@code timestamptz}), else null
     * @param category   pg_type.typcategory ({@code S} string, {@code A} array, {@code E} enum, ...)
     * @param typmod     the type modifier (length, precision and scale), -1 when there is none
     * @param element    an array's element type, else null
     * @param enumLabels an enum's labels, else empty
     */
    record ValueType(String builtin, char category, int typmod, ValueType element, List<String> enumLabels) {
    }

    /**
     * Literals the CHECK constraints on a column name. Values that satisfy a CHECK are often among them
     * ({@code status IN ('active', 'closed')}) or between them ({@code rating BETWEEN 0 AND 100}).
     */
    record Hints(List<String> strings, List<BigDecimal> numbers, List<LocalDate> dates) {

        private static final Pattern STRING = Pattern.compile("'((?:[^']|'')*)'");
        // a number not part of an identifier; pg_get_constraintdef prints negative ones quoted ('-5'::integer)
        private static final Pattern NUMBER = Pattern.compile("(?<![\\w.$])\\d+(?:\\.\\d+)?(?![\\w.])");
        private static final Pattern DATE = Pattern.compile("^\\d{4}-\\d{2}-\\d{2}");

        /** The literals of CHECK definitions as pg_get_constraintdef prints them. */
        static Hints fromChecks(List<String> definitions) {
            List<String> strings = new ArrayList<>();
            List<BigDecimal> numbers = new ArrayList<>();
            List<LocalDate> dates = new ArrayList<>();
            for (String definition : definitions) {
                Matcher literal = STRING.matcher(definition);
                while (literal.find()) {
                    String text = literal.group(1).replace("''", "'");
                    strings.add(text);
                    number(text.trim(), numbers);
                    Matcher date = DATE.matcher(text);
                    if (date.find()) {
                        dates.add(LocalDate.parse(date.group()));
                    }
                }
                Matcher number = NUMBER.matcher(STRING.matcher(definition).replaceAll(" "));
                while (number.find()) {
                    numbers.add(new BigDecimal(number.group()));
                }
            }
            return new Hints(List.copyOf(strings), List.copyOf(numbers), List.copyOf(dates));
        }

        private static void number(String text, List<BigDecimal> numbers) {
            try {
                numbers.add(new BigDecimal(text));
            } catch (NumberFormatException notANumber) {
                // most string literals are not numbers
            }
        }
    }

    /**
     * The column values are made for.
     *
     * @param name     its name (a column named like an email address gets email addresses first)
     * @param position its position in the table: on some attempts values of later columns are larger, on others
     *                 smaller, which meets CHECKs between columns such as {@code starts < ends}
     * @param hints    the literals of the CHECKs on it
     * @param seed     a hash of the seed, table and column, which its values derive from
     * @param castTo   the built-in type a later migration casts this (text) column to, or {@code null}: its text
     *                 values are then values of that type, as far as they fit
     */
    record SeedColumn(String name, int position, Hints hints, long seed, String castTo) {

        SeedColumn(String name, int position, Hints hints, long seed) {
            this(name, position, hints, seed, null);
        }
    }

    /** A hash of the seed and names, to derive a column's (or a foreign key's) values from. */
    static long seedOf(long seed, String... names) {
        long h = mix(seed);
        for (String name : names) {
            h = mix(h ^ name.hashCode());
        }
        return h;
    }

    /** SplitMix64's finaliser: consecutive inputs give unrelated outputs. */
    private static long mix(long z) {
        z += 0x9E3779B97F4A7C15L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    /** Bits of one column and attempt, the same for every row (an offset that keeps row values apart). */
    static long attemptBits(long columnSeed, int attempt) {
        return mix(columnSeed + attempt * 0x632BE59BD9B4E019L);
    }

    private static long rowBits(long columnSeed, int row, int attempt) {
        return mix(attemptBits(columnSeed, attempt) ^ (row * 0x9E3779B97F4A7C15L));
    }

    private static int offset(long columnSeed, int attempt, int bound) {
        return (int) Math.floorMod(attemptBits(columnSeed, attempt), (long) bound);
    }

    /**
     * How a column with CHECK literals makes values on an attempt: from the literals ({@link #HINTED}) on attempts
     * 0, 1 and 3, otherwise the 0th, 1st or 2nd alternative. Columns without literals order their values by column
     * position on attempts 1 and 3 (for CHECKs between columns such as {@code starts < ends}); a row needs one
     * attempt on which all its columns pass, so literal-bound columns stay within their literals there.
     */
    private static int alternative(int attempt) {
        return switch (attempt % 6) {
            case 0, 1, 3 -> HINTED;
            case 2 -> 0;
            case 4 -> 1;
            default -> 2;
        };
    }

    /** The values of a column of this type, or null when SeedValues cannot make values of it. */
    static Source forType(ValueType type, SeedColumn column) {
        long columnSeed = column.seed();
        if (type.category() == 'A' && type.element() != null) {
            return array(forType(type.element(), column));
        }
        if (type.category() == 'E') {
            return type.enumLabels().isEmpty() ? null : (row, attempt) -> type.enumLabels().get(
                    Math.floorMod(row - 1 + offset(columnSeed, attempt, 1000), type.enumLabels().size()));
        }
        String builtin = type.builtin() == null ? "" : type.builtin();
        switch (builtin) {
            case "int2":
                return numbers(0, BigDecimal.valueOf(32_768), false, column);
            case "int4":
                return numbers(0, BigDecimal.valueOf(2_147_483_648L), false, column);
            case "int8":
                return numbers(0, new BigDecimal(BigInteger.ONE.shiftLeft(63)), false, column);
            case "oid":
                return numbers(0, BigDecimal.valueOf(4_294_967_296L), true, column);
            case "numeric":
                return numeric(type.typmod(), column);
            case "float4":
            case "float8":
            case "money":
                return numbers(2, BigDecimal.TEN.pow(12), false, column);
            case "bool":
                return booleans(columnSeed);
            case "char":
                return text(1, column);
            case "name":
                return text(63, column);
            case "varchar":
            case "bpchar":
                return text(type.typmod() >= 4 ? type.typmod() - 4 : Integer.MAX_VALUE, column);
            case "date":
            case "timestamp":
            case "timestamptz":
                return dates(builtin, column);
            case "time":
            case "timetz":
                return times(builtin.equals("timetz") ? "+00" : "", column);
            case "interval":
                return intervals(columnSeed);
            case "uuid":
                return (row, attempt) -> {
                    long bits = rowBits(columnSeed, row, attempt);
                    return new UUID(bits, mix(bits)).toString();
                };
            case "json":
            case "jsonb":
                return json(columnSeed);
            case "xml":
                return (row, attempt) -> "<value n=\"" + row + "\">" + letters(rowBits(columnSeed, row, attempt), 6,
                        'a') + "</value>";
            case "bytea":
                return (row, attempt) -> String.format("\\x%08x%08x", row, (int) rowBits(columnSeed, row, attempt));
            case "inet":
            case "cidr":
            case "macaddr":
            case "macaddr8":
                return network(builtin, columnSeed);
            case "bit":
                return bits(type.typmod() > 0 ? type.typmod() : 1, columnSeed);
            case "varbit":
                return bits(type.typmod() > 0 ? Math.min(type.typmod(), 16) : 16, columnSeed);
            case "point":
            case "line":
            case "lseg":
            case "box":
            case "path":
            case "polygon":
            case "circle":
                return geometry(builtin, columnSeed);
            case "tsvector":
                return (row, attempt) -> "w" + letters(row + offset(columnSeed, attempt, 1000), 4, 'a') + " "
                        + letters(rowBits(columnSeed, row, attempt), 5, 'a');
            case "tsquery":
                return (row, attempt) -> "w" + letters(row + offset(columnSeed, attempt, 1000), 4, 'a');
            default:
                break;
        }
        if (builtin.endsWith("multirange")) {
            Source range = range(builtin.replace("multirange", "range"), columnSeed);
            return range == null ? null : (row, attempt) -> "{" + range.value(row, attempt) + "}";
        }
        if (builtin.endsWith("range")) {
            return range(builtin, columnSeed);
        }
        // string types of extensions (citext) read text as their input
        return type.category() == 'S' ? text(Integer.MAX_VALUE, column) : null;
    }

    private static Source array(Source element) {
        if (element == null) {
            return null;
        }
        // two elements, or one on odd attempts (for a CHECK on the cardinality); the first keeps rows apart, the
        // second is made like the first (same attempt) for a row far away, so it passes the same CHECKs
        return (row, attempt) -> {
            String first = arrayElement(element.value(row, attempt));
            return attempt % 2 == 0 ? "{" + first + "," + arrayElement(element.value(row + 1000, attempt)) + "}"
                    : "{" + first + "}";
        };
    }

    private static String arrayElement(String value) {
        return value == null ? "NULL" : "\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** numeric(p,s): fewer than p - s digits before the point, s after; unconstrained: two decimals. */
    private static Source numeric(int typmod, SeedColumn column) {
        if (typmod < 4) {
            return numbers(2, null, false, column);
        }
        int precision = ((typmod - 4) >> 16) & 0xffff;
        int scale = (((typmod - 4) & 0x7ff) ^ 1024) - 1024; // an 11-bit signed field: PostgreSQL 15 allows s < 0
        return numbers(Math.max(scale, 0), BigDecimal.TEN.pow(Math.max(precision - scale, 0)), false, column);
    }

    /**
     * Numbers with {@code scale} decimals and an absolute value below {@code limit} (null: no limit). With the
     * CHECK's numbers: between them, else above, below, one of them. Without: small, growing with the column
     * position, large, negative and shrinking with the column position, another small.
     */
    private static Source numbers(int scale, BigDecimal limit, boolean nonNegative, SeedColumn column) {
        long columnSeed = column.seed();
        List<BigDecimal> literals = column.hints().numbers();
        BigDecimal low = literals.stream().min(BigDecimal::compareTo).orElse(null);
        BigDecimal high = literals.size() > 1 ? literals.stream().max(BigDecimal::compareTo).orElse(null)
                : low == null ? null : low.add(BigDecimal.valueOf(10_000));
        return (row, attempt) -> {
            int offset = offset(columnSeed, attempt, 1000);
            BigDecimal value;
            if (low != null) {
                value = switch (alternative(attempt)) {
                    case HINTED -> between(low, high, row - 1L + offset, scale);
                    case 0 -> high.add(BigDecimal.valueOf(row));
                    case 1 -> low.subtract(BigDecimal.valueOf(row));
                    default -> literals.get(Math.floorMod(row - 1 + offset, literals.size()));
                };
            } else {
                value = switch (attempt % 5) {
                    case 0 -> plain(row + offset, scale, rowBits(columnSeed, row, attempt));
                    case 1 -> BigDecimal.valueOf(row + column.position());
                    case 2 -> BigDecimal.valueOf(row * 1000L + offset);
                    case 3 -> BigDecimal.valueOf(-row - column.position());
                    default -> plain(row * 7L + offset, scale, rowBits(columnSeed, row, attempt));
                };
            }
            value = value.setScale(scale, RoundingMode.HALF_UP);
            if (nonNegative) {
                value = value.abs();
            }
            if (limit != null && value.abs().compareTo(limit) >= 0) {
                // consecutive numbers, which stay apart from row to row (multiples of 1000 would not)
                value = BigDecimal.valueOf(row + offset).remainder(limit).setScale(scale, RoundingMode.HALF_UP);
            }
            return value.toPlainString();
        };
    }

    /** {@code whole} with up to two decimals below it, so values of different rows never round together. */
    private static BigDecimal plain(long whole, int scale, long bits) {
        int decimals = Math.min(scale, 2);
        long fraction = Math.floorMod(bits, (long) Math.pow(10, decimals));
        return BigDecimal.valueOf(whole).add(BigDecimal.valueOf(fraction, decimals));
    }

    /** The index-th multiple of 10^-scale strictly between low and high (wrapping round), or low when none is. */
    private static BigDecimal between(BigDecimal low, BigDecimal high, long index, int scale) {
        BigInteger first = low.movePointRight(scale).setScale(0, RoundingMode.FLOOR).toBigInteger().add(BigInteger.ONE);
        BigInteger last = high.movePointRight(scale).setScale(0, RoundingMode.CEILING).toBigInteger()
                .subtract(BigInteger.ONE);
        if (first.compareTo(last) > 0) {
            return low;
        }
        BigInteger span = last.subtract(first).add(BigInteger.ONE);
        return new BigDecimal(first.add(BigInteger.valueOf(index).mod(span)), scale);
    }

    private static Source booleans(long columnSeed) {
        return (row, attempt) -> switch (attempt % 3) {
            case 0 -> (row + offset(columnSeed, attempt, 2)) % 2 == 0 ? "true" : "false";
            case 1 -> "true";
            default -> "false";
        };
    }

    private enum TextForm { LITERAL, EMAIL, WORDS, LOWER, UPPER, DIGITS }

    /**
     * Text of at most {@code maxLength} characters: one of the strings the CHECK names when it names some, else (and
     * on the other attempts) the column's name with the row number, letters, capitals, digits, an email address
     * (first for columns named like one).
     */
    private static Source text(int maxLength, SeedColumn column) {
        Source shaped = shapedText(maxLength, column);
        Source later = column.castTo() == null ? null : forType(new ValueType(column.castTo(), 'X', -1, null,
                List.of()), new SeedColumn(column.name(), column.position(), column.hints(), column.seed()));
        if (later == null) {
            return shaped;
        }
        // a value of the later type, unless the column is too short for it
        return (row, attempt) -> {
            String value = later.value(row, attempt);
            return value != null && value.length() <= maxLength ? value : shaped.value(row, attempt);
        };
    }

    private static Source shapedText(int maxLength, SeedColumn column) {
        long columnSeed = column.seed();
        Hints hints = column.hints();
        // not the patterns of LIKE and regular expressions ('%@%', '^[A-Z]+$'): rows of them fail the CHECK
        List<String> literals = hints.strings().stream()
                .filter(s -> s.length() <= maxLength && !PATTERN_CHARACTERS.matcher(s).find()).toList();
        // a CHECK on the length (char_length(code) = 3) names it as a number
        int length = hints.numbers().stream().filter(n -> n.signum() > 0 && n.scale() <= 0
                && n.compareTo(BigDecimal.valueOf(Math.min(maxLength, 64))) <= 0)
                .map(BigDecimal::intValue).findFirst().orElse(Math.min(maxLength, 8));
        String word = column.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "");
        String prefix = word.isEmpty() ? "value" : word.substring(0, Math.min(word.length(), 16));
        boolean email = prefix.contains("mail");
        List<TextForm> shapes = new ArrayList<>();
        if (email) {
            shapes.add(TextForm.EMAIL);
        }
        shapes.addAll(List.of(TextForm.WORDS, TextForm.LOWER, TextForm.UPPER, TextForm.DIGITS));
        if (!email) {
            shapes.add(TextForm.EMAIL);
        }
        return (row, attempt) -> {
            int offset = offset(columnSeed, attempt, 1000);
            long bits = rowBits(columnSeed, row, attempt);
            TextForm form = literals.isEmpty() ? shapes.get(attempt % shapes.size())
                    : alternative(attempt) == HINTED ? TextForm.LITERAL : shapes.get(alternative(attempt));
            String value = switch (form) {
                case LITERAL -> literals.get(Math.floorMod(row - 1 + offset, literals.size()));
                case EMAIL -> "user" + row + "." + letters(bits, 4, 'a') + "@example.com";
                case WORDS -> prefix + "-" + row + "-" + letters(bits, 4, 'a');
                case LOWER -> letters(row + offset, length, 'a');
                case UPPER -> letters(row + offset, length, 'A');
                case DIGITS -> digits(row + offset, length);
            };
            return value.length() <= maxLength ? value : compact(row, bits, maxLength);
        };
    }

    /** A value of at most maxLength characters that still differs from row to row: the row number first. */
    private static String compact(int row, long bits, int maxLength) {
        int width = Math.min(maxLength, 4);
        String number = Long.toString(row % (long) Math.pow(36, width), 36);
        String fixed = "0".repeat(width - number.length()) + number;
        return (fixed + letters(bits, Math.max(8, maxLength - width), 'a')).substring(0, maxLength);
    }

    /** {@code length} letters spelling n in base 26 (the lowest digits when n needs more), from {@code first}. */
    private static String letters(long n, int length, char first) {
        StringBuilder s = new StringBuilder();
        long rest = n & Long.MAX_VALUE;
        for (int i = 0; i < length; i++) {
            s.append((char) (first + rest % 26));
            rest /= 26;
        }
        return s.reverse().toString();
    }

    private static String digits(long n, int length) {
        StringBuilder s = new StringBuilder();
        long rest = n & Long.MAX_VALUE;
        for (int i = 0; i < length; i++) {
            s.append((char) ('0' + rest % 10));
            rest /= 10;
        }
        return s.reverse().toString();
    }

    /**
     * Dates and timestamps, a day apart from row to row. With the CHECK's dates: between them, else after or before
     * them. Without: in 2024; later for later columns; in 2000; earlier for later columns.
     */
    private static Source dates(String builtin, SeedColumn column) {
        long columnSeed = column.seed();
        List<Long> days = column.hints().dates().stream().map(LocalDate::toEpochDay).sorted().toList();
        return (row, attempt) -> {
            int offset = offset(columnSeed, attempt, 365);
            long day;
            if (!days.isEmpty()) {
                day = switch (alternative(attempt)) {
                    case HINTED -> dayBetween(days, row - 1L + offset);
                    case 0 -> days.get(days.size() - 1) + row;
                    case 1 -> days.get(0) - row;
                    default -> dayBetween(days, row * 7L + offset);
                };
            } else {
                day = switch (attempt % 4) {
                    case 0 -> BASE_DAY + offset + row;
                    case 1 -> BASE_DAY + row + column.position();
                    case 2 -> LocalDate.of(2000, 1, 1).toEpochDay() + offset + row;
                    default -> BASE_DAY + row - column.position();
                };
            }
            String date = LocalDate.ofEpochDay(day).toString();
            if (builtin.equals("date")) {
                return date;
            }
            long second = Math.floorMod(rowBits(columnSeed, row, attempt), SECONDS_PER_DAY);
            return date + " " + clock(second) + (builtin.equals("timestamptz") ? "+00" : "");
        };
    }

    private static long dayBetween(List<Long> days, long index) {
        long first = days.get(0) + 1;
        long last = days.size() > 1 ? days.get(days.size() - 1) - 1 : first + 3650;
        return first > last ? days.get(0) : first + Math.floorMod(index, last - first + 1);
    }

    private static String clock(long secondOfDay) {
        return String.format("%02d:%02d:%02d", secondOfDay / 3600, secondOfDay / 60 % 60, secondOfDay % 60);
    }

    /**
     * Times of day 61 seconds apart from row to row (61 and 86,400 share no factor, so they never repeat); on
     * attempt 1 a second apart in an hour that is later for later columns, on attempt 3 earlier.
     */
    private static Source times(String zone, SeedColumn column) {
        return (row, attempt) -> {
            long second = switch (attempt % 4) {
                case 1 -> column.position() * 3600L + row;
                case 3 -> (24 - column.position() % 24) * 3600L + row;
                default -> offset(column.seed(), attempt, 86_400) + row * 61L;
            };
            return clock(Math.floorMod(second, SECONDS_PER_DAY)) + zone;
        };
    }

    private static Source intervals(long columnSeed) {
        return (row, attempt) -> switch (attempt % 3) {
            case 0 -> row + " days " + offset(columnSeed, attempt, 24) + " hours";
            case 1 -> row + " minutes";
            default -> row + " hours";
        };
    }

    /** Objects on even attempts, then arrays, numbers, strings: whatever a CHECK on jsonb_typeof asks for. */
    private static Source json(long columnSeed) {
        return (row, attempt) -> {
            String word = letters(rowBits(columnSeed, row, attempt), 5, 'a');
            return switch (attempt % 4) {
                case 0 -> "{\"id\": " + row + ", \"value\": \"" + word + "\"}";
                case 1 -> "[" + row + ", \"" + word + "\"]";
                case 2 -> Integer.toString(row);
                default -> "\"" + word + row + "\"";
            };
        };
    }

    private static Source network(String builtin, long columnSeed) {
        return (row, attempt) -> {
            int offset = offset(columnSeed, attempt, 256);
            int high = (row >> 8) & 0xff;
            int low = row & 0xff;
            boolean version6 = attempt % 2 == 1;
            return switch (builtin) {
                case "inet" -> version6 ? String.format("2001:db8::%x:%x", offset, row)
                        : String.format("10.%d.%d.%d", offset, high, low);
                case "cidr" -> version6 ? String.format("2001:db8:%x::/48", row & 0xffff)
                        : String.format("10.%d.%d.0/24", (offset + high) & 0xff, low);
                case "macaddr" -> String.format("08:00:2b:%02x:%02x:%02x", offset, high, low);
                default -> String.format("08:00:2b:ff:fe:%02x:%02x:%02x", offset, high, low);
            };
        };
    }

    private static Source bits(int length, long columnSeed) {
        return (row, attempt) -> {
            long n = row + offset(columnSeed, attempt, 1000);
            StringBuilder s = new StringBuilder();
            for (int i = length - 1; i >= 0; i--) {
                s.append(i < 62 && (n >> i & 1) == 1 ? '1' : '0');
            }
            return s.toString();
        };
    }

    private static Source geometry(String builtin, long columnSeed) {
        return (row, attempt) -> {
            int y = offset(columnSeed, attempt, 1000);
            return switch (builtin) {
                case "point" -> "(" + row + "," + y + ")";
                case "line" -> "{1,-1," + row + "}";
                case "lseg" -> "[(" + row + "," + y + "),(" + (row + 1) + "," + (y + 1) + ")]";
                case "box" -> "(" + (row + 1) + "," + (y + 1) + "),(" + row + "," + y + ")";
                case "path" -> "[(0,0),(" + row + "," + y + "),(" + row + "," + (y + 1) + ")]";
                case "polygon" -> "((0,0),(" + row + "," + (y + 1) + "),(" + row + ",0))";
                default -> "<(" + row + "," + y + "),1>";
            };
        };
    }

    /**
     * Ranges that never overlap from row to row (each row owns [10 * row, 10 * row + 10)), so an exclusion
     * constraint with {@code &&} holds whatever attempt each row took.
     */
    private static Source range(String builtin, long columnSeed) {
        return switch (builtin) {
            case "int4range", "int8range", "numrange" -> (row, attempt) -> {
                long start = row * 10L + offset(columnSeed, attempt, 5);
                return "[" + start + "," + (start + 5) + ")";
            };
            case "daterange" -> (row, attempt) -> {
                long start = BASE_DAY + row * 10L + offset(columnSeed, attempt, 5);
                return "[" + LocalDate.ofEpochDay(start) + "," + LocalDate.ofEpochDay(start + 5) + ")";
            };
            case "tsrange", "tstzrange" -> (row, attempt) -> {
                long startHour = row * 10L + offset(columnSeed, attempt, 5);
                return "[\"" + hourText(startHour) + "\",\"" + hourText(startHour + 5) + "\")";
            };
            default -> null;
        };
    }

    private static String hourText(long hoursAfterBase) {
        return LocalDate.ofEpochDay(BASE_DAY + hoursAfterBase / 24) + " " + clock(hoursAfterBase % 24 * 3600) + "+00";
    }
}
