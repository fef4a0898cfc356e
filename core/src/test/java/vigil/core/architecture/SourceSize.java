package vigil.core.architecture;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The lengths TIGER_STYLE limits, read from Java source: each method's (or constructor's) lines from its first line
 * to its closing brace. A reader for code written the way this repository writes it, not a Java parser: strings,
 * characters and comments are blanked first so their braces do not count, and a body counts as a method's when its
 * declaration, read back to the previous member, has a parameter list and is not a type or a field initializer.
 */
final class SourceSize {

    /** One method: where it is and how long it is, in lines. */
    record Method(String file, String name, int firstLine, int lines) {
        @Override
        public String toString() {
            return file + ":" + firstLine + " " + name + "(...) is " + lines + " lines";
        }
    }

    private enum Body { TYPE, METHOD, OTHER }

    private static final Pattern TYPE_DECLARATION = Pattern.compile("\\b(class|interface|enum|record)\\s+\\w+");
    private static final Pattern NAME_BEFORE_PARAMETERS = Pattern.compile("(\\w+)\\s*(<[^()]*>)?\\s*\\($");

    private SourceSize() {}

    /** Every method and constructor in {@code source}, with its length. */
    static List<Method> methods(String file, String source) {
        char[] code = blankCommentsAndLiterals(source).toCharArray();
        List<Method> found = new ArrayList<>();
        Deque<Body> open = new ArrayDeque<>();
        Deque<int[]> starts = new ArrayDeque<>(); // for each open body: its declaration's first line
        Deque<String> names = new ArrayDeque<>();
        StringBuilder declaration = new StringBuilder();
        int line = 1;
        int declarationLine = -1;
        for (char c : code) {
            boolean inTypeBody = open.isEmpty() || open.peek() == Body.TYPE;
            if (c == '{') {
                Body kind = inTypeBody ? kindOf(declaration.toString()) : Body.OTHER;
                open.push(kind);
                starts.push(new int[] {declarationLine < 0 ? line : declarationLine});
                names.push(kind == Body.METHOD ? nameOf(declaration.toString()) : "");
                declaration.setLength(0);
                declarationLine = -1;
            } else if (c == '}') {
                if (open.isEmpty()) {
                    throw new IllegalArgumentException(file + ":" + line + ": unbalanced '}'");
                }
                Body kind = open.pop();
                int first = starts.pop()[0];
                String name = names.pop();
                if (kind == Body.METHOD) {
                    found.add(new Method(file, name, first, line - first + 1));
                }
                declaration.setLength(0);
                declarationLine = -1;
            } else if (c == ';' && inTypeBody) {
                declaration.setLength(0);
                declarationLine = -1;
            } else if (inTypeBody) {
                if (declarationLine < 0 && !Character.isWhitespace(c)) {
                    declarationLine = line;
                }
                declaration.append(c);
            }
            if (c == '\n') {
                line++;
            }
        }
        return found;
    }

    private static Body kindOf(String declaration) {
        String d = declaration.replaceAll("@\\w+(\\([^)]*\\))?", " ").strip();
        int paren = d.indexOf('(');
        var type = TYPE_DECLARATION.matcher(d);
        if (type.find() && (paren < 0 || type.start() < paren)) {
            return Body.TYPE;
        }
        if (paren >= 0 && d.substring(0, paren).contains("=")) {
            return d.contains("new ") ? Body.TYPE : Body.OTHER; // an anonymous class in a field's initializer
        }
        if (paren < 0) {
            return Body.OTHER; // an initializer block, a compact constructor, an array initializer
        }
        return Body.METHOD;
    }

    private static String nameOf(String declaration) {
        String d = declaration.replaceAll("@\\w+(\\([^)]*\\))?", " ");
        int paren = d.indexOf('(');
        var m = NAME_BEFORE_PARAMETERS.matcher(d.substring(0, paren + 1));
        return m.find() ? m.group(1) : d.substring(0, paren).strip();
    }

    /** The source with comments, strings, text blocks and characters turned into spaces, line breaks kept. */
    static String blankCommentsAndLiterals(String s) {
        StringBuilder out = new StringBuilder(s.length());
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            String end = null;
            int skip = 0;
            if (s.startsWith("//", i)) {
                end = "\n";
                skip = 2;
            } else if (s.startsWith("/*", i)) {
                end = "*/";
                skip = 2;
            } else if (s.startsWith("\"\"\"", i)) {
                end = "\"\"\"";
                skip = 3;
            } else if (c == '"' || c == '\'') {
                end = String.valueOf(c);
                skip = 1;
            }
            if (end == null) {
                out.append(c);
                i++;
                continue;
            }
            int j = i + skip;
            while (j < s.length() && !s.startsWith(end, j)) {
                j += s.charAt(j) == '\\' && !end.equals("\n") && !end.equals("*/") ? 2 : 1;
            }
            int stop = Math.min(s.length(), end.equals("\n") ? j : j + end.length());
            for (int k = i; k < stop; k++) {
                out.append(s.charAt(k) == '\n' ? '\n' : ' ');
            }
            i = stop;
        }
        return out.toString();
    }
}
