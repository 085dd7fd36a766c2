package dev.schemaguard.lint;

import dev.schemaguard.source.DjangoModule;
import dev.schemaguard.source.PythonHeader;
import dev.schemaguard.source.PythonHeader.Kind;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The positional and keyword arguments of one Python call, as tokens: what the readers of Alembic's op.* calls and
 * Django's operations take their literals from.
 */
record PythonArgs(List<List<PythonHeader.Token>> positional, Map<String, List<PythonHeader.Token>> keyword) {

    /** The arguments from their top-level comma-separated pieces. */
    static PythonArgs of(List<List<PythonHeader.Token>> raw) {
        List<List<PythonHeader.Token>> positional = new ArrayList<>();
        Map<String, List<PythonHeader.Token>> keyword = new HashMap<>();
        for (List<PythonHeader.Token> arg : raw) {
            if (arg.size() >= 2 && arg.get(0).kind() == Kind.NAME && arg.get(1).kind() == Kind.OP
                    && arg.get(1).text().equals("=")) {
                keyword.put(arg.get(0).text(), arg.subList(2, arg.size()));
            } else {
                positional.add(arg);
            }
        }
        return new PythonArgs(positional, keyword);
    }

    /** The arguments of a whole call expression ({@code models.CharField(max_length=10)}); none when it is no call. */
    static PythonArgs ofCall(List<PythonHeader.Token> call) {
        int open = 0;
        while (open < call.size() && !call.get(open).text().equals("(")) {
            open++;
        }
        return of(open >= call.size() ? List.of() : DjangoModule.items(call.subList(open, call.size())));
    }

    List<PythonHeader.Token> get(int index, String keywordName) {
        if (keyword.containsKey(keywordName)) {
            return keyword.get(keywordName);
        }
        return index >= 0 && index < positional.size() ? positional.get(index) : null;
    }

    boolean isTrue(String keywordName) {
        return is(keywordName, "True");
    }

    boolean isFalse(String keywordName) {
        return is(keywordName, "False");
    }

    private boolean is(String keywordName, String literal) {
        List<PythonHeader.Token> value = keyword.get(keywordName);
        return value != null && value.size() == 1 && value.get(0).text().equals(literal);
    }

    /** The dotted name a call expression starts with ({@code sa.Column}), or "" when it is no call. */
    static String callName(List<PythonHeader.Token> expression) {
        if (expression == null) {
            return "";
        }
        StringBuilder name = new StringBuilder();
        for (PythonHeader.Token t : expression) {
            if (t.kind() == Kind.NAME || t.text().equals(".")) {
                name.append(t.text());
            } else {
                return t.text().equals("(") ? name.toString() : "";
            }
        }
        return "";
    }
}
