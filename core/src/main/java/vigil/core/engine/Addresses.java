package vigil.core.engine;

/**
 * Address keys for matching: case, punctuation, repeated spaces and postcode spacing ignored. A UK postcode at the
 * end is recognised and written in its normal form ({@code SE1 1AA}), so "london se11aa" and "London SE1 1AA" agree.
 */
final class Addresses {
    private Addresses() {}

    /** The matching key of an address, or null for none (absent or blank). */
    static String key(String address) {
        if (address == null) {
            return null;
        }
        // Upper-case letters and digits; every run of anything else becomes one space. Apostrophes join ("St Mary's").
        StringBuilder b = new StringBuilder(address.length());
        boolean gap = false;
        for (int i = 0; i < address.length(); i++) {
            char c = address.charAt(i);
            if (c >= 'a' && c <= 'z') {
                c = (char) (c - 32);
            }
            if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) {
                if (gap && b.length() > 0) {
                    b.append(' ');
                }
                b.append(c);
                gap = false;
            } else if (c != '\'' && c != '\u2019') {
                gap = true;
            }
        }
        if (b.length() == 0) {
            return null;
        }
        return withPostcodeSpaced(b);
    }

    /**
     * If the key ends in a UK postcode (outward A9, A99, A9A, AA9, AA99, AA9A, inward 9AA), written with or without
     * its space, writes it with exactly one space.
     */
    private static String withPostcodeSpaced(StringBuilder b) {
        int end = b.length();
        // inward code: digit, letter, letter
        if (end < 5 || !letter(b.charAt(end - 1)) || !letter(b.charAt(end - 2)) || !digit(b.charAt(end - 3))) {
            return b.toString();
        }
        int inward = end - 3;
        int outwardEnd = inward > 0 && b.charAt(inward - 1) == ' ' ? inward - 1 : inward;
        for (int len = 4; len >= 2; len--) {
            int s = outwardEnd - len;
            if (s < 0 || (s > 0 && b.charAt(s - 1) != ' ')) {
                continue;
            }
            if (isOutward(b, s, outwardEnd)) {
                String before = b.substring(0, s).trim();
                String postcode = b.substring(s, outwardEnd) + " " + b.substring(inward, end);
                return before.isEmpty() ? postcode : before + " " + postcode;
            }
        }
        return b.toString();
    }

    private static boolean isOutward(StringBuilder b, int s, int e) {
        int len = e - s;
        char c0 = b.charAt(s);
        char c1 = b.charAt(s + 1);
        return switch (len) {
            case 2 -> letter(c0) && digit(c1);
            case 3 -> letter(c0) && ((digit(c1) && (digit(b.charAt(s + 2)) || letter(b.charAt(s + 2))))
                    || (letter(c1) && digit(b.charAt(s + 2))));
            case 4 -> letter(c0) && letter(c1) && digit(b.charAt(s + 2))
                    && (digit(b.charAt(s + 3)) || letter(b.charAt(s + 3)));
            default -> false;
        };
    }

    private static boolean letter(char c) {
        return c >= 'A' && c <= 'Z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
