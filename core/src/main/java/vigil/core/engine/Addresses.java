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
     * If the key ends in a UK postcode (outward A9, A99, A9A, AA9, AA99, AA9A, inward 9AA), however it is spaced
     * ({@code SE11AA}, {@code SE11 AA}, {@code SE 1 1AA}), writes it as outward, one space, inward. The postcode is
     * the longest run of whole trailing words that spells one, so every spacing of the same letters gives one key.
     */
    private static String withPostcodeSpaced(StringBuilder b) {
        int end = b.length();
        char[] tail = new char[7];
        int n = 0; // letters and digits gathered from the end, in reverse
        int found = -1; // start in b of the longest postcode so far
        int foundLength = 0;
        int i = end;
        while (i > 0) {
            int wordStart = i;
            while (wordStart > 0 && b.charAt(wordStart - 1) != ' ') {
                wordStart--;
            }
            if (n + (i - wordStart) > tail.length) {
                break;
            }
            for (int k = i - 1; k >= wordStart; k--) {
                tail[n++] = b.charAt(k);
            }
            if (isPostcode(tail, n)) {
                found = wordStart;
                foundLength = n;
            }
            i = wordStart - 1; // skip the space
        }
        if (found < 0) {
            return b.toString();
        }
        StringBuilder key = new StringBuilder(end + 1);
        if (found > 0) {
            key.append(b, 0, found - 1).append(' ');
        }
        for (int k = foundLength - 1; k >= 3; k--) {
            key.append(tail[k]);
        }
        return key.append(' ').append(tail[2]).append(tail[1]).append(tail[0]).toString();
    }

    /** Whether the first {@code n} characters of {@code r}, read backwards, spell a postcode without its space. */
    private static boolean isPostcode(char[] r, int n) {
        // inward code (the last three): digit, letter, letter
        if (n < 5 || !letter(r[0]) || !letter(r[1]) || !digit(r[2])) {
            return false;
        }
        char c0 = r[n - 1];
        char c1 = r[n - 2];
        return switch (n - 3) {
            case 2 -> letter(c0) && digit(c1);
            case 3 -> letter(c0) && ((digit(c1) && (digit(r[3]) || letter(r[3]))) || (letter(c1) && digit(r[3])));
            case 4 -> letter(c0) && letter(c1) && digit(r[4]) && (digit(r[3]) || letter(r[3]));
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
