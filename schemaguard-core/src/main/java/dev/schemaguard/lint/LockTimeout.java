package dev.schemaguard.lint;

import dev.schemaguard.sql.Command;
import dev.schemaguard.sql.Statement;
import dev.schemaguard.sql.Token;
import dev.schemaguard.sql.TokenKind;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a statement does to {@code lock_timeout}: the setting that keeps a blocked ALTER from stalling a table. */
public final class LockTimeout {

    /** 0 in any unit, or DEFAULT (which is 0 unless the role or database says otherwise): no limit. */
    private static final Pattern NO_LIMIT = Pattern.compile("(?i)\\s*'?\\s*(0+(\\.0*)?\\s*(us|ms|s|min|h|d)?|default)\\s*'?\\s*");

    private LockTimeout() {
    }

    /**
     * {@code TRUE} when the statement sets a lock timeout, {@code FALSE} when it removes one (0, DEFAULT,
     * RESET), {@code null} when it does not touch the setting: SET, SET LOCAL, RESET [ALL] and
     * {@code SELECT set_config('lock_timeout', ...)}.
     */
    public static Boolean effect(Statement statement, Command command) {
        if (command instanceof Command.SetVariable set && set.name().equals("lock_timeout")) {
            return !NO_LIMIT.matcher(set.value()).matches();
        }
        List<Token> tokens = statement.tokens();
        if (command instanceof Command.Harmless harmless && harmless.words().equals("RESET") && tokens.size() >= 2
                && (tokens.get(1).isWord("lock_timeout") || tokens.get(1).isWord("all"))) {
            return false;
        }
        if (command instanceof Command.Dml dml && dml.kind() == Command.DmlKind.SELECT) {
            for (int i = 0; i + 4 < tokens.size(); i++) {
                if (tokens.get(i).isWord("set_config") && tokens.get(i + 1).isPunctuation("(")
                        && isString(tokens.get(i + 2), "lock_timeout") && tokens.get(i + 3).isPunctuation(",")
                        && tokens.get(i + 4).kind() == TokenKind.STRING) {
                    return !NO_LIMIT.matcher(tokens.get(i + 4).value().toLowerCase(Locale.ROOT)).matches();
                }
            }
        }
        return null;
    }

    private static boolean isString(Token token, String value) {
        return token.kind() == TokenKind.STRING && token.value().equals(value);
    }
}
