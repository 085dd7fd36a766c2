package dev.schemaguard.consumers;

import java.util.List;

/**
 * A call in a consumer's code outside SQL, with the arguments that hold names: how a helper
 * ({@code simple_select_one(table="users", keyvalues={"id": 1}, retcols=["name"])}, {@code knex('users')}) names the
 * table and the columns it reads or writes.
 *
 * @param function  the called function's name (the last name before the parenthesis)
 * @param line      the line of that name
 * @param arguments its arguments, in order
 */
public record Call(String function, int line, List<Argument> arguments) {

    public Call {
        arguments = List.copyOf(arguments);
    }

    /**
     * One argument.
     *
     * @param position its position, from 1
     * @param keyword  its keyword ({@code table=} in Python), or {@code null} for a positional argument
     * @param kind     what it is
     * @param strings  its string ({@link Kind#STRING}), the strings of a list, or the string keys of a dict
     */
    public record Argument(int position, String keyword, Kind kind, List<String> strings) {

        public Argument {
            strings = List.copyOf(strings);
        }
    }

    /** The forms of argument that can name tables and columns. */
    public enum Kind {
        /** A plain string literal. */
        STRING,
        /** A list or tuple literal: its string items. */
        LIST,
        /** A dict or object literal: its string (or, in JavaScript, name) keys. */
        DICT,
        /** Anything else. */
        OTHER
    }
}
